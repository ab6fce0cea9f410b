import { describe, expect, it } from "vitest";
import type { AnchorDto, AnnotationDto } from "../../../../common/annotations.ts";
import type { BlockIndex, BlockInfo } from "../../editor/anchors.ts";
import { documentOrderKey, inDocumentOrder } from "./ordering.ts";

/** Paragraphs p0..p9, in that order. */
const blocks: BlockInfo[] = Array.from({ length: 10 }, (_, order) => ({ pid: `p${order}`, order, start: order * 100 + 1, size: 90 }) as BlockInfo);
const index: BlockIndex = { byPid: new Map(blocks.map((b) => [b.pid, b])), blocks };

type Item = Pick<AnnotationDto, "id" | "anchor" | "createdAt">;

/** Only the anchor's ends enter the order. */
const ends = (sp: string, so: number, ep: string, eo: number) => ({ start: { paragraphId: sp, offset: so }, end: { paragraphId: ep, offset: eo } }) as unknown as AnchorDto;

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function items(n: number, seed: number): Item[] {
  const r = random(seed);
  const pick = (k: number) => Math.floor(r() * k);
  return Array.from({ length: n }, (_, i) => {
    // Some anchors name a paragraph the index does not have (they sort last).
    const sp = pick(12);
    const ep = Math.max(sp, pick(12));
    return {
      id: `a${pick(50)}-${i}`,
      createdAt: `2026-01-0${1 + pick(3)}T00:00:00.000Z`,
      anchor: ends(`p${sp}`, pick(5), `p${ep}`, pick(5)),
    };
  });
}

/** The order spelled out: the key's four parts, then creation time, then id. */
function reference(list: Item[]): Item[] {
  return [...list].sort((x, y) => {
    const a = documentOrderKey(index, x);
    const b = documentOrderKey(index, y);
    for (let i = 0; i < 4; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return x.createdAt < y.createdAt ? -1 : x.createdAt > y.createdAt ? 1 : x.id < y.id ? -1 : 1;
  });
}

describe("inDocumentOrder", () => {
  it("orders by start paragraph and offset, end, creation time and id; unplaceable anchors last", () => {
    const a = (id: string, sp: string, so: number, ep: string, eo: number, createdAt = "2026-01-01T00:00:00.000Z"): Item => ({ id, createdAt, anchor: ends(sp, so, ep, eo) });
    const list = [a("gone", "p99", 0, "p99", 1), a("late", "p2", 0, "p2", 4), a("b", "p1", 5, "p1", 9), a("wide", "p1", 5, "p3", 1), a("first", "p0", 0, "p0", 1), a("b2", "p1", 5, "p1", 9, "2026-01-02T00:00:00.000Z"), a("a2", "p1", 5, "p1", 9)];
    expect(inDocumentOrder(index, list).map((x) => x.id)).toEqual(["first", "a2", "b", "b2", "wide", "late", "gone"]);
  });

  it("gives the same order as the reference sort, on many random lists", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const list = items(seed * 7, seed);
      expect(inDocumentOrder(index, list).map((x) => x.id), `seed ${seed}`).toEqual(reference(list).map((x) => x.id));
    }
    expect(inDocumentOrder(index, [])).toEqual([]);
  });
});

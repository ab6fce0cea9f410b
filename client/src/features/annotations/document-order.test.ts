import { describe, expect, it } from "vitest";
import type { AnchorDto, AnnotationDto } from "../../../../common/annotations.ts";
import type { BlockIndex, BlockInfo } from "../../editor/anchors.ts";
import { inDocumentOrder } from "./ordering.ts";

/** Paragraphs p0..p9, in that order. */
const blocks: BlockInfo[] = Array.from({ length: 10 }, (_, order) => ({ pid: `p${order}`, order, start: order * 100 + 1, size: 90 }) as BlockInfo);
const index: BlockIndex = { byPid: new Map(blocks.map((b) => [b.pid, b])), blocks };

type Item = Pick<AnnotationDto, "id" | "anchor" | "createdAt">;

/** Only the anchor's ends enter the order. */
const ends = (sp: string, so: number, ep: string, eo: number) => ({ start: { paragraphId: sp, offset: so }, end: { paragraphId: ep, offset: eo } }) as unknown as AnchorDto;

describe("inDocumentOrder", () => {
  it("orders by start paragraph and offset, end, creation time and id; unplaceable anchors last", () => {
    const a = (id: string, sp: string, so: number, ep: string, eo: number, createdAt = "2026-01-01T00:00:00.000Z"): Item => ({ id, createdAt, anchor: ends(sp, so, ep, eo) });
    const list = [a("gone", "p99", 0, "p99", 1), a("late", "p2", 0, "p2", 4), a("b", "p1", 5, "p1", 9), a("wide", "p1", 5, "p3", 1), a("first", "p0", 0, "p0", 1), a("b2", "p1", 5, "p1", 9, "2026-01-02T00:00:00.000Z"), a("a2", "p1", 5, "p1", 9)];
    expect(inDocumentOrder(index, list).map((x) => x.id)).toEqual(["first", "a2", "b", "b2", "wide", "late", "gone"]);
  });

  it("gives an empty list for none", () => {
    expect(inDocumentOrder(index, [])).toEqual([]);
  });
});

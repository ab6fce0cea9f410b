import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { layout, piecesOf } from "./segments.ts";
import type { ExportAnnotation, ExportParagraph } from "./snapshot.ts";

const para = (index: number, text: string): ExportParagraph => ({ id: `p${index}`, index, kind: "paragraph", text, level: null, role: null, depth: null, ordered: null });
const ann = (number: number, s: [number, number], e: [number, number]) => ({ number, start: { index: s[0], offset: s[1] }, end: { index: e[0], offset: e[1] } }) as ExportAnnotation;

/** Each note's covered text: its text pieces, paragraphs joined with "\n". */
function covered(paragraphs: ExportParagraph[], annotations: ExportAnnotation[]): Map<number, string> {
  const out = new Map<number, string>();
  layout(paragraphs, annotations).forEach((pieces, i) => {
    for (const a of annotations) {
      if (i < a.start.index || i > a.end.index) continue;
      const here = pieces.flatMap((p) => (p.kind === "text" && p.notes.includes(a.number) ? [p.text] : [])).join("");
      out.set(a.number, out.has(a.number) ? `${out.get(a.number)}\n${here}` : here);
    }
  });
  return out;
}

describe("paragraph pieces", () => {
  it("splits overlapping and nested spans into segments that list every covering note", () => {
    const pieces = piecesOf("abcdefghij", [
      { note: 1, from: 1, to: 6, opens: true, closes: true },
      { note: 2, from: 4, to: 9, opens: true, closes: true },
      { note: 3, from: 2, to: 3, opens: true, closes: true },
    ]);
    expect(pieces).toEqual([
      { kind: "text", text: "a", notes: [] },
      { kind: "open", note: 1 },
      { kind: "text", text: "b", notes: [1] },
      { kind: "open", note: 3 },
      { kind: "text", text: "c", notes: [1, 3] },
      { kind: "close", note: 3 },
      { kind: "text", text: "d", notes: [1] },
      { kind: "open", note: 2 },
      { kind: "text", text: "ef", notes: [1, 2] },
      { kind: "close", note: 1 },
      { kind: "text", text: "ghi", notes: [2] },
      { kind: "close", note: 2 },
      { kind: "text", text: "j", notes: [] },
    ]);
  });

  it("keeps the text whole and gives every annotation exactly its quote, for any spans", () => {
    const texts = fc.array(fc.string({ minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(texts, fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()), { maxLength: 8 }), (ts, raw) => {
        const paragraphs = ts.map((t, i) => para(i, t));
        const annotations = raw.map(([a, b, c, d], i) => {
          let s: [number, number] = [a % ts.length, 0];
          let e: [number, number] = [c % ts.length, 0];
          s[1] = b % (ts[s[0]]!.length + 1);
          e[1] = d % (ts[e[0]]!.length + 1);
          if (e[0] < s[0] || (e[0] === s[0] && e[1] < s[1])) [s, e] = [e, s];
          return ann(i + 1, s, e);
        });
        const pieces = layout(paragraphs, annotations);
        pieces.forEach((ps, i) => expect(ps.flatMap((p) => (p.kind === "text" ? [p.text] : [])).join("")).toBe(ts[i]));
        const got = covered(paragraphs, annotations);
        for (const a of annotations) {
          const joined = ts.join("\n");
          const offset = (idx: number, off: number) => ts.slice(0, idx).reduce((n, t) => n + t.length + 1, 0) + off;
          expect(got.get(a.number) ?? "").toBe(joined.slice(offset(a.start.index, a.start.offset), offset(a.end.index, a.end.offset)));
          const opens = pieces[a.start.index]!.filter((p) => p.kind === "open" && p.note === a.number).length;
          const closes = pieces[a.end.index]!.filter((p) => p.kind === "close" && p.note === a.number).length;
          expect([opens, closes]).toEqual([1, 1]);
        }
      }),
    );
  });
});

/** The straightforward reading of the rules, kept as the reference the faster cut must match. */
function referencePieces(text: string, ranges: Parameters<typeof piecesOf>[1]) {
  if (ranges.length === 0) return text ? [{ kind: "text", text, notes: [] }] : [];
  const bounds = [...new Set([0, text.length, ...ranges.flatMap((r) => [r.from, r.to])])].sort((a, b) => a - b);
  const active = new Set<number>();
  const pieces: unknown[] = [];
  for (let i = 0; i < bounds.length; i++) {
    const b = bounds[i]!;
    const closing = ranges.filter((r) => r.to === b && r.closes).sort((x, y) => y.note - x.note);
    for (const r of ranges) if (r.to === b) active.delete(r.note);
    for (const r of closing) pieces.push({ kind: "close", note: r.note });
    const opening = ranges.filter((r) => r.from === b).sort((x, y) => x.note - y.note);
    for (const r of opening) {
      if (r.opens) pieces.push({ kind: "open", note: r.note });
      if (r.to > r.from) active.add(r.note);
    }
    const next = bounds[i + 1];
    if (next !== undefined && next > b) pieces.push({ kind: "text", text: text.slice(b, next), notes: [...active].sort((x, y) => x - y) });
  }
  return pieces;
}

describe("paragraph pieces, cut by walking the ranges in order", () => {
  it("match the rules read straightforwardly, for any ranges (empty, reversed, shared bounds, neither opening nor closing)", () => {
    const range = fc.record({ from: fc.integer({ min: 0, max: 12 }), to: fc.integer({ min: 0, max: 12 }), opens: fc.boolean(), closes: fc.boolean() });
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.array(range, { maxLength: 10 }), fc.integer({ min: 1, max: 1000 }), (text, rs, seed) => {
        // Distinct note numbers, in no particular order.
        const ranges = rs.map((r, i) => ({ ...r, from: Math.min(r.from, text.length), to: Math.min(r.to, text.length), note: ((i * 7919 + seed) % 997) * 10 + i }));
        expect(piecesOf(text, ranges)).toEqual(referencePieces(text, ranges));
      }),
      { numRuns: 2000 },
    );
  });
});

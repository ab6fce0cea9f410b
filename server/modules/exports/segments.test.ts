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

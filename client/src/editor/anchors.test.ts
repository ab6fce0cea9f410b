import { describe, expect, it } from "vitest";
import { anchorToRange, buildBlockIndex, posToPoint, quoteBetween, rangeToAnchor } from "./anchors.ts";
import { articleDoc, paragraph } from "./test-doc.ts";

const paragraphs = [
  paragraph("p_title", 0, "The Title", { kind: "heading", level: 1, role: "title" }),
  paragraph("p_author", 1, "Ana Author", { kind: "meta", role: "author" }),
  paragraph("p_1", 2, "Alpha beta gamma.", { marks: [{ type: "bold", start: 6, end: 10 }] }),
  paragraph("p_2", 3, "First item", { kind: "listItem", depth: 0 }),
  paragraph("p_3", 4, "Second item", { kind: "listItem", depth: 1 }),
  paragraph("p_4", 5, "A quoted line 😀 ends.", { kind: "quote" }),
  paragraph("p_empty", 6, ""),
];

describe("anchors <-> positions", () => {
  const doc = articleDoc(paragraphs);
  const index = buildBlockIndex(doc);

  it("indexes every paragraph in document order, front matter and list items included", () => {
    expect(index.blocks.map((b) => b.pid)).toEqual(["p_title", "p_author", "p_1", "p_2", "p_3", "p_4", "p_empty"]);
    for (const p of paragraphs) {
      const b = index.byPid.get(p.id)!;
      expect(b.size).toBe(p.text.length);
      expect(doc.textBetween(b.start, b.start + b.size)).toBe(p.text);
    }
  });

  it("maps an anchor to the exact characters, across marks and paragraphs", () => {
    const r = anchorToRange(index, { start: { paragraphId: "p_1", offset: 6 }, end: { paragraphId: "p_1", offset: 10 } })!;
    expect(doc.textBetween(r.from, r.to)).toBe("beta");
    const across = anchorToRange(index, { start: { paragraphId: "p_1", offset: 12 }, end: { paragraphId: "p_3", offset: 6 } })!;
    expect(doc.textBetween(across.from, across.to, "\n")).toBe("amma.\nFirst item\nSecond");
  });

  it("counts UTF-16 units like the server (a surrogate pair is two)", () => {
    const text = paragraphs[5]!.text;
    const start = text.indexOf("😀");
    const r = anchorToRange(index, { start: { paragraphId: "p_4", offset: start }, end: { paragraphId: "p_4", offset: start + 2 } })!;
    expect(doc.textBetween(r.from, r.to)).toBe("😀");
  });

  it("refuses anchors it cannot place", () => {
    expect(anchorToRange(index, { start: { paragraphId: "nope", offset: 0 }, end: { paragraphId: "p_1", offset: 2 } })).toBeNull();
    expect(anchorToRange(index, { start: { paragraphId: "p_1", offset: 0 }, end: { paragraphId: "p_1", offset: 99 } })).toBeNull();
    expect(anchorToRange(index, { start: { paragraphId: "p_1", offset: 5 }, end: { paragraphId: "p_1", offset: 5 } })).toBeNull();
  });

  it("round-trips a selection to the anchor and quote the server computes", () => {
    const b1 = index.byPid.get("p_1")!;
    const b3 = index.byPid.get("p_3")!;
    const anchor = rangeToAnchor(doc, index, b1.start + 6, b3.start + 6)!;
    expect(anchor).toEqual({ start: { paragraphId: "p_1", offset: 6 }, end: { paragraphId: "p_3", offset: 6 }, quote: "beta gamma.\nFirst item\nSecond" });
    expect(anchorToRange(index, anchor)).toEqual({ from: b1.start + 6, to: b3.start + 6 });
  });

  it("ends a selection that stops at the start of a paragraph at the end of the previous one", () => {
    const b1 = index.byPid.get("p_1")!;
    const b2 = index.byPid.get("p_2")!;
    const anchor = rangeToAnchor(doc, index, b1.start, b2.start)!;
    expect(anchor.end).toEqual({ paragraphId: "p_1", offset: b1.size });
    expect(anchor.quote).toBe("Alpha beta gamma.");
  });

  it("clamps positions between blocks into the nearest paragraph", () => {
    const b2 = index.byPid.get("p_2")!;
    expect(posToPoint(index, b2.start - 1, 1)).toEqual({ paragraphId: "p_2", offset: 0 });
    expect(posToPoint(index, b2.start - 2, -1)).toEqual({ paragraphId: "p_1", offset: 17 });
    expect(rangeToAnchor(doc, index, b2.start - 1, b2.start)).toBeNull();
  });

  it("joins quotes with newlines", () => {
    expect(quoteBetween(doc, index, { paragraphId: "p_2", offset: 6 }, { paragraphId: "p_3", offset: 6 })).toBe("item\nSecond");
  });
});

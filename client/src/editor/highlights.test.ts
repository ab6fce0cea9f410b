import { describe, expect, it } from "vitest";
import { articleChunks, buildChunk, buildHighlightDecorations, chunkKey, CHUNK_BLOCKS, highlightsByChunk, segmentAt, segmentAttrs, segmentize, type Highlight } from "./highlights.ts";
import { articleDoc, paragraph } from "./test-doc.ts";
import { buildBlockIndex } from "./anchors.ts";
import { css, highlightBackground, paletteCss, TONE_COLORS } from "./highlight-palette.ts";

const h = (id: string, from: number, to: number, extra: Partial<Highlight> = {}): Highlight => ({ id, from, to, kind: "comment", tagColor: null, ...extra });

describe("highlight segments", () => {
  it("cuts overlapping ranges into disjoint segments listing every covering annotation, innermost first", () => {
    const segs = segmentize([h("long", 0, 20), h("short", 5, 10), h("tail", 15, 30)]);
    expect(segs).toEqual([
      { from: 0, to: 5, ids: ["long"] },
      { from: 5, to: 10, ids: ["short", "long"] },
      { from: 10, to: 15, ids: ["long"] },
      { from: 15, to: 20, ids: ["tail", "long"] },
      { from: 20, to: 30, ids: ["tail"] },
    ]);
  });

  it("does not treat touching ranges as overlapping, and skips empty ones", () => {
    expect(segmentize([h("a", 0, 5), h("b", 5, 9), h("empty", 7, 7)])).toEqual([
      { from: 0, to: 5, ids: ["a"] },
      { from: 5, to: 9, ids: ["b"] },
    ]);
  });

  it("keeps identical ranges together in one segment", () => {
    expect(segmentize([h("x", 2, 4), h("y", 2, 4)])).toEqual([{ from: 2, to: 4, ids: ["x", "y"] }]);
  });

  it("finds the segment at a position by binary search", () => {
    const segs = segmentize([h("a", 0, 5), h("b", 10, 20)]);
    expect(segmentAt(segs, 3)?.ids).toEqual(["a"]);
    expect(segmentAt(segs, 7)).toBeNull();
    expect(segmentAt(segs, 20)?.ids).toEqual(["b"]);
  });

  it("marks depth, kind, tag colour and pending state in the attributes", () => {
    const byId = new Map([
      ["c", h("c", 0, 10, { kind: "claim", tagColor: "#9c36b5" })],
      ["d", h("d", 0, 20, { pending: true })],
    ]);
    const [first] = segmentize([...byId.values()]);
    expect(segmentAttrs(first!, byId)).toEqual({ class: "anno anno-claim anno-tone-claim-open anno-depth-2 anno-pending", "data-anno": "c d", style: "--anno-tag: #9c36b5" });
  });

  it("gives each tone and depth its colours through class rules", () => {
    const rules = paletteCss();
    expect(rules).toContain(`.anno-tone-claim-false{--anno-bg:${css(highlightBackground("claim-false", 1))};--anno-line:${css(TONE_COLORS["claim-false"])}}`);
    expect(rules).toContain(`.anno-tone-comment.anno-depth-3{--anno-bg:${css(highlightBackground("comment", 3))}}`);
    expect(rules).toContain('.claim-icon[data-status="retracted"]{--icon:');
  });

  it("colours a claim by its review state", () => {
    const byId = new Map([["c", h("c", 0, 10, { kind: "claim", status: "disputed" })]]);
    const [seg] = segmentize([...byId.values()]);
    expect(segmentAttrs(seg!, byId)).toEqual({ class: "anno anno-claim anno-tone-claim-disputed", "data-anno": "c" });
  });

  it("builds one decoration per segment on a real document", () => {
    const doc = articleDoc([paragraph("p1", 0, "Overlapping annotations are normal here.")]);
    const { set, segments } = buildHighlightDecorations(doc, [h("a", 1, 12), h("b", 6, 25), h("outside", 1, 10_000)]);
    expect(segments).toHaveLength(3);
    const found = set.find().filter((d) => d.to > d.from);
    expect(found.map((d) => [d.from, d.to])).toEqual([
      [1, 6],
      [6, 12],
      [12, 25],
    ]);
  });

  it("adds one state icon per claim, just before its first character", () => {
    const doc = articleDoc([paragraph("p1", 0, "Overlapping annotations are normal here.")]);
    const { set } = buildHighlightDecorations(doc, [h("c", 3, 12, { kind: "claim", status: "false" }), h("k", 5, 9), h("open", 14, 20, { kind: "claim" })]);
    const widgets = set.find().filter((d) => d.from === d.to);
    expect(widgets.map((d) => [d.from, (d.spec as { key: string }).key])).toEqual([
      [3, "claim-c-false"],
      [14, "claim-open-open"],
    ]);
  });

  it("handles thousands of overlapping annotations quickly", () => {
    const many = Array.from({ length: 5000 }, (_, i) => h(`a${i}`, (i * 37) % 50_000, ((i * 37) % 50_000) + 40 + (i % 200)));
    const t0 = performance.now();
    const segs = segmentize(many);
    expect(performance.now() - t0).toBeLessThan(200);
    expect(segs.length).toBeGreaterThan(5000);
    for (let i = 1; i < segs.length; i++) expect(segs[i]!.from).toBeGreaterThanOrEqual(segs[i - 1]!.to);
  });
});

describe("highlights drawn in chunks of the article", () => {
  const doc = articleDoc(Array.from({ length: 100 }, (_, i) => paragraph(`p${i}`, i, `Paragraph ${i} says something worth a note or two.`)));
  const chunks = articleChunks(doc);
  // Overlapping highlights, some across paragraphs and across chunk boundaries, some claims.
  const starts = buildBlockIndex(doc).blocks.map((b) => b.start);
  const hs = starts.flatMap((s, i) => [
    h(`a${i}`, s + 2, s + 20, i % 3 === 0 ? { kind: "claim", status: "open" } : {}),
    h(`b${i}`, s + 10, s + 30),
    ...((i % 10 === 9 || (i + 1) % CHUNK_BLOCKS === 0) && i + 1 < starts.length ? [h(`x${i}`, s + 40, starts[i + 1]! + 5)] : []),
  ]);

  it("cuts the article into runs of blocks covering all of it", () => {
    expect(chunks).toHaveLength(Math.ceil(100 / CHUNK_BLOCKS));
    expect(chunks[0]!.from).toBe(0);
    expect(chunks.at(-1)!.to).toBe(doc.content.size);
    for (let i = 1; i < chunks.length; i++) expect(chunks[i]!.from).toBe(chunks[i - 1]!.to);
    expect(articleChunks(doc)).toBe(chunks);
  });

  it("answers 'which annotations are here' exactly as one drawing of everything does", () => {
    const per = highlightsByChunk(chunks, hs);
    const across = hs.find((x) => x.id === `x${CHUNK_BLOCKS - 1}`)!;
    expect(per[0]).toContain(across);
    expect(per[1]).toContain(across);
    const drawn = chunks.map((c, i) => buildChunk(c, per[i]!));
    const segments = drawn.flatMap((d) => d.segments);
    const whole = buildHighlightDecorations(doc, hs).segments;
    // Every character (its middle: at a boundary either neighbour may answer).
    for (let pos = 1; pos < doc.content.size; pos++) {
      const $pos = doc.resolve(pos);
      if (!$pos.parent.isTextblock || pos === $pos.end()) continue;
      expect(segmentAt(segments, pos + 0.5)?.ids ?? null).toEqual(segmentAt(whole, pos + 0.5)?.ids ?? null);
    }
    // One state icon per claim, in the chunk where the claim starts.
    const widgets = drawn.flatMap((d) => d.decorations.filter((x) => x.from === x.to));
    expect(widgets).toHaveLength(hs.filter((x) => x.kind === "claim").length);
  });

  it("gives a chunk a new key only when what it draws changed", () => {
    const before = highlightsByChunk(chunks, hs).map((x) => chunkKey(x));
    const changed = hs.map((x) => (x.id === "b50" ? { ...x, status: null, kind: "highlight" as const } : x));
    const after = highlightsByChunk(chunks, changed).map((x) => chunkKey(x));
    const differs = before.map((k, i) => k !== after[i]);
    expect(differs).toEqual(chunks.map((_, i) => i === Math.floor(50 / CHUNK_BLOCKS)));
  });
});

import { describe, expect, it } from "vitest";
import { placeSpan, suggestionStateAt, trackedChanges } from "./placement.ts";

const paragraphs = [{ text: "First paragraph here." }, { text: "Second one." }];
const indexOf = new Map([
  ["p0", 0],
  ["p1", 1],
]);
const span = (over: Partial<Parameters<typeof placeSpan>[0]> = {}) => ({ startPid: "p0", startOffset: 6, endPid: "p0", endOffset: 15, quote: "paragraph", anchorState: "anchored", ...over });

describe("placing an annotation on a version's text", () => {
  it("places it only where the text between its points is exactly its quote", () => {
    expect(placeSpan(span(), paragraphs, indexOf)).toEqual({ start: { index: 0, offset: 6 }, end: { index: 0, offset: 15 } });
    expect(placeSpan(span({ endPid: "p1", endOffset: 6, quote: "paragraph here.\nSecond" }), paragraphs, indexOf)).toEqual({ start: { index: 0, offset: 6 }, end: { index: 1, offset: 6 } });
  });

  it("never places an orphan, a span whose paragraph this version lacks, a changed quote, or points outside the text", () => {
    expect(placeSpan(span({ anchorState: "orphaned" }), paragraphs, indexOf)).toBeNull();
    expect(placeSpan(span({ anchorState: "dismissed" }), paragraphs, indexOf)).toBeNull();
    expect(placeSpan(span({ startPid: "gone" }), paragraphs, indexOf)).toBeNull();
    expect(placeSpan(span({ quote: "paragrap!" }), paragraphs, indexOf)).toBeNull();
    expect(placeSpan(span({ endOffset: 99 }), paragraphs, indexOf)).toBeNull();
    expect(placeSpan(span({ startPid: "p1", endPid: "p0" }), paragraphs, indexOf)).toBeNull();
    expect(placeSpan(span({ startOffset: 15, endOffset: 15, quote: "" }), paragraphs, indexOf)).toBeNull();
  });
});

describe("a suggestion's state at a version", () => {
  const t = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));
  it("is accepted from the version its acceptance made, open before", () => {
    const accepted = { state: "accepted", appliedVersion: 4, decidedAt: t(30) };
    expect(suggestionStateAt(accepted, 4, null)).toBe("accepted");
    expect(suggestionStateAt(accepted, 5, t(50))).toBe("accepted");
    expect(suggestionStateAt(accepted, 3, t(30))).toBe("open");
  });

  it("is rejected when the rejection came before the next version was made", () => {
    const rejected = { state: "rejected", appliedVersion: null, decidedAt: t(30) };
    expect(suggestionStateAt(rejected, 3, null)).toBe("rejected");
    expect(suggestionStateAt(rejected, 2, t(40))).toBe("rejected");
    expect(suggestionStateAt(rejected, 2, t(20))).toBe("open");
    expect(suggestionStateAt({ state: "open", appliedVersion: null, decidedAt: null }, 1, null)).toBe("open");
  });
});

describe("which open suggestions are shown as changes", () => {
  const at = (si: number, so: number, ei: number, eo: number, open = true) => ({ start: { index: si, offset: so }, end: { index: ei, offset: eo }, open });
  it("keeps the first of overlapping changes, in reading order, and any that starts where the last one ended", () => {
    const notes = [at(0, 0, 0, 5), at(0, 3, 0, 8), at(0, 5, 1, 2), at(1, 0, 1, 4, false), at(1, 1, 1, 3), at(1, 2, 1, 9)];
    expect([...trackedChanges(notes)]).toEqual([0, 2, 5]);
  });
});

import { describe, expect, it } from "vitest";
import { docxHalf, docxSplit, joinDocxHalves, packDocxHalves, renderDocx } from "./docx.ts";
import { paragraphPieces } from "./segments.ts";
import { render } from "./render.ts";
import { warmUpExports, warmUpSnapshot } from "./warm-up.ts";
import { EXPORT_FORMATS } from "../../../common/review.ts";

describe("the made-up document a worker thread warms its export code on", () => {
  const s = warmUpSnapshot();

  it("takes the paths a real document takes", () => {
    const notes = [...s.annotations, ...s.unplaced];
    expect(new Set(notes.map((a) => a.kind))).toEqual(new Set(["claim", "comment", "highlight", "suggestion"]));
    expect(new Set(s.paragraphs.map((p) => p.kind))).toEqual(new Set(["heading", "listItem", "quote", "paragraph"]));
    expect(s.annotations.some((a) => a.suggestion?.tracked && a.start.index < a.end.index)).toBe(true);
    expect(s.annotations.some((a) => a.suggestion?.tracked && a.start.index === a.end.index)).toBe(true);
    expect(s.annotations.some((a) => a.claim?.reviewer && a.claim.sources.length > 0)).toBe(true);
    expect(notes.some((a) => a.replies.some((r) => r.parentId !== null))).toBe(true);
    expect(notes.some((a) => a.text.includes("\n") && /[&<>"]/.test(a.text))).toBe(true);
    expect(s.unplaced.length).toBeGreaterThan(0);
    // Every placed note's range lies inside the text, and some overlap.
    for (const a of s.annotations) {
      expect(a.start.offset).toBeLessThanOrEqual(s.paragraphs[a.start.index]!.text.length);
      expect(a.end.offset).toBeLessThanOrEqual(s.paragraphs[a.end.index]!.text.length);
      expect(a.start.index < a.end.index || a.start.offset < a.end.offset).toBe(true);
    }
    const pieces = paragraphPieces(s.paragraphs, s.annotations);
    expect(s.paragraphs.some((p) => pieces(p.index).some((x) => x.kind === "text" && x.notes.length > 1))).toBe(true);
  });

  it("is a valid snapshot: the Word file's halves join into the file written in one go, and every format renders it", async () => {
    const split = docxSplit(s);
    const notes = s.annotations.length + s.unplaced.length;
    expect(split).toBeGreaterThan(0);
    expect(split).toBeLessThan(notes);
    const [first, second] = packDocxHalves(s, split);
    const halves = await Promise.all([docxHalf(first, 0, split, true), docxHalf(second, split, notes, false)]);
    expect((await joinDocxHalves(s, halves[0], halves[1])).equals(await renderDocx(s))).toBe(true);
    for (const format of EXPORT_FORMATS) expect((await render(s, { format, replies: true, suggestions: "live" })).length).toBeGreaterThan(1000);
  });

  it("is written in one go, without waiting (an idle worker thread runs nothing asynchronous)", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on("unhandledRejection", onUnhandled);
    try {
      expect(warmUpExports()).toBeUndefined();
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });
});

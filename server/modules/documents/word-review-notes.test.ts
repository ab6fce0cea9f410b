import { describe, expect, it } from "vitest";
import { MAX_BODY_CHARS } from "../../../common/body-input.ts";
import { wordReviewNotes } from "./word-review-notes.ts";
import type { ImportedComment, ImportedReview } from "./import/types.ts";

const paragraphs = [
  { id: "p1", text: "Rivers as Borders" },
  { id: "p2", text: "Treaties that index allocations" },
  { id: "p3", text: "to measured flow have survived." },
];

const comment = (over: Partial<ImportedComment>): ImportedComment => ({ id: "1", author: "Jane Doe", initials: "JD", date: "2024-03-02T10:00:00Z", text: "Why?", truncated: false, parentId: null, done: false, span: null, ...over });
const review = (comments: ImportedComment[], changes: ImportedReview["changes"] = []): ImportedReview => ({ comments, changes, commentsLeftOut: 0, changesLeftOut: 0 });

describe("wordReviewNotes", () => {
  it("places a comment by its span, over paragraphs, with the Word author and day ahead of its text", () => {
    const span = { start: { block: 1, offset: 9 }, end: { block: 2, offset: 16 } };
    const out = wordReviewNotes(review([comment({ span, done: true }), comment({ id: "2", author: "Bo Ek", date: null, text: "Yes.", parentId: "1" })]), paragraphs);
    expect(out.batch.notes).toEqual([{ sourceId: "comment:1", kind: "comment", text: "Jane Doe (Word comment, 2024-03-02, resolved): Why?", tags: [], target: { exact: "that index allocations\nto measured flow", prefix: "", suffix: "" } }]);
    expect(out.placements).toEqual([{ ok: true, start: { paragraphId: "p2", offset: 9 }, end: { paragraphId: "p3", offset: 16 }, quote: "that index allocations\nto measured flow", method: "position", confidence: 1 }]);
    expect(out.batch.replies).toEqual([{ sourceId: "comment:2", targetId: "comment:1", text: "Bo Ek (Word reply): Yes.", stance: "none" }]);
    expect(out.notPlaced).toEqual([]);
  });

  it("keeps a comment that was not placed on the first block, says so, and reports it", () => {
    const out = wordReviewNotes(review([comment({ author: "", notPlaced: "its passage was not found exactly in the imported text" })]), paragraphs);
    expect(out.batch.notes[0]!.text).toBe("Unknown author (Word comment, 2024-03-02): Why?\n[Not placed on its passage: its passage was not found exactly in the imported text.]");
    expect(out.placements[0]).toMatchObject({ start: { paragraphId: "p1", offset: 0 }, end: { paragraphId: "p1", offset: 17 }, quote: "Rivers as Borders", confidence: 0 });
    expect(out.notPlaced).toEqual([{ id: "comment:1", reason: "its passage was not found exactly in the imported text" }]);
  });

  it("cuts a long comment so the note fits, and says it was cut", () => {
    const span = { start: { block: 0, offset: 0 }, end: { block: 0, offset: 6 } };
    const out = wordReviewNotes(review([comment({ span, text: "x".repeat(MAX_BODY_CHARS), truncated: true })]), paragraphs);
    const text = out.batch.notes[0]!.text;
    expect(text).toHaveLength(MAX_BODY_CHARS);
    expect(text.startsWith("Jane Doe (Word comment, 2024-03-02): xxx")).toBe(true);
    expect(text.endsWith("x\n[Cut to fit a note.]")).toBe(true);
  });

  it("writes a tracked change as a note saying what was inserted or deleted", () => {
    const span = { start: { block: 2, offset: 3 }, end: { block: 2, offset: 11 } };
    const out = wordReviewNotes(review([], [{ kind: "deletion", author: "Bo Ek", date: "2024-03-05T08:01:00Z", text: "all ", span }]), paragraphs);
    expect(out.batch.notes.map((n) => [n.sourceId, n.text, n.target.exact])).toEqual([["change:0", "Bo Ek (Word tracked deletion, 2024-03-05, accepted on import): deleted “all ” beside this word", "measured"]]);
  });
});

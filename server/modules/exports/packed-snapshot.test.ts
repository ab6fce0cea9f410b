import { describe, expect, it } from "vitest";
import { packSnapshot, unpackNotes, unpackSnapshot } from "./packed-snapshot.ts";
import type { ExportAnnotation, ExportNote, ExportSnapshot, UnplacedNote } from "./snapshot.ts";
import { ANA, AT, BEN, annotation, paragraph, reply, snapshot } from "./test-fixtures.ts";

const later = new Date("2026-03-02T08:30:15.123Z");
const TAG = { id: "t1", path: "Economy / Trade", color: "#336699" };
const OTHER_TAG = { id: "t2", path: "Région « Nord » 🚀", color: "#aa0000" };

/** Every kind of field: claims with and without reviewers and dates, suggestions in each state, nested replies, unplaced notes, shared people and tags, text outside Latin-1, empty strings. */
function rich(): ExportSnapshot {
  const paragraphs = [paragraph(0, "Grain prices rose “sharply” in 2024 — said the ministry."), paragraph(1, "Second paragraph 🚀 with an emoji.", "heading")];
  const annotations = [
    annotation(1, [0, 0], [0, 5], "Grain", {
      kind: "claim",
      text: "Is this right? 🤔",
      tags: [TAG, OTHER_TAG],
      claim: { status: "false", rationale: "Checked “source”", sources: ["https://example.org/a", "https://example.org/ü"], assignee: BEN, reviewer: ANA, decidedAt: later },
      replies: [reply("r1", "First", { stance: "supports" }), reply("r2", "Answer to first", { parentId: "r1", depth: 1, author: ANA, createdAt: later }), reply("r3", "", { stance: "questions" })],
      replyCount: 3,
      stances: { supports: 1, disputes: 0, questions: 1 },
    }),
    annotation(2, [0, 6], [1, 3], "prices rose “sharply” in 2024 — said the ministry.\nSec", {
      kind: "suggestion",
      tags: [TAG],
      suggestion: { replacement: "", state: "open", decidedAt: null, appliedVersion: null, tracked: true },
      updatedAt: later,
    }),
    annotation(3, [1, 0], [1, 6], "Second", {
      kind: "suggestion",
      suggestion: { replacement: "Third", state: "accepted", decidedAt: later, appliedVersion: 2, tracked: false },
    }),
    annotation(4, [1, 7], [1, 7], "", { kind: "claim", claim: { status: "open", rationale: "", sources: [], assignee: null, reviewer: null, decidedAt: null } }),
  ];
  const lost: UnplacedNote = { ...annotation(5, [0, 0], [0, 0], "gone words", { kind: "highlight", replies: [reply("r9", "still here", { author: ANA })], replyCount: 1 }), prefix: "before ", suffix: " after 🚀" };
  const { start: _s, end: _e, ...unplacedNote } = lost as UnplacedNote & { start?: unknown; end?: unknown };
  return inSnapshotOrder(
    snapshot(paragraphs, annotations, { unplaced: [unplacedNote as UnplacedNote], exportedBy: null, filterTagPaths: ["Economy / Trade"], filters: { kinds: ["claim"], tags: ["t1"], replies: true, suggestions: "all" } }),
  );
}

/** The notes with their keys in the order loadSnapshot gives them: the note, its quote, its place (or the words around it), its number. */
function inSnapshotOrder(s: ExportSnapshot): ExportSnapshot {
  const body = (a: ExportNote) => ({ id: a.id, kind: a.kind, text: a.text, author: a.author, createdAt: a.createdAt, updatedAt: a.updatedAt, tags: a.tags, claim: a.claim, suggestion: a.suggestion, replies: a.replies, replyCount: a.replyCount, stances: a.stances });
  return {
    ...s,
    annotations: s.annotations.map((a) => ({ ...body(a), quote: a.quote, start: a.start, end: a.end, number: a.number })),
    unplaced: s.unplaced.map((a) => ({ ...body(a), quote: a.quote, prefix: a.prefix, suffix: a.suffix, number: a.number })),
  };
}

describe("a snapshot packed for a worker thread", () => {
  it("unpacks, after a structured clone, to the same snapshot field for field and in the same key order", () => {
    const s = rich();
    const back = unpackSnapshot(structuredClone(packSnapshot(s)));
    expect(back).toStrictEqual(s);
    // Formats that print objects print them in key order.
    expect(JSON.stringify(back)).toBe(JSON.stringify(s));
  });

  it("keeps people and tags shared between notes and replies as one object each", () => {
    const back = unpackSnapshot(structuredClone(packSnapshot(rich())));
    const [first, second] = back.annotations;
    expect(first!.author).toBe(second!.author);
    expect(first!.claim!.reviewer).toBe(first!.author);
    expect(first!.tags[0]).toBe(second!.tags[0]);
    expect(first!.replies[1]!.author).toBe(back.unplaced[0]!.replies[0]!.author);
  });

  it("carries the notes as one string and one array of numbers, not as objects", () => {
    const p = packSnapshot(rich());
    expect(typeof p.text).toBe("string");
    expect(p.numbers).toBeInstanceOf(Float64Array);
    expect(p.people).toEqual([ANA, BEN]);
    expect(p.tags).toEqual([TAG, OTHER_TAG]);
    expect([p.placed, p.unplaced]).toEqual([4, 1]);
    expect(p.text).toContain("still here");
    expect(Object.keys(p.rest)).not.toContain("annotations");
  });

  it("packs an empty snapshot", () => {
    const s = snapshot([], [], { madeAt: AT });
    expect(unpackSnapshot(structuredClone(packSnapshot(s)))).toStrictEqual(s);
  });

  it("gives its notes one at a time, in the snapshot's order, each the same as unpacked at once", () => {
    const s = rich();
    const notes = unpackNotes(structuredClone(packSnapshot(s)));
    const first = notes.next();
    expect(first.done).toBe(false);
    expect(first.value).toStrictEqual({ note: s.annotations[0], placed: true, thread: 3 });
    expect([...notes]).toStrictEqual([
      ...s.annotations.slice(1).map((note) => ({ note, placed: true, thread: note.replies.length })),
      ...s.unplaced.map((note) => ({ note, placed: false, thread: note.replies.length })),
    ]);
  });

  it("steps over the replies of the notes it is told to, and reads the rest as they are", () => {
    const s = rich();
    const all = [...s.annotations, ...s.unplaced];
    const wanted = (i: number) => i % 2 === 1;
    const got = [...unpackNotes(structuredClone(packSnapshot(s)), wanted)];
    expect(got.map((n) => n.note)).toStrictEqual(all.map((note, i) => (wanted(i) ? note : { ...note, replies: [] })));
    expect(got.map((n) => n.thread)).toEqual(all.map((note) => note.replies.length));
    expect(got.map((n) => n.thread)).toContain(3);
  });

  it("packs part of the notes: none before `from` (only their counts), the replies of none from `to` on", () => {
    const s = rich();
    const all = [...s.annotations, ...s.unplaced];
    const whole = packSnapshot(s);
    for (let from = 0; from <= all.length; from++) {
      for (let to = from; to <= all.length; to++) {
        const p = packSnapshot(s, { from, to });
        expect(p.skipped).toEqual({ notes: from, replies: all.slice(0, from).reduce((n, a) => n + a.replies.length, 0) });
        expect([p.placed, p.unplaced]).toEqual([4, 1]);
        const got = [...unpackNotes(structuredClone(p))];
        expect(got.map((n) => n.note)).toStrictEqual(all.slice(from).map((note, i) => (from + i < to ? note : { ...note, replies: [] })));
        expect(got.map((n) => n.thread)).toEqual(all.slice(from).map((note) => note.replies.length));
        // Less to copy than the whole, unless it is the whole.
        if (from > 0 || to < all.length) expect(p.text.length).toBeLessThan(whole.text.length);
      }
    }
    // A reply of note 1 and note 5 travel only with their notes.
    expect(packSnapshot(s, { from: 1, to: 5 }).text).not.toContain("Answer to first");
    expect(packSnapshot(s, { from: 0, to: 4 }).text).not.toContain("still here");
  });

  it("packs the notes from `to` on bare when asked: their place (a tracked suggestion with it), or the words of one not placed, and their thread's length", () => {
    const s = rich();
    const all = [...s.annotations, ...s.unplaced];
    for (let to = 0; to <= all.length; to++) {
      const p = packSnapshot(s, { from: 0, to, bare: true });
      expect(p.bare).toBe(true);
      const got = [...unpackNotes(structuredClone(p))];
      expect(got.slice(0, to)).toStrictEqual([...unpackNotes(packSnapshot(s, { from: 0, to }))].slice(0, to));
      expect(got.slice(to)).toStrictEqual(
        all.slice(to).map((a, i) => {
          const thread = a.replies.length;
          if (to + i >= s.annotations.length) return { note: { number: a.number, kind: a.kind, author: a.author, quote: a.quote }, placed: false, thread, bare: true };
          const { number, author, createdAt, start, end, suggestion } = a as ExportAnnotation;
          return { note: { number, author, createdAt, start, end, suggestion: suggestion?.tracked ? suggestion : null }, placed: true, thread, bare: true };
        }),
      );
      if (to < all.length) expect(p.text.length).toBeLessThan(packSnapshot(s, { from: 0, to }).text.length);
      if (to < all.length) expect(() => unpackSnapshot(p)).toThrow(/bare/);
    }
    // Note 1's text and claim travel only when it is packed whole.
    expect(packSnapshot(s, { from: 0, to: 0, bare: true }).text).not.toContain("Is this right?");
    expect(packSnapshot(s, { from: 0, to: 0, bare: true }).text).not.toContain("Checked");
    // Note 5, not placed, keeps its quote.
    expect(packSnapshot(s, { from: 0, to: 0, bare: true }).text).toContain("gone words");
  });
});

import { describe, expect, it } from "vitest";
import { EditorState } from "@tiptap/pm/state";
import { buildBlockIndex, rangeToAnchor } from "../../editor/anchors.ts";
import { articleDoc, paragraph } from "../../editor/test-doc.ts";
import { syncTransaction } from "./text-sync.ts";
import { findQuote, mapDraftSpan } from "./map-draft.ts";

const before = [paragraph("p1", 0, "The committee will recieve the report."), paragraph("p2", 1, "Members then vote on the motion.")];

function change(paragraphs: ReturnType<typeof paragraph>[]) {
  const state = EditorState.create({ doc: articleDoc(before) });
  const tr = syncTransaction(state, paragraphs)!;
  return { state, tr, doc: tr.doc, index: buildBlockIndex(tr.doc) };
}

function draftOn(words: string, paragraphId = "p2") {
  const doc = articleDoc(before);
  const index = buildBlockIndex(doc);
  const block = index.byPid.get(paragraphId)!;
  const at = doc.textBetween(block.start, block.start + block.size).indexOf(words);
  const range = { from: block.start + at, to: block.start + at + words.length };
  return { anchor: rangeToAnchor(doc, index, range.from, range.to)!, range };
}

describe("a draft's selection when the text changes", () => {
  it("follows its words when an earlier paragraph changes length", () => {
    const span = draftOn("vote on");
    const { tr, doc, index } = change([paragraph("p1", 0, "The committee will receive and publish the report."), before[1]!]);
    const mapped = mapDraftSpan(span, tr.mapping, doc, index)!;
    expect(mapped.anchor.quote).toBe("vote on");
    expect(mapped.anchor.start).toEqual({ paragraphId: "p2", offset: 13 });
    expect(mapped.range.from).toBeGreaterThan(span.range.from);
  });

  it("takes in a change inside the selected words", () => {
    const span = draftOn("will recieve the", "p1");
    const { tr, doc, index } = change([paragraph("p1", 0, "The committee will receive the report."), before[1]!]);
    expect(mapDraftSpan(span, tr.mapping, doc, index)!.anchor.quote).toBe("will receive the");
  });

  it("finds the same words again when a split moved them into a new paragraph", () => {
    const span = draftOn("the report", "p1");
    const { tr, doc, index } = change([paragraph("p1", 0, "The committee will recieve "), paragraph("p9", 1, "the report."), { ...before[1]!, position: 2 }]);
    const mapped = mapDraftSpan(span, tr.mapping, doc, index)!;
    expect(mapped.anchor.quote).toBe("the report");
    expect(mapped.anchor.start.paragraphId).toBe("p9");
  });

  it("answers null when its words are gone", () => {
    const span = draftOn("then vote");
    const { tr, doc, index } = change([before[0]!, paragraph("p2", 1, "Members abstain.")]);
    expect(mapDraftSpan(span, tr.mapping, doc, index)).toBeNull();
    expect(findQuote(doc, index, "then vote", 0)).toBeNull();
  });
});

describe("putting changed paragraphs into the editor", () => {
  it("patches only the changed paragraph when the blocks stay the same, with the same result as the whole comparison", () => {
    const state = EditorState.create({ doc: articleDoc(before) });
    const next = [{ ...before[0]!, text: "The committee will surely receive the report." }, before[1]!];
    const quick = syncTransaction(state, next, before)!;
    const whole = syncTransaction(state, next)!;
    expect(quick.doc.eq(whole.doc)).toBe(true);
    expect(quick.doc.eq(articleDoc(next))).toBe(true);
    // A position after the change moves by what was added; one before it stays.
    const index = buildBlockIndex(state.doc);
    const p2 = index.byPid.get("p2")!.start;
    expect(quick.mapping.map(p2)).toBe(p2 + "surely ".length);
    expect(quick.mapping.map(2)).toBe(2);
    expect(syncTransaction(state, before, before)).toBeNull();
  });

  it("falls back to the whole comparison when blocks are added", () => {
    const state = EditorState.create({ doc: articleDoc(before) });
    const next = [before[0]!, paragraph("p3", 1, "A new one."), { ...before[1]!, position: 2 }];
    expect(syncTransaction(state, next, before)!.doc.eq(articleDoc(next))).toBe(true);
  });
});

describe("new text put in a long article drawn in sections", () => {
  const long = Array.from({ length: 1200 }, (_, i) => paragraph(`p_${i.toString(36)}_k`, i * 10, `Paragraph ${i} of the long article.`));
  const sectionStarts = (doc: ReturnType<typeof articleDoc>) => {
    const firsts: string[] = [];
    doc.forEach((s) => void (s.type.name === "section" && firsts.push(String(s.firstChild!.attrs.pid))));
    return firsts;
  };
  const firsts = sectionStarts(articleDoc(long));

  it("replaces only around a merge, a split or a removal at a section's edge, and shows exactly the new paragraphs", () => {
    const state = EditorState.create({ doc: articleDoc(long) });
    const at = long.findIndex((p) => p.id === firsts[5]);
    const merged = [...long.slice(0, at - 1), { ...long[at - 1]!, text: `${long[at - 1]!.text} ${long[at]!.text}` }, ...long.slice(at + 1)];
    const split = [...long.slice(0, at), { ...long[at]!, text: "Paragraph" }, paragraph("p_new_piece", long[at]!.position + 5, "the rest."), ...long.slice(at + 1)];
    const removed = long.filter((_, i) => i !== at);
    for (const next of [merged, split, removed]) {
      const tr = syncTransaction(state, next, long)!;
      expect(tr.doc.eq(articleDoc(next))).toBe(true);
      // One replacing step, covering a few sections at most, not the rest of the article.
      const step = tr.steps[0] as unknown as { from: number; to: number };
      expect(tr.steps).toHaveLength(1);
      expect(step.to - step.from).toBeLessThan(state.doc.content.size / 10);
    }
  });
});

import { describe, expect, it } from "vitest";
import type { AnchorDto } from "../../../../common/annotations.ts";
import { paragraph } from "../../editor/test-doc.ts";
import { diffRuns, paragraphRuns, versionSummary } from "./version-view.ts";

function anchor(sp: string, so: number, ep: string, eo: number, state: AnchorDto["state"] = "anchored"): AnchorDto {
  return { start: { paragraphId: sp, offset: so }, end: { paragraphId: ep, offset: eo }, quote: "", prefix: "", suffix: "", state, dismissed: false, confidence: 1, docVersion: 1 };
}

describe("an earlier version's paragraphs under its annotations", () => {
  const paras = [paragraph("a", 0, "Alpha beta gamma."), paragraph("b", 1, "Delta epsilon.")];

  it("cuts at every edge, spanning paragraphs, and leaves orphans out", () => {
    const runs = paragraphRuns(paras, [
      { id: "x", anchor: anchor("a", 6, "a", 10) },
      { id: "y", anchor: anchor("a", 11, "b", 5) },
      { id: "z", anchor: anchor("a", 0, "a", 5, "orphaned") },
    ]);
    expect(runs.get("a")).toEqual([
      { text: "Alpha ", ids: [] },
      { text: "beta", ids: ["x"] },
      { text: " ", ids: [] },
      { text: "gamma.", ids: ["y"] },
    ]);
    expect(runs.get("b")).toEqual([
      { text: "Delta", ids: ["y"] },
      { text: " epsilon.", ids: [] },
    ]);
  });
});

describe("a paragraph's difference", () => {
  it("joins neighbouring words of one kind", () => {
    expect(
      diffRuns({ paragraphId: "p", change: "edited", before: "a b", after: "a c", words: [
        { op: "equal", text: "a" },
        { op: "equal", text: " " },
        { op: "delete", text: "b" },
        { op: "insert", text: "c" },
      ] }),
    ).toEqual([
      { op: "equal", text: "a " },
      { op: "delete", text: "b" },
      { op: "insert", text: "c" },
    ]);
  });

  it("shows an added paragraph inserted and a retired one deleted", () => {
    expect(diffRuns({ paragraphId: "p", change: "added", before: null, after: "New.", words: [] })).toEqual([{ op: "insert", text: "New." }]);
    expect(diffRuns({ paragraphId: "p", change: "retired", before: "Old.", after: null, words: [] })).toEqual([{ op: "delete", text: "Old." }]);
    expect(diffRuns({ paragraphId: "p", change: "moved", before: "Same.", after: "Same.", words: [] })).toEqual([{ op: "equal", text: "Same." }]);
  });

  it("says what a version changed", () => {
    expect(versionSummary({ number: 3, author: null, note: null, createdAt: "", changes: { kind: "edit", edited: ["a", "b"], added: ["c"] } })).toBe("Edited: 2 changed, 1 added");
    expect(versionSummary({ number: 1, author: null, note: null, createdAt: "", changes: { kind: "import" } })).toBe("Imported");
  });
});

import { describe, expect, it } from "vitest";
import type { DocumentEditDto } from "../../../../common/editing.ts";
import { paragraph } from "../../editor/test-doc.ts";
import { applyEdit, documentText, followsOn } from "./document-text.ts";

const start = documentText(3, [paragraph("b", 1, "Beta."), paragraph("a", 0, "Alpha."), paragraph("c", 2, "Gamma.")], { authors: [] });

function edit(patch: Partial<DocumentEditDto>): DocumentEditDto {
  return { documentId: "d", version: 4, paragraphs: [], retired: [], order: null, anchors: [], metadata: null, ...patch };
}

describe("applying an edit to the page's text", () => {
  it("sorts the first paragraphs by position", () => {
    expect(start.paragraphs.map((p) => p.id)).toEqual(["a", "b", "c"]);
  });

  it("replaces a changed paragraph in place and takes the new version", () => {
    const next = applyEdit(start, edit({ paragraphs: [{ ...paragraph("b", 1, "Beta, revised."), version: 2 }] }));
    expect(next.version).toBe(4);
    expect(next.paragraphs.map((p) => p.text)).toEqual(["Alpha.", "Beta, revised.", "Gamma."]);
    expect(next.paragraphs[1]!.version).toBe(2);
    expect(next.metadata).toEqual({ authors: [] });
  });

  it("adds, retires and reorders by the edit's order, renumbering positions", () => {
    const next = applyEdit(start, edit({ paragraphs: [paragraph("n", 9, "New.")], retired: ["a"], order: ["c", "n", "b"] }));
    expect(next.paragraphs.map((p) => [p.id, p.position])).toEqual([
      ["c", 0],
      ["n", 1],
      ["b", 2],
    ]);
  });

  it("takes the metadata an edit rebuilt", () => {
    expect(applyEdit(start, edit({ metadata: { authors: [{ name: "Ana" }] } as DocumentEditDto["metadata"] })).metadata).toEqual({ authors: [{ name: "Ana" }] });
  });

  it("ignores an edit it has seen (not newer), returning the same state", () => {
    const next = applyEdit(start, edit({ paragraphs: [paragraph("a", 0, "Changed.")] }));
    expect(applyEdit(next, edit({ paragraphs: [paragraph("a", 0, "Changed again.")] }))).toBe(next);
    expect(applyEdit(start, edit({ version: 3, paragraphs: [paragraph("a", 0, "Old.")] }))).toBe(start);
  });

  it("says whether an answer is the very next version", () => {
    expect(followsOn(start, edit({ version: 4 }))).toBe(true);
    expect(followsOn(start, edit({ version: 5 }))).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import type { ClaimStateDto } from "../../../../common/annotations.ts";
import { annotationChanges, draftOf, kindChangeNote } from "./edit-annotation.ts";

const review = (status: string): ClaimStateDto => ({ status, assigneeId: null, reviewerId: null, rationale: "", sources: [], decidedAt: null, version: 3 });

describe("editing an annotation", () => {
  const before = draftOf({ kind: "comment", body: { format: "text", text: "First thought." }, tagIds: ["t1", "t2"] });

  it("sends only what changed", () => {
    expect(annotationChanges(before, { ...before })).toEqual({});
    expect(annotationChanges(before, { ...before, note: "  First thought.  " })).toEqual({});
    expect(annotationChanges(before, { ...before, tagIds: ["t2", "t1"] })).toEqual({});
    expect(annotationChanges(before, { ...before, note: "Second thought. " })).toEqual({ note: "Second thought." });
    expect(annotationChanges(before, { ...before, kind: "claim", tagIds: ["t1"] })).toEqual({ kind: "claim", tagIds: ["t1"] });
    expect(annotationChanges(before, { ...before, tagIds: [] })).toEqual({ tagIds: [] });
  });

  it("says what a change of kind does to the review", () => {
    expect(kindChangeNote("claim", "claim", review("disputed"))).toBeNull();
    expect(kindChangeNote("comment", "highlight", null)).toBeNull();
    expect(kindChangeNote("claim", "comment", review("disputed"))).toMatch(/review \(disputed\) is kept but hidden.*brings the review back/);
    expect(kindChangeNote("comment", "claim", null)).toMatch(/review of its own, starting open/);
    expect(kindChangeNote("highlight", "claim", review("supported"))).toMatch(/earlier review comes back as it stood \(supported\)/);
  });
});

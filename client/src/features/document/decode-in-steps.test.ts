import { describe, expect, it } from "vitest";
import type { AnnotationDto } from "../../../../common/annotations.ts";
import { decodeAnnotationList, encodeAnnotationList } from "../../../../common/compact-list.ts";
import { decodeAnnotationListInSteps } from "./decode-in-steps.ts";

function annotation(i: number): AnnotationDto {
  const at = new Date(Date.UTC(2026, 0, 1, 12, 0, i % 60, i % 1000)).toISOString();
  return {
    id: `a_${i}`,
    documentId: "d_1",
    kind: i % 3 === 0 ? "claim" : "comment",
    body: { format: "text", text: `note ${i}` },
    anchor: { start: { paragraphId: `p_${i % 7}`, offset: i % 50 }, end: { paragraphId: `p_${i % 7}`, offset: (i % 50) + 5 }, quote: "words", prefix: "", suffix: "", state: i % 11 === 0 ? "orphaned" : "anchored", dismissed: false, confidence: 1, docVersion: 1 },
    author: { id: `u_${i % 4}`, displayName: `Person ${i % 4}` },
    tagIds: i % 2 ? ["t_a"] : [],
    version: 1,
    createdAt: at,
    updatedAt: at,
    editedAt: null,
    deleted: i % 13 === 0,
    claim: i % 3 === 0 ? { status: "open", assigneeId: null, reviewerId: null, rationale: "", sources: [], decidedAt: null, version: 1 } : null,
    suggestion: null,
    thread: { replyCount: i % 5, tally: { supports: 1, disputes: 0, questions: 0 } },
  };
}

const compactOf = (n: number) => JSON.parse(JSON.stringify(encodeAnnotationList({ annotations: Array.from({ length: n }, (_, i) => annotation(i)), seq: 7 }, "d_1"))) as Parameters<typeof decodeAnnotationList>[0];

describe("decoding the annotation list in steps", () => {
  it.each([0, 1, 63, 64, 65, 1_000])("gives what the one-go decoder gives (%i annotations)", async (n) => {
    const c = compactOf(n);
    expect(await decodeAnnotationListInSteps(c, { sliceMs: 0, next: async () => {} })).toEqual(decodeAnnotationList(c));
  });

  it("waits for another task between slices, none after the last", async () => {
    const c = compactOf(1_000);
    let waits = 0;
    // No time for a slice: it stops at each clock check (every 64 rows), so 1,000 rows take 16 slices.
    const out = await decodeAnnotationListInSteps(c, { sliceMs: -1, next: async () => void waits++ });
    expect(out.annotations).toHaveLength(1_000);
    expect(waits).toBe(15);
    // A generous slice decodes it all in one.
    waits = 0;
    await decodeAnnotationListInSteps(c, { sliceMs: 60_000, next: async () => void waits++ });
    expect(waits).toBe(0);
  });

  it("refuses a form it does not know, as the one-go decoder does", async () => {
    const c = { ...compactOf(3), v: 2 } as unknown as Parameters<typeof decodeAnnotationList>[0];
    await expect(decodeAnnotationListInSteps(c)).rejects.toThrow(/Unknown annotation list form/);
  });
});

import { describe, expect, it } from "vitest";
import type { AnnotationDto } from "./annotations.ts";
import { compactTimeOf, decodeAnnotationList, encodeAnnotationList } from "./compact-list.ts";

const DOC = "d_1";

function annotation(i: number, over: Partial<AnnotationDto> = {}): AnnotationDto {
  const created = new Date(Date.UTC(2026, 0, 1, 12, 0, i)).toISOString();
  return {
    id: `a_${i}`,
    documentId: DOC,
    kind: "comment",
    body: { format: "text", text: `note ${i}` },
    anchor: { start: { paragraphId: `p_${i % 3}`, offset: i }, end: { paragraphId: `p_${(i + 1) % 3}`, offset: i + 4 }, quote: "quoted", prefix: "before ", suffix: " after", state: "anchored", dismissed: false, confidence: 1, docVersion: 1 },
    author: { id: `u_${i % 2}`, displayName: `Person ${i % 2}` },
    tagIds: i % 2 ? ["t_a", "t_b"] : [],
    version: 1,
    createdAt: created,
    updatedAt: created,
    editedAt: null,
    deleted: false,
    claim: null,
    suggestion: null,
    thread: { replyCount: i, tally: { supports: i % 2, disputes: 0, questions: 1 } },
    ...over,
  };
}

describe("compact annotation list", () => {
  it("decodes to exactly the annotations it was made from", () => {
    const annotations = [
      annotation(0),
      annotation(1, { kind: "claim", claim: { status: "disputed", assigneeId: "u_9", reviewerId: "u_1", rationale: "why", sources: ["https://example.org/a"], decidedAt: "2026-01-02T00:00:00.000Z", version: 3 } }),
      annotation(2, { body: { format: "rich", doc: { type: "doc", content: [] }, text: "hi @Person", mentions: ["u_1"] }, editedAt: "2026-01-03T10:00:00.123Z", updatedAt: "2026-01-03T10:00:00.123Z", version: 4 }),
      annotation(3, { kind: "suggestion", suggestion: { replacement: "new words", state: "accepted", decidedBy: "u_0", decidedAt: "2026-01-04T00:00:00.000Z", appliedVersion: 2, version: 2 } }),
      annotation(4, { anchor: { ...annotation(4).anchor, state: "orphaned", dismissed: true, confidence: 0.5 } }),
      annotation(5, { anchor: { ...annotation(5).anchor, state: "orphaned", confidence: 0.25 }, claim: { status: "open", assigneeId: null, reviewerId: null, rationale: "", sources: [], decidedAt: null, version: 1 }, kind: "claim" }),
      // An earlier note than the first one: times before the base still round-trip.
      annotation(6, { createdAt: "2025-12-31T23:59:59.999Z", updatedAt: "2026-01-01T00:00:00.000Z" }),
      // A time that is not a canonical ISO instant is kept as it is.
      annotation(7, { updatedAt: "2026-01-01T12:00:07Z" }),
    ];
    const list = { annotations, seq: 42 };
    const compact = encodeAnnotationList(list, DOC);
    expect(decodeAnnotationList(JSON.parse(JSON.stringify(compact)))).toEqual(list);
    // People, tags and paragraphs are listed once each.
    expect(compact.people.map(([id]) => id).sort()).toEqual(["u_0", "u_1", "u_9"]);
    expect(compact.people.find(([id]) => id === "u_9")![1]).toBeNull();
    expect(compact.people.find(([id]) => id === "u_1")![1]).toBe("Person 1");
    expect(compact.tags).toEqual(["t_a", "t_b"]);
    expect(compact.paragraphs.sort()).toEqual(["p_0", "p_1", "p_2"]);
  });

  it("is much smaller than the default answer for many annotations", () => {
    const annotations = Array.from({ length: 2_000 }, (_, i) => annotation(i));
    const list = { annotations, seq: 1 };
    const compact = encodeAnnotationList(list, DOC);
    expect(decodeAnnotationList(compact)).toEqual(list);
    expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(list).length * 0.4);
  });

  it("keeps an empty list and refuses unknown versions and annotations of other documents", () => {
    const compact = encodeAnnotationList({ annotations: [], seq: 0 }, DOC);
    expect(decodeAnnotationList(compact)).toEqual({ annotations: [], seq: 0 });
    expect(() => decodeAnnotationList({ ...compact, v: 2 } as never)).toThrow(/Unknown/);
    expect(() => encodeAnnotationList({ annotations: [annotation(1, { documentId: "d_2" })], seq: 1 }, DOC)).toThrow(/not in/);
  });

  it("writes a time given in ms as the ISO path writes the same instant, inside and outside years 0000-9999", () => {
    const instants = [Date.UTC(2026, 0, 1, 12), -62_167_219_200_000, -62_167_219_200_001, 253_402_300_799_999, 253_402_300_800_000, 0, -1, 8.64e15, -8.64e15];
    for (const ms of instants) {
      const iso = new Date(ms).toISOString();
      const c = encodeAnnotationList({ annotations: [annotation(0, { createdAt: iso, updatedAt: iso })], seq: 1 }, DOC);
      const t0 = c.t0;
      expect([ms, compactTimeOf(ms, t0)]).toEqual([ms, c.annotations[0]![16]]);
      expect(decodeAnnotationList(c).annotations[0]!.createdAt).toBe(iso);
    }
    expect(() => compactTimeOf(Number.NaN, 0)).toThrow(RangeError);
  });
});

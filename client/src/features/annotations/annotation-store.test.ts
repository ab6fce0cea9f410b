import { describe, expect, it } from "vitest";
import type { AnnotationDto, ReplyDto } from "../../../../common/annotations.ts";
import type { DocumentEventDto } from "../../../../common/events.ts";
import { AnnotationStore } from "./annotation-store.ts";
import { annotationMatcher, NO_FILTERS, stanceTally, tagSubtrees } from "./ordering.ts";

const person = { id: "u1", displayName: "Ana" };
function annotation(id: string, extra: Partial<AnnotationDto> = {}): AnnotationDto {
  return {
    id,
    documentId: "d1",
    kind: "comment",
    body: { format: "text", text: "" },
    anchor: { start: { paragraphId: "p", offset: 0 }, end: { paragraphId: "p", offset: 3 }, quote: "abc", prefix: "", suffix: "", state: "anchored", confidence: 1, docVersion: 1 },
    author: person,
    tagIds: [],
    version: 1,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    deleted: false,
    claim: null,
    replies: [],
    ...extra,
  };
}
function reply(id: string, annotationId: string, extra: Partial<ReplyDto> = {}): ReplyDto {
  return { id, annotationId, parentId: null, author: person, body: { format: "text", text: "r" }, stance: "none", mentions: [], version: 1, deleted: false, createdAt: "", updatedAt: "", ...extra };
}
let seq = 0;
const ev = (type: string, payload: unknown, clientMutationId: string | null = null): DocumentEventDto => ({ documentId: "d1", seq: ++seq, type, actorId: "u1", clientMutationId, createdAt: "", payload });

describe("AnnotationStore", () => {
  it("applies created, updated and deleted events, newest version winning", () => {
    const store = new AnnotationStore();
    store.load([]);
    store.apply(ev("annotation.created", { annotation: annotation("a1") }, "cmid0001"));
    expect(store.createdBy("cmid0001")).toBe("a1");
    store.apply(ev("annotation.updated", { annotation: annotation("a1", { version: 3, kind: "claim" }) }));
    store.upsertAnnotation(annotation("a1", { version: 2 }));
    expect(store.getSnapshot().byId.get("a1")!.kind).toBe("claim");
    store.apply(ev("annotation.deleted", { annotation: annotation("a1", { version: 4, deleted: true }) }));
    expect(store.getSnapshot().byId.size).toBe(0);
  });

  it("keeps replies when an annotation update arrives without them, and upserts replies", () => {
    const store = new AnnotationStore();
    store.load([annotation("a1", { replies: [reply("r1", "a1")] })]);
    store.apply(ev("annotation.updated", { annotation: { ...annotation("a1", { version: 2 }), replies: undefined } }));
    expect(store.getSnapshot().byId.get("a1")!.replies).toHaveLength(1);
    store.apply(ev("reply.created", { reply: reply("r2", "a1", { stance: "disputes" }) }, "cmid0002"));
    store.apply(ev("reply.deleted", { reply: reply("r1", "a1", { version: 2, deleted: true, body: null }) }));
    const a = store.getSnapshot().byId.get("a1")!;
    expect(a.replies!.map((r) => [r.id, r.deleted])).toEqual([
      ["r1", true],
      ["r2", false],
    ]);
    expect(store.createdBy("cmid0002")).toBe("r2");
    expect(stanceTally(a)).toEqual({ supports: 0, disputes: 1, questions: 0 });
  });

  it("follows a tag merge and a claim review change", () => {
    const store = new AnnotationStore();
    store.load([annotation("a1", { tagIds: ["t1", "t2"], kind: "claim", claim: { status: "open", assigneeId: null, reviewerId: null, rationale: "", sources: [], decidedAt: null, version: 1 } })]);
    store.apply(ev("tags.merged", { tagId: "t1", intoTagId: "t2", annotationIds: ["a1"] }));
    expect(store.getSnapshot().byId.get("a1")!.tagIds).toEqual(["t2"]);
    store.apply(ev("claim.reviewed", { annotationId: "a1", claim: { status: "disputed", assigneeId: null, reviewerId: "u1", rationale: "", sources: [], decidedAt: null, version: 2 } }));
    expect(store.getSnapshot().byId.get("a1")!.claim!.status).toBe("disputed");
  });

  it("changes its snapshot object only on a change", () => {
    const store = new AnnotationStore();
    store.load([annotation("a1")]);
    const before = store.getSnapshot();
    store.apply(ev("something.else", {}));
    expect(store.getSnapshot()).toBe(before);
  });
});

describe("filters", () => {
  const tags = [
    { id: "root", parentId: null },
    { id: "child", parentId: "root" },
    { id: "grandchild", parentId: "child" },
    { id: "other", parentId: null },
  ].map((t) => ({ ...t, workspaceId: "w", name: t.id, path: t.id, color: "#000000", description: "", archived: false, version: 1 }));

  it("matches a parent tag's descendants", () => {
    const match = annotationMatcher({ ...NO_FILTERS, tagId: "root" }, tagSubtrees(tags));
    expect(match(annotation("a", { tagIds: ["grandchild"] }))).toBe(true);
    expect(match(annotation("b", { tagIds: ["other"] }))).toBe(false);
    expect(annotationMatcher({ ...NO_FILTERS, tagId: "child" }, tagSubtrees(tags))(annotation("c", { tagIds: ["root"] }))).toBe(false);
  });

  it("combines kind, author and claim status", () => {
    const match = annotationMatcher({ kind: "claim", tagId: "", authorId: "u1", claimStatus: "open" }, new Map());
    const claim = { status: "open", assigneeId: null, reviewerId: null, rationale: "", sources: [], decidedAt: null, version: 1 };
    expect(match(annotation("a", { kind: "claim", claim }))).toBe(true);
    expect(match(annotation("b", { kind: "claim", claim: { ...claim, status: "disputed" } }))).toBe(false);
    expect(match(annotation("c", { kind: "comment" }))).toBe(false);
    expect(match(annotation("d", { kind: "claim", claim, author: { id: "u2", displayName: "B" } }))).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import type { AnnotationDto, ClaimStateDto, ReplyDto } from "../../../../common/annotations.ts";
import type { DocumentEventDto } from "../../../../common/events.ts";
import { AnnotationStore } from "./annotation-store.ts";
import { annotationMatcher, NO_FILTERS, tagSubtrees, threadSummary } from "./ordering.ts";

const person = { id: "u1", displayName: "Ana" };
function annotation(id: string, extra: Partial<AnnotationDto> = {}): AnnotationDto {
  return {
    id,
    documentId: "d1",
    kind: "comment",
    body: { format: "text", text: "" },
    anchor: { start: { paragraphId: "p", offset: 0 }, end: { paragraphId: "p", offset: 3 }, quote: "abc", prefix: "", suffix: "", state: "anchored", dismissed: false, confidence: 1, docVersion: 1 },
    author: person,
    tagIds: [],
    version: 1,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    editedAt: null,
    deleted: false,
    claim: null,
    suggestion: null,
    replies: [],
    ...extra,
  };
}
function reply(id: string, annotationId: string, extra: Partial<ReplyDto> = {}): ReplyDto {
  return { id, annotationId, parentId: null, author: person, body: { format: "text", text: "r" }, stance: "none", mentions: [], version: 1, deleted: false, createdAt: "", updatedAt: "", ...extra };
}
let seq = 0;
/** An event as the wire delivers it; partial payloads and unknown types are what a store must survive. */
const ev = (type: string, payload: unknown, clientMutationId: string | null = null) =>
  ({ documentId: "d1", seq: ++seq, type, actorId: "u1", clientMutationId, createdAt: "", payload }) as unknown as DocumentEventDto;

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
    expect(a.thread).toEqual({ replyCount: 1, tally: { supports: 0, disputes: 1, questions: 0 } });
  });

  it("follows a tag merge and a claim review change (legacy payload without a change)", () => {
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

const claimState = (status: string, version: number, extra: Partial<ClaimStateDto> = {}): ClaimStateDto => ({ status, assigneeId: null, reviewerId: null, rationale: "", sources: [], decidedAt: null, version, ...extra });

describe("AnnotationStore: claim events", () => {
  const claimAnnotation = () => annotation("c1", { kind: "claim", claim: claimState("open", 1), thread: { replyCount: 0, tally: { supports: 0, disputes: 0, questions: 0 } }, replies: undefined });

  it("applies claim.reviewed and claim.assigned payloads ({annotationId, documentId, claim, change})", () => {
    const store = new AnnotationStore();
    store.load([claimAnnotation()]);
    const reviewed = claimState("disputed", 2, { reviewerId: "u9", rationale: "No treaty says so.", sources: ["https://example.org/a"], decidedAt: "2026-02-01T00:00:00.000Z" });
    store.apply(ev("claim.reviewed", { annotationId: "c1", documentId: "d1", claim: reviewed, change: { id: "ch1", fromStatus: "open", toStatus: "disputed", version: 2 } }));
    expect(store.getSnapshot().byId.get("c1")!.claim).toEqual(reviewed);
    store.apply(ev("claim.assigned", { annotationId: "c1", documentId: "d1", claim: { ...reviewed, assigneeId: "u2", version: 3 }, change: null }));
    expect(store.getSnapshot().byId.get("c1")!.claim).toMatchObject({ status: "disputed", assigneeId: "u2", version: 3 });
  });

  it("ignores an older claim version (a late event after a newer result or conflict)", () => {
    const store = new AnnotationStore();
    store.load([claimAnnotation()]);
    store.setClaim("c1", claimState("in_review", 4));
    const before = store.getSnapshot();
    store.apply(ev("claim.reviewed", { annotationId: "c1", documentId: "d1", claim: claimState("open", 3), change: null }));
    expect(store.getSnapshot()).toBe(before);
    // The same version again changes nothing either.
    store.setClaim("c1", claimState("in_review", 4));
    expect(store.getSnapshot()).toBe(before);
  });

  it("keeps the claim and the thread summary when the annotation itself is updated", () => {
    const store = new AnnotationStore();
    store.load([{ ...claimAnnotation(), thread: { replyCount: 3, tally: { supports: 1, disputes: 1, questions: 0 } } }]);
    store.setClaim("c1", claimState("supported", 2));
    store.apply(ev("annotation.updated", { annotation: { ...annotation("c1", { kind: "claim", version: 2, claim: claimState("supported", 2) }), replies: undefined } }));
    const a = store.getSnapshot().byId.get("c1")!;
    expect(a.claim!.status).toBe("supported");
    expect(a.thread.replyCount).toBe(3);
    expect(a.replies).toBeUndefined();
  });

  it("ignores claim events for annotations it does not have", () => {
    const store = new AnnotationStore();
    store.load([]);
    const before = store.getSnapshot();
    store.apply(ev("claim.reviewed", { annotationId: "nope", documentId: "d1", claim: claimState("open", 2), change: null }));
    expect(store.getSnapshot()).toBe(before);
  });
});

describe("AnnotationStore: lazy threads", () => {
  const light = (id: string, thread = { replyCount: 2, tally: { supports: 1, disputes: 0, questions: 0 } }) => ({ ...annotation(id), replies: undefined, thread });
  function deferred<T>() {
    let resolve!: (v: T) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  }

  it("keeps the server's thread summary until a thread is opened, then fetches it once", async () => {
    const calls: string[] = [];
    const pending = deferred<ReplyDto[]>();
    const store = new AnnotationStore({
      loadThread: (id) => {
        calls.push(id);
        return pending.promise;
      },
    });
    store.load([light("a1")]);
    expect(store.getSnapshot().byId.get("a1")!.thread.replyCount).toBe(2);
    expect(store.threadState("a1")).toBe("idle");
    store.ensureThread("a1");
    store.ensureThread("a1");
    expect(calls).toEqual(["a1"]);
    expect(store.threadState("a1")).toBe("loading");
    pending.resolve([reply("r1", "a1", { stance: "supports", createdAt: "2026-01-01T00:00:01.000Z" }), reply("r2", "a1", { createdAt: "2026-01-01T00:00:02.000Z" })]);
    await pending.promise;
    expect(store.threadState("a1")).toBe("loaded");
    const a = store.getSnapshot().byId.get("a1")!;
    expect(a.replies!.map((r) => r.id)).toEqual(["r1", "r2"]);
    expect(a.thread).toEqual({ replyCount: 2, tally: { supports: 1, disputes: 0, questions: 0 } });
  });

  it("fetches a closed thread when a reply event arrives, and merges what came meanwhile", async () => {
    const pending = deferred<ReplyDto[]>();
    const store = new AnnotationStore({ loadThread: () => pending.promise });
    store.load([light("a1", { replyCount: 1, tally: { supports: 1, disputes: 0, questions: 0 } })]);
    // Ana changes her mind: the tally counts her latest stance only, which needs her earlier reply.
    store.apply(ev("reply.created", { reply: reply("r2", "a1", { stance: "disputes", createdAt: "2026-01-01T00:00:05.000Z" }) }));
    expect(store.threadState("a1")).toBe("loading");
    store.apply(ev("reply.created", { reply: reply("r3", "a1", { author: { id: "u2", displayName: "Bo" }, stance: "questions", createdAt: "2026-01-01T00:00:06.000Z" }) }));
    // The fetch answered before r3 reached the database view it read.
    pending.resolve([reply("r1", "a1", { stance: "supports", createdAt: "2026-01-01T00:00:01.000Z" }), reply("r2", "a1", { stance: "disputes", createdAt: "2026-01-01T00:00:05.000Z" })]);
    await pending.promise;
    const a = store.getSnapshot().byId.get("a1")!;
    expect(a.replies!.map((r) => r.id)).toEqual(["r1", "r2", "r3"]);
    expect(a.thread).toEqual({ replyCount: 3, tally: { supports: 0, disputes: 1, questions: 1 } });
  });

  it("updates a loaded thread's count and tally from reply events, deletions included", () => {
    const store = new AnnotationStore();
    store.load([annotation("a1", { replies: [reply("r1", "a1", { stance: "supports" })] })]);
    expect(store.threadState("a1")).toBe("loaded");
    store.apply(ev("reply.deleted", { reply: reply("r1", "a1", { version: 2, deleted: true, body: null, stance: "supports" }) }));
    expect(store.getSnapshot().byId.get("a1")!.thread).toEqual({ replyCount: 0, tally: { supports: 0, disputes: 0, questions: 0 } });
  });

  it("marks a failed fetch and retries on the next request", async () => {
    let fail = true;
    const store = new AnnotationStore({ loadThread: () => (fail ? Promise.reject(new Error("offline")) : Promise.resolve([])) });
    store.load([light("a1")]);
    store.ensureThread("a1");
    await new Promise((r) => setTimeout(r, 0));
    expect(store.threadState("a1")).toBe("error");
    fail = false;
    store.ensureThread("a1");
    await new Promise((r) => setTimeout(r, 0));
    expect(store.threadState("a1")).toBe("loaded");
  });

  it("treats a newly created annotation's empty thread as loaded", () => {
    const store = new AnnotationStore({ loadThread: () => Promise.reject(new Error("must not be called")) });
    store.load([]);
    store.apply(ev("annotation.created", { annotation: { ...annotation("n1"), replies: undefined } }));
    expect(store.threadState("n1")).toBe("loaded");
    expect(store.getSnapshot().byId.get("n1")!.replies).toEqual([]);
  });
});

describe("threadSummary", () => {
  it("counts each person's latest stance, ignores later 'none' replies and deleted ones", () => {
    const ana = { id: "u1", displayName: "Ana" };
    const bo = { id: "u2", displayName: "Bo" };
    const summary = threadSummary([
      reply("r1", "a", { author: ana, stance: "supports", createdAt: "2026-01-01T00:00:01Z" }),
      reply("r2", "a", { author: ana, stance: "disputes", createdAt: "2026-01-01T00:00:02Z" }),
      reply("r3", "a", { author: ana, stance: "none", createdAt: "2026-01-01T00:00:03Z" }),
      reply("r4", "a", { author: bo, stance: "questions", createdAt: "2026-01-01T00:00:04Z", deleted: true }),
      reply("r5", "a", { author: bo, stance: "supports", createdAt: "2026-01-01T00:00:01Z" }),
    ]);
    expect(summary).toEqual({ replyCount: 4, tally: { supports: 1, disputes: 1, questions: 0 } });
  });
});

import { describe, expect, it } from "vitest";
import type { AnnotationDto, ReplyDto } from "../../../common/annotations.ts";
import type { DocumentEventDto } from "../../../common/events.ts";
import type { ClaimChangeDto, ClaimStatus, ClaimUpdateDto } from "../../../common/review.ts";
import { candidatesOf, deriveNotifications, type Facts } from "./derive.ts";
import type { Settings } from "./settings.ts";

const DOC = "d1";

function annotation(id: string, authorId: string, over: Partial<AnnotationDto> = {}): AnnotationDto {
  return {
    id,
    documentId: DOC,
    kind: "comment",
    body: { format: "text", text: "a note" },
    anchor: { start: { paragraphId: "p", offset: 0 }, end: { paragraphId: "p", offset: 5 }, quote: "Hello", prefix: "", suffix: "", state: "anchored", dismissed: false, confidence: 1, docVersion: 1 },
    author: { id: authorId, displayName: authorId },
    tagIds: [],
    version: 1,
    createdAt: "t",
    updatedAt: "t",
    editedAt: null,
    deleted: false,
    claim: null,
    suggestion: null,
    ...over,
  };
}

const rich = (text: string, mentions: string[]) => ({ format: "rich" as const, doc: {}, text, mentions });

function reply(id: string, annotationId: string, authorId: string, mentions: string[] = []): ReplyDto {
  return { id, annotationId, parentId: null, author: { id: authorId, displayName: authorId }, body: { format: "text", text: "a reply" }, stance: "none", mentions, version: 1, deleted: false, createdAt: "t", updatedAt: "t" };
}

let seq = 0;
function event<T extends DocumentEventDto["type"]>(type: T, actorId: string, payload: Extract<DocumentEventDto, { type: T }>["payload"]): DocumentEventDto {
  return { documentId: DOC, seq: ++seq, type, actorId, clientMutationId: null, createdAt: "t", payload } as DocumentEventDto;
}

function claimUpdate(annotationId: string, from: ClaimStatus, to: ClaimStatus, changes: ClaimChangeDto["changes"] = {}, assigneeId: string | null = null): ClaimUpdateDto {
  return {
    annotationId,
    documentId: DOC,
    claim: { status: to, assigneeId, reviewerId: null, rationale: "because", sources: [], decidedAt: null, version: 2 },
    change: { id: "c", annotationId, actor: null, fromStatus: from, toStatus: to, version: 2, changes, createdAt: "t" },
  };
}

function facts(over: Partial<Facts> = {}): Facts {
  return {
    documents: new Map([[DOC, { workspaceId: "w", title: "Title" }]]),
    annotations: new Map([["a1", { authorId: "ana", quote: "Hello" }]]),
    repliers: new Map([["a1", ["ben", "cy"]]]),
    members: new Map([["w", new Set(["ana", "ben", "cy", "eve"])]]),
    settings: new Map(),
    mentioned: new Set(),
    names: new Map([["eve", "Eve"]]),
    mailEnabled: true,
    ...over,
  };
}

const who = (events: DocumentEventDto[], f = facts()) => deriveNotifications(candidatesOf(events), f).map((r) => `${r.userId}:${r.kind}`).sort();

describe("deriveNotifications", () => {
  it("never tells the actor, nor someone who is no longer a member", () => {
    const e = event("annotation.created", "eve", { annotation: annotation("a2", "eve", { body: rich("see @ana @eve @zed", ["ana", "eve", "zed"]) }) });
    expect(who([e])).toEqual(["ana:mention"]);
  });

  it("tells the thread's starter and repliers of a reply, and a mention wins over a reply", () => {
    const e = event("reply.created", "eve", { reply: reply("r9", "a1", "eve", ["ben"]) });
    expect(who([e])).toEqual(["ana:reply", "ben:mention", "cy:reply"]);
  });

  it("tells a mention once per note or reply, however often it is edited", () => {
    const e = event("reply.updated", "eve", { reply: reply("r9", "a1", "eve", ["ben", "cy"]) });
    expect(who([e], facts({ mentioned: new Set(["ben r9"]) }))).toEqual(["cy:mention"]);
  });

  it("tells the author of a verdict, not of a move to review or an amendment", () => {
    expect(who([event("claim.reviewed", "eve", claimUpdate("a1", "open", "in_review"))])).toEqual([]);
    expect(who([event("claim.reviewed", "eve", claimUpdate("a1", "supported", "supported"))])).toEqual([]);
    const [row] = deriveNotifications(candidatesOf([event("claim.reviewed", "eve", claimUpdate("a1", "in_review", "false"))]), facts());
    expect(row).toMatchObject({ userId: "ana", kind: "verdict", content: { status: "false", excerpt: "because", actorName: "Eve", quote: "Hello", documentTitle: "Title" } });
  });

  it("tells the assignee of an assignment, not of an unassignment", () => {
    expect(who([event("claim.assigned", "eve", claimUpdate("a1", "open", "open", { assigneeId: { from: null, to: "ben" } }, "ben"))])).toEqual(["ben:assignment"]);
    expect(who([event("claim.assigned", "eve", claimUpdate("a1", "open", "open", { assigneeId: { from: "ben", to: null } }, null))])).toEqual([]);
  });

  it("tells a suggestion's author when it is accepted — with the edit it made, not on a later change", () => {
    const accepted = annotation("a1", "ana", { kind: "suggestion", suggestion: { replacement: "Hi", state: "accepted", decidedBy: "eve", decidedAt: "t", appliedVersion: 3, version: 2 } });
    // Only the version an edit made matters here; the rest of its payload is beside the point.
    const edit = { ...event("annotation.created", "eve", { annotation: annotation("x", "eve") }), type: "document.edited", payload: { documentId: DOC, version: 3 } } as unknown as DocumentEventDto;
    expect(who([edit, event("annotation.updated", "eve", { annotation: accepted })])).toEqual(["ana:suggestion"]);
    expect(who([event("annotation.updated", "eve", { annotation: accepted })])).toEqual([]);
  });

  it("leaves out kinds a person turned off, and picks the e-mail each row wants", () => {
    const e = event("reply.created", "eve", { reply: reply("r9", "a1", "eve", ["ben"]) });
    const off: Settings = { kinds: { mention: true, reply: false, assignment: true, verdict: true, suggestion: true }, email: "immediate" };
    const digest: Settings = { kinds: { mention: true, reply: true, assignment: true, verdict: true, suggestion: true }, email: "digest" };
    const rows = deriveNotifications(candidatesOf([e]), facts({ settings: new Map([["ana", off], ["cy", digest]]) }));
    expect(rows.map((r) => `${r.userId}:${r.kind}:${r.email}`).sort()).toEqual(["ben:mention:immediate", "cy:reply:digest"]);
    const noMail = deriveNotifications(candidatesOf([e]), facts({ mailEnabled: false }));
    expect(new Set(noMail.map((r) => r.email))).toEqual(new Set(["none"]));
  });

  it("reads nothing at all for events that cannot notify anyone", () => {
    expect(candidatesOf([event("annotation.created", "eve", { annotation: annotation("a3", "eve") })])).toEqual([]);
  });
});

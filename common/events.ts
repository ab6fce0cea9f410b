/**
 * The two event logs' wire shapes, typed once for both ends. Each event is a discriminated union
 * by `type`: a `switch (e.type)` narrows `payload` with no casts.
 *
 * - The document log (per document, gap-free `seq`): what happens inside a document.
 * - The workspace log (per workspace, gap-free `seq`): what happens to the workspace — members,
 *   invites, the tag vocabulary, documents deleted, exports made, webhooks. It outlives what it describes,
 *   so its payloads carry the names they need, and it doubles as the audit trail.
 */
import type { AnnotationDto, ReplyDto, TagDto } from "./annotations.ts";
import type { ClaimUpdateDto } from "./review.ts";
import type { DocumentEditDto } from "./editing.ts";
import type { Role } from "./workspaces.ts";

/** What each document event carries, by type. */
export interface DocumentEventPayloads {
  "document.imported": { title: string; format: string; paragraphs: number };
  /** The text changed: a new document version (an edit, a revised draft, an accepted suggestion). */
  "document.edited": DocumentEditDto;
  "annotation.created": { annotation: AnnotationDto };
  "annotation.updated": { annotation: AnnotationDto };
  "annotation.deleted": { annotation: AnnotationDto };
  /** A JSON-LD import: its notes arrive as annotation.created events too; this is the summary. */
  "annotations.imported": { placed: number; notPlaced: number; replies: number };
  "reply.created": { reply: ReplyDto };
  "reply.updated": { reply: ReplyDto };
  "reply.deleted": { reply: ReplyDto };
  "tags.merged": { tagId: string; intoTagId: string; annotationIds: string[] };
  "claim.reviewed": ClaimUpdateDto;
  "claim.assigned": ClaimUpdateDto;
}
export type DocumentEventType = keyof DocumentEventPayloads;

interface DocumentEventEnvelope {
  documentId: string;
  seq: number;
  actorId: string | null;
  clientMutationId: string | null;
  createdAt: string;
}

/** The per-document event log's wire shape: every committed change, gap-free by seq. */
export type DocumentEventDto = { [T in DocumentEventType]: DocumentEventEnvelope & { type: T; payload: DocumentEventPayloads[T] } }[DocumentEventType];

/** A person as an event names them: the id may be gone later, the name stays. */
export interface NamedPerson {
  userId: string;
  displayName: string;
}

/**
 * A webhook as the workspace log records it: never its secret, and its address without a query
 * string (which may carry a receiver's token).
 */
export interface WebhookSummary {
  webhookId: string;
  /** scheme://host[:port]/path */
  target: string;
  events: string[];
  active: boolean;
  description: string;
}

/** What each workspace event carries, by type. */
export interface WorkspaceEventPayloads {
  "workspace.created": { name: string };
  "workspace.renamed": { from: string; to: string };
  "member.joined": NamedPerson & { role: Role; inviteId: string | null };
  "member.role_changed": NamedPerson & { from: Role; to: Role };
  "member.removed": NamedPerson & { role: Role; left: boolean };
  "invite.created": { inviteId: string; role: Role; expiresAt: string };
  "invite.accepted": NamedPerson & { inviteId: string; role: Role };
  "invite.revoked": { inviteId: string; role: Role };
  "document.deleted": { documentId: string; title: string; paragraphs: number; annotations: number };
  "document.exported": { documentId: string; title: string; format: string; annotations: number };
  "tag.created": { tag: TagDto };
  "tag.updated": { tag: TagDto; before: TagDto };
  "tag.merged": { tagId: string; intoTagId: string; tags: TagDto[] };
  "webhook.created": WebhookSummary;
  "webhook.updated": { before: WebhookSummary; after: WebhookSummary };
  "webhook.deleted": WebhookSummary;
}
export type WorkspaceEventType = keyof WorkspaceEventPayloads;

interface WorkspaceEventEnvelope {
  workspaceId: string;
  seq: number;
  /** The document it concerns, if any (kept after the document is deleted). */
  documentId: string | null;
  actorId: string | null;
  clientMutationId: string | null;
  createdAt: string;
}

export type WorkspaceEventDto = { [T in WorkspaceEventType]: WorkspaceEventEnvelope & { type: T; payload: WorkspaceEventPayloads[T] } }[WorkspaceEventType];

/** Workspace event types an owner's audit log shows: changes of who may see and take what. */
export const AUDIT_EVENT_TYPES = [
  "workspace.renamed",
  "member.joined",
  "member.role_changed",
  "member.removed",
  "invite.created",
  "invite.accepted",
  "invite.revoked",
  "document.deleted",
  "document.exported",
  "webhook.created",
  "webhook.updated",
  "webhook.deleted",
] as const satisfies readonly WorkspaceEventType[];

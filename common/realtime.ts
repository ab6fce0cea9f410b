/**
 * The Socket.IO contract, typed once for both ends. Mutations answer through an ack:
 * `{ ok: true, result }` or `{ ok: false, error }` with the same error shape as the REST API.
 */
import type { z } from "zod";
import type { DocumentEventDto, WorkspaceEventDto } from "./events.ts";
import type {
  AnnotationCreateSchema,
  AnnotationDeleteSchema,
  AnnotationDto,
  AnnotationUpdateSchema,
  ReplyCreateSchema,
  ReplyDeleteSchema,
  ReplyDto,
  ReplyUpdateSchema,
  TagCreateSchema,
  TagDto,
  TagMergeSchema,
  TagUpdateSchema,
} from "./annotations.ts";
import type { ClaimAssignSchema, ClaimReviewSchema, ClaimsBulkResultDto, ClaimsBulkSchema, ClaimUpdateDto } from "./review.ts";
import type { AnnotationDismissSchema, AnnotationReattachSchema, DocumentEditDto, DocumentEditSchema, ParagraphUpdateSchema, SuggestionDecisionSchema } from "./editing.ts";
import type { NotificationDto } from "./notifications.ts";

export interface ErrorBody {
  status: number;
  code: string;
  message: string;
  field?: string;
  details?: unknown;
}

export type AckResult<T> = { ok: true; result: T; replayed?: boolean } | { ok: false; error: ErrorBody };
export type Ack<T> = (res: AckResult<T>) => void;

export interface PresenceMember {
  socketId: string;
  userId: string;
  displayName: string;
  color: string;
  selection: SelectionRange | null;
}

export interface SelectionRange {
  start: { paragraphId: string; offset: number };
  end: { paragraphId: string; offset: number };
}

export type JoinAck = { ok: true; seq: number; presence: PresenceMember[] } | { ok: false; error: ErrorBody };

/** The mutations a client can send, by event name, with their input and result. */
export interface MutationMap {
  "annotation:create": { input: z.input<typeof AnnotationCreateSchema>; result: AnnotationDto };
  "annotation:update": { input: z.input<typeof AnnotationUpdateSchema>; result: AnnotationDto };
  "annotation:delete": { input: z.input<typeof AnnotationDeleteSchema>; result: AnnotationDto };
  "reply:create": { input: z.input<typeof ReplyCreateSchema>; result: ReplyDto };
  "reply:update": { input: z.input<typeof ReplyUpdateSchema>; result: ReplyDto };
  "reply:delete": { input: z.input<typeof ReplyDeleteSchema>; result: ReplyDto };
  "tag:create": { input: z.input<typeof TagCreateSchema>; result: TagDto };
  "tag:update": { input: z.input<typeof TagUpdateSchema>; result: TagDto };
  "tag:merge": { input: z.input<typeof TagMergeSchema>; result: TagDto };
  "claim:review": { input: z.input<typeof ClaimReviewSchema>; result: ClaimUpdateDto };
  "claim:assign": { input: z.input<typeof ClaimAssignSchema>; result: ClaimUpdateDto };
  "claims:bulk": { input: z.input<typeof ClaimsBulkSchema>; result: ClaimsBulkResultDto };
  "document:edit": { input: z.input<typeof DocumentEditSchema>; result: DocumentEditDto };
  "paragraph:update": { input: z.input<typeof ParagraphUpdateSchema>; result: DocumentEditDto };
  "annotation:reattach": { input: z.input<typeof AnnotationReattachSchema>; result: AnnotationDto };
  "annotation:dismiss": { input: z.input<typeof AnnotationDismissSchema>; result: AnnotationDto };
  "suggestion:accept": { input: z.input<typeof SuggestionDecisionSchema>; result: AnnotationDto };
  "suggestion:reject": { input: z.input<typeof SuggestionDecisionSchema>; result: AnnotationDto };
}
export type MutationName = keyof MutationMap;
export const MUTATION_NAMES = [
  "annotation:create",
  "annotation:update",
  "annotation:delete",
  "reply:create",
  "reply:update",
  "reply:delete",
  "tag:create",
  "tag:update",
  "tag:merge",
  "claim:review",
  "claim:assign",
  "claims:bulk",
  "document:edit",
  "paragraph:update",
  "annotation:reattach",
  "annotation:dismiss",
  "suggestion:accept",
  "suggestion:reject",
] as const satisfies readonly MutationName[];

type MutationHandlers = {
  [K in MutationName]: (input: MutationMap[K]["input"], ack: Ack<MutationMap[K]["result"]>) => void;
};

export interface ClientToServerEvents extends MutationHandlers {
  "document:join": (p: { documentId: string; lastSeq?: number }, ack: (r: JoinAck) => void) => void;
  "document:leave": (p: { documentId: string }, ack?: Ack<null>) => void;
  /** Asks for events after lastSeq (a gap was seen); they arrive in the ack. */
  "document:sync": (p: { documentId: string; lastSeq: number }, ack: Ack<{ events: DocumentEventDto[]; seq: number }>) => void;
  "presence:selection": (p: { documentId: string; selection: SelectionRange | null }) => void;
  "presence:typing": (p: { documentId: string; annotationId: string; typing: boolean }) => void;
  /** Follows a workspace's log (members, invites, vocabulary, deletions): events after lastSeq are replayed, then arrive live. */
  "workspace:join": (p: { workspaceId: string; lastSeq?: number }, ack: (r: WorkspaceJoinAck) => void) => void;
  "workspace:leave": (p: { workspaceId: string }, ack?: Ack<null>) => void;
  "workspace:sync": (p: { workspaceId: string; lastSeq: number }, ack: Ack<{ events: WorkspaceEventDto[]; seq: number }>) => void;
}

export type WorkspaceJoinAck = { ok: true; seq: number } | { ok: false; error: ErrorBody };

export interface ServerToClientEvents {
  "document:event": (e: DocumentEventDto) => void;
  "workspace:event": (e: WorkspaceEventDto) => void;
  /**
   * The workspace's log moved past `seq` with an event this member's role does not read: sent in
   * its place, in order with the events, so the copy of the log has no gap to ask about.
   */
  "workspace:position": (p: { workspaceId: string; seq: number }) => void;
  "presence:joined": (p: { documentId: string; member: PresenceMember }) => void;
  "presence:left": (p: { documentId: string; socketId: string; userId: string }) => void;
  "presence:selection": (p: { documentId: string; socketId: string; userId: string; selection: SelectionRange | null }) => void;
  "presence:typing": (p: { documentId: string; socketId: string; userId: string; displayName: string; annotationId: string; typing: boolean }) => void;
  /** The node lost its link to the other nodes for a while: ask the log for what may have been missed. */
  "realtime:resync": (p: Record<string, never>) => void;
  /** This user lost access to the workspace: the document's events stop. */
  "access:revoked": (p: { workspaceId: string; documentIds: string[] }) => void;
  /** A new notification for this user (to every socket of theirs, on every node). */
  notification: (p: { notification: NotificationDto }) => void;
  /** This user marked notifications read (in another tab, say): `ids` null means all. */
  "notifications:read": (p: { ids: string[] | null; unread: number }) => void;
}

/** Largest socket message accepted, in bytes of JSON. */
export const MAX_SOCKET_MESSAGE_BYTES = 64 * 1024;

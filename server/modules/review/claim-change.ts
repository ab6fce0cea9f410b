/**
 * The one way a claim's review row changes: a version-checked write, a history row and a
 * document event, all in the caller's transaction. Single-claim mutations and bulk actions
 * both come through here, so history and live updates can never diverge.
 */
import type { Tx } from "../../db/client.ts";
import type { DocumentEventDto } from "../../../common/events.ts";
import type { ClaimChangeDto, ClaimStatus, ClaimUpdateDto } from "../../../common/review.ts";
import { newId } from "../../lib/ids.ts";
import { ConflictError, NotFoundError, ValidationError } from "../../http/errors.ts";
import { appendEvent } from "../events/event-log.ts";
import { loadDocumentAccess } from "../documents/documents.service.ts";
import { presentClaim } from "../annotations/annotation.presenter.ts";
import type { ChangeSet } from "./transitions.ts";

export const CLAIM_EVENT = { reviewed: "claim.reviewed", assigned: "claim.assigned" } as const;
export type ClaimEventType = (typeof CLAIM_EVENT)[keyof typeof CLAIM_EVENT];

const CLAIM_SELECT = {
  id: true,
  documentId: true,
  authorId: true,
  kind: true,
  deletedAt: true,
  review: true,
  document: { select: { workspaceId: true } },
} as const;

/**
 * A live claim with its review row and workspace, and the caller's role: 404 when gone or
 * when the caller is not a member (checked before anything else is said about it), 400 when
 * the annotation is not a claim.
 */
export async function loadClaim(tx: Tx, userId: string, annotationId: string) {
  const a = await tx.annotation.findUnique({ where: { id: annotationId }, select: CLAIM_SELECT });
  if (!a || a.deletedAt) throw NotFoundError("Annotation");
  const { role } = await loadDocumentAccess(tx, userId, a.documentId).catch(() => {
    throw NotFoundError("Annotation");
  });
  if (a.kind !== "claim" || !a.review) throw ValidationError("annotationId: this annotation is not a claim", "annotationId");
  return { claim: { ...a, review: a.review }, role };
}
export type LoadedClaim = Awaited<ReturnType<typeof loadClaim>>["claim"];

/** Every live claim of `ids` within the scope, in the order of `ids`; 400 naming the missing ones. */
export async function loadClaims(tx: Tx, ids: string[], scope: { documentId: string } | { workspaceId: string }): Promise<LoadedClaim[]> {
  const where = "documentId" in scope ? { documentId: scope.documentId } : { document: { workspaceId: scope.workspaceId } };
  const rows = await tx.annotation.findMany({ where: { id: { in: ids }, deletedAt: null, kind: "claim", ...where }, select: CLAIM_SELECT });
  const byId = new Map(rows.flatMap((r) => (r.review ? [[r.id, { ...r, review: r.review }] as const] : [])));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length) throw ValidationError(`annotationIds: ${missing.length} of these are not live claims here`, "annotationIds", { missing });
  return ids.map((id) => byId.get(id)!);
}

interface ChangeRow {
  id: string;
  annotationId: string;
  fromStatus: string;
  toStatus: string;
  version: number;
  changes: string;
  createdAt: Date;
  actor: { id: string; displayName: string } | null;
}

export function presentChange(r: ChangeRow): ClaimChangeDto {
  return {
    id: r.id,
    annotationId: r.annotationId,
    actor: r.actor,
    fromStatus: r.fromStatus as ClaimStatus,
    toStatus: r.toStatus as ClaimStatus,
    version: r.version,
    changes: JSON.parse(r.changes) as ChangeSet,
    createdAt: r.createdAt.toISOString(),
  };
}

export const CHANGE_INCLUDE = { actor: { select: { id: true, displayName: true } } } as const;

export interface ClaimWrite {
  claim: LoadedClaim;
  /** The version the caller saw; a different current version is a 409 with the current state. */
  expectedVersion: number;
  data: Record<string, unknown>;
  toStatus: ClaimStatus;
  changes: ChangeSet;
  actorId: string;
  clientMutationId: string | undefined;
  eventType: ClaimEventType;
}

/** Throws 409 carrying `{ annotationId, claim }` as it is now. */
async function conflict(tx: Tx, annotationId: string): Promise<never> {
  const now = await tx.claimReview.findUniqueOrThrow({ where: { annotationId } });
  throw ConflictError(`Claim was changed by someone else (now version ${now.version})`, { current: { annotationId, claim: presentClaim(now) } });
}

export async function writeClaimChange(tx: Tx, w: ClaimWrite): Promise<{ update: ClaimUpdateDto; event: DocumentEventDto }> {
  const annotationId = w.claim.id;
  const { count } = await tx.claimReview.updateMany({ where: { annotationId, version: w.expectedVersion }, data: { ...w.data, version: { increment: 1 } } });
  if (count === 0) await conflict(tx, annotationId);
  const review = await tx.claimReview.findUniqueOrThrow({ where: { annotationId } });
  const change = await tx.claimReviewChange.create({
    data: {
      id: newId("cr"),
      annotationId,
      actorId: w.actorId,
      fromStatus: w.claim.review.status,
      toStatus: w.toStatus,
      version: review.version,
      changes: JSON.stringify(w.changes),
    },
    include: CHANGE_INCLUDE,
  });
  const update: ClaimUpdateDto = { annotationId, documentId: w.claim.documentId, claim: presentClaim(review)!, change: presentChange(change) };
  const event = await appendEvent(tx, { documentId: w.claim.documentId, type: w.eventType, payload: update, actorId: w.actorId, clientMutationId: w.clientMutationId });
  return { update, event };
}

/** The answer for a request that changed nothing (still version-checked). */
export async function unchanged(tx: Tx, claim: LoadedClaim, expectedVersion: number): Promise<ClaimUpdateDto> {
  if (claim.review.version !== expectedVersion) await conflict(tx, claim.id);
  return { annotationId: claim.id, documentId: claim.documentId, claim: presentClaim(claim.review)!, change: null };
}

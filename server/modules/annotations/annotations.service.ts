/**
 * Annotations: update, delete, list (creates are batched: annotation-create-batch.ts). Each
 * write runs inside runMutation's transaction and appends its event to the document's log in
 * that same transaction.
 */
import type { z } from "zod";
import type { Db, Tx } from "../../db/client.ts";
import type { AnnotationDeleteSchema, AnnotationDto, AnnotationUpdateSchema } from "../../../common/annotations.ts";
import { checkBody, type BodyInputSchema } from "../../../common/bodies.ts";
import type { Role } from "../../../common/workspaces.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../http/errors.ts";
import { appendEvent } from "../events/event-log.ts";
import { loadDocumentAccess } from "../documents/documents.service.ts";
import { authorize } from "../workspaces/membership.ts";
import { can } from "../workspaces/workspace.policy.ts";
import type { Actor } from "../mutations/mutation.ts";
import { ANNOTATION_INCLUDE, presentAnnotation, REPLY_INCLUDE } from "./annotation.presenter.ts";
import { assertUsableTags } from "../tags/tags.service.ts";

type UpdateInput = z.output<typeof AnnotationUpdateSchema>;
type DeleteInput = z.output<typeof AnnotationDeleteSchema>;

/** Validates a body; a bad one is a 400 naming `field`. */
export function requireBody(input: z.output<typeof BodyInputSchema>, field = "body") {
  const checked = checkBody(input);
  if (!checked.ok) throw ValidationError(`${field}: ${checked.message}`, field);
  return checked.body;
}

/** Authors edit their own; editors and owners moderate anyone's. */
export function assertMayEdit(role: Role, actorId: string, authorId: string, what: string): void {
  if (actorId === authorId) authorize(role, "annotation.create", `Your role (${role}) is read-only`);
  else if (!can(role, "annotation.moderate")) throw ForbiddenError(`Only the author, editors and owners may change this ${what}`);
}

async function loadAnnotation(tx: Tx, id: string) {
  const a = await tx.annotation.findUnique({ where: { id }, include: ANNOTATION_INCLUDE });
  if (!a || a.deletedAt) throw NotFoundError("Annotation");
  return a;
}

/** Throws 409 carrying the current annotation when `version` is stale. */
async function bumpVersion(tx: Tx, id: string, version: number, data: Record<string, unknown>) {
  const { count } = await tx.annotation.updateMany({ where: { id, version, deletedAt: null }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) {
    const current = await loadAnnotation(tx, id);
    throw ConflictError(`Annotation was changed by someone else (now version ${current.version})`, { current: presentAnnotation(current) });
  }
}

export async function updateAnnotation(tx: Tx, actor: Actor, input: UpdateInput) {
  const existing = await loadAnnotation(tx, input.annotationId);
  const { document, role } = await loadDocumentAccess(tx, actor.userId, existing.documentId);
  assertMayEdit(role, actor.userId, existing.author.id, "annotation");
  const data: Record<string, unknown> = {};
  if (input.body !== undefined) data.body = JSON.stringify(requireBody(input.body));
  if (input.kind !== undefined) data.kind = input.kind;
  if (input.tagIds !== undefined) {
    authorize(role, "tag.apply");
    await assertUsableTags(tx, document.workspaceId, input.tagIds);
  }
  await bumpVersion(tx, existing.id, input.version, data);
  if (input.tagIds !== undefined) {
    await tx.annotationTag.deleteMany({ where: { annotationId: existing.id } });
    if (input.tagIds.length) await tx.annotationTag.createMany({ data: input.tagIds.map((tagId) => ({ annotationId: existing.id, tagId })) });
  }
  if (input.kind === "claim" && !existing.review) await tx.claimReview.create({ data: { annotationId: existing.id } });
  const annotation = presentAnnotation(await loadAnnotation(tx, existing.id));
  const event = await appendEvent(tx, {
    documentId: document.id,
    type: "annotation.updated",
    payload: { annotation },
    actorId: actor.userId,
    clientMutationId: input.clientMutationId,
  });
  return { result: annotation, events: [event] };
}

export async function deleteAnnotation(tx: Tx, actor: Actor, input: DeleteInput) {
  const existing = await loadAnnotation(tx, input.annotationId);
  const { role } = await loadDocumentAccess(tx, actor.userId, existing.documentId);
  assertMayEdit(role, actor.userId, existing.author.id, "annotation");
  await bumpVersion(tx, existing.id, input.version ?? existing.version, { deletedAt: new Date() });
  const row = await tx.annotation.findUniqueOrThrow({ where: { id: existing.id }, include: ANNOTATION_INCLUDE });
  const annotation = presentAnnotation(row);
  const event = await appendEvent(tx, {
    documentId: existing.documentId,
    type: "annotation.deleted",
    payload: { annotation },
    actorId: actor.userId,
    clientMutationId: input.clientMutationId,
  });
  return { result: annotation, events: [event] };
}

/** The document's live annotations with their replies, and the log position they reflect. */
export async function listAnnotations(db: Db, userId: string, documentId: string): Promise<{ annotations: AnnotationDto[]; seq: number }> {
  const { document } = await loadDocumentAccess(db, userId, documentId);
  // Read in one transaction so `seq` matches the rows exactly (replay continues from it).
  return db.$transaction(async (tx) => {
    const { lastSeq } = await tx.document.findUniqueOrThrow({ where: { id: document.id }, select: { lastSeq: true } });
    const rows = await tx.annotation.findMany({
      where: { documentId: document.id, deletedAt: null },
      include: { ...ANNOTATION_INCLUDE, replies: { include: REPLY_INCLUDE, orderBy: { createdAt: "asc" } } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    return { annotations: rows.map((r) => presentAnnotation(r, r.replies)), seq: lastSeq };
  });
}

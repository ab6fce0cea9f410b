/**
 * Annotations: update, delete, list (creates are batched: annotation-create-batch.ts). Each
 * write runs inside runMutation's transaction and appends its event to the document's log in
 * that same transaction.
 */
import type { z } from "zod";
import type { Db, Tx } from "../../db/client.ts";
import type { AnnotationDeleteSchema, AnnotationDto, AnnotationUpdateSchema, ReplyDto } from "../../../common/annotations.ts";
import type { Role } from "../../../common/workspaces.ts";
import { ConflictError, ForbiddenError, NotFoundError } from "../../http/errors.ts";
import { appendEvent } from "../events/event-log.ts";
import { loadDocumentAccess } from "../documents/documents.service.ts";
import { assertMentionsAreMembers, authorize } from "../workspaces/membership.ts";
import { requireBody } from "./body-check.ts";
import { can } from "../../../common/policy.ts";
import type { Actor } from "../mutations/mutation.ts";
import { ANNOTATION_INCLUDE, presentAnnotation, presentReply, REPLY_INCLUDE } from "./annotation.presenter.ts";
import { tallyStances } from "../review/stances.ts";
import { assertUsableTags } from "../tags/tags.service.ts";

type UpdateInput = z.output<typeof AnnotationUpdateSchema>;
type DeleteInput = z.output<typeof AnnotationDeleteSchema>;

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
  const { document, role } = await loadDocumentAccess(tx, actor.userId, existing.documentId, "Annotation");
  assertMayEdit(role, actor.userId, existing.author.id, "annotation");
  const data: Record<string, unknown> = {};
  if (input.body !== undefined) {
    const body = requireBody(input.body);
    if (body.format === "rich") await assertMentionsAreMembers(tx, document.workspaceId, body.mentions);
    data.body = JSON.stringify(body);
  }
  if (input.kind !== undefined) data.kind = input.kind;
  data.editedAt = new Date();
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
  const { role } = await loadDocumentAccess(tx, actor.userId, existing.documentId, "Annotation");
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

/**
 * The document's live annotations, and the log position they reflect. With replies, each
 * carries its thread; without, only the thread's size and stance tally (what a list needs),
 * which keeps the answer small for documents with thousands of replies.
 */
export async function listAnnotations(db: Db, userId: string, documentId: string, opts: { replies: boolean } = { replies: true }): Promise<{ annotations: AnnotationDto[]; seq: number }> {
  const { document } = await loadDocumentAccess(db, userId, documentId);
  // Read seq first: rows may then only be newer than seq, and replaying newer events is harmless.
  return db.$transaction(async (tx) => {
    const { lastSeq } = await tx.document.findUniqueOrThrow({ where: { id: document.id }, select: { lastSeq: true } });
    const where = { documentId: document.id, deletedAt: null };
    const orderBy = [{ createdAt: "asc" as const }, { id: "asc" as const }];
    if (opts.replies) {
      const rows = await tx.annotation.findMany({ where, include: { ...ANNOTATION_INCLUDE, replies: { include: REPLY_INCLUDE, orderBy: { createdAt: "asc" } } }, orderBy });
      return { annotations: rows.map((r) => presentAnnotation(r, r.replies)), seq: lastSeq };
    }
    const rows = await tx.annotation.findMany({ where, include: ANNOTATION_INCLUDE, orderBy });
    const replies = await tx.reply.findMany({
      where: { annotation: { documentId: document.id, deletedAt: null } },
      select: { id: true, annotationId: true, authorId: true, stance: true, createdAt: true, deletedAt: true },
    });
    const byAnnotation = new Map<string, typeof replies>();
    for (const r of replies) byAnnotation.set(r.annotationId, [...(byAnnotation.get(r.annotationId) ?? []), r]);
    return {
      annotations: rows.map((r) => {
        const thread = byAnnotation.get(r.id) ?? [];
        return { ...presentAnnotation(r), thread: { replyCount: thread.filter((x) => !x.deletedAt).length, tally: tallyStances(thread) } };
      }),
      seq: lastSeq,
    };
  });
}

/** One annotation's thread, oldest first (deleted replies stay as placeholders). */
export async function listReplies(db: Db, userId: string, annotationId: string): Promise<ReplyDto[]> {
  const annotation = await db.annotation.findUnique({ where: { id: annotationId }, select: { documentId: true, deletedAt: true } });
  if (!annotation || annotation.deletedAt) throw NotFoundError("Annotation");
  await loadDocumentAccess(db, userId, annotation.documentId).catch(() => {
    throw NotFoundError("Annotation");
  });
  const rows = await db.reply.findMany({ where: { annotationId }, include: REPLY_INCLUDE, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(presentReply);
}

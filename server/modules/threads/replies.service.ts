/**
 * Debate threads: replies to an annotation or to another reply, each with a stance and
 * @mentions of workspace members. A deleted reply keeps its row as a placeholder so the
 * thread still reads.
 */
import type { z } from "zod";
import type { Tx } from "../../db/client.ts";
import type { ReplyCreateSchema, ReplyDeleteSchema, ReplyUpdateSchema } from "../../../common/annotations.ts";
import { newId } from "../../lib/ids.ts";
import { ConflictError, NotFoundError, ValidationError } from "../../http/errors.ts";
import { appendEvent } from "../events/event-log.ts";
import { loadDocumentAccess } from "../documents/documents.service.ts";
import { assertMentionsAreMembers, authorize } from "../workspaces/membership.ts";
import type { Actor } from "../mutations/mutation.ts";
import { assertMayEdit } from "../annotations/annotations.service.ts";
import { requireBody } from "../annotations/body-check.ts";
import { presentReply, REPLY_INCLUDE } from "../annotations/annotation.presenter.ts";

type CreateInput = z.output<typeof ReplyCreateSchema>;
type UpdateInput = z.output<typeof ReplyUpdateSchema>;
type DeleteInput = z.output<typeof ReplyDeleteSchema>;

async function loadReply(tx: Tx, id: string) {
  const r = await tx.reply.findUnique({ where: { id }, include: { ...REPLY_INCLUDE, annotation: { select: { documentId: true, deletedAt: true } } } });
  if (!r || r.annotation.deletedAt) throw NotFoundError("Reply");
  return r;
}

export async function createReply(tx: Tx, actor: Actor, input: CreateInput) {
  const annotation = await tx.annotation.findUnique({ where: { id: input.annotationId }, select: { id: true, documentId: true, deletedAt: true } });
  if (!annotation || annotation.deletedAt) throw NotFoundError("Annotation");
  const { document, role } = await loadDocumentAccess(tx, actor.userId, annotation.documentId, "Annotation");
  authorize(role, "annotation.create", `Your role (${role}) is read-only`);
  if (input.parentId) {
    const parent = await tx.reply.findUnique({ where: { id: input.parentId }, select: { annotationId: true } });
    if (!parent || parent.annotationId !== annotation.id) throw ValidationError("parentId: no such reply in this thread", "parentId");
  }
  const body = requireBody(input.body);
  const mentions = body.format === "rich" ? body.mentions : [];
  await assertMentionsAreMembers(tx, document.workspaceId, body);
  const id = newId("r");
  await tx.reply.create({
    data: {
      id,
      annotationId: annotation.id,
      parentId: input.parentId ?? null,
      authorId: actor.userId,
      body: JSON.stringify(body),
      stance: input.stance,
      mentions: JSON.stringify(mentions),
    },
  });
  const reply = presentReply(await tx.reply.findUniqueOrThrow({ where: { id }, include: REPLY_INCLUDE }));
  const event = await appendEvent(tx, { documentId: document.id, type: "reply.created", payload: { reply }, actorId: actor.userId, clientMutationId: input.clientMutationId });
  return { result: reply, events: [event] };
}

async function bumpReply(tx: Tx, id: string, version: number, data: Record<string, unknown>) {
  const { count } = await tx.reply.updateMany({ where: { id, version, deletedAt: null }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) {
    const current = await tx.reply.findUniqueOrThrow({ where: { id }, include: REPLY_INCLUDE });
    if (current.deletedAt) throw NotFoundError("Reply");
    throw ConflictError(`Reply was changed by someone else (now version ${current.version})`, { current: presentReply(current) });
  }
}

export async function updateReply(tx: Tx, actor: Actor, input: UpdateInput) {
  const existing = await loadReply(tx, input.replyId);
  if (existing.deletedAt) throw NotFoundError("Reply");
  const { document, role } = await loadDocumentAccess(tx, actor.userId, existing.annotation.documentId, "Reply");
  assertMayEdit(role, actor.userId, existing.author.id, "reply");
  const data: Record<string, unknown> = {};
  if (input.body !== undefined) {
    const body = requireBody(input.body);
    const mentions = body.format === "rich" ? body.mentions : [];
    await assertMentionsAreMembers(tx, document.workspaceId, body);
    data.body = JSON.stringify(body);
    data.mentions = JSON.stringify(mentions);
  }
  if (input.stance !== undefined) data.stance = input.stance;
  await bumpReply(tx, existing.id, input.version, data);
  const reply = presentReply(await tx.reply.findUniqueOrThrow({ where: { id: existing.id }, include: REPLY_INCLUDE }));
  const event = await appendEvent(tx, { documentId: document.id, type: "reply.updated", payload: { reply }, actorId: actor.userId, clientMutationId: input.clientMutationId });
  return { result: reply, events: [event] };
}

export async function deleteReply(tx: Tx, actor: Actor, input: DeleteInput) {
  const existing = await loadReply(tx, input.replyId);
  if (existing.deletedAt) throw NotFoundError("Reply");
  const { document, role } = await loadDocumentAccess(tx, actor.userId, existing.annotation.documentId, "Reply");
  assertMayEdit(role, actor.userId, existing.author.id, "reply");
  // The text goes; the row stays as a placeholder so replies to it keep their place.
  await bumpReply(tx, existing.id, input.version ?? existing.version, {
    deletedAt: new Date(),
    body: JSON.stringify({ format: "text", text: "" }),
    mentions: "[]",
  });
  const reply = presentReply(await tx.reply.findUniqueOrThrow({ where: { id: existing.id }, include: REPLY_INCLUDE }));
  const event = await appendEvent(tx, { documentId: document.id, type: "reply.deleted", payload: { reply }, actorId: actor.userId, clientMutationId: input.clientMutationId });
  return { result: reply, events: [event] };
}

/**
 * The editing mutations: `document:edit` (any steps), `paragraph:update` (one paragraph's text,
 * the PATCH /api/paragraphs/:id contract), `annotation:reattach` and `annotation:dismiss` (the
 * "needs re-attaching" list). Editors and owners edit; analysts propose edits as suggestions.
 */
import type { z } from "zod";
import type { Tx } from "../../db/client.ts";
import type { AnnotationDismissSchema, AnnotationReattachSchema, DocumentEditDto, DocumentEditSchema, ParagraphUpdateSchema } from "../../../common/editing.ts";
import type { AnnotationDto } from "../../../common/annotations.ts";
import { ConflictError, NotFoundError, ValidationError } from "../../http/errors.ts";
import { loadDocumentAccess } from "../documents/documents.service.ts";
import { authorize } from "../workspaces/membership.ts";
import { appendEvent } from "../events/event-log.ts";
import { ANNOTATION_INCLUDE, presentAnnotation } from "../annotations/annotation.presenter.ts";
import { assertMayEdit } from "../annotations/annotations.service.ts";
import { resolveAnchor } from "../../anchoring/resolve.ts";
import { spanOf } from "../documents/paragraph-cache.ts";
import type { Actor, AfterCommit, MutationServices, Written } from "../mutations/mutation.ts";
import { applyEdit, earlierTexts } from "./apply-edit.ts";

const forgetParagraphs =
  (documentId: string): AfterCommit =>
  ({ paragraphs }) =>
    paragraphs.forget(documentId);

export async function editDocument(tx: Tx, actor: Actor, input: z.output<typeof DocumentEditSchema>, services: MutationServices): Promise<Written<DocumentEditDto>> {
  const { role } = await loadDocumentAccess(tx, actor.userId, input.documentId);
  authorize(role, "document.edit");
  const stale = input.ops.flatMap((op) => ("baseVersion" in op ? [{ paragraphId: op.paragraphId, version: op.baseVersion }] : []));
  const out = await applyEdit(tx, services.provider, actor, input.documentId, (session) => input.ops.forEach((op, i) => session.apply(op, i)), {
    kind: "edit",
    note: input.note,
    clientMutationId: input.clientMutationId,
    earlierTexts: await earlierTexts(tx, stale),
  });
  return { result: out.result, events: out.events, afterCommit: forgetParagraphs(input.documentId) };
}

/** PATCH /api/paragraphs/:id: one paragraph's new text, made on paragraph version `version`. */
export async function updateParagraph(tx: Tx, actor: Actor, input: z.output<typeof ParagraphUpdateSchema>, services: MutationServices): Promise<Written<DocumentEditDto>> {
  const paragraph = await tx.paragraph.findUnique({ where: { id: input.paragraphId }, select: { documentId: true } });
  if (!paragraph) throw NotFoundError("Paragraph");
  const { role } = await loadDocumentAccess(tx, actor.userId, paragraph.documentId, "Paragraph");
  authorize(role, "document.edit");
  const out = await applyEdit(
    tx,
    services.provider,
    actor,
    paragraph.documentId,
    (session) => session.apply({ op: "text", paragraphId: input.paragraphId, baseVersion: input.version, text: input.text }, 0),
    { kind: "edit", clientMutationId: input.clientMutationId, earlierTexts: await earlierTexts(tx, [{ paragraphId: input.paragraphId, version: input.version }]) },
  );
  return { result: out.result, events: out.events, afterCommit: forgetParagraphs(paragraph.documentId) };
}

async function loadOwnAnnotation(tx: Tx, actor: Actor, annotationId: string, version: number) {
  const a = await tx.annotation.findUnique({ where: { id: annotationId }, include: ANNOTATION_INCLUDE });
  if (!a || a.deletedAt) throw NotFoundError("Annotation");
  const { role } = await loadDocumentAccess(tx, actor.userId, a.documentId, "Annotation");
  assertMayEdit(role, actor.userId, a.author.id, "annotation");
  if (a.version !== version) throw ConflictError(`Annotation was changed by someone else (now version ${a.version})`, { current: presentAnnotation(a) });
  return a;
}

async function annotationChanged(tx: Tx, actor: Actor, id: string, clientMutationId: string | undefined): Promise<Written<AnnotationDto>> {
  const annotation = presentAnnotation(await tx.annotation.findUniqueOrThrow({ where: { id }, include: ANNOTATION_INCLUDE }));
  const event = await appendEvent(tx, { documentId: annotation.documentId, type: "annotation.updated", payload: { annotation }, actorId: actor.userId, clientMutationId });
  return { result: annotation, events: [event] };
}

/** Puts an annotation on a new span of the current text (an orphan found again, or a misplaced one). */
export async function reattachAnnotation(tx: Tx, actor: Actor, input: z.output<typeof AnnotationReattachSchema>, services: MutationServices): Promise<Written<AnnotationDto>> {
  const a = await loadOwnAnnotation(tx, actor, input.annotationId, input.version);
  const { version } = await tx.document.findUniqueOrThrow({ where: { id: a.documentId }, select: { version: true } });
  const texts = await services.paragraphs.get(tx, a.documentId, version);
  const r = resolveAnchor(spanOf(texts, input.anchor.start.paragraphId, input.anchor.end.paragraphId), input.anchor);
  if (!r.ok) throw ValidationError(r.message, r.field);
  const seen = await tx.anchorRevision.count({ where: { annotationId: a.id } });
  // The anchor's fields only: `x` may be the whole annotation row.
  const anchorRow = (v: number, x: { startPid: string; startOffset: number; endPid: string; endOffset: number; quote: string; prefix: string; suffix: string; anchorState: string; confidence: number }) => ({
    annotationId: a.id,
    docVersion: v,
    startPid: x.startPid,
    startOffset: x.startOffset,
    endPid: x.endPid,
    endOffset: x.endOffset,
    quote: x.quote,
    prefix: x.prefix,
    suffix: x.suffix,
    anchorState: x.anchorState,
    confidence: x.confidence,
  });
  if (seen === 0 && a.docVersion < version) await tx.anchorRevision.create({ data: anchorRow(a.docVersion, a) });
  await tx.anchorRevision.upsert({
    where: { annotationId_docVersion: { annotationId: a.id, docVersion: version } },
    create: anchorRow(version, { ...r.anchor, anchorState: "anchored", confidence: 1 }),
    update: { ...r.anchor, anchorState: "anchored", confidence: 1 },
  });
  await tx.annotation.update({ where: { id: a.id }, data: { ...r.anchor, anchorState: "anchored", confidence: 1, version: { increment: 1 } } });
  return annotationChanged(tx, actor, a.id, input.clientMutationId);
}

/** Takes an orphan off the "needs re-attaching" list: it stays, with its quote and thread, detached. */
export async function dismissOrphan(tx: Tx, actor: Actor, input: z.output<typeof AnnotationDismissSchema>): Promise<Written<AnnotationDto>> {
  const a = await loadOwnAnnotation(tx, actor, input.annotationId, input.version);
  if (a.anchorState !== "orphaned") throw ValidationError("annotationId: only an orphaned annotation can be dismissed", "annotationId");
  await tx.annotation.update({ where: { id: a.id }, data: { anchorState: "dismissed", version: { increment: 1 } } });
  return annotationChanged(tx, actor, a.id, input.clientMutationId);
}

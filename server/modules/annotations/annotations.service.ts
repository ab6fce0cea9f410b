/**
 * Annotations: update, delete, list (creates are batched: annotation-create-batch.ts). Each
 * write runs inside runMutation's transaction and appends its event to the document's log in
 * that same transaction.
 */
import type { z } from "zod";
import type { Db, Provider, Tx } from "../../db/client.ts";
import type { Sql } from "../../db/sql.ts";
import { inDriverTransaction } from "../../db/driver-transaction.ts";
import type { AnnotationDeleteSchema, AnnotationDto, AnnotationUpdateSchema, ReplyDto } from "../../../common/annotations.ts";
import type { Role } from "../../../common/workspaces.ts";
import { ConflictError, ForbiddenError, NotFoundError } from "../../http/errors.ts";
import { appendEvent } from "../events/event-log.ts";
import { loadDocumentAccess } from "../documents/documents.service.ts";
import { assertMentionsAreMembers, authorize } from "../workspaces/membership.ts";
import { requireBody } from "./body-check.ts";
import { can } from "../../../common/policy.ts";
import type { Actor } from "../mutations/mutation.ts";
import { ANNOTATION_INCLUDE, presentAnnotation, presentReply, REPLY_INCLUDE, type AnnotationRow } from "./annotation.presenter.ts";
import { tallyStances, type StanceReply } from "../review/stances.ts";
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
    await assertMentionsAreMembers(tx, document.workspaceId, body);
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
 * which keeps the answer small for documents with thousands of replies. The list without
 * replies (what the document page loads) is read with a few hand-written statements, joined
 * here: for thousands of annotations, model calls with includes cost many times more.
 */
export async function listAnnotations(
  db: Db,
  userId: string,
  documentId: string,
  opts: { replies: boolean; provider: Provider },
): Promise<{ annotations: AnnotationDto[]; seq: number }> {
  const { document } = await loadDocumentAccess(db, userId, documentId);
  // Read seq first: rows may then only be newer than seq, and replaying newer events is harmless.
  if (!opts.replies) {
    return inDriverTransaction(
      db,
      opts.provider,
      async (_tx, sql) => {
        const [doc] = await sql.query<{ lastSeq: unknown }>(`SELECT "lastSeq" FROM "Document" WHERE "id" = ?`, [document.id]);
        return { seq: int(doc!.lastSeq), annotations: await summaryRows(sql, document.id) };
      },
      { maxWait: 10_000, timeout: 30_000 },
    );
  }
  return db.$transaction(async (tx) => {
    const { lastSeq } = await tx.document.findUniqueOrThrow({ where: { id: document.id }, select: { lastSeq: true } });
    const where = { documentId: document.id, deletedAt: null };
    const orderBy = [{ createdAt: "asc" as const }, { id: "asc" as const }];
    const rows = await tx.annotation.findMany({ where, include: { ...ANNOTATION_INCLUDE, replies: { include: REPLY_INCLUDE, orderBy: { createdAt: "asc" } } }, orderBy });
    return { annotations: rows.map((r) => presentAnnotation(r, r.replies)), seq: lastSeq };
  });
}

const int = (v: unknown): number => Number(v);
const date = (v: unknown): Date => (v instanceof Date ? v : new Date(v as string | number));
const maybeDate = (v: unknown): Date | null => (v === null || v === undefined ? null : date(v));
const LIVE = `a."documentId" = ? AND a."deletedAt" IS NULL`;

/** The live annotations of a document with thread summaries: five statements, whatever their number. */
async function summaryRows(sql: Sql, documentId: string): Promise<AnnotationDto[]> {
  const [annotations, tags, reviews, suggestions, replies] = [
    await sql.query<Record<string, unknown>>(
      `SELECT a."id", a."documentId", a."kind", a."body", a."startPid", a."startOffset", a."endPid", a."endOffset", a."quote", a."prefix", a."suffix",
              a."docVersion", a."anchorState", a."confidence", a."version", a."createdAt", a."updatedAt", a."deletedAt", a."editedAt",
              a."authorId", u."displayName" AS "authorName"
       FROM "Annotation" a JOIN "User" u ON u."id" = a."authorId" WHERE ${LIVE} ORDER BY a."createdAt", a."id"`,
      [documentId],
    ),
    await sql.query<{ annotationId: string; tagId: string }>(
      `SELECT t."annotationId", t."tagId" FROM "AnnotationTag" t JOIN "Annotation" a ON a."id" = t."annotationId" WHERE ${LIVE} ORDER BY t."createdAt", t."tagId"`,
      [documentId],
    ),
    await sql.query<Record<string, unknown>>(
      `SELECT r."annotationId", r."status", r."assigneeId", r."reviewerId", r."rationale", r."sources", r."decidedAt", r."version"
       FROM "ClaimReview" r JOIN "Annotation" a ON a."id" = r."annotationId" WHERE ${LIVE}`,
      [documentId],
    ),
    await sql.query<Record<string, unknown>>(
      `SELECT s."annotationId", s."replacement", s."state", s."decidedById", s."decidedAt", s."appliedVersion", s."version"
       FROM "Suggestion" s JOIN "Annotation" a ON a."id" = s."annotationId" WHERE ${LIVE}`,
      [documentId],
    ),
    await sql.query<Record<string, unknown>>(
      `SELECT r."id", r."annotationId", r."authorId", r."stance", r."createdAt", r."deletedAt" FROM "Reply" r JOIN "Annotation" a ON a."id" = r."annotationId" WHERE ${LIVE}`,
      [documentId],
    ),
  ];
  const tagsOf = new Map<string, { tagId: string }[]>();
  for (const t of tags) {
    const list = tagsOf.get(t.annotationId);
    if (list) list.push({ tagId: t.tagId });
    else tagsOf.set(t.annotationId, [{ tagId: t.tagId }]);
  }
  const reviewOf = new Map(
    reviews.map((r) => [
      r.annotationId as string,
      { status: r.status as string, assigneeId: r.assigneeId as string | null, reviewerId: r.reviewerId as string | null, rationale: r.rationale as string, sources: r.sources as string, decidedAt: maybeDate(r.decidedAt), version: int(r.version) },
    ]),
  );
  const suggestionOf = new Map(
    suggestions.map((r) => [
      r.annotationId as string,
      { replacement: r.replacement as string, state: r.state as string, decidedById: r.decidedById as string | null, decidedAt: maybeDate(r.decidedAt), appliedVersion: r.appliedVersion === null ? null : int(r.appliedVersion), version: int(r.version) },
    ]),
  );
  const threadOf = new Map<string, StanceReply[]>();
  for (const r of replies) {
    const reply = { id: r.id as string, authorId: r.authorId as string, stance: r.stance as string, createdAt: date(r.createdAt), deletedAt: maybeDate(r.deletedAt) };
    const list = threadOf.get(r.annotationId as string);
    if (list) list.push(reply);
    else threadOf.set(r.annotationId as string, [reply]);
  }
  return annotations.map((a) => {
    const id = a.id as string;
    const row: AnnotationRow = {
      id,
      documentId: a.documentId as string,
      kind: a.kind as string,
      body: a.body as string,
      startPid: a.startPid as string,
      startOffset: int(a.startOffset),
      endPid: a.endPid as string,
      endOffset: int(a.endOffset),
      quote: a.quote as string,
      prefix: a.prefix as string,
      suffix: a.suffix as string,
      docVersion: int(a.docVersion),
      anchorState: a.anchorState as string,
      confidence: Number(a.confidence),
      version: int(a.version),
      createdAt: date(a.createdAt),
      updatedAt: date(a.updatedAt),
      deletedAt: maybeDate(a.deletedAt),
      editedAt: maybeDate(a.editedAt),
      author: { id: a.authorId as string, displayName: a.authorName as string },
      tags: tagsOf.get(id) ?? [],
      review: reviewOf.get(id) ?? null,
      suggestion: suggestionOf.get(id) ?? null,
    };
    const thread = threadOf.get(id) ?? [];
    let replyCount = 0;
    for (const r of thread) if (!r.deletedAt) replyCount++;
    return { ...presentAnnotation(row), thread: { replyCount, tally: tallyStances(thread) } };
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

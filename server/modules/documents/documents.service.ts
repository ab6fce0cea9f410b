/** Documents: import into paragraph-anchored rows, listing, reading. */
import { z } from "zod";
import type { Db, Tx } from "../../db/client.ts";
import { bulkInsert } from "../../db/bulk-insert.ts";
import { inChunks } from "../../db/sql.ts";
import { rankAt } from "./ranks.ts";
import { yieldToEventLoop } from "../../lib/yield.ts";
import type { Role } from "../../../common/workspaces.ts";
import { UNSTORABLE_CHARS } from "../../../common/text-policy.ts";
import type { ImportSummary } from "../../../common/documents.ts";
import { newId } from "../../lib/ids.ts";
import { NotFoundError } from "../../http/errors.ts";
import { authorize, loadWorkspaceAccess } from "../workspaces/membership.ts";
import { appendEvent, appendWorkspaceEvent } from "../events/event-log.ts";
import type { Actor, MutationServices, Written } from "../mutations/mutation.ts";
import { ClientMutationIdSchema, IdSchema } from "../../../common/workspaces.ts";
import { ImportFormatSchema } from "../../../common/documents.ts";
import { nameText } from "../../../common/text-policy.ts";
import { presentDocument } from "./document.presenter.ts";
import { summarize } from "./import/index.ts";
import type { ImportedDocument, ImportFormat } from "./import/types.ts";
import { importAnnotations } from "../exports/import.service.ts";
import { wordReviewNotes } from "./word-review-notes.ts";

/** Rows per INSERT: Prisma compiles each statement with its parameters, about 5 ms per 100 rows of article text. */
const INSERT_CHUNK = 100;

/**
 * Text from a parsed file, made storable: NUL (refused by PostgreSQL) and unpaired surrogates
 * become U+FFFD, one UTF-16 unit for one, so mark offsets still hold.
 */
const storable = (s: string) => s.replace(new RegExp(UNSTORABLE_CHARS.source, "gu"), "\ufffd");

export interface DocumentAccess {
  document: NonNullable<Awaited<ReturnType<Db["document"]["findUnique"]>>>;
  role: Role;
}

/**
 * The document and the caller's role in its workspace; 404 for non-members. `what` names the
 * thing the caller asked for (an annotation, a reply...): a stranger gets exactly the answer
 * an unknown id gets, so existence does not leak.
 */
export async function loadDocumentAccess(db: Db | Tx, userId: string, documentId: string, what = "Document"): Promise<DocumentAccess> {
  const document = await db.document.findUnique({ where: { id: documentId } });
  if (!document) throw NotFoundError(what);
  try {
    const { role } = await loadWorkspaceAccess(db, userId, document.workspaceId);
    return { document, role };
  } catch {
    throw NotFoundError(what);
  }
}

/** Turns an upload into an ImportedDocument: in process for the CLI, on a worker thread for the API. */
export type ImportParser = (format: ImportFormat, content: Buffer) => Promise<ImportedDocument>;

/** What document:import writes: a file already parsed (off the event loop), and where it goes. */
export const DocumentImportSchema = z.object({
  workspaceId: IdSchema,
  format: ImportFormatSchema,
  /** A title the importing person gave, over the one read from the file. */
  title: nameText(500).optional(),
  sourceName: z.string().max(255).optional(),
  parsed: z.custom<ImportedDocument>((v) => typeof v === "object" && v !== null && Array.isArray((v as ImportedDocument).blocks), "a parsed document"),
  /**
   * The SHA-256 (hex) of the file as it was uploaded: what identifies a repeated request (a
   * retry after the importer changed reads the same file differently; it is still the same file).
   */
  contentDigest: z.string().regex(/^[0-9a-f]{64}$/, "contentDigest: a SHA-256 in hex").optional(),
  clientMutationId: ClientMutationIdSchema.optional(),
});
export type DocumentImportInput = z.output<typeof DocumentImportSchema>;

/** What became of a Word file's comments and tracked changes (word-review-notes.ts). */
export interface ImportedReviewReport {
  /** Notes written: comments, and tracked changes. */
  notes: number;
  replies: number;
  /** Notes kept on the first block because their passage was not found, with why. */
  notPlaced: Array<{ id: string; reason: string }>;
  /** Notes that could not be written, with why. */
  failed: Array<{ id: string; reason: string }>;
  /** Beyond the limits (5,000 comments, 5,000 tracked changes), not read. */
  commentsLeftOut: number;
  changesLeftOut: number;
}

/**
 * document:import writes the document, its paragraphs, version 1 and the `document.imported`
 * event in one transaction: a failure leaves nothing behind. A Word file's comments and tracked
 * changes become notes in the same transaction, written by annotations:import's writer.
 */
export async function importDocument(tx: Tx, actor: Actor, input: DocumentImportInput, services: MutationServices) {
  // Checked again here, not only before the upload was read: membership may have changed while the file was parsed.
  const access = await loadWorkspaceAccess(tx, actor.userId, input.workspaceId);
  authorize(access.role, "document.import");
  const { parsed } = input;
  const summary: ImportSummary = summarize(parsed);
  const title = storable(input.title ?? parsed.title);
  summary.title = title;
  const documentId = newId("d");
  const paragraphs = parsed.blocks.map((b, position) => ({
    id: newId("p"),
    documentId,
    position,
    rank: rankAt(position),
    kind: b.kind,
    text: storable(b.text),
    level: b.level ?? null,
    role: b.role ?? null,
    depth: b.depth ?? null,
    ordered: b.ordered ?? null,
    marks: b.marks && b.marks.length > 0 ? JSON.stringify(b.marks) : null,
  }));

  await tx.document.create({
    data: {
      id: documentId,
      workspaceId: input.workspaceId,
      title,
      format: input.format,
      sourceName: input.sourceName === undefined ? null : storable(input.sourceName),
      metadata: JSON.stringify(parsed.metadata),
      createdById: actor.userId,
    },
  });
  // Multi-row INSERTs in slices, with a turn of the event loop between them: a 10,000-paragraph
  // article must not hold the loop for seconds (each statement runs synchronously on SQLite).
  const createdAt = new Date();
  for (let i = 0; i < paragraphs.length; i += INSERT_CHUNK) {
    if (i > 0) await yieldToEventLoop();
    await bulkInsert(tx, services.provider, "Paragraph", paragraphs.slice(i, i + INSERT_CHUNK).map((p) => ({ ...p, createdAt })));
  }
  await tx.documentVersion.create({
    data: {
      id: newId("dv"),
      documentId,
      number: 1,
      authorId: actor.userId,
      note: "Imported",
      // Version 1's text is the paragraph rows themselves until an edit writes their revisions.
      changes: JSON.stringify({ kind: "import", added: [] }),
    },
  });
  const event = await appendEvent(tx, {
    documentId,
    type: "document.imported",
    payload: { title, format: input.format, paragraphs: paragraphs.length },
    actorId: actor.userId,
    clientMutationId: input.clientMutationId,
  });
  const events = [event];
  let review: ImportedReviewReport | undefined;
  if (parsed.review) {
    const notes = wordReviewNotes(parsed.review, paragraphs);
    const written = await importAnnotations(tx, actor, { documentId, batch: notes.batch, placements: notes.placements }, services);
    events.push(...written.events);
    review = {
      notes: written.result.placed.length,
      replies: written.result.replies.created,
      notPlaced: notes.notPlaced,
      failed: written.result.notPlaced.map(({ id, reason }) => ({ id, reason })),
      commentsLeftOut: parsed.review.commentsLeftOut,
      changesLeftOut: parsed.review.changesLeftOut,
    };
  }
  const document = await tx.document.findUniqueOrThrow({ where: { id: documentId }, include: { createdBy: { select: { id: true, displayName: true } } } });
  return { result: { document: presentDocument({ ...document, paragraphCount: paragraphs.length }), summary, ...(review ? { review } : {}) }, events };
}

export const DocumentDeleteSchema = z.object({ documentId: IdSchema, clientMutationId: ClientMutationIdSchema.optional() });

/**
 * document:delete removes the document with everything in it. Its own log goes with it; the
 * workspace log keeps a `document.deleted` entry naming it, for the audit trail.
 */
export async function deleteDocument(tx: Tx, actor: Actor, input: z.output<typeof DocumentDeleteSchema>): Promise<Written<{ documentId: string }>> {
  const { document, role } = await loadDocumentAccess(tx, actor.userId, input.documentId);
  authorize(role, "document.delete");
  const paragraphs = await tx.paragraph.count({ where: { documentId: document.id } });
  const annotations = await tx.annotation.count({ where: { documentId: document.id, deletedAt: null } });
  // A reply may not go while replies name it as their parent (RESTRICT), and SQLite checks that
  // row by row as the delete cascades: the document's threads are unlinked first.
  // (By the replies' annotationId index: the query compiler's form of this scans every reply.)
  await tx.$executeRaw`UPDATE "Reply" SET "parentId" = NULL WHERE "parentId" IS NOT NULL AND "annotationId" IN (SELECT "id" FROM "Annotation" WHERE "documentId" = ${document.id})`;
  await tx.document.delete({ where: { id: document.id } });
  const event = await appendWorkspaceEvent(tx, {
    workspaceId: document.workspaceId,
    documentId: document.id,
    type: "document.deleted",
    payload: { documentId: document.id, title: document.title, paragraphs, annotations },
    actorId: actor.userId,
    clientMutationId: input.clientMutationId,
  });
  return {
    result: { documentId: document.id },
    workspaceEvents: [event],
    afterCommit: ({ paragraphs: cache, publisher }) => {
      cache.forget(document.id);
      publisher.documentDeleted(document.id);
    },
  };
}

export async function listDocuments(db: Db, userId: string, workspaceId: string) {
  const access = await loadWorkspaceAccess(db, userId, workspaceId);
  authorize(access.role, "document.read");
  const docs = await db.document.findMany({
    where: { workspaceId },
    orderBy: { createdAt: "desc" },
    include: { createdBy: { select: { id: true, displayName: true } } },
  });
  // Counted by the paragraphs' documentId index: a count in the documents' own query is a
  // grouped read of every paragraph of every workspace, joined afterwards.
  const groups = await inChunks(
    docs.map((d) => d.id),
    (ids) => db.paragraph.groupBy({ by: ["documentId"], where: { documentId: { in: ids } }, _count: { _all: true } }),
  );
  const counts = new Map(groups.map((g) => [g.documentId, g._count._all]));
  return docs.map((d) => ({ ...d, paragraphCount: counts.get(d.id) ?? 0 }));
}

/**
 * The document (with its author) and its paragraphs in order, as they stand. The paragraphs are
 * read first and the document after, so a reader that checked `lastSeq` before can tell the
 * two are of that seq when the document still has it: every change of the text moves it.
 */
export async function readDocumentText(db: Db, documentId: string) {
  const paragraphs = await db.paragraph.findMany({ where: { documentId }, orderBy: { position: "asc" } });
  const document = await db.document.findUniqueOrThrow({
    where: { id: documentId },
    include: { createdBy: { select: { id: true, displayName: true } } },
  });
  return { document: { ...document, paragraphCount: paragraphs.length }, paragraphs };
}

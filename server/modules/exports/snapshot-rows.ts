/**
 * The rows an export is made of, read with hand-written SQL: a large document's export reads
 * thousands of annotations and tens of thousands of replies, and Prisma's per-row result
 * handling cost several times what the database did. Each query is one flat read over the
 * document (no per-annotation query); the caller assembles the rows with maps. Column types
 * come back as Prisma maps them (DateTime as Date, Boolean as boolean) on SQLite and PostgreSQL.
 */
import type { ResolvedAnchor } from "../../anchoring/resolve.ts";
import type { Provider, Tx } from "../../db/client.ts";
import { list, rawQuery } from "../../db/raw.ts";
import type { ParagraphAt, RevisionAt } from "../editing/versions.service.ts";

export interface DocumentRow {
  id: string;
  title: string;
  workspaceId: string;
  version: number;
  lastSeq: number;
  metadata: string;
}

export interface ParagraphRow extends ParagraphAt {
  rank: string;
}

export interface AnchorColumns extends ResolvedAnchor {
  anchorState: string;
}

export interface AnnotationRow extends AnchorColumns {
  id: string;
  kind: string;
  /** The note's plain text. */
  text: string;
  authorId: string;
  authorName: string;
  createdAt: Date;
  updatedAt: Date;
  status: string | null;
  rationale: string | null;
  sources: string | null;
  assigneeId: string | null;
  reviewerId: string | null;
  decidedAt: Date | null;
  replacement: string | null;
  suggestionState: string | null;
  suggestionDecidedAt: Date | null;
  appliedVersion: number | null;
}

export interface AnchorRevisionRow extends AnchorColumns {
  annotationId: string;
  docVersion: number;
}

export interface ReplyRow {
  id: string;
  annotationId: string;
  parentId: string | null;
  authorId: string;
  authorName: string;
  /** The reply's plain text. */
  text: string;
  stance: string;
  createdAt: Date;
  deletedAt: Date | null;
}

/** What selects the annotations of an export. */
export interface AnnotationSelection {
  documentId: string;
  /** Made by this document version (annotations made later are not part of it). */
  version: number;
  /** Deleted after this moment still counts (it existed at the version); null: only undeleted ones. */
  deletedAfter: Date | null;
  kinds?: string[] | undefined;
  statuses?: string[] | undefined;
  /** Tag ids (a filter's tags with their descendants); null: no tag filter. */
  tagIds: string[] | null;
}

const num = (v: number | bigint | null): number | null => (v === null ? null : Number(v));

/** A note's or reply's plain text, read by the database from its JSON body (cheaper than parsing thousands of bodies here). */
function bodyText(provider: Provider, column: string): string {
  return provider === "sqlite" ? `coalesce(json_extract(${column}, '$.text'), '')` : `coalesce("scholia_body_text"(${column}), '')`;
}

/** The document's own row, or null when it is gone. */
export async function readDocument(tx: Tx, provider: Provider, documentId: string): Promise<DocumentRow | null> {
  const [row] = await rawQuery<DocumentRow>(tx, provider, `SELECT "id", "title", "workspaceId", "version", "lastSeq", "metadata" FROM "Document" WHERE "id" = ?`, [documentId]);
  return row ? { ...row, version: Number(row.version), lastSeq: Number(row.lastSeq) } : null;
}

/** When version `number` of the document was made (null when there is no such version). */
export async function versionMadeAt(tx: Tx, provider: Provider, documentId: string, number: number): Promise<Date | null> {
  const [row] = await rawQuery<{ createdAt: Date }>(tx, provider, `SELECT "createdAt" FROM "DocumentVersion" WHERE "documentId" = ? AND "number" = ?`, [documentId, number]);
  return row?.createdAt ?? null;
}

const PARAGRAPH_COLUMNS = `"kind", "text", "level", "role", "depth", "ordered", "marks", "rank"`;

/** The current paragraphs, in order. */
export async function readParagraphs(tx: Tx, provider: Provider, documentId: string): Promise<ParagraphRow[]> {
  return rawQuery<ParagraphRow>(tx, provider, `SELECT "id", "version", ${PARAGRAPH_COLUMNS} FROM "Paragraph" WHERE "documentId" = ? ORDER BY "position"`, [documentId]);
}

/** Every paragraph revision of the document (a version's paragraphs are rebuilt from them). */
export async function readParagraphRevisions(tx: Tx, provider: Provider, documentId: string): Promise<RevisionAt[]> {
  const rows = await rawQuery<RevisionAt>(tx, provider, `SELECT "paragraphId", "docVersion", "paragraphVersion", "retired", ${PARAGRAPH_COLUMNS} FROM "ParagraphRevision" WHERE "documentId" = ?`, [documentId]);
  return rows.map((r) => ({ ...r, docVersion: Number(r.docVersion), retired: Boolean(r.retired) }));
}

const ANCHOR_COLUMNS = (t: string) => ["startPid", "startOffset", "endPid", "endOffset", "quote", "prefix", "suffix", "anchorState"].map((c) => `${t}."${c}"`).join(", ");

/** The annotations the selection keeps, with their author, claim review and suggestion. */
export async function readAnnotations(tx: Tx, provider: Provider, s: AnnotationSelection): Promise<AnnotationRow[]> {
  const where = [`a."documentId" = ?`, `a."docVersion" <= ?`];
  const params: unknown[] = [s.documentId, s.version];
  if (s.deletedAfter) {
    where.push(`(a."deletedAt" IS NULL OR a."deletedAt" > ?)`);
    params.push(s.deletedAfter);
  } else where.push(`a."deletedAt" IS NULL`);
  if (s.statuses?.length) {
    // Statuses keep claims only, whatever the kinds say (other kinds have no status).
    where.push(`a."kind" = 'claim'`, `c."status" IN (${list(s.statuses.length)})`);
    params.push(...s.statuses);
  } else if (s.kinds?.length) {
    where.push(`a."kind" IN (${list(s.kinds.length)})`);
    params.push(...s.kinds);
  }
  if (s.tagIds) {
    if (s.tagIds.length === 0) return [];
    where.push(`EXISTS (SELECT 1 FROM "AnnotationTag" t WHERE t."annotationId" = a."id" AND t."tagId" IN (${list(s.tagIds.length)}))`);
    params.push(...s.tagIds);
  }
  const rows = await rawQuery<AnnotationRow>(
    tx,
    provider,
    `SELECT a."id", a."kind", ${bodyText(provider, `a."body"`)} AS "text", a."authorId", u."displayName" AS "authorName", a."createdAt", a."updatedAt", ${ANCHOR_COLUMNS("a")},
            c."status", c."rationale", c."sources", c."assigneeId", c."reviewerId", c."decidedAt",
            g."replacement", g."state" AS "suggestionState", g."decidedAt" AS "suggestionDecidedAt", g."appliedVersion"
     FROM "Annotation" a
     JOIN "User" u ON u."id" = a."authorId"
     LEFT JOIN "ClaimReview" c ON c."annotationId" = a."id"
     LEFT JOIN "Suggestion" g ON g."annotationId" = a."id"
     WHERE ${where.join(" AND ")}`,
    params,
  );
  return rows.map((r) => ({ ...r, startOffset: Number(r.startOffset), endOffset: Number(r.endOffset), appliedVersion: num(r.appliedVersion) }));
}

/** For each annotation of the document, its anchor as of `version` when an edit has moved it since (the latest revision made by then). */
export async function readAnchorsAt(tx: Tx, provider: Provider, documentId: string, version: number): Promise<Map<string, AnchorRevisionRow>> {
  const rows = await rawQuery<AnchorRevisionRow>(
    tx,
    provider,
    `SELECT r."annotationId", r."docVersion", ${ANCHOR_COLUMNS("r")} FROM "AnchorRevision" r JOIN "Annotation" a ON a."id" = r."annotationId"
     WHERE a."documentId" = ? AND r."docVersion" <= ?`,
    [documentId, version],
  );
  const latest = new Map<string, AnchorRevisionRow>();
  for (const r of rows) {
    const row = { ...r, docVersion: Number(r.docVersion), startOffset: Number(r.startOffset), endOffset: Number(r.endOffset) };
    const seen = latest.get(r.annotationId);
    if (!seen || row.docVersion > seen.docVersion) latest.set(r.annotationId, row);
  }
  return latest;
}

/** Tag links of the document's annotations, oldest first. */
export async function readTagLinks(tx: Tx, provider: Provider, documentId: string): Promise<Array<{ annotationId: string; tagId: string }>> {
  return rawQuery(
    tx,
    provider,
    `SELECT t."annotationId", t."tagId" FROM "AnnotationTag" t JOIN "Annotation" a ON a."id" = t."annotationId" WHERE a."documentId" = ? ORDER BY t."createdAt", t."tagId"`,
    [documentId],
  );
}

/** Every reply on the document's annotations, deleted ones included (a live reply may answer one). */
export async function readReplies(tx: Tx, provider: Provider, documentId: string): Promise<ReplyRow[]> {
  return rawQuery<ReplyRow>(
    tx,
    provider,
    `SELECT r."id", r."annotationId", r."parentId", r."authorId", u."displayName" AS "authorName", ${bodyText(provider, `r."body"`)} AS "text", r."stance", r."createdAt", r."deletedAt"
     FROM "Reply" r JOIN "Annotation" a ON a."id" = r."annotationId" JOIN "User" u ON u."id" = r."authorId"
     WHERE a."documentId" = ?`,
    [documentId],
  );
}

/** Display names of the given people. */
export async function readPeople(tx: Tx, provider: Provider, ids: string[]): Promise<Map<string, { id: string; displayName: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await rawQuery<{ id: string; displayName: string }>(tx, provider, `SELECT "id", "displayName" FROM "User" WHERE "id" IN (${list(ids.length)})`, ids);
  return new Map(rows.map((r) => [r.id, r]));
}

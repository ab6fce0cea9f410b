/**
 * A document's annotation list in the compact form (common/compact-list.ts), written straight
 * from the database rows: five statements selecting only the columns the form carries, and each
 * row written once as its compact row, with no model objects and no full annotation objects in
 * between. The answer is the same, byte for byte once stringified, as encoding the list without
 * replies (`listAnnotations` then `encodeAnnotationList`): the same annotations in the same
 * order, the tables filled in the same order, times converted the same way.
 */
import type { Db, Provider } from "../../db/client.ts";
import { inDriverTransaction } from "../../db/driver-transaction.ts";
import type { Body } from "../../../common/bodies.ts";
import {
  compactBody,
  compactFlags,
  compactTimeOf,
  CompactListWriter,
  timeBase,
  type CompactAnnotation,
  type CompactAnnotationList,
  type CompactClaim,
  type CompactSuggestion,
  type Time,
} from "../../../common/compact-list.ts";
import { tallyStances, type StanceReply } from "../review/stances.ts";

type Row = Record<string, unknown>;

/** Milliseconds since the epoch of a date column (a Date, ISO text, or ms, by driver). */
function msOf(v: unknown): number {
  if (v instanceof Date) return v.getTime();
  if (typeof v === "number") return new Date(v).getTime();
  return Date.parse(v as string);
}
const maybeMs = (v: unknown): number | null => (v === null || v === undefined ? null : msOf(v));
const maybeTime = (v: unknown, base: number): Time | null => (v === null || v === undefined ? null : compactTimeOf(msOf(v), base));
const str = (v: unknown) => v as string;
const maybeStr = (v: unknown) => (v ?? null) as string | null;

const LIVE = `a."documentId" = ? AND a."deletedAt" IS NULL`;

const ANNOTATIONS = `SELECT a."id", a."kind", a."body", a."startPid", a."startOffset", a."endPid", a."endOffset", a."quote", a."prefix", a."suffix",
       a."anchorState", a."confidence", a."docVersion", a."version", a."createdAt", a."updatedAt", a."editedAt", a."authorId", u."displayName" AS "authorName"
  FROM "Annotation" a JOIN "User" u ON u."id" = a."authorId" WHERE ${LIVE} ORDER BY a."createdAt", a."id"`;
const TAGS = `SELECT t."annotationId", t."tagId" FROM "AnnotationTag" t JOIN "Annotation" a ON a."id" = t."annotationId" WHERE ${LIVE} ORDER BY t."createdAt", t."tagId"`;
const REVIEWS = `SELECT r."annotationId", r."status", r."assigneeId", r."reviewerId", r."rationale", r."sources", r."decidedAt", r."version"
  FROM "ClaimReview" r JOIN "Annotation" a ON a."id" = r."annotationId" WHERE ${LIVE}`;
const SUGGESTIONS = `SELECT s."annotationId", s."replacement", s."state", s."decidedById", s."decidedAt", s."appliedVersion", s."version"
  FROM "Suggestion" s JOIN "Annotation" a ON a."id" = s."annotationId" WHERE ${LIVE}`;
const REPLIES = `SELECT r."annotationId", r."id", r."authorId", r."stance", r."createdAt", r."deletedAt" FROM "Reply" r JOIN "Annotation" a ON a."id" = r."annotationId" WHERE ${LIVE}`;

/** Groups rows by their annotation. */
function byAnnotation(rows: Row[]): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const r of rows) {
    const id = r.annotationId as string;
    const list = out.get(id);
    if (list) list.push(r);
    else out.set(id, [r]);
  }
  return out;
}

/**
 * The live annotations of a document in the compact form, with the log position they reflect.
 * The caller has checked that the reader may see the document.
 */
export async function compactAnnotationList(db: Db, provider: Provider, documentId: string): Promise<CompactAnnotationList> {
  return inDriverTransaction(
    db,
    provider,
    async (_tx, sql) => {
      // Read seq first: rows may then only be newer than seq, and replaying newer events is harmless.
      const [doc] = await sql.query<{ lastSeq: unknown }>(`SELECT "lastSeq" FROM "Document" WHERE "id" = ?`, [documentId]);
      const seq = Number(doc!.lastSeq);
      const annotations = await sql.query<Row>(ANNOTATIONS, [documentId]);
      const tags = await sql.query<Row>(TAGS, [documentId]);
      const reviews = await sql.query<Row>(REVIEWS, [documentId]);
      const suggestions = await sql.query<Row>(SUGGESTIONS, [documentId]);
      const replies = await sql.query<Row>(REPLIES, [documentId]);
      return write(seq, documentId, annotations, tags, reviews, suggestions, replies);
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
}

function write(seq: number, documentId: string, annotations: Row[], tagRows: Row[], reviewRows: Row[], suggestionRows: Row[], replyRows: Row[]): CompactAnnotationList {
  const tagsOf = byAnnotation(tagRows);
  const reviewOf = new Map(reviewRows.map((r) => [r.annotationId as string, r]));
  const suggestionOf = new Map(suggestionRows.map((r) => [r.annotationId as string, r]));
  const threadOf = byAnnotation(replyRows);
  const created = annotations.map((a) => msOf(a.createdAt));
  const t0 = timeBase(created);
  const w = new CompactListWriter();
  const out = annotations.map((a, i): CompactAnnotation => {
    const id = a.id as string;
    const ms = created[i]!;
    const createdAt = compactTimeOf(ms, t0);
    // Later times are stored from the creation time (see encodeAnnotationList).
    const base = typeof createdAt === "number" ? ms : 0;
    const r = reviewOf.get(id);
    const claim: CompactClaim | null = r
      ? [w.word(str(r.status)), w.maybePerson(maybeStr(r.assigneeId)), w.maybePerson(maybeStr(r.reviewerId)), str(r.rationale), JSON.parse(str(r.sources)) as string[], maybeTime(r.decidedAt, t0), Number(r.version)]
      : null;
    const s = suggestionOf.get(id);
    const suggestion: CompactSuggestion | null = s
      ? [str(s.replacement), w.word(str(s.state)), w.maybePerson(maybeStr(s.decidedById)), maybeTime(s.decidedAt, t0), s.appliedVersion === null || s.appliedVersion === undefined ? null : Number(s.appliedVersion), Number(s.version)]
      : null;
    return [
      id,
      w.word(str(a.kind)),
      compactBody(JSON.parse(str(a.body)) as Body),
      w.paragraph(str(a.startPid)),
      Number(a.startOffset),
      w.paragraph(str(a.endPid)),
      Number(a.endOffset),
      str(a.quote),
      str(a.prefix),
      str(a.suffix),
      compactFlags(str(a.anchorState), false),
      Number(a.confidence),
      Number(a.docVersion),
      w.person(str(a.authorId), str(a.authorName)),
      (tagsOf.get(id) ?? []).map((t) => w.tag(str(t.tagId))),
      Number(a.version),
      createdAt,
      compactTimeOf(msOf(a.updatedAt), base),
      maybeTime(a.editedAt, base),
      claim,
      suggestion,
      thread(threadOf.get(id)),
    ];
  });
  return w.finish(seq, documentId, t0, out);
}

/** The thread summary of an annotation's reply rows: live replies, and the stance tally. */
function thread(replies: Row[] | undefined): [number, number, number, number] {
  if (!replies) return [0, 0, 0, 0];
  let count = 0;
  const stances: StanceReply[] = [];
  for (const r of replies) {
    const deletedAt = maybeMs(r.deletedAt);
    if (deletedAt === null) count++;
    stances.push({ id: str(r.id), authorId: str(r.authorId), stance: str(r.stance), createdAt: new Date(msOf(r.createdAt)), deletedAt: deletedAt === null ? null : new Date(deletedAt) });
  }
  const tally = tallyStances(stances);
  return [count, tally.supports, tally.disputes, tally.questions];
}

/**
 * A document's annotation list in the compact form (common/compact-list.ts), written straight
 * from the database rows: five statements selecting only the columns the form carries, and each
 * annotation read once into the values its compact row is written from, with no model objects
 * and no full annotation objects in between. The answer is the same, byte for byte once
 * stringified, as encoding the list without replies (`listAnnotations` then
 * `encodeAnnotationList`): the same annotations in the same order, the tables filled in the same
 * order, times converted the same way.
 *
 * Made again after a change, the list is brought up to date from the one made before when the
 * document's log says exactly which annotations changed since: each event in between concerns
 * one annotation (its creation, edit, deletion, a reply, a review or an assignment: the
 * annotation is stored beside the event), or names the annotations it changed in its payload (a
 * text edit lists every anchor it moved, changed or lost, and nothing else of those annotations
 * changes; a tag merge lists the annotations that had the merged tag). Only those annotations
 * are read again; the others keep the values read before, and the list's membership and order
 * are read from the database (ids only). Any other event in between (an import), too many
 * changed annotations, or anything unexpected (a gap in the log, an annotation not held), and
 * the list is read in full.
 */
import type { Db, Provider } from "../../db/client.ts";
import type { Sql } from "../../db/sql.ts";
import { list } from "../../db/sql.ts";
import { inDriverTransaction } from "../../db/driver-transaction.ts";
import type { Body } from "../../../common/bodies.ts";
import type { DocumentEventPayloads } from "../../../common/events.ts";
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

/** What one annotation's compact row is written from: people, tags and paragraphs by id, times in ms. */
interface Source {
  id: string;
  kind: string;
  body: string | Body;
  startPid: string;
  startOffset: number;
  endPid: string;
  endOffset: number;
  quote: string;
  prefix: string;
  suffix: string;
  anchorState: string;
  confidence: number;
  docVersion: number;
  authorId: string;
  authorName: string;
  tagIds: string[];
  version: number;
  created: number;
  updated: number;
  edited: number | null;
  claim: { status: string; assigneeId: string | null; reviewerId: string | null; rationale: string; sources: string[]; decidedAt: number | null; version: number } | null;
  suggestion: { replacement: string; state: string; decidedById: string | null; decidedAt: number | null; appliedVersion: number | null; version: number } | null;
  thread: [replyCount: number, supports: number, disputes: number, questions: number];
}

/** A list's annotations as read, kept with the list so the next one can be made from it. */
export interface CompactListSource {
  seq: number;
  documentId: string;
  annotations: Map<string, Source>;
  /** About how much memory the annotations take (for the cache's bound). */
  bytes: number;
}

export interface CompactListBuild {
  list: CompactAnnotationList;
  source: CompactListSource;
  /** How many annotations were read again when made from an earlier list; null when read in full. */
  reread: number | null;
}

type Row = Record<string, unknown>;

/** Events that concern exactly the annotation stored beside them (DocumentEvent.annotationId). */
const PER_ANNOTATION = new Set(["annotation.created", "annotation.updated", "annotation.deleted", "reply.created", "reply.updated", "reply.deleted", "claim.reviewed", "claim.assigned"]);
/** Events whose payload names the annotations they changed, and how to read them from it. */
const NAMING = new Map<string, (payload: unknown) => unknown>([
  ["document.edited", (p) => ((p as DocumentEventPayloads["document.edited"]).anchors ?? []).map((a) => a.annotationId)],
  ["tags.merged", (p) => (p as DocumentEventPayloads["tags.merged"]).annotationIds],
]);
/** Above this many changed annotations the list is read in full. */
const MAX_REREAD = 500;

/** Milliseconds since the epoch of a date column (a Date, ISO text, or ms, by driver). */
function msOf(v: unknown): number {
  if (v instanceof Date) return v.getTime();
  if (typeof v === "number") return new Date(v).getTime();
  return Date.parse(v as string);
}
const maybeMs = (v: unknown): number | null => (v === null || v === undefined ? null : msOf(v));
const str = (v: unknown) => v as string;
const maybeStr = (v: unknown) => (v ?? null) as string | null;

const LIVE = `a."documentId" = ? AND a."deletedAt" IS NULL`;

/** The five statements, for the whole document or (`only`) for some of its annotations. */
function statements(only: number | null) {
  const where = only === null ? LIVE : `${LIVE} AND a."id" IN (${list(only)})`;
  return {
    annotations: `SELECT a."id", a."kind", a."body", a."startPid", a."startOffset", a."endPid", a."endOffset", a."quote", a."prefix", a."suffix",
       a."anchorState", a."confidence", a."docVersion", a."version", a."createdAt", a."updatedAt", a."editedAt", a."authorId", u."displayName" AS "authorName"
  FROM "Annotation" a JOIN "User" u ON u."id" = a."authorId" WHERE ${where} ORDER BY a."createdAt", a."id"`,
    tags: `SELECT t."annotationId", t."tagId" FROM "AnnotationTag" t JOIN "Annotation" a ON a."id" = t."annotationId" WHERE ${where} ORDER BY t."createdAt", t."tagId"`,
    reviews: `SELECT r."annotationId", r."status", r."assigneeId", r."reviewerId", r."rationale", r."sources", r."decidedAt", r."version"
  FROM "ClaimReview" r JOIN "Annotation" a ON a."id" = r."annotationId" WHERE ${where}`,
    suggestions: `SELECT s."annotationId", s."replacement", s."state", s."decidedById", s."decidedAt", s."appliedVersion", s."version"
  FROM "Suggestion" s JOIN "Annotation" a ON a."id" = s."annotationId" WHERE ${where}`,
    replies: `SELECT r."annotationId", r."id", r."authorId", r."stance", r."createdAt", r."deletedAt" FROM "Reply" r JOIN "Annotation" a ON a."id" = r."annotationId" WHERE ${where}`,
  };
}
const ALL = statements(null);
const ORDER = `SELECT a."id" FROM "Annotation" a WHERE ${LIVE} ORDER BY a."createdAt", a."id"`;
const EVENTS = `SELECT "seq", "type", "annotationId", CASE WHEN "type" IN (${[...NAMING.keys()].map((t) => `'${t}'`).join(", ")}) THEN "payload" END AS "payload" FROM "DocumentEvent" WHERE "documentId" = ? AND "seq" > ? AND "seq" <= ?`;

/**
 * The live annotations of a document in the compact form, with the log position they reflect;
 * made from `previous` (the source of an earlier list of the same document) when it can be,
 * reading again at most `maxReread` annotations. The caller has checked that the reader may see
 * the document.
 */
export async function compactAnnotationList(db: Db, provider: Provider, documentId: string, previous?: CompactListSource, maxReread = MAX_REREAD): Promise<CompactListBuild> {
  return inDriverTransaction(
    db,
    provider,
    async (_tx, sql) => {
      // Read seq first: rows may then only be newer than seq, and replaying newer events is harmless.
      const [doc] = await sql.query<{ lastSeq: unknown }>(`SELECT "lastSeq" FROM "Document" WHERE "id" = ?`, [documentId]);
      const seq = Number(doc!.lastSeq);
      const updated = previous && previous.documentId === documentId && previous.seq <= seq ? await update(sql, documentId, seq, previous, maxReread) : null;
      const annotations = updated?.annotations ?? [...(await read(sql, documentId, null)).values()];
      const source: CompactListSource = { seq, documentId, annotations: new Map(annotations.map((a) => [a.id, a])), bytes: memoryOf(annotations) };
      return { list: write(seq, documentId, annotations), source, reread: updated ? updated.reread : null };
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
}

/**
 * About how many bytes of memory `annotations` hold: object and array overhead, and two bytes a
 * character (measured: 4-5 MB for 5,000 short notes, four to five times their compact JSON).
 */
function memoryOf(annotations: Source[]): number {
  let chars = 0;
  for (const a of annotations) {
    chars += a.id.length + a.kind.length + a.startPid.length + a.endPid.length + a.quote.length + a.prefix.length + a.suffix.length + a.anchorState.length + a.authorId.length + a.authorName.length;
    chars += typeof a.body === "string" ? a.body.length : JSON.stringify(a.body).length;
    for (const t of a.tagIds) chars += t.length;
    if (a.claim) chars += a.claim.status.length + a.claim.rationale.length + 40 * (2 + a.claim.sources.length);
    if (a.suggestion) chars += a.suggestion.replacement.length + a.suggestion.state.length + 40;
  }
  return 600 * annotations.length + 2 * chars;
}

/** The annotations at `seq` from an earlier list's, or null when the log does not allow it. */
async function update(sql: Sql, documentId: string, seq: number, previous: CompactListSource, maxReread: number): Promise<{ annotations: Source[]; reread: number } | null> {
  const events = await sql.query<Row>(EVENTS, [documentId, previous.seq, seq]);
  if (events.length !== seq - previous.seq) return null;
  const changed = new Set<string>();
  for (const e of events) {
    const type = str(e.type);
    const named = NAMING.get(type);
    if (named) {
      const ids = named(JSON.parse(str(e.payload)));
      if (!Array.isArray(ids) || ids.length > maxReread) return null;
      for (const id of ids) {
        if (typeof id !== "string") return null;
        changed.add(id);
      }
    } else if (PER_ANNOTATION.has(type) && typeof e.annotationId === "string") changed.add(e.annotationId);
    else return null;
  }
  if (changed.size > maxReread) return null;
  const order = await sql.query<{ id: string }>(ORDER, [documentId]);
  const reread = changed.size ? await read(sql, documentId, [...changed]) : new Map<string, Source>();
  const annotations: Source[] = [];
  for (const { id } of order) {
    const a = changed.has(id) ? reread.get(id) : previous.annotations.get(id);
    // Created or deleted between the two reads, or not held: read the whole list.
    if (!a) return null;
    annotations.push(a);
  }
  return { annotations, reread: changed.size };
}

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

/** The live annotations of the document (or those of `ids` still live), in list order. */
async function read(sql: Sql, documentId: string, ids: string[] | null): Promise<Map<string, Source>> {
  const q = ids === null ? ALL : statements(ids.length);
  const params = ids === null ? [documentId] : [documentId, ...ids];
  const annotations = await sql.query<Row>(q.annotations, params);
  const tagsOf = byAnnotation(await sql.query<Row>(q.tags, params));
  const reviewOf = new Map((await sql.query<Row>(q.reviews, params)).map((r) => [r.annotationId as string, r]));
  const suggestionOf = new Map((await sql.query<Row>(q.suggestions, params)).map((r) => [r.annotationId as string, r]));
  const threadOf = byAnnotation(await sql.query<Row>(q.replies, params));
  const out = new Map<string, Source>();
  for (const a of annotations) {
    const id = str(a.id);
    const r = reviewOf.get(id);
    const s = suggestionOf.get(id);
    out.set(id, {
      id,
      kind: str(a.kind),
      body: storedBody(str(a.body)),
      startPid: str(a.startPid),
      startOffset: Number(a.startOffset),
      endPid: str(a.endPid),
      endOffset: Number(a.endOffset),
      quote: str(a.quote),
      prefix: str(a.prefix),
      suffix: str(a.suffix),
      anchorState: str(a.anchorState),
      confidence: Number(a.confidence),
      docVersion: Number(a.docVersion),
      authorId: str(a.authorId),
      authorName: str(a.authorName),
      tagIds: (tagsOf.get(id) ?? []).map((t) => str(t.tagId)),
      version: Number(a.version),
      created: msOf(a.createdAt),
      updated: msOf(a.updatedAt),
      edited: maybeMs(a.editedAt),
      claim: r
        ? {
            status: str(r.status),
            assigneeId: maybeStr(r.assigneeId),
            reviewerId: maybeStr(r.reviewerId),
            rationale: str(r.rationale),
            sources: JSON.parse(str(r.sources)) as string[],
            decidedAt: maybeMs(r.decidedAt),
            version: Number(r.version),
          }
        : null,
      suggestion: s
        ? {
            replacement: str(s.replacement),
            state: str(s.state),
            decidedById: maybeStr(s.decidedById),
            decidedAt: maybeMs(s.decidedAt),
            appliedVersion: s.appliedVersion === null || s.appliedVersion === undefined ? null : Number(s.appliedVersion),
            version: Number(s.version),
          }
        : null,
      thread: thread(threadOf.get(id)),
    });
  }
  return out;
}

const PLAIN_TEXT_START = '{"format":"text","text":';

/**
 * A stored body (JSON text) as a compact row carries it. A plain-text note, stored as
 * `{"format":"text","text":"…"}`, has only its string read; anything else (or anything that is
 * not exactly that) goes through the whole JSON and `compactBody`, which gives the same answer.
 */
export function storedBody(json: string): string | Body {
  if (json.startsWith(PLAIN_TEXT_START) && json.endsWith('"}')) {
    try {
      const text: unknown = JSON.parse(json.slice(PLAIN_TEXT_START.length, -1));
      if (typeof text === "string") return text;
    } catch {
      // More than one string there: read it whole.
    }
  }
  return compactBody(JSON.parse(json) as Body);
}

/** The thread summary of an annotation's reply rows: live replies, and the stance tally. */
function thread(replies: Row[] | undefined): Source["thread"] {
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

/** The compact list of `annotations` (in list order), written in the order the encoder writes. */
function write(seq: number, documentId: string, annotations: Source[]): CompactAnnotationList {
  const t0 = timeBase(annotations.map((a) => a.created));
  const w = new CompactListWriter();
  const maybeTime = (ms: number | null, base: number): Time | null => (ms === null ? null : compactTimeOf(ms, base));
  const rows = annotations.map((a): CompactAnnotation => {
    const created = compactTimeOf(a.created, t0);
    // Later times are stored from the creation time (see encodeAnnotationList).
    const base = typeof created === "number" ? a.created : 0;
    const c = a.claim;
    const claim: CompactClaim | null = c ? [w.word(c.status), w.maybePerson(c.assigneeId), w.maybePerson(c.reviewerId), c.rationale, c.sources, maybeTime(c.decidedAt, t0), c.version] : null;
    const s = a.suggestion;
    const suggestion: CompactSuggestion | null = s ? [s.replacement, w.word(s.state), w.maybePerson(s.decidedById), maybeTime(s.decidedAt, t0), s.appliedVersion, s.version] : null;
    return [
      a.id,
      w.word(a.kind),
      a.body,
      w.paragraph(a.startPid),
      a.startOffset,
      w.paragraph(a.endPid),
      a.endOffset,
      a.quote,
      a.prefix,
      a.suffix,
      compactFlags(a.anchorState, false),
      a.confidence,
      a.docVersion,
      w.person(a.authorId, a.authorName),
      a.tagIds.map((t) => w.tag(t)),
      a.version,
      created,
      compactTimeOf(a.updated, base),
      maybeTime(a.edited, base),
      claim,
      suggestion,
      a.thread,
    ];
  });
  return w.finish(seq, documentId, t0, rows);
}

/**
 * A document's annotation list in the compact form (common/compact-list.ts), written straight
 * from the database rows: five statements selecting only the columns the form carries, and each
 * annotation's rows written once as its compact row, with no model objects and no full
 * annotation objects in between. The answer is the same, byte for byte once
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
 * are read again; the others keep their rows from the list made before (their people, words,
 * paragraphs and tags looked up in its tables and listed again in the new ones, their times
 * moved to the new base), and the list's membership and order are read from the database (ids
 * only). Any other event in between (an import), too many
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
  type CompactThread,
  type Time,
} from "../../../common/compact-list.ts";
import { tallyStances, type StanceReply } from "../review/stances.ts";

/** A list kept so the next one can be made from it. */
export interface CompactListSource {
  list: CompactAnnotationList;
  /** Position of each annotation's row in the list. */
  at: Map<string, number>;
  /** About how much memory the list takes (for the cache's bound). */
  bytes: number;
}

export interface CompactListBuild {
  list: CompactAnnotationList;
  source: CompactListSource;
  /** How many annotations were read again when made from an earlier list; null when read in full. */
  reread: number | null;
}

type Row = Record<string, unknown>;

/** One annotation as read: its row and those of its tags, review, suggestion and replies. */
interface Fresh {
  a: Row;
  tags: Row[] | undefined;
  review: Row | undefined;
  suggestion: Row | undefined;
  replies: Row[] | undefined;
  /** Creation time, ms since the epoch. */
  created: number;
}

/** One annotation's row in the list made before. */
interface Held {
  row: CompactAnnotation;
  from: CompactAnnotationList;
  created: number;
}

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
const maybeTime = (v: unknown, base: number): Time | null => (v === null || v === undefined ? null : compactTimeOf(msOf(v), base));
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
const EVENTS = `SELECT "seq", "type", "annotationId", CASE WHEN "type" IN (${[...NAMING.keys()].map((t) => `'${t}'`).join(", ")}) THEN "payload" END AS "payload"
  FROM "DocumentEvent" WHERE "documentId" = ? AND "seq" > ? AND "seq" <= ?`;

/**
 * The live annotations of a document in the compact form, with the log position they reflect;
 * made from `previous` (an earlier list of the same document) when it can be, reading again at
 * most `maxReread` annotations. The caller has checked that the reader may see the document.
 */
export async function compactAnnotationList(db: Db, provider: Provider, documentId: string, previous?: CompactListSource, maxReread = MAX_REREAD): Promise<CompactListBuild> {
  return inDriverTransaction(
    db,
    provider,
    async (_tx, sql) => {
      // Read seq first: rows may then only be newer than seq, and replaying newer events is harmless.
      const [doc] = await sql.query<{ lastSeq: unknown }>(`SELECT "lastSeq" FROM "Document" WHERE "id" = ?`, [documentId]);
      const seq = Number(doc!.lastSeq);
      const updated = previous && previous.list.documentId === documentId && previous.list.seq <= seq ? await update(sql, documentId, seq, previous, maxReread) : null;
      const items = updated?.items ?? [...(await read(sql, documentId, null)).values()];
      const list = write(seq, documentId, items);
      return { list, source: sourceOf(list), reread: updated ? updated.reread : null };
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
}

/** The rows at `seq`, from an earlier list's where nothing changed, or null when the log does not allow it. */
async function update(sql: Sql, documentId: string, seq: number, previous: CompactListSource, maxReread: number): Promise<{ items: Array<Fresh | Held>; reread: number } | null> {
  const events = await sql.query<Row>(EVENTS, [documentId, previous.list.seq, seq]);
  if (events.length !== seq - previous.list.seq) return null;
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
  const reread = changed.size ? await read(sql, documentId, [...changed]) : new Map<string, Fresh>();
  const from = previous.list;
  const items: Array<Fresh | Held> = [];
  for (const { id } of order) {
    if (changed.has(id)) {
      const fresh = reread.get(id);
      if (!fresh) return null; // deleted between the two reads: read the whole list
      items.push(fresh);
    } else {
      const i = previous.at.get(id);
      if (i === undefined) return null; // created after seq, or not held: read the whole list
      const row = from.annotations[i]!;
      const created = row[16];
      items.push({ row, from, created: typeof created === "number" ? created + from.t0 : Date.parse(created) });
    }
  }
  return { items, reread: changed.size };
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
async function read(sql: Sql, documentId: string, ids: string[] | null): Promise<Map<string, Fresh>> {
  const q = ids === null ? ALL : statements(ids.length);
  const params = ids === null ? [documentId] : [documentId, ...ids];
  const annotations = await sql.query<Row>(q.annotations, params);
  const tagsOf = byAnnotation(await sql.query<Row>(q.tags, params));
  const reviewOf = new Map((await sql.query<Row>(q.reviews, params)).map((r) => [r.annotationId as string, r]));
  const suggestionOf = new Map((await sql.query<Row>(q.suggestions, params)).map((r) => [r.annotationId as string, r]));
  const threadOf = byAnnotation(await sql.query<Row>(q.replies, params));
  const out = new Map<string, Fresh>();
  for (const a of annotations) {
    const id = str(a.id);
    out.set(id, { a, tags: tagsOf.get(id), review: reviewOf.get(id), suggestion: suggestionOf.get(id), replies: threadOf.get(id), created: msOf(a.createdAt) });
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
function thread(replies: Row[] | undefined): CompactThread {
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

/** The compact list of `items` (in list order), each row written in the order the encoder writes. */
function write(seq: number, documentId: string, items: Array<Fresh | Held>): CompactAnnotationList {
  const t0 = timeBase(items.map((x) => x.created));
  const w = new CompactListWriter();
  const rows = items.map((x) => ("row" in x ? rewritten(w, t0, x) : written(w, t0, x)));
  return w.finish(seq, documentId, t0, rows);
}

/** An annotation's row from its database rows. */
function written(w: CompactListWriter, t0: number, { a, tags, review: r, suggestion: s, replies, created: ms }: Fresh): CompactAnnotation {
  const created = compactTimeOf(ms, t0);
  // Later times are stored from the creation time (see encodeAnnotationList).
  const base = typeof created === "number" ? ms : 0;
  const claim: CompactClaim | null = r
    ? [w.word(str(r.status)), w.maybePerson(maybeStr(r.assigneeId)), w.maybePerson(maybeStr(r.reviewerId)), str(r.rationale), JSON.parse(str(r.sources)) as string[], maybeTime(r.decidedAt, t0), Number(r.version)]
    : null;
  const suggestion: CompactSuggestion | null = s
    ? [str(s.replacement), w.word(str(s.state)), w.maybePerson(maybeStr(s.decidedById)), maybeTime(s.decidedAt, t0), s.appliedVersion === null || s.appliedVersion === undefined ? null : Number(s.appliedVersion), Number(s.version)]
    : null;
  return [
    str(a.id),
    w.word(str(a.kind)),
    storedBody(str(a.body)),
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
    (tags ?? []).map((t) => w.tag(str(t.tagId))),
    Number(a.version),
    created,
    compactTimeOf(msOf(a.updatedAt), base),
    maybeTime(a.editedAt, base),
    claim,
    suggestion,
    thread(replies),
  ];
}

/**
 * An unchanged annotation's row from the list made before: its people, words, paragraphs and
 * tags listed in the new tables, its times counted from the new base (the times after its
 * creation are counted from that and stay). Written with plain index reads: this runs for
 * every row of a list on each change.
 */
function rewritten(w: CompactListWriter, t0: number, held: Held): CompactAnnotation {
  const row = held.row;
  const from = held.from;
  const shift = from.t0 - t0;
  const c = row[19];
  const claim: CompactClaim | null = c
    ? [w.word(from.words[c[0]]!), c[1] === null ? null : w.person(from.people[c[1]]![0], null), c[2] === null ? null : w.person(from.people[c[2]]![0], null), c[3], c[4], moved(c[5], shift), c[6]]
    : null;
  const s = row[20];
  const suggestion: CompactSuggestion | null = s ? [s[0], w.word(from.words[s[1]]!), s[2] === null ? null : w.person(from.people[s[2]]![0], null), moved(s[3], shift), s[4], s[5]] : null;
  const kind = w.word(from.words[row[1]]!);
  const start = w.paragraph(from.paragraphs[row[3]]!);
  const end = w.paragraph(from.paragraphs[row[5]]!);
  const author = from.people[row[13]]!;
  const person = w.person(author[0], author[1]);
  const tagIdx = row[14];
  const tags: number[] = [];
  for (let i = 0; i < tagIdx.length; i++) tags.push(w.tag(from.tags[tagIdx[i]!]!));
  return [
    row[0],
    kind,
    row[2],
    start,
    row[4],
    end,
    row[6],
    row[7],
    row[8],
    row[9],
    row[10],
    row[11],
    row[12],
    person,
    tags,
    row[15],
    moved(row[16], shift),
    row[17],
    row[18],
    claim,
    suggestion,
    row[21],
  ];
}

/** A time counted from one base, counted from another `shift` ms earlier (a string stays). */
function moved<T extends Time | null>(t: T, shift: number): T {
  return typeof t === "number" ? ((t + shift) as T) : t;
}

/**
 * The list as kept for the next build, with about how many bytes of memory it holds: row and
 * array overhead, and two bytes a character of its texts.
 */
function sourceOf(list: CompactAnnotationList): CompactListSource {
  const at = new Map<string, number>();
  let chars = 0;
  list.annotations.forEach((r, i) => {
    at.set(r[0], i);
    chars += r[0].length + r[7].length + r[8].length + r[9].length + (typeof r[2] === "string" ? r[2].length : JSON.stringify(r[2]).length);
    if (r[19]) chars += r[19][3].length + 40 * r[19][4].length;
    if (r[20]) chars += r[20][0].length;
  });
  return { list, at, bytes: 500 * list.annotations.length + 2 * chars };
}

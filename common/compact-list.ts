/**
 * The compact form of a document's annotation list (GET /api/documents/:id/annotations?form=compact).
 * The same annotations as the default answer without replies (each with its `thread` summary),
 * written as positional rows: people, tags and paragraph ids are listed once and referenced by
 * index, times are milliseconds from one base, and the words that repeat (kinds, claim and
 * suggestion states) are listed once too. `decodeAnnotationList` gives back exactly the default
 * answer's annotations; the server encodes with `encodeAnnotationList`, and a browser can decode
 * with the same code.
 *
 * Version 1 row of an annotation (indexes point into the list's tables):
 *   [id, kind, body, startParagraph, startOffset, endParagraph, endOffset, quote, prefix, suffix,
 *    flags, confidence, docVersion, author, tags, version, created, updated, edited, claim, suggestion, thread]
 * - body: a string for a plain-text note (`{ format: "text", text }`), else the body object;
 * - flags: 1 orphaned, 2 dismissed, 4 deleted;
 * - created: ms from `t0`; updated and edited: ms from created (edited null when never);
 * - claim: null or [status, assignee, reviewer, rationale, sources, decidedAt (ms from t0), version];
 * - suggestion: null or [replacement, state, decidedBy, decidedAt (ms from t0), appliedVersion, version];
 * - thread: [replyCount, supports, disputes, questions].
 * People referenced only as assignee, reviewer or decider carry no name (null). A time that is
 * not a plain ISO instant is kept as its string.
 */
import type { AnnotationDto, AnnotationKind, ClaimStateDto, SuggestionDto, SuggestionState } from "./annotations.ts";

type Body = AnnotationDto["body"];

export const COMPACT_LIST_VERSION = 1;

export type Time = number | string;
export type CompactClaim = [status: number, assignee: number | null, reviewer: number | null, rationale: string, sources: string[], decidedAt: Time | null, version: number];
export type CompactSuggestion = [replacement: string, state: number, decidedBy: number | null, decidedAt: Time | null, appliedVersion: number | null, version: number];
export type CompactThread = [replyCount: number, supports: number, disputes: number, questions: number];

export type CompactAnnotation = [
  id: string,
  kind: number,
  body: string | Body,
  startParagraph: number,
  startOffset: number,
  endParagraph: number,
  endOffset: number,
  quote: string,
  prefix: string,
  suffix: string,
  flags: number,
  confidence: number,
  docVersion: number,
  author: number,
  tags: number[],
  version: number,
  created: Time,
  updated: Time,
  edited: Time | null,
  claim: CompactClaim | null,
  suggestion: CompactSuggestion | null,
  thread: CompactThread | null,
];

export interface CompactAnnotationList {
  form: "compact";
  v: typeof COMPACT_LIST_VERSION;
  seq: number;
  documentId: string;
  /** Base of the times, ms since the epoch. */
  t0: number;
  people: Array<[id: string, displayName: string | null]>;
  tags: string[];
  paragraphs: string[];
  words: string[];
  annotations: CompactAnnotation[];
}

/** The default list answer without replies. */
export interface AnnotationList {
  annotations: AnnotationDto[];
  seq: number;
}

const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const ORPHANED = 1;
const DISMISSED = 2;
const DELETED = 4;

/** Assigns each distinct key an index, in first-seen order. */
class Table<K> {
  readonly index = new Map<K, number>();
  readonly items: K[] = [];
  of(key: K): number {
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.items.length;
      this.index.set(key, i);
      this.items.push(key);
    }
    return i;
  }
}

function isPlainText(body: Body): body is Body & { format: "text"; text: string } {
  if (body.format !== "text") return false;
  const keys = Object.keys(body);
  return keys.length === 2 && typeof (body as { text?: unknown }).text === "string";
}

/** A body as a row carries it: the text alone for a plain-text note, else the body object. */
export function compactBody(body: Body): string | Body {
  return isPlainText(body) ? body.text : body;
}

/** The row flags of an anchor state (`anchored`, `orphaned` or `dismissed`, as stored) and deletion. */
export function compactFlags(anchorState: string, deleted: boolean): number {
  return (anchorState === "anchored" ? 0 : ORPHANED) | (anchorState === "dismissed" ? DISMISSED : 0) | (deleted ? DELETED : 0);
}

// The instants toISOString writes in the plain form (years 0000 to 9999).
const FIRST_INSTANT = -62_167_219_200_000; // 0000-01-01T00:00:00.000Z
const LAST_INSTANT = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z

/**
 * A time given in ms since the epoch, as a row carries it: ms from `base`, or the ISO string
 * when the instant is outside the plain form (the same as the ISO-string path gives).
 */
export function compactTimeOf(ms: number, base: number): Time {
  if (!Number.isFinite(ms)) throw new RangeError("Invalid time value");
  return ms >= FIRST_INSTANT && ms <= LAST_INSTANT ? ms - base : new Date(ms).toISOString();
}

/**
 * The tables of a compact list as its rows are written: each call answers the index of a
 * person, word, paragraph or tag, listing it on first use. Rows must be written in list order,
 * and within a row in the order `encodeAnnotationList` uses (claim people and status, then
 * suggestion decider and state, then kind, paragraphs, author, tags), so that two writers given
 * the same annotations make the same bytes.
 */
export class CompactListWriter {
  private readonly people = new Table<string>();
  private readonly names = new Map<string, string | null>();
  private readonly tagTable = new Table<string>();
  private readonly paragraphTable = new Table<string>();
  private readonly wordTable = new Table<string>();

  person(id: string, displayName: string | null): number {
    const i = this.people.of(id);
    if (displayName !== null || !this.names.has(id)) this.names.set(id, displayName ?? this.names.get(id) ?? null);
    return i;
  }
  /** Someone referenced only by id (assignee, reviewer, decider): no name unless seen as an author. */
  maybePerson(id: string | null): number | null {
    return id === null ? null : this.person(id, null);
  }
  word(w: string): number {
    return this.wordTable.of(w);
  }
  paragraph(id: string): number {
    return this.paragraphTable.of(id);
  }
  tag(id: string): number {
    return this.tagTable.of(id);
  }

  finish(seq: number, documentId: string, t0: number, annotations: CompactAnnotation[]): CompactAnnotationList {
    return {
      form: "compact",
      v: COMPACT_LIST_VERSION,
      seq,
      documentId,
      t0,
      people: this.people.items.map((id) => [id, this.names.get(id) ?? null]),
      tags: this.tagTable.items,
      paragraphs: this.paragraphTable.items,
      words: this.wordTable.items,
      annotations,
    };
  }
}

/**
 * The base of a list's times from its creation times (ms since the epoch; NaN ignored): the
 * earliest, 0 for none.
 */
export function timeBase(created: Iterable<number>): number {
  let t0 = 0;
  for (const ms of created) if (Number.isFinite(ms) && (t0 === 0 || ms < t0)) t0 = ms;
  return t0;
}

/** Writes the list in the compact form. */
export function encodeAnnotationList(list: AnnotationList, documentId: string): CompactAnnotationList {
  const w = new CompactListWriter();
  const t0 = timeBase(list.annotations.map((a) => Date.parse(a.createdAt)));
  const at = (iso: string, base: number): Time => {
    // Only plain instants (what toISOString writes, years 0000-9999) become numbers: they read back the same.
    if (!INSTANT.test(iso)) return iso;
    const ms = Date.parse(iso);
    return Number.isFinite(ms) ? ms - base : iso;
  };
  const maybeAt = (iso: string | null, base: number): Time | null => (iso === null ? null : at(iso, base));

  const rows = list.annotations.map((a): CompactAnnotation => {
    if (a.documentId !== documentId) throw new Error(`encodeAnnotationList: annotation ${a.id} is not in ${documentId}`);
    const created = at(a.createdAt, t0);
    // Later times are stored from the creation time (usually small numbers, often 0).
    const base = typeof created === "number" ? created + t0 : 0;
    const claim: CompactClaim | null = a.claim
      ? [w.word(a.claim.status), w.maybePerson(a.claim.assigneeId), w.maybePerson(a.claim.reviewerId), a.claim.rationale, a.claim.sources, maybeAt(a.claim.decidedAt, t0), a.claim.version]
      : null;
    const s = a.suggestion;
    const suggestion: CompactSuggestion | null = s ? [s.replacement, w.word(s.state), w.maybePerson(s.decidedBy), maybeAt(s.decidedAt, t0), s.appliedVersion, s.version] : null;
    const thread: CompactThread | null = a.thread ? [a.thread.replyCount, a.thread.tally.supports, a.thread.tally.disputes, a.thread.tally.questions] : null;
    const flags = (a.anchor.state === "orphaned" ? ORPHANED : 0) | (a.anchor.dismissed ? DISMISSED : 0) | (a.deleted ? DELETED : 0);
    return [
      a.id,
      w.word(a.kind),
      compactBody(a.body),
      w.paragraph(a.anchor.start.paragraphId),
      a.anchor.start.offset,
      w.paragraph(a.anchor.end.paragraphId),
      a.anchor.end.offset,
      a.anchor.quote,
      a.anchor.prefix,
      a.anchor.suffix,
      flags,
      a.anchor.confidence,
      a.anchor.docVersion,
      w.person(a.author.id, a.author.displayName),
      a.tagIds.map((t) => w.tag(t)),
      a.version,
      created,
      at(a.updatedAt, base),
      maybeAt(a.editedAt, base),
      claim,
      suggestion,
      thread,
    ];
  });
  return w.finish(list.seq, documentId, t0, rows);
}

/** Reads a compact list back into the default answer's shape. Throws on a version it does not know. */
export function decodeAnnotationList(c: CompactAnnotationList): AnnotationList {
  return { annotations: c.annotations.map(annotationRowDecoder(c)), seq: c.seq };
}

/**
 * The decoder of one row of `c` (its tables bound), for a reader that decodes the rows a few at
 * a time. Throws on a version it does not know.
 */
export function annotationRowDecoder(c: CompactAnnotationList): (row: CompactAnnotation) => AnnotationDto {
  if (c.form !== "compact" || c.v !== COMPACT_LIST_VERSION) throw new Error(`Unknown annotation list form ${String(c.form)} v${String(c.v)}`);
  const time = (t: Time, base: number) => (typeof t === "string" ? t : new Date(base + t).toISOString());
  const maybeTime = (t: Time | null, base: number) => (t === null ? null : time(t, base));
  const personId = (i: number | null) => (i === null ? null : c.people[i]![0]);
  return (r): AnnotationDto => {
    const [id, kind, body, sp, so, ep, eo, quote, prefix, suffix, flags, confidence, docVersion, author, tagIdx, version, created, updated, edited, claim, suggestion, thread] = r;
    const base = typeof created === "number" ? created + c.t0 : 0;
    const [authorId, displayName] = c.people[author]!;
    const dto: AnnotationDto = {
      id,
      documentId: c.documentId,
      kind: c.words[kind] as AnnotationKind,
      body: typeof body === "string" ? { format: "text", text: body } : body,
      anchor: {
        start: { paragraphId: c.paragraphs[sp]!, offset: so },
        end: { paragraphId: c.paragraphs[ep]!, offset: eo },
        quote,
        prefix,
        suffix,
        state: flags & ORPHANED ? "orphaned" : "anchored",
        dismissed: (flags & DISMISSED) !== 0,
        confidence,
        docVersion,
      },
      author: { id: authorId, displayName: displayName ?? "" },
      tagIds: tagIdx.map((t) => c.tags[t]!),
      version,
      createdAt: time(created, c.t0),
      updatedAt: time(updated, base),
      editedAt: maybeTime(edited, base),
      deleted: (flags & DELETED) !== 0,
      claim: claim ? decodeClaim(claim) : null,
      suggestion: suggestion ? decodeSuggestion(suggestion) : null,
    };
    if (thread) dto.thread = { replyCount: thread[0], tally: { supports: thread[1], disputes: thread[2], questions: thread[3] } };
    return dto;
  };

  function decodeClaim([status, assignee, reviewer, rationale, sources, decidedAt, version]: CompactClaim): ClaimStateDto {
    return { status: c.words[status]!, assigneeId: personId(assignee), reviewerId: personId(reviewer), rationale, sources, decidedAt: maybeTime(decidedAt, c.t0), version };
  }
  function decodeSuggestion([replacement, state, decidedBy, decidedAt, appliedVersion, version]: CompactSuggestion): SuggestionDto {
    return { replacement, state: c.words[state] as SuggestionState, decidedBy: personId(decidedBy), decidedAt: maybeTime(decidedAt, c.t0), appliedVersion, version };
  }
}

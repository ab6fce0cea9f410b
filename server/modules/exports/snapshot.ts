/**
 * What every export format renders: one consistent read of a document at one version (its
 * paragraphs as they were then, the annotations that existed then on their anchors of then,
 * with today's threads, tags and claim state) together with the event seq it reflects and the
 * time it was made. Read in one transaction so the seq matches the rows exactly. Placed
 * annotations are numbered in document order, the ones that could not be placed (placement.ts)
 * after them; formats never re-sort them. Suggestions carry their state as of the version.
 * Deleted replies are not part of it at all: no text, no stance, no count; a live reply to a
 * deleted one hangs from the nearest live reply above it (or from the note).
 */
import type { Db, Provider, Tx } from "../../db/client.ts";
import type { AnnotationKind, PersonDto, SuggestionState } from "../../../common/annotations.ts";
import type { ClaimStatus, ClaimTagDto, ExportQuery, StanceTally } from "../../../common/review.ts";
import { ValidationError } from "../../http/errors.ts";
import { tallyStances } from "../review/stances.ts";
import { tagIndex, withDescendants } from "../tags/tag-scope.ts";
import type { ParagraphColumns } from "../documents/document.presenter.ts";
import { paragraphStatesAt } from "../editing/versions.service.ts";
import { articleFacts, type ArticleFacts } from "./article-facts.ts";
import { placeSpan, suggestionStateAt, trackedChanges, type Point } from "./placement.ts";
import { readAnchorsAt, readAnnotations, readDocument, readParagraphRevisions, readParagraphs, readPeople, readReplies, readTagLinks, versionMadeAt, type AnnotationRow, type ReplyRow } from "./snapshot-rows.ts";

export interface ExportParagraph extends Omit<ParagraphColumns, "marks"> {
  id: string;
  index: number;
}

export interface ExportReply {
  id: string;
  /** The nearest live reply this one answers, or null when it answers the note. */
  parentId: string | null;
  author: PersonDto;
  text: string;
  stance: string;
  createdAt: Date;
  /** 0 for a reply to the annotation, 1 for a reply to a reply, ... */
  depth: number;
}

export interface ExportClaim {
  status: ClaimStatus;
  rationale: string;
  sources: string[];
  assignee: PersonDto | null;
  reviewer: PersonDto | null;
  decidedAt: Date | null;
}

export interface ExportSuggestion {
  /** The text proposed in place of the quote ("" proposes deleting it). */
  replacement: string;
  /** As of the exported version. */
  state: SuggestionState;
  decidedAt: Date | null;
  /** The version an accepted suggestion made. */
  appliedVersion: number | null;
  /** Shown as a change (Word tracked change, HTML del/ins, CriticMarkup): open, placed, overlapping no earlier change. */
  tracked: boolean;
}

/** An annotation, wherever it goes. */
export interface ExportNote {
  id: string;
  /** 1-based: placed ones in document order, then the ones not placed. */
  number: number;
  kind: AnnotationKind;
  text: string;
  author: PersonDto;
  createdAt: Date;
  updatedAt: Date;
  quote: string;
  tags: ClaimTagDto[];
  claim: ExportClaim | null;
  suggestion: ExportSuggestion | null;
  /** Depth-first thread order; empty when the export leaves replies out. */
  replies: ExportReply[];
  /** Live replies in the thread, whether or not the export includes them. */
  replyCount: number;
  /** Stance tally of the live replies. */
  stances: StanceTally;
}

/** An annotation placed on the exported text. */
export interface ExportAnnotation extends ExportNote {
  /** Paragraph indexes and UTF-16 offsets within those paragraphs. */
  start: Point;
  end: Point;
}

/** An annotation that lost its place in the exported text: listed with the words it was made on. */
export interface UnplacedNote extends ExportNote {
  /** Up to 32 characters around the quote where it was (in the text it was made on). */
  prefix: string;
  suffix: string;
}

export interface ExportFilters {
  kinds?: string[] | undefined;
  tags?: string[] | undefined;
  statuses?: string[] | undefined;
  replies: boolean;
  /** `live`: open and accepted suggestions; `all`: rejected ones too. */
  suggestions: "live" | "all";
}

export interface ExportSnapshot {
  document: {
    id: string;
    title: string;
    workspaceId: string;
    /** The version exported. */
    version: number;
    /** The document's version now. */
    currentVersion: number;
    seq: number;
    article: ArticleFacts;
  };
  paragraphs: ExportParagraph[];
  annotations: ExportAnnotation[];
  /** Annotations the filters kept that have no exact place in this version's text. */
  unplaced: UnplacedNote[];
  madeAt: Date;
  /** The server's public origin, for links and IRIs. */
  origin: string;
  /** The member the export was made for (null when unknown). */
  exportedBy: PersonDto | null;
  filters: ExportFilters;
  /** Tag paths for the filter tags, to state them readably. */
  filterTagPaths: string[];
}

/** What to read: the document, the version (default: current), the filters. */
export interface SnapshotRequest {
  documentId: string;
  filters: ExportFilters;
  origin: string;
  /** The member the export is for; the caller has already checked that they may read the document. */
  readerId?: string | undefined;
  version?: number | undefined;
}

/** Orders a thread depth-first (each reply followed by its own replies), oldest first at each level. */
export function threadOrder<R extends { id: string; parentId: string | null; createdAt: Date }>(replies: R[]): Array<R & { depth: number }>;
/** The same order, each reply mapped with its depth. */
export function threadOrder<R extends { id: string; parentId: string | null; createdAt: Date }, T>(replies: R[], as: (r: R, depth: number) => T): T[];
export function threadOrder<R extends { id: string; parentId: string | null; createdAt: Date }, T>(replies: R[], as?: (r: R, depth: number) => T): Array<T | (R & { depth: number })> {
  const oldestFirst = (a: R, b: R) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1);
  const ids = new Set(replies.map((r) => r.id));
  const children = new Map<string | null, R[]>();
  for (const r of replies) {
    const parent = r.parentId && ids.has(r.parentId) ? r.parentId : null;
    const list = children.get(parent);
    if (list) list.push(r);
    else children.set(parent, [r]);
  }
  for (const list of children.values()) list.sort(oldestFirst);
  const out: Array<T | (R & { depth: number })> = [];
  const visit = (parent: string | null, depth: number) => {
    for (const r of children.get(parent) ?? []) {
      out.push(as ? as(r, depth) : { ...r, depth });
      visit(r.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

/**
 * Keeps the live replies of a thread, each hung from its nearest live ancestor: a deleted
 * reply leaves no trace, and its live answers stay in the thread rather than being lost.
 */
export function liveReplies<R extends { id: string; parentId: string | null; deletedAt: Date | null }>(replies: R[]): R[] {
  // Most threads have nothing deleted: every parent is then live already.
  if (!replies.some((r) => r.deletedAt)) return replies;
  const byId = new Map(replies.map((r) => [r.id, r]));
  const liveParent = (r: R): string | null => {
    const seen = new Set<string>();
    let p = r.parentId ? byId.get(r.parentId) : undefined;
    while (p && p.deletedAt && !seen.has(p.id)) {
      seen.add(p.id);
      p = p.parentId ? byId.get(p.parentId) : undefined;
    }
    return p && !p.deletedAt ? p.id : null;
  };
  return replies.filter((r) => !r.deletedAt).map((r) => ({ ...r, parentId: liveParent(r) }));
}

/** Reads the snapshot; a version the document has not reached is a 400 naming `version`. */
export async function loadSnapshot(db: Db, provider: Provider, request: SnapshotRequest): Promise<ExportSnapshot> {
  return db.$transaction(async (tx) => readSnapshot(tx, provider, request), { maxWait: 20_000, timeout: 60_000 });
}

async function readSnapshot(tx: Tx, provider: Provider, request: SnapshotRequest): Promise<ExportSnapshot> {
  const { documentId, filters } = request;
  const doc = await readDocument(tx, provider, documentId);
  if (!doc) throw new Error(`document ${documentId} vanished during its export`);
  const version = request.version ?? doc.version;
  if (version > doc.version) throw ValidationError(`version: the document has no version ${version} (it is at version ${doc.version})`, "version");
  // An earlier version ends when the next one was made: what was deleted or decided after that still stood then.
  const until = version < doc.version ? await versionMadeAt(tx, provider, documentId, version + 1) : null;
  const reader = request.readerId ? (await readPeople(tx, provider, [request.readerId])).get(request.readerId) ?? null : null;
  const current = await readParagraphs(tx, provider, documentId);
  const states = version === doc.version ? current : paragraphStatesAt(current, await readParagraphRevisions(tx, provider, documentId), version);
  const paragraphs: ExportParagraph[] = states.map((p, index) => ({ id: p.id, index, kind: p.kind, text: p.text, level: p.level, role: p.role, depth: p.depth, ordered: p.ordered }));

  const { rows: tagRows, byId: tags } = await tagIndex(tx, [doc.workspaceId]);
  const rows = await readAnnotations(tx, provider, {
    documentId,
    version,
    deletedAfter: until,
    kinds: filters.kinds,
    statuses: filters.statuses,
    tagIds: filters.tags?.length ? [...withDescendants(tagRows, filters.tags)] : null,
  });
  const anchorsThen = version < doc.version ? await readAnchorsAt(tx, provider, documentId, version) : new Map();
  const kept = new Set(rows.map((r) => r.id));
  const tagsOf = new Map<string, ClaimTagDto[]>();
  for (const link of await readTagLinks(tx, provider, documentId)) {
    const tag = kept.has(link.annotationId) ? tags.get(link.tagId) : undefined;
    if (tag) tagsOf.set(link.annotationId, [...(tagsOf.get(link.annotationId) ?? []), tag]);
  }
  const repliesOf = new Map<string, ReplyRow[]>();
  for (const r of await readReplies(tx, provider, documentId)) {
    if (!kept.has(r.annotationId)) continue;
    const list = repliesOf.get(r.annotationId);
    if (list) list.push(r);
    else repliesOf.set(r.annotationId, [r]);
  }
  const people = await readPeople(tx, provider, [...new Set(rows.flatMap((r) => [r.assigneeId, r.reviewerId].filter((x): x is string => !!x)))]);

  // One object per person, shared by all their notes and replies (less to build, and to copy to a worker).
  const persons = new Map<string, PersonDto>(people);
  const person = (id: string, displayName: string): PersonDto => {
    let p = persons.get(id);
    if (!p) persons.set(id, (p = { id, displayName }));
    return p;
  };
  const indexOf = new Map(paragraphs.map((p) => [p.id, p.index]));
  const placed: Array<Omit<ExportAnnotation, "number">> = [];
  const unplaced: Array<Omit<UnplacedNote, "number">> = [];
  for (const r of rows) {
    const note = noteOf(r, version, until, filters, tagsOf.get(r.id) ?? [], repliesOf.get(r.id) ?? [], person, (id) => persons.get(id));
    if (!note) continue;
    const anchor = anchorsThen.get(r.id) ?? r;
    const where = placeSpan(anchor, paragraphs, indexOf);
    if (where) placed.push({ ...note, quote: anchor.quote, ...where });
    else unplaced.push({ ...note, quote: anchor.quote, prefix: anchor.prefix, suffix: anchor.suffix });
  }
  placed.sort(
    (a, b) =>
      a.start.index - b.start.index ||
      a.start.offset - b.start.offset ||
      a.end.index - b.end.index ||
      a.end.offset - b.end.offset ||
      a.createdAt.getTime() - b.createdAt.getTime() ||
      (a.id < b.id ? -1 : 1),
  );
  unplaced.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
  const tracked = trackedChanges(placed.map((a) => ({ start: a.start, end: a.end, open: a.suggestion?.state === "open" })));
  for (const i of tracked) placed[i]!.suggestion!.tracked = true;
  return {
    document: { id: doc.id, title: doc.title, workspaceId: doc.workspaceId, version, currentVersion: doc.version, seq: doc.lastSeq, article: articleFacts(doc.metadata) },
    paragraphs,
    annotations: placed.map((a, i) => ({ ...a, number: i + 1 })),
    unplaced: unplaced.map((a, i) => ({ ...a, number: placed.length + i + 1 })),
    madeAt: new Date(),
    origin: request.origin,
    exportedBy: reader,
    filters,
    filterTagPaths: (filters.tags ?? []).map((id) => tags.get(id)?.path ?? id),
  };
}

/** One annotation's content (its place aside), or null when the filters leave it out. */
function noteOf(
  r: AnnotationRow,
  version: number,
  until: Date | null,
  filters: ExportFilters,
  tags: ClaimTagDto[],
  replies: ReplyRow[],
  person: (id: string, displayName: string) => PersonDto,
  known: (id: string) => PersonDto | undefined,
): Omit<ExportNote, "number" | "quote"> | null {
  let suggestion: ExportSuggestion | null = null;
  if (r.kind === "suggestion" && r.suggestionState !== null) {
    const state = suggestionStateAt({ state: r.suggestionState, appliedVersion: r.appliedVersion, decidedAt: r.suggestionDecidedAt }, version, until);
    if (state === "rejected" && filters.suggestions !== "all") return null;
    suggestion = { replacement: r.replacement ?? "", state, decidedAt: state === "open" ? null : r.suggestionDecidedAt, appliedVersion: state === "accepted" ? r.appliedVersion : null, tracked: false };
  }
  const live = liveReplies(replies);
  return {
    id: r.id,
    kind: r.kind as AnnotationKind,
    text: r.text,
    author: person(r.authorId, r.authorName),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    tags,
    claim:
      r.kind === "claim" && r.status !== null
        ? {
            status: r.status as ClaimStatus,
            rationale: r.rationale ?? "",
            sources: JSON.parse(r.sources ?? "[]") as string[],
            assignee: r.assigneeId ? (known(r.assigneeId) ?? null) : null,
            reviewer: r.reviewerId ? (known(r.reviewerId) ?? null) : null,
            decidedAt: r.decidedAt,
          }
        : null,
    suggestion,
    replies: filters.replies
      ? threadOrder(live, (x, depth) => ({ id: x.id, parentId: x.parentId, author: person(x.authorId, x.authorName), text: x.text, stance: x.stance, createdAt: x.createdAt, depth }))
      : [],
    replyCount: live.length,
    stances: tallyStances(live),
  };
}

/** The filters of an export request. */
export function filtersOf(q: ExportQuery): ExportFilters {
  return { kinds: q.kinds, tags: q.tags, statuses: q.statuses, replies: q.replies, suggestions: q.suggestions };
}

/** "version 2 of 5" or "version 5, the current one": which text an export holds. */
export function versionPhrase(s: Pick<ExportSnapshot, "document">): string {
  const { version, currentVersion } = s.document;
  return version === currentVersion ? `version ${version}, the current one` : `version ${version} of ${currentVersion}`;
}

/** One line saying what an export was made from, for every format's header. */
export function provenance(s: Omit<ExportSnapshot, "annotations" | "unplaced"> & { annotations: ArrayLike<unknown>; unplaced: ArrayLike<unknown> }): string {
  const f = s.filters;
  const parts = [
    f.kinds?.length ? `kinds ${f.kinds.join(", ")}` : null,
    s.filterTagPaths.length ? `tags ${s.filterTagPaths.join(", ")} (with descendants)` : null,
    f.statuses?.length ? `statuses ${f.statuses.join(", ")}` : null,
    f.replies ? null : "without replies",
    f.suggestions === "all" ? "rejected suggestions included" : null,
  ].filter(Boolean);
  const notPlaced = s.unplaced.length ? `, ${s.unplaced.length} not placed` : "";
  return `Exported from "${s.document.title}" (document ${s.document.id}, ${versionPhrase(s)}, event seq ${s.document.seq}) at ${s.madeAt.toISOString()}; ${s.annotations.length} annotations${notPlaced}${parts.length ? `; filters: ${parts.join("; ")}` : ""}.`;
}

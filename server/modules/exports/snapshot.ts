/**
 * What every export format renders: one consistent read of a document (paragraphs, the
 * annotations the filters keep, their threads, tags and claim state) together with the event
 * seq it reflects and the time it was made. Read in one transaction so the seq matches the
 * rows exactly. Annotations are numbered in document order; formats never re-sort them.
 * Deleted replies are not part of it at all: no text, no stance, no count; a live reply to a
 * deleted one hangs from the nearest live reply above it (or from the note).
 */
import type { Db, Prisma, Tx } from "../../db/client.ts";
import type { PersonDto } from "../../../common/annotations.ts";
import type { Body } from "../../../common/bodies.ts";
import type { ClaimStatus, ClaimTagDto, ExportQuery, StanceTally } from "../../../common/review.ts";
import { tallyStances } from "../review/stances.ts";
import { tagIndex, withDescendants } from "../tags/tag-scope.ts";
import { articleFacts, type ArticleFacts } from "./article-facts.ts";

export interface ExportParagraph {
  id: string;
  index: number;
  kind: string;
  text: string;
  level: number | null;
  role: string | null;
  depth: number | null;
  ordered: boolean | null;
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

export interface ExportAnnotation {
  id: string;
  /** 1-based, in document order. */
  number: number;
  kind: "comment" | "highlight" | "claim";
  text: string;
  author: PersonDto;
  createdAt: Date;
  updatedAt: Date;
  /** Paragraph indexes and UTF-16 offsets within those paragraphs. */
  start: { index: number; offset: number };
  end: { index: number; offset: number };
  quote: string;
  tags: ClaimTagDto[];
  claim: ExportClaim | null;
  /** Depth-first thread order; empty when the export leaves replies out. */
  replies: ExportReply[];
  /** Live replies in the thread, whether or not the export includes them. */
  replyCount: number;
  /** Stance tally of the live replies. */
  stances: StanceTally;
}

export interface ExportFilters {
  kinds?: string[] | undefined;
  tags?: string[] | undefined;
  statuses?: string[] | undefined;
  replies: boolean;
}

export interface ExportSnapshot {
  document: { id: string; title: string; workspaceId: string; version: number; seq: number; article: ArticleFacts };
  paragraphs: ExportParagraph[];
  annotations: ExportAnnotation[];
  /** Live annotations the filters kept but whose paragraphs are gone (not exported). */
  orphans: number;
  madeAt: Date;
  /** The server's public origin, for links and IRIs. */
  origin: string;
  /** The member the export was made for (null when unknown). */
  exportedBy: PersonDto | null;
  filters: ExportFilters;
  /** Tag paths for the filter tags, to state them readably. */
  filterTagPaths: string[];
}

function annotationWhere(documentId: string, f: ExportFilters, tagIds: Set<string> | null): Prisma.AnnotationWhereInput {
  const where: Prisma.AnnotationWhereInput = { documentId, deletedAt: null };
  if (f.kinds?.length) where.kind = { in: f.kinds };
  if (f.statuses?.length) {
    where.kind = "claim";
    where.review = { is: { status: { in: f.statuses } } };
  }
  if (tagIds) where.tags = { some: { tagId: { in: [...tagIds] } } };
  return where;
}

/** Orders a thread depth-first (each reply followed by its own replies), oldest first at each level. */
export function threadOrder<R extends { id: string; parentId: string | null; createdAt: Date }>(replies: R[]): Array<R & { depth: number }> {
  const children = new Map<string | null, R[]>();
  const ids = new Set(replies.map((r) => r.id));
  for (const r of replies) {
    const parent = r.parentId && ids.has(r.parentId) ? r.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  for (const list of children.values()) list.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
  const out: Array<R & { depth: number }> = [];
  const visit = (parent: string | null, depth: number) => {
    for (const r of children.get(parent) ?? []) {
      out.push({ ...r, depth });
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

/** Reads the snapshot; the caller has already checked that `readerId` (when given) may read the document. */
export async function loadSnapshot(db: Db, documentId: string, filters: ExportFilters, origin: string, readerId?: string): Promise<ExportSnapshot> {
  return db.$transaction(async (tx) => readSnapshot(tx, documentId, filters, origin, readerId), { maxWait: 20_000, timeout: 60_000 });
}

async function readSnapshot(tx: Tx, documentId: string, filters: ExportFilters, origin: string, readerId: string | undefined): Promise<ExportSnapshot> {
  const doc = await tx.document.findUniqueOrThrow({ where: { id: documentId }, select: { id: true, title: true, workspaceId: true, version: true, lastSeq: true, metadata: true } });
  const reader = readerId ? await tx.user.findUnique({ where: { id: readerId }, select: { id: true, displayName: true } }) : null;
  const paragraphs = await tx.paragraph.findMany({
    where: { documentId },
    orderBy: { position: "asc" },
    select: { id: true, kind: true, text: true, level: true, role: true, depth: true, ordered: true },
  });
  const { rows: tagRows, byId: tags } = await tagIndex(tx, [doc.workspaceId]);
  const tagScope = filters.tags?.length ? withDescendants(tagRows, filters.tags) : null;
  const rows = await tx.annotation.findMany({
    where: annotationWhere(documentId, filters, tagScope),
    include: {
      author: { select: { id: true, displayName: true } },
      tags: { select: { tagId: true }, orderBy: { createdAt: "asc" } },
      review: true,
      replies: { include: { author: { select: { id: true, displayName: true } } } },
    },
  });
  const people = new Map<string, PersonDto>();
  const personIds = new Set(rows.flatMap((r) => [r.review?.assigneeId, r.review?.reviewerId].filter((x): x is string => !!x)));
  if (personIds.size) for (const u of await tx.user.findMany({ where: { id: { in: [...personIds] } }, select: { id: true, displayName: true } })) people.set(u.id, u);

  const indexOf = new Map(paragraphs.map((p, i) => [p.id, i]));
  const placed: Array<Omit<ExportAnnotation, "number">> = [];
  let orphans = 0;
  for (const r of rows) {
    const s = indexOf.get(r.startPid);
    const e = indexOf.get(r.endPid);
    if (s === undefined || e === undefined || s > e) {
      orphans++;
      continue;
    }
    const live = liveReplies(r.replies);
    const thread = threadOrder(live);
    placed.push({
      id: r.id,
      kind: r.kind as ExportAnnotation["kind"],
      text: (JSON.parse(r.body) as Body).text,
      author: r.author,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      start: { index: s, offset: r.startOffset },
      end: { index: e, offset: r.endOffset },
      quote: r.quote,
      tags: r.tags.map((t) => tags.get(t.tagId)).filter((t): t is ClaimTagDto => t !== undefined),
      claim:
        r.kind === "claim" && r.review
          ? {
              status: r.review.status as ClaimStatus,
              rationale: r.review.rationale,
              sources: JSON.parse(r.review.sources) as string[],
              assignee: r.review.assigneeId ? (people.get(r.review.assigneeId) ?? null) : null,
              reviewer: r.review.reviewerId ? (people.get(r.review.reviewerId) ?? null) : null,
              decidedAt: r.review.decidedAt,
            }
          : null,
      replies: filters.replies
        ? thread.map((x) => ({
            id: x.id,
            parentId: x.parentId,
            author: x.author,
            text: (JSON.parse(x.body) as Body).text,
            stance: x.stance,
            createdAt: x.createdAt,
            depth: x.depth,
          }))
        : [],
      replyCount: live.length,
      stances: tallyStances(live),
    });
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
  return {
    document: { id: doc.id, title: doc.title, workspaceId: doc.workspaceId, version: doc.version, seq: doc.lastSeq, article: articleFacts(doc.metadata) },
    paragraphs: paragraphs.map((p, index) => ({ ...p, index })),
    annotations: placed.map((a, i) => ({ ...a, number: i + 1 })),
    orphans,
    madeAt: new Date(),
    origin,
    exportedBy: reader,
    filters,
    filterTagPaths: (filters.tags ?? []).map((id) => tags.get(id)?.path ?? id),
  };
}

/** The filters of an export request. */
export function filtersOf(q: ExportQuery): ExportFilters {
  return { kinds: q.kinds, tags: q.tags, statuses: q.statuses, replies: q.replies };
}

/** One line saying what an export was made from, for every format's header. */
export function provenance(s: ExportSnapshot): string {
  const f = s.filters;
  const parts = [
    f.kinds?.length ? `kinds ${f.kinds.join(", ")}` : null,
    s.filterTagPaths.length ? `tags ${s.filterTagPaths.join(", ")} (with descendants)` : null,
    f.statuses?.length ? `statuses ${f.statuses.join(", ")}` : null,
    f.replies ? null : "without replies",
  ].filter(Boolean);
  return `Exported from "${s.document.title}" (document ${s.document.id}, event seq ${s.document.seq}) at ${s.madeAt.toISOString()}; ${s.annotations.length} annotations${parts.length ? `; filters: ${parts.join("; ")}` : ""}.`;
}

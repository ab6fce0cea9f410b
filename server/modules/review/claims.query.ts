/**
 * Reads for the claims dashboard, the review queue and a claim's history.
 *
 * The table sorts on things the database cannot order by directly in both providers (the
 * workflow order of statuses, live reply counts, the later of two update times), so a query
 * reads only the sort keys of every matching claim, sorts and pages them here, and then loads
 * full rows for the one page. Keys are a few dozen bytes a claim, so this stays cheap for
 * thousands of claims and gives stable offset paging on every sort.
 */
import type { Db, Prisma } from "../../db/client.ts";
import { inChunks } from "../../db/sql.ts";
import type { Body } from "../../../common/bodies.ts";
import type { PersonDto } from "../../../common/annotations.ts";
import {
  CLAIM_STATUSES,
  type ClaimFilter,
  type ClaimHistoryDto,
  type ClaimListQuery,
  type ClaimPageDto,
  type ClaimRowDto,
  type ClaimStatsDto,
  type ClaimStatus,
  type ClaimTagDto,
} from "../../../common/review.ts";
import { loadDocumentAccess } from "../documents/documents.service.ts";
import { loadWorkspaceAccess } from "../workspaces/membership.ts";
import { ANNOTATION_INCLUDE, presentClaim } from "../annotations/annotation.presenter.ts";
import { CHANGE_INCLUDE, loadClaim, presentChange } from "./claim-change.ts";
import { tallyStances } from "./stances.ts";
import { tagIndex, withDescendants } from "../tags/tag-scope.ts";

export type ClaimScope = { documentId: string } | { workspaceId: string };

/** Checks membership (404 otherwise) and returns the scope's workspace. */
export async function scopeWorkspace(db: Db, userId: string, scope: ClaimScope): Promise<string> {
  if ("documentId" in scope) return (await loadDocumentAccess(db, userId, scope.documentId)).document.workspaceId;
  return (await loadWorkspaceAccess(db, userId, scope.workspaceId)).workspace.id;
}

const LIVE_CLAIM = { kind: "claim", deletedAt: null, review: { isNot: null } } satisfies Prisma.AnnotationWhereInput;

/** The database side of a filter; `q` is matched afterwards, on parsed bodies. */
async function whereFor(db: Db, scope: ClaimScope, workspaceId: string, f: ClaimFilter): Promise<Prisma.AnnotationWhereInput> {
  const where: Prisma.AnnotationWhereInput = { ...LIVE_CLAIM, ...("documentId" in scope ? { documentId: scope.documentId } : { document: { workspaceId } }) };
  const review: Prisma.ClaimReviewWhereInput = {};
  if (f.status?.length) review.status = { in: f.status };
  if (f.assignee) review.assigneeId = f.assignee === "none" ? null : f.assignee;
  if (Object.keys(review).length) where.review = { is: review };
  if (f.author) where.authorId = f.author;
  if (f.tag?.length) {
    const { rows } = await tagIndex(db, [workspaceId]);
    where.tags = { some: { tagId: { in: [...withDescendants(rows, f.tag)] } } };
  }
  return where;
}

/** Case-insensitive match of `q` in the quote or the body's plain text. */
export function matchesText(q: string, quote: string, body: Body): boolean {
  const needle = q.toLowerCase();
  return quote.toLowerCase().includes(needle) || body.text.toLowerCase().includes(needle);
}

interface SortKey {
  id: string;
  createdAt: Date;
  updatedAt: Date;
  status: ClaimStatus;
  replies: number;
  tagIds: string[];
}

/**
 * The live replies of each annotation, counted by the replies' annotationId index, a chunk of
 * ids at a time. (A reply count in the claims' own query is a grouped read of every reply of
 * every workspace, joined afterwards.)
 */
async function liveReplyCounts(db: Db, ids: string[]): Promise<Map<string, number>> {
  const rows = await inChunks(ids, (chunk) => db.reply.groupBy({ by: ["annotationId"], where: { annotationId: { in: chunk }, deletedAt: null }, _count: { _all: true } }));
  return new Map(rows.map((r) => [r.annotationId, r._count._all]));
}

/** The sort keys of every claim matching the filter. */
async function matchingKeys(db: Db, userId: string, scope: ClaimScope, filter: ClaimFilter): Promise<SortKey[]> {
  const f = filter.assignee === "me" ? { ...filter, assignee: userId } : filter;
  const workspaceId = await scopeWorkspace(db, userId, scope);
  const where = await whereFor(db, scope, workspaceId, f);
  // Text is matched here, then the matches are kept by id from the same filtered read: a list
  // of ids in the query could pass the database's limit on parameters.
  let matched: Set<string> | null = null;
  if (f.q) {
    const texts = await db.annotation.findMany({ where, select: { id: true, quote: true, body: true } });
    const q = f.q;
    matched = new Set(texts.filter((t) => matchesText(q, t.quote, JSON.parse(t.body) as Body)).map((t) => t.id));
    if (matched.size === 0) return [];
  }
  const found = await db.annotation.findMany({
    where,
    select: {
      id: true,
      createdAt: true,
      updatedAt: true,
      review: { select: { status: true, updatedAt: true } },
      tags: { select: { tagId: true } },
    },
  });
  const rows = matched ? found.filter((r) => matched.has(r.id)) : found;
  const replies = await liveReplyCounts(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt,
    updatedAt: r.review && r.review.updatedAt > r.updatedAt ? r.review.updatedAt : r.updatedAt,
    status: (r.review?.status ?? "open") as ClaimStatus,
    replies: replies.get(r.id) ?? 0,
    tagIds: r.tags.map((t) => t.tagId),
  }));
}

const STATUS_RANK = new Map(CLAIM_STATUSES.map((s, i) => [s, i]));

/** Orders keys for `sort`; ties fall back to creation time, then id, so pages never overlap. */
export function sortKeys(keys: SortKey[], sort: ClaimListQuery["sort"], order: ClaimListQuery["order"]): SortKey[] {
  const primary: Record<ClaimListQuery["sort"], (k: SortKey) => number> = {
    created: (k) => k.createdAt.getTime(),
    // Older claims have greater age: age descending is creation ascending.
    age: (k) => -k.createdAt.getTime(),
    status: (k) => STATUS_RANK.get(k.status) ?? 0,
    replies: (k) => k.replies,
    updated: (k) => k.updatedAt.getTime(),
  };
  const key = primary[sort];
  const dir = order === "asc" ? 1 : -1;
  return [...keys].sort((a, b) => dir * (key(a) - key(b) || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
}

async function people(db: Db, ids: Iterable<string | null>): Promise<Map<string, PersonDto>> {
  const wanted = [...new Set([...ids].filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, displayName: true } });
  return new Map(users.map((u) => [u.id, u]));
}

/** Full table rows for the given claims, in the given order. */
export async function claimRows(db: Db, ids: string[], now = new Date()): Promise<ClaimRowDto[]> {
  if (ids.length === 0) return [];
  const rows = await db.annotation.findMany({
    where: { id: { in: ids } },
    include: {
      ...ANNOTATION_INCLUDE,
      document: { select: { title: true, workspaceId: true } },
      replies: { select: { id: true, authorId: true, stance: true, createdAt: true, deletedAt: true } },
    },
  });
  const { byId: tags } = await tagIndex(db, [...new Set(rows.map((r) => r.document.workspaceId))]);
  const who = await people(db, rows.flatMap((r) => [r.review?.assigneeId ?? null, r.review?.reviewerId ?? null]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r || !r.review) return [];
    const claim = presentClaim(r.review)!;
    const updatedAt = r.review.updatedAt > r.updatedAt ? r.review.updatedAt : r.updatedAt;
    const row: ClaimRowDto = {
      annotationId: r.id,
      documentId: r.documentId,
      documentTitle: r.document.title,
      workspaceId: r.document.workspaceId,
      quote: r.quote,
      body: (JSON.parse(r.body) as Body).text,
      author: r.author,
      tags: r.tags.map((t) => tags.get(t.tagId)).filter((t): t is ClaimTagDto => t !== undefined),
      status: claim.status as ClaimStatus,
      assignee: claim.assigneeId ? (who.get(claim.assigneeId) ?? null) : null,
      reviewer: claim.reviewerId ? (who.get(claim.reviewerId) ?? null) : null,
      claim,
      stances: tallyStances(r.replies),
      replyCount: r.replies.filter((x) => !x.deletedAt).length,
      createdAt: r.createdAt.toISOString(),
      updatedAt: updatedAt.toISOString(),
      ageSeconds: Math.max(0, Math.floor((now.getTime() - r.createdAt.getTime()) / 1000)),
    };
    return [row];
  });
}

export async function listClaims(db: Db, userId: string, scope: ClaimScope, query: ClaimListQuery): Promise<ClaimPageDto> {
  const keys = sortKeys(await matchingKeys(db, userId, scope, query), query.sort, query.order);
  const page = keys.slice(query.offset, query.offset + query.limit);
  const next = query.offset + page.length;
  return {
    claims: await claimRows(db, page.map((k) => k.id)),
    total: keys.length,
    offset: query.offset,
    limit: query.limit,
    nextOffset: next < keys.length ? next : null,
  };
}

/** Claims per status (every status, zeros included) and per tag, under the same filters as the table. */
export async function claimStats(db: Db, userId: string, scope: ClaimScope, filter: ClaimFilter): Promise<ClaimStatsDto> {
  const workspaceId = await scopeWorkspace(db, userId, scope);
  const keys = await matchingKeys(db, userId, scope, filter);
  const byStatus = Object.fromEntries(CLAIM_STATUSES.map((s) => [s, 0])) as Record<ClaimStatus, number>;
  const perTag = new Map<string, number>();
  for (const k of keys) {
    byStatus[k.status]++;
    for (const t of k.tagIds) perTag.set(t, (perTag.get(t) ?? 0) + 1);
  }
  const { byId } = await tagIndex(db, [workspaceId]);
  const byTag = [...perTag]
    .flatMap(([id, count]) => {
      const tag = byId.get(id);
      return tag ? [{ ...tag, count }] : [];
    })
    .sort((a, b) => b.count - a.count || a.path.localeCompare(b.path));
  return { total: keys.length, byStatus, byTag };
}

/** Open and in-review claims assigned to the user, across the workspaces they still belong to, oldest first. */
export async function reviewQueue(db: Db, userId: string, page: { limit: number; offset: number }): Promise<ClaimPageDto> {
  const where: Prisma.AnnotationWhereInput = {
    ...LIVE_CLAIM,
    review: { is: { assigneeId: userId, status: { in: ["open", "in_review"] } } },
    document: { workspace: { memberships: { some: { userId } } } },
  };
  const [total, ids] = await Promise.all([
    db.annotation.count({ where }),
    db.annotation.findMany({ where, select: { id: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip: page.offset, take: page.limit }),
  ]);
  const next = page.offset + ids.length;
  return { claims: await claimRows(db, ids.map((r) => r.id)), total, offset: page.offset, limit: page.limit, nextOffset: next < total ? next : null };
}

export async function claimHistory(db: Db, userId: string, annotationId: string): Promise<ClaimHistoryDto> {
  const { claim } = await loadClaim(db, userId, annotationId);
  const [author, changes] = await Promise.all([
    db.annotation.findUniqueOrThrow({ where: { id: claim.id }, select: { createdAt: true, author: { select: { id: true, displayName: true } } } }),
    db.claimReviewChange.findMany({ where: { annotationId: claim.id }, include: CHANGE_INCLUDE, orderBy: { version: "asc" } }),
  ]);
  return {
    annotationId: claim.id,
    created: { by: author.author, at: author.createdAt.toISOString() },
    claim: presentClaim(claim.review)!,
    changes: changes.map(presentChange),
  };
}

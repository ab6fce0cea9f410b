/**
 * Workspace search over document text, annotation notes, replies and tag names. The index is
 * the SearchDoc table, kept in step with the rows by triggers (migration 0003) inside the
 * transaction that writes each change: SQLite searches it with FTS5 (bm25 ranking, snippet()),
 * PostgreSQL with a GIN-indexed tsvector (ts_rank, ts_headline). Both take the same query: the
 * words of `q`, each as a prefix, all required.
 */
import type { Db, Provider } from "../../db/client.ts";
import { list, rawQuery } from "../../db/raw.ts";
import type { SearchPageDto, SearchQuery, SearchResultDto, SearchKind } from "../../../common/activity.ts";
import { withDescendants } from "../../../common/tag-tree.ts";

/** Private-use characters mark matches inside snippets; they never occur in stored text we show. */
const START = "\uE000";
const STOP = "\uE001";
const MAX_TERMS = 12;

/** The words of a query (letters and digits), lowercased, at most MAX_TERMS. */
export function searchTerms(q: string): string[] {
  return [...new Set((q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_TERMS))];
}

/** The snippet without its markers, and where the markers were. */
export function highlightsOf(marked: string): { snippet: string; highlights: Array<[number, number]> } {
  let snippet = "";
  const highlights: Array<[number, number]> = [];
  let open = -1;
  for (const ch of marked) {
    if (ch === START) open = snippet.length;
    else if (ch === STOP) {
      if (open >= 0 && snippet.length > open) highlights.push([open, snippet.length]);
      open = -1;
    } else snippet += ch;
  }
  return { snippet, highlights };
}

interface Row {
  kind: string;
  entityId: string;
  documentId: string | null;
  paragraphId: string | null;
  annotationId: string | null;
  snippet: string;
}

async function filtersOf(db: Db, workspaceId: string, q: SearchQuery): Promise<{ sql: string; params: unknown[] }> {
  // A reply's row stays in the index when its annotation is deleted (the reply itself is not):
  // a hit under a deleted annotation is left out, as its thread is everywhere else.
  const parts: string[] = [`(s."annotationId" IS NULL OR EXISTS (SELECT 1 FROM "Annotation" a WHERE a."id" = s."annotationId" AND a."deletedAt" IS NULL))`];
  const params: unknown[] = [];
  if (q.document) {
    parts.push(`s."documentId" = ?`);
    params.push(q.document);
  }
  if (q.kind?.length) {
    parts.push(`s."kind" IN (${list(q.kind.length)})`);
    params.push(...q.kind);
  }
  if (q.author) {
    parts.push(`s."authorId" = ?`);
    params.push(q.author);
  }
  if (q.tag) {
    const tags = await db.tag.findMany({ where: { workspaceId }, select: { id: true, parentId: true } });
    const ids = [...withDescendants(tags, [q.tag])];
    parts.push(`s."annotationId" IN (SELECT "annotationId" FROM "AnnotationTag" WHERE "tagId" IN (${list(ids.length)}))`);
    params.push(...ids);
  }
  if (q.status?.length) {
    // Each hit's review looked up by its key: a list of every claim in the state (all
    // workspaces) would be a scan of the whole ClaimReview table (it has no index on status).
    parts.push(`EXISTS (SELECT 1 FROM "ClaimReview" c WHERE c."annotationId" = s."annotationId" AND c."status" IN (${list(q.status.length)}))`);
    params.push(...q.status);
  }
  return { sql: parts.map((p) => ` AND ${p}`).join(""), params };
}

function queries(provider: Provider, terms: string[]) {
  if (provider === "sqlite") {
    const match = terms.map((t) => `"${t}"*`).join(" ");
    return {
      match,
      // CROSS JOIN keeps the full-text match as the outer loop (SQLite never reorders it): with
      // the filters' subqueries the planner otherwise may walk SearchDoc and run the match once
      // per row, minutes on a large workspace.
      from: `"SearchText" CROSS JOIN "SearchDoc" s ON s."rowid" = "SearchText"."rowid"`,
      where: `"SearchText" MATCH ?`,
      snippet: `snippet("SearchText", 0, '${START}', '${STOP}', '…', 24)`,
      order: `bm25("SearchText")`,
    };
  }
  const match = terms.map((t) => `${t}:*`).join(" & ");
  return {
    match,
    from: `"SearchDoc" s`,
    where: `s."tsv" @@ to_tsquery('simple', ?)`,
    snippet: `ts_headline('simple', s."text", to_tsquery('simple', ?), 'StartSel=${START}, StopSel=${STOP}, MaxFragments=1, MaxWords=35, MinWords=15, FragmentDelimiter=" … "')`,
    order: `ts_rank(s."tsv", to_tsquery('simple', ?)) DESC`,
  };
}

export async function searchWorkspace(db: Db, provider: Provider, workspaceId: string, q: SearchQuery): Promise<SearchPageDto> {
  const terms = searchTerms(q.q);
  if (terms.length === 0) return { results: [], total: 0 };
  const sql = queries(provider, terms);
  const filters = await filtersOf(db, workspaceId, q);
  const where = `${sql.where} AND s."workspaceId" = ?${filters.sql}`;
  const whereParams = [sql.match, workspaceId, ...filters.params];
  const pg = provider === "postgresql";
  const [rows, [count]] = await Promise.all([
    rawQuery<Row>(
      db,
      provider,
      `SELECT s."kind", s."entityId", s."documentId", s."paragraphId", s."annotationId", ${sql.snippet} AS "snippet"
       FROM ${sql.from} WHERE ${where} ORDER BY ${sql.order} LIMIT ? OFFSET ?`,
      // PostgreSQL's headline and rank each read the query again; placeholders come in text order.
      [...(pg ? [sql.match] : []), ...whereParams, ...(pg ? [sql.match] : []), q.limit, q.offset],
    ),
    rawQuery<{ n: number | bigint }>(db, provider, `SELECT count(*) AS "n" FROM ${sql.from} WHERE ${where}`, whereParams),
  ]);
  const documentIds = [...new Set(rows.map((r) => r.documentId).filter((x): x is string => x !== null))];
  const titles = new Map(
    documentIds.length ? (await db.document.findMany({ where: { id: { in: documentIds } }, select: { id: true, title: true } })).map((d) => [d.id, d.title]) : [],
  );
  const results: SearchResultDto[] = rows.map((r) => ({
    kind: r.kind as SearchKind,
    documentId: r.documentId,
    documentTitle: r.documentId ? (titles.get(r.documentId) ?? null) : null,
    paragraphId: r.paragraphId,
    annotationId: r.annotationId,
    replyId: r.kind === "reply" ? r.entityId : null,
    tagId: r.kind === "tag" ? r.entityId : null,
    ...highlightsOf(r.snippet),
  }));
  return { results, total: Number(count?.n ?? 0) };
}

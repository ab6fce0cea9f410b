/**
 * The claims dashboard's state (filters, sorting, paging) and its two spellings: the page's
 * URL query (so a view can be bookmarked, shared and restored with Back) and the API's query
 * string. Pure functions, tolerant of hand-edited URLs: unknown values fall back to defaults.
 */
import { CLAIM_SORTS, CLAIM_STATUSES, MAX_PAGE, type ClaimStatus } from "../../../../common/review.ts";

export type ClaimSort = (typeof CLAIM_SORTS)[number];
export type SortOrder = "asc" | "desc";

export interface ClaimsView {
  status: ClaimStatus[];
  tag: string[];
  /** "" for anyone. */
  author: string;
  /** "" for anyone, "me", "none", or a member's id. */
  assignee: string;
  q: string;
  sort: ClaimSort;
  order: SortOrder;
  offset: number;
  limit: number;
}

export const PAGE_SIZES = [10, 25, 50, 100] as const;

export const DEFAULT_VIEW: ClaimsView = { status: [], tag: [], author: "", assignee: "", q: "", sort: "created", order: "desc", offset: 0, limit: 25 };

const ID = /^[A-Za-z0-9_-]{1,64}$/;

function list(params: URLSearchParams, key: string): string[] {
  return params
    .getAll(key)
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
}

function int(v: string | null, fallback: number, min: number, max: number): number {
  if (v === null || !/^\d+$/.test(v)) return fallback;
  return Math.min(max, Math.max(min, Number(v)));
}

/** The view a URL query describes (missing or invalid parts take the defaults). */
export function parseView(search: string): ClaimsView {
  const p = new URLSearchParams(search);
  const statuses = new Set(list(p, "status").filter((s): s is ClaimStatus => (CLAIM_STATUSES as readonly string[]).includes(s)));
  const sort = p.get("sort");
  const order = p.get("order");
  const author = p.get("author") ?? "";
  const assignee = p.get("assignee") ?? "";
  return {
    // In workflow order, whatever order the URL had.
    status: CLAIM_STATUSES.filter((s) => statuses.has(s)),
    tag: [...new Set(list(p, "tag").filter((t) => ID.test(t)))],
    author: ID.test(author) ? author : "",
    assignee: ID.test(assignee) ? assignee : "",
    q: (p.get("q") ?? "").slice(0, 200),
    sort: (CLAIM_SORTS as readonly string[]).includes(sort ?? "") ? (sort as ClaimSort) : DEFAULT_VIEW.sort,
    order: order === "asc" || order === "desc" ? order : DEFAULT_VIEW.order,
    offset: int(p.get("offset"), 0, 0, 1_000_000),
    limit: int(p.get("limit"), DEFAULT_VIEW.limit, 1, MAX_PAGE),
  };
}

function filterParams(v: ClaimsView): URLSearchParams {
  const p = new URLSearchParams();
  if (v.status.length) p.set("status", v.status.join(","));
  if (v.tag.length) p.set("tag", v.tag.join(","));
  if (v.author) p.set("author", v.author);
  if (v.assignee) p.set("assignee", v.assignee);
  if (v.q.trim()) p.set("q", v.q.trim());
  return p;
}

/** The URL query for a view ("" for the default view); defaults are left out. */
export function viewToSearch(v: ClaimsView): string {
  const p = filterParams(v);
  if (v.sort !== DEFAULT_VIEW.sort) p.set("sort", v.sort);
  if (v.order !== DEFAULT_VIEW.order) p.set("order", v.order);
  if (v.offset > 0) p.set("offset", String(v.offset));
  if (v.limit !== DEFAULT_VIEW.limit) p.set("limit", String(v.limit));
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** The query for GET …/claims (filters, sorting, one page). */
export function listQuery(v: ClaimsView): string {
  const p = filterParams(v);
  p.set("sort", v.sort);
  p.set("order", v.order);
  p.set("limit", String(v.limit));
  p.set("offset", String(v.offset));
  return `?${p.toString()}`;
}

/** The query for GET …/claims/stats (the same filters, no paging). */
export function statsQuery(v: ClaimsView): string {
  const s = filterParams(v).toString();
  return s ? `?${s}` : "";
}

/** A filter change: back to the first page. */
export function withFilters(v: ClaimsView, patch: Partial<Pick<ClaimsView, "status" | "tag" | "author" | "assignee" | "q">>): ClaimsView {
  return { ...v, ...patch, offset: 0 };
}

/** A click on a sortable column: the same column flips the order, another starts descending. */
export function toggleSort(v: ClaimsView, sort: ClaimSort): ClaimsView {
  if (v.sort === sort) return { ...v, order: v.order === "asc" ? "desc" : "asc", offset: 0 };
  return { ...v, sort, order: "desc", offset: 0 };
}

export function isFiltered(v: ClaimsView): boolean {
  return filterParams(v).toString() !== "";
}

/** "3 min", "5 h", "12 d" — a claim's age, compact. */
export function formatAge(seconds: number): string {
  if (seconds < 60) return "just now";
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h`;
  if (seconds < 86_400 * 60) return `${Math.floor(seconds / 86_400)} d`;
  return `${Math.floor(seconds / (86_400 * 30))} mo`;
}

/**
 * The workspace search page's pure parts: its state in the URL (so a search can be bookmarked,
 * shared and restored with Back, and the document page can link to a search preset to one
 * document), the API request, a snippet cut into plain and highlighted pieces, and where a
 * result leads. Tolerant of hand-edited URLs: unknown values fall back to "any".
 */
import { SEARCH_KINDS, type SearchKind, type SearchResultDto } from "../../../../common/activity.ts";
import { CLAIM_STATUSES, type ClaimStatus } from "../../../../common/review.ts";

export interface SearchView {
  q: string;
  /** "" for any. */
  document: string;
  kind: SearchKind | "";
  tag: string;
  author: string;
  status: ClaimStatus | "";
  offset: number;
}

export const SEARCH_PAGE = 20;
const MAX_OFFSET = 10_000;

export const EMPTY_SEARCH: SearchView = { q: "", document: "", kind: "", tag: "", author: "", status: "", offset: 0 };

export const KIND_WORDS: Record<SearchKind, string> = { paragraph: "Document text", annotation: "Notes", reply: "Replies", tag: "Tags" };

const ID = /^[A-Za-z0-9_-]{1,64}$/;

const id = (v: string | null) => (v && ID.test(v) ? v : "");

/** The view a URL query describes. */
export function parseSearch(search: string): SearchView {
  const p = new URLSearchParams(search);
  const kind = SEARCH_KINDS.find((k) => k === p.get("kind")) ?? "";
  const status = CLAIM_STATUSES.find((s) => s === p.get("status")) ?? "";
  const offset = Number(p.get("offset") ?? "0");
  return {
    q: (p.get("q") ?? "").slice(0, 200),
    document: id(p.get("document")),
    kind,
    tag: id(p.get("tag")),
    author: id(p.get("author")),
    status,
    offset: Number.isInteger(offset) && offset > 0 ? Math.min(offset, MAX_OFFSET) : 0,
  };
}

function params(v: SearchView): URLSearchParams {
  const p = new URLSearchParams();
  if (v.q.trim()) p.set("q", v.q.trim());
  if (v.document) p.set("document", v.document);
  if (v.kind) p.set("kind", v.kind);
  if (v.tag) p.set("tag", v.tag);
  if (v.author) p.set("author", v.author);
  if (v.status) p.set("status", v.status);
  if (v.offset) p.set("offset", String(v.offset));
  return p;
}

/** The URL query for a view ("" when it is empty), with "?". */
export function searchToUrl(v: SearchView): string {
  const s = params(v).toString();
  return s ? `?${s}` : "";
}

/** The API path (under /api) for a view, or null when there is nothing to search for. */
export function searchApiPath(workspaceId: string, v: SearchView): string | null {
  if (!v.q.trim()) return null;
  const p = params(v);
  p.set("limit", String(SEARCH_PAGE));
  return `/workspaces/${encodeURIComponent(workspaceId)}/search?${p.toString()}`;
}

export interface SnippetPart {
  text: string;
  mark: boolean;
}

/**
 * A snippet cut at its highlight ranges ([start, end) in UTF-16 units), in order; ranges out
 * of bounds are clamped, overlapping ones merged, empty ones dropped.
 */
export function snippetParts(snippet: string, highlights: ReadonlyArray<readonly [number, number]>): SnippetPart[] {
  const ranges = highlights
    .map(([s, e]) => [Math.max(0, Math.min(s, snippet.length)), Math.max(0, Math.min(e, snippet.length))] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [s, e] of ranges) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  const parts: SnippetPart[] = [];
  let at = 0;
  for (const [s, e] of merged) {
    if (s > at) parts.push({ text: snippet.slice(at, s), mark: false });
    parts.push({ text: snippet.slice(s, e), mark: true });
    at = e;
  }
  if (at < snippet.length) parts.push({ text: snippet.slice(at), mark: false });
  return parts;
}

/** Where a result leads, and the words of the link. */
export function resultLink(workspaceId: string, r: Pick<SearchResultDto, "kind" | "documentId" | "annotationId" | "tagId">): { to: string; label: string } | null {
  if (r.documentId && r.annotationId) {
    return { to: `/d/${encodeURIComponent(r.documentId)}?a=${encodeURIComponent(r.annotationId)}`, label: r.kind === "reply" ? "Open the thread" : "Open the note" };
  }
  // The document page opens annotations from a link, not bare paragraphs: a passage opens its document.
  if (r.documentId) return { to: `/d/${encodeURIComponent(r.documentId)}`, label: "Open the document" };
  if (r.tagId) return { to: `/w/${encodeURIComponent(workspaceId)}/claims?tag=${encodeURIComponent(r.tagId)}`, label: "Claims with this tag" };
  return null;
}

/** "Results 21–40 of 123" / "1 result" / "No results". */
export function rangeWords(offset: number, shown: number, total: number): string {
  if (total === 0) return "No results";
  if (total === 1) return "1 result";
  if (offset === 0 && shown === total) return `${total} results`;
  return `Results ${offset + 1}–${offset + shown} of ${total}`;
}

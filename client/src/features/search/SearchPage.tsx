/**
 * /w/:id/search: full-text search over the workspace's documents, notes, replies and tags, with
 * filters (document, kind, tag, author, claim status), highlighted snippets, the total and
 * pages. Everything is in the URL; a result opens its document at the note.
 */
import { useEffect, useState, type FormEvent } from "react";
import type { SearchPageDto, SearchResultDto } from "../../../../common/activity.ts";
import { SEARCH_KINDS } from "../../../../common/activity.ts";
import type { DocumentDto } from "../../../../common/documents.ts";
import type { TagDto } from "../../../../common/annotations.ts";
import { CLAIM_STATUS_LABELS, CLAIM_STATUSES } from "../../../../common/review.ts";
import { api } from "../../api/http.ts";
import { Link, navigate } from "../../app/router.tsx";
import { useLoad } from "../../app/use-load.ts";
import { useMembers } from "../members/use-members.ts";
import { useWorkspace } from "../workspaces/workspace-context.ts";
import { KIND_WORDS, parseSearch, rangeWords, resultLink, SEARCH_PAGE, searchApiPath, searchToUrl, snippetParts, type SearchView } from "./search-query.ts";
import "./search.css";

/** The snippet as text with <mark>s at the highlight ranges (React text nodes: the server's text is never markup). */
function Snippet({ result }: { result: SearchResultDto }) {
  return (
    <p className="search-snippet">
      {snippetParts(result.snippet, result.highlights).map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </p>
  );
}

function Result({ result, workspaceId }: { result: SearchResultDto; workspaceId: string }) {
  const link = resultLink(workspaceId, result);
  return (
    <li className="search-result" data-kind={result.kind}>
      <p className="search-result-head">
        <span className="search-kind">{KIND_WORDS[result.kind]}</span>
        {result.documentTitle && <span className="search-doc">{result.documentTitle}</span>}
      </p>
      <Snippet result={result} />
      {link && (
        <Link to={link.to} className="search-open">
          {link.label}
          {result.documentTitle ? <span className="visually-hidden"> in {result.documentTitle}</span> : null}
        </Link>
      )}
    </li>
  );
}

function useFilterOptions(workspaceId: string) {
  const docs = useLoad(() => api.get<{ documents: DocumentDto[] }>(`/workspaces/${encodeURIComponent(workspaceId)}/documents`).then((r) => r.documents), [workspaceId]);
  const tags = useLoad(() => api.get<{ tags: TagDto[] }>(`/workspaces/${encodeURIComponent(workspaceId)}/tags`).then((r) => r.tags), [workspaceId]);
  const members = useMembers();
  return {
    documents: docs.status === "ready" ? docs.data : [],
    tags: tags.status === "ready" ? [...tags.data].filter((t) => !t.archived).sort((a, b) => a.path.localeCompare(b.path)) : [],
    people: members.status === "ready" ? [...members.data].sort((a, b) => a.displayName.localeCompare(b.displayName)) : [],
  };
}

export default function SearchPage({ search }: { search: string }) {
  const { workspace } = useWorkspace();
  const view = parseSearch(search);
  const activeFilters = [view.document, view.kind, view.tag, view.author, view.status].filter(Boolean).length;
  const [q, setQ] = useState(view.q);
  // Open on wide screens; on a phone the results come first and the filters open on demand.
  const [filtersOpen, setFiltersOpen] = useState(() => !window.matchMedia("(max-width: 640px)").matches || activeFilters > 0);
  const options = useFilterOptions(workspace.id);
  const path = searchApiPath(workspace.id, view);
  const results = useLoad<SearchPageDto | null>(() => (path ? api.get<SearchPageDto>(path) : Promise.resolve(null)), [path]);

  // Back and forward change the URL: the box follows it.
  useEffect(() => setQ(view.q), [view.q]);

  const go = (next: SearchView) => navigate(`/w/${encodeURIComponent(workspace.id)}/search${searchToUrl(next)}`);
  const setFilter = (patch: Partial<SearchView>) => go({ ...view, ...patch, offset: 0 });

  function handleSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    go({ ...view, q, offset: 0 });
  }

  const docTitle = options.documents.find((d) => d.id === view.document)?.title;

  return (
    <div className="search-page">
      <form role="search" className="search-form" onSubmit={handleSubmit} aria-label="Search this workspace">
        <div className="search-box">
          <label htmlFor="search-q">Words to find</label>
          <div className="search-box-row">
            <input id="search-q" type="search" value={q} onChange={(e) => setQ(e.currentTarget.value)} maxLength={200} aria-describedby="search-q-hint" />
            <button type="submit" className="primary">
              Search
            </button>
          </div>
          <p id="search-q-hint" className="hint">
            Every word must appear; each matches as the start of a word (“deter” finds “deterrence”).
          </p>
        </div>
        <details className="search-filters-box" open={filtersOpen} onToggle={(e) => setFiltersOpen(e.currentTarget.open)}>
          <summary>Filters{activeFilters > 0 ? ` (${activeFilters} on)` : ""}</summary>
          <fieldset className="search-filters">
            <legend className="visually-hidden">Filters</legend>
            <div className="field">
              <label htmlFor="search-document">Document</label>
              <select id="search-document" value={view.document} onChange={(e) => setFilter({ document: e.currentTarget.value })}>
                <option value="">All documents</option>
                {options.documents.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.title}
                  </option>
                ))}
                {view.document && !docTitle && <option value={view.document}>This document</option>}
              </select>
            </div>
            <div className="field">
              <label htmlFor="search-kind">Kind</label>
              <select id="search-kind" value={view.kind} onChange={(e) => setFilter({ kind: SEARCH_KINDS.find((k) => k === e.currentTarget.value) ?? "" })}>
                <option value="">Everything</option>
                {SEARCH_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {KIND_WORDS[k]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="search-tag">Tag</label>
              <select id="search-tag" value={view.tag} onChange={(e) => setFilter({ tag: e.currentTarget.value })}>
                <option value="">Any tag</option>
                {options.tags.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.path}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="search-author">Author</label>
              <select id="search-author" value={view.author} onChange={(e) => setFilter({ author: e.currentTarget.value })}>
                <option value="">Anyone</option>
                {options.people.map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.displayName}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="search-status">Claim status</label>
              <select id="search-status" value={view.status} onChange={(e) => setFilter({ status: CLAIM_STATUSES.find((s) => s === e.currentTarget.value) ?? "" })}>
                <option value="">Any</option>
                {CLAIM_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {CLAIM_STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
            </div>
            {activeFilters > 0 && (
              <button type="button" className="link-button search-clear" onClick={() => go({ ...view, document: "", kind: "", tag: "", author: "", status: "", offset: 0 })}>
                Clear filters
              </button>
            )}
          </fieldset>
        </details>
      </form>

      <section aria-labelledby="search-results-heading" className="search-results">
        <h2 id="search-results-heading" className="visually-hidden">
          Results
        </h2>
        <p aria-live="polite" className="search-count">
          {!path && "Type words to search the documents, notes, replies and tags of this workspace."}
          {path && results.status === "ready" && results.data && rangeWords(view.offset, results.data.results.length, results.data.total)}
        </p>
        {path && results.status === "loading" && <p className="loading">Searching…</p>}
        {path && results.status === "error" && <p role="alert">{results.error.message}</p>}
        {results.status === "ready" && results.data && results.data.results.length > 0 && (
          <>
            <ol className="search-list" start={view.offset + 1}>
              {results.data.results.map((r, i) => (
                <Result key={`${r.kind}:${r.replyId ?? r.annotationId ?? r.paragraphId ?? r.tagId ?? i}`} result={r} workspaceId={workspace.id} />
              ))}
            </ol>
            <nav className="pager" aria-label="Pages of results">
              <button type="button" disabled={view.offset === 0} onClick={() => go({ ...view, offset: Math.max(0, view.offset - SEARCH_PAGE) })}>
                Previous page
              </button>
              <button type="button" disabled={view.offset + results.data.results.length >= results.data.total} onClick={() => go({ ...view, offset: view.offset + SEARCH_PAGE })}>
                Next page
              </button>
            </nav>
          </>
        )}
      </section>
    </div>
  );
}

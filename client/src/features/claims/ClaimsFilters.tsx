/** The dashboard's filters: statuses (several), tag (with its descendants), author, assignee, text. */
import { useEffect, useState } from "react";
import { CLAIM_SORTS, CLAIM_STATUSES, type ClaimStatus } from "../../../../common/review.ts";
import type { TagDto } from "../../../../common/annotations.ts";
import type { MemberDto } from "../../../../common/workspaces.ts";
import { STATUS_LABELS } from "../review/status.tsx";
import { DEFAULT_VIEW, isFiltered, withFilters, type ClaimSort, type ClaimsView } from "./claims-query.ts";

export const SORT_LABELS: Record<ClaimSort, string> = { created: "Created", age: "Age", status: "Status", replies: "Replies", updated: "Last change" };

const Q_DEBOUNCE_MS = 300;

export function ClaimsFilters(props: { view: ClaimsView; setView(v: ClaimsView, opts?: { replace?: boolean }): void; members: MemberDto[]; tags: TagDto[] }) {
  const { view, setView, members, tags } = props;
  const [q, setQ] = useState(view.q);
  // The URL is the truth: follow it when it changes from elsewhere (Back, a link).
  const [urlQ, setUrlQ] = useState(view.q);
  if (urlQ !== view.q) {
    setUrlQ(view.q);
    // Our own debounced update comes back trimmed: keep what is being typed (a trailing space).
    if (view.q !== q.trim()) setQ(view.q);
  }
  useEffect(() => {
    if (q.trim() === view.q.trim()) return;
    const t = setTimeout(() => setView(withFilters(view, { q }), { replace: true }), Q_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [q, view, setView]);

  const people = [...members].sort((a, b) => a.displayName.localeCompare(b.displayName));
  const liveTags = tags.filter((t) => !t.archived || view.tag.includes(t.id)).sort((a, b) => a.path.localeCompare(b.path));
  const toggleStatus = (s: ClaimStatus, on: boolean) => setView(withFilters(view, { status: CLAIM_STATUSES.filter((x) => (x === s ? on : view.status.includes(x))) }));

  return (
    <form className="claims-filters" aria-label="Filter and sort claims" onSubmit={(e) => e.preventDefault()}>
      <fieldset className="status-filter">
        <legend>Status</legend>
        {CLAIM_STATUSES.map((s) => (
          <label key={s} className="check-option">
            <input type="checkbox" checked={view.status.includes(s)} onChange={(e) => toggleStatus(s, e.currentTarget.checked)} />
            {STATUS_LABELS[s]}
          </label>
        ))}
      </fieldset>
      <div className="claims-filter-grid">
        <div className="field">
          <label htmlFor="claims-tag">Tag (with sub-tags)</label>
          <select id="claims-tag" value={view.tag[0] ?? ""} onChange={(e) => setView(withFilters(view, { tag: e.currentTarget.value ? [e.currentTarget.value] : [] }))}>
            <option value="">All tags</option>
            {liveTags.map((t) => (
              <option key={t.id} value={t.id}>
                {t.path}
                {t.archived ? " (archived)" : ""}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="claims-author">Author</label>
          <select id="claims-author" value={view.author} onChange={(e) => setView(withFilters(view, { author: e.currentTarget.value }))}>
            <option value="">Anyone</option>
            {people.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.displayName}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="claims-assignee">Assignee</label>
          <select id="claims-assignee" value={view.assignee} onChange={(e) => setView(withFilters(view, { assignee: e.currentTarget.value }))}>
            <option value="">Anyone or nobody</option>
            <option value="me">Me</option>
            <option value="none">Nobody (unassigned)</option>
            {people.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.displayName}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="claims-q">Search quote and note</label>
          <input id="claims-q" type="search" value={q} maxLength={200} onChange={(e) => setQ(e.currentTarget.value)} />
        </div>
        <div className="field field-sort">
          <label htmlFor="claims-sort">Sort by</label>
          <span className="sort-pair">
            <select id="claims-sort" value={view.sort} onChange={(e) => setView({ ...view, sort: e.currentTarget.value as ClaimSort, offset: 0 })}>
              {CLAIM_SORTS.map((s) => (
                <option key={s} value={s}>
                  {SORT_LABELS[s]}
                </option>
              ))}
            </select>
            <select aria-label="Sort order" value={view.order} onChange={(e) => setView({ ...view, order: e.currentTarget.value === "asc" ? "asc" : "desc", offset: 0 })}>
              <option value="desc">Descending</option>
              <option value="asc">Ascending</option>
            </select>
          </span>
        </div>
      </div>
      {isFiltered(view) && (
        <button type="button" className="link-button" onClick={() => setView({ ...DEFAULT_VIEW, sort: view.sort, order: view.order, limit: view.limit })}>
          Clear filters
        </button>
      )}
    </form>
  );
}

/** Filters for the list: kind, tag (a parent includes its children), author, claim status. */
import { useMemo } from "react";
import { ANNOTATION_KINDS, type AnnotationKind } from "../../../../common/annotations.ts";
import { useDocument } from "../document/document-context.ts";
import type { AnnotationView } from "../document/pending.ts";
import { isFiltering, NO_FILTERS, type AnnotationFilters } from "./ordering.ts";
import { KIND_LABELS, statusLabel } from "./labels.ts";
import { claimStatusOf } from "../review/claim-of.ts";

export function Filters(props: { filters: AnnotationFilters; setFilters(f: AnnotationFilters): void; annotations: AnnotationView[]; shown: number; follow: boolean; setFollow(on: boolean): void }) {
  const { filters, setFilters, annotations, shown, follow, setFollow } = props;
  const { tagsById, members } = useDocument();
  const tags = useMemo(() => [...tagsById.values()].filter((t) => !t.archived).sort((a, b) => a.path.localeCompare(b.path)), [tagsById]);
  const authors = useMemo(() => {
    const byId = new Map(members.map((m) => [m.userId, m.displayName]));
    for (const a of annotations) if (!byId.has(a.author.id)) byId.set(a.author.id, a.author.displayName);
    return [...byId.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  }, [members, annotations]);
  const statuses = useMemo(() => [...new Set(annotations.map(claimStatusOf).filter((s) => s !== null))].sort(), [annotations]);
  const set = (patch: Partial<AnnotationFilters>) => setFilters({ ...filters, ...patch });

  return (
    <form className="filters" aria-label="Filter annotations" onSubmit={(e) => e.preventDefault()}>
      <div className="filter-row">
        <label htmlFor="filter-kind">Kind</label>
        <select id="filter-kind" value={filters.kind} onChange={(e) => set({ kind: e.currentTarget.value as AnnotationKind | "" })}>
          <option value="">All kinds</option>
          {ANNOTATION_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
        <label htmlFor="filter-tag">Tag</label>
        <select id="filter-tag" value={filters.tagId} onChange={(e) => set({ tagId: e.currentTarget.value })}>
          <option value="">All tags</option>
          {tags.map((t) => (
            <option key={t.id} value={t.id}>
              {t.path}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-row">
        <label htmlFor="filter-author">Author</label>
        <select id="filter-author" value={filters.authorId} onChange={(e) => set({ authorId: e.currentTarget.value })}>
          <option value="">Everyone</option>
          {authors.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
        <label htmlFor="filter-status">Claim status</label>
        <select id="filter-status" value={filters.claimStatus} onChange={(e) => set({ claimStatus: e.currentTarget.value })}>
          <option value="">Any status</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {statusLabel(s)}
            </option>
          ))}
        </select>
      </div>
      <label className="follow-toggle wide-only">
        <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.currentTarget.checked)} />
        Follow the text: the list scrolls along with the article
      </label>
      <p className="filter-count" aria-live="polite">
        {isFiltering(filters) ? `${shown.toLocaleString()} of ${annotations.length.toLocaleString()} annotations` : `${annotations.length.toLocaleString()} annotations`}
        {isFiltering(filters) && (
          <button type="button" className="link-button" onClick={() => setFilters(NO_FILTERS)}>
            Clear filters
          </button>
        )}
      </p>
    </form>
  );
}

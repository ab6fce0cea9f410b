/**
 * The claims table: a checkbox per row (and one for the whole page), quote (a link to the
 * claim's thread in its document), tags, status, assignee, stance tally, replies, age and last
 * change. Status, replies, age and last change sort when their header is clicked.
 */
import type { CSSProperties, MouseEvent } from "react";
import type { ClaimRowDto } from "../../../../common/review.ts";
import { Link, navigate } from "../../app/router.tsx";
import { StatusBadge } from "../review/status.tsx";
import { formatAge, toggleSort, type ClaimSort, type ClaimsView } from "./claims-query.ts";
import { SORT_LABELS } from "./ClaimsFilters.tsx";

export function claimHref(c: Pick<ClaimRowDto, "documentId" | "annotationId">): string {
  return `/d/${encodeURIComponent(c.documentId)}?a=${encodeURIComponent(c.annotationId)}`;
}

function excerpt(s: string, n: number) {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

function SortHeader({ sort, view, setView, className }: { sort: ClaimSort; view: ClaimsView; setView(v: ClaimsView): void; className?: string }) {
  const active = view.sort === sort;
  const ariaSort = active ? (view.order === "asc" ? "ascending" : "descending") : "none";
  return (
    <th scope="col" aria-sort={ariaSort} className={className}>
      <button type="button" className="sort-button" onClick={() => setView(toggleSort(view, sort))}>
        {SORT_LABELS[sort]}
        <span aria-hidden="true" className="sort-arrow">
          {active ? (view.order === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </th>
  );
}

export function ClaimsTable(props: {
  claims: ClaimRowDto[];
  view: ClaimsView;
  setView(v: ClaimsView): void;
  selected: Set<string>;
  setSelected(s: Set<string>): void;
  showDocument: boolean;
  busy: boolean;
}) {
  const { claims, view, setView, selected, setSelected, showDocument, busy } = props;
  const onPage = claims.filter((c) => selected.has(c.annotationId)).length;
  const all = claims.length > 0 && onPage === claims.length;

  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };

  // A click anywhere on a row (but on its controls) opens the claim, as its quote link does.
  const openRow = (e: MouseEvent<HTMLTableRowElement>, c: ClaimRowDto) => {
    if ((e.target as HTMLElement).closest("a, button, input, label, select")) return;
    navigate(claimHref(c));
  };

  return (
    <div className="table-scroll">
      <table className="claims-table" aria-busy={busy} aria-describedby="claims-table-help">
        <caption className="visually-hidden">Claims, {claims.length} on this page</caption>
        <thead>
          <tr>
            <th scope="col" className="col-select">
              <input
                type="checkbox"
                aria-label="Select all claims on this page"
                checked={all}
                ref={(el) => {
                  if (el) el.indeterminate = onPage > 0 && !all;
                }}
                disabled={claims.length === 0}
                onChange={(e) => {
                  const next = new Set(selected);
                  for (const c of claims) {
                    if (e.currentTarget.checked) next.add(c.annotationId);
                    else next.delete(c.annotationId);
                  }
                  setSelected(next);
                }}
              />
            </th>
            <th scope="col">Claim</th>
            {showDocument && <th scope="col">Document</th>}
            <th scope="col">Tags</th>
            <SortHeader sort="status" view={view} setView={setView} />
            <th scope="col">Assignee</th>
            <th scope="col">Stances</th>
            <SortHeader sort="replies" view={view} setView={setView} className="num" />
            <SortHeader sort="age" view={view} setView={setView} className="num" />
            <SortHeader sort="updated" view={view} setView={setView} />
          </tr>
        </thead>
        <tbody>
          {claims.map((c) => {
            const quote = excerpt(c.quote, 120);
            return (
              <tr key={c.annotationId} className={selected.has(c.annotationId) ? "is-selected" : undefined} onClick={(e) => openRow(e, c)} data-annotation-id={c.annotationId}>
                <td className="col-select">
                  <input type="checkbox" aria-label={`Select claim “${excerpt(c.quote, 60)}”`} checked={selected.has(c.annotationId)} onChange={(e) => toggle(c.annotationId, e.currentTarget.checked)} />
                </td>
                <td className="col-quote">
                  <Link to={claimHref(c)} className="claim-quote-link">
                    “{quote}”
                  </Link>
                  {c.body && <span className="claim-note">{excerpt(c.body, 100)}</span>}
                  <span className="muted claim-author">by {c.author.displayName}</span>
                </td>
                {showDocument && <td className="col-doc">{c.documentTitle}</td>}
                <td>
                  <span className="tag-chips">
                    {c.tags.map((t) => (
                      <span key={t.id} className="tag-chip" style={{ "--tag": t.color } as CSSProperties} title={t.path}>
                        {t.path}
                      </span>
                    ))}
                  </span>
                </td>
                <td>
                  <StatusBadge status={c.status} />
                </td>
                <td>{c.assignee ? c.assignee.displayName : <span className="muted">nobody</span>}</td>
                <td className="col-stances">
                  <span className="stance-mini stance-supports" title="Supports">
                    <span className="visually-hidden">Supports </span>
                    <span aria-hidden="true">✓ </span>
                    {c.stances.supports}
                  </span>{" "}
                  <span className="stance-mini stance-disputes" title="Disputes">
                    <span className="visually-hidden">, disputes </span>
                    <span aria-hidden="true">✗ </span>
                    {c.stances.disputes}
                  </span>{" "}
                  <span className="stance-mini stance-questions" title="Questions">
                    <span className="visually-hidden">, questions </span>
                    <span aria-hidden="true">? </span>
                    {c.stances.questions}
                  </span>
                </td>
                <td className="num">{c.replyCount}</td>
                <td className="num">
                  <time dateTime={c.createdAt} title={new Date(c.createdAt).toLocaleString()}>
                    {formatAge(c.ageSeconds)}
                  </time>
                </td>
                <td>
                  <time dateTime={c.updatedAt}>{new Date(c.updatedAt).toLocaleDateString()}</time>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p id="claims-table-help" className="visually-hidden">
        Each claim's quote opens it in its document. Column buttons sort the table.
      </p>
    </div>
  );
}

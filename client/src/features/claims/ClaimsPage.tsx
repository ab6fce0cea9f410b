/**
 * /d/:id/claims and /w/:id/claims — the claims dashboard: filters and sorting (kept in the URL),
 * a page of claims from the server, select many and act at once, and charts per status and
 * per tag. The document view refreshes live from the document's events; the workspace view on
 * focus and every 30 s.
 */
import { useCallback, useMemo, useState } from "react";
import { Link, navigate } from "../../app/router.tsx";
import { useMe } from "../../app/session.tsx";
import { useLoad } from "../../app/use-load.ts";
import { BulkActions } from "./BulkActions.tsx";
import { ClaimsChart } from "./ClaimsChart.tsx";
import { ClaimsFilters } from "./ClaimsFilters.tsx";
import { ClaimsTable } from "./ClaimsTable.tsx";
import { parseView, viewToSearch, type ClaimsView } from "./claims-query.ts";
import { Pager } from "./Pager.tsx";
import { loadScope } from "./scope.ts";
import { useClaims, type ClaimsScope } from "./use-claims.ts";
import { useLiveRefresh } from "./use-live-refresh.ts";

export default function ClaimsPage({ scope, search }: { scope: ClaimsScope; search: string }) {
  const me = useMe();
  const view = useMemo(() => parseView(search), [search]);
  const info = useLoad(() => loadScope(scope), [scope.kind, scope.id]);
  const data = useClaims(scope, view);
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [selectionFor, setSelectionFor] = useState(search);
  // Another filter, sort or page: start a new selection.
  if (selectionFor !== search) {
    setSelectionFor(search);
    setSelected(new Set());
  }
  const path = `/${scope.kind === "document" ? "d" : "w"}/${encodeURIComponent(scope.id)}/claims`;
  const setView = useCallback((v: ClaimsView, opts: { replace?: boolean } = {}) => navigate(`${path}${viewToSearch(v)}`, opts), [path]);
  useLiveRefresh(scope, info.status === "ready" ? (info.data.document?.lastSeq ?? 0) : null, data.refresh);

  if (info.status === "loading") return <p className="loading">Loading the claims…</p>;
  if (info.status === "error")
    return (
      <section className="page narrow">
        <h1 tabIndex={-1}>Claims unavailable</h1>
        <p role="alert">{info.error.message}</p>
        <Link to="/">Back to your workspaces</Link>
      </section>
    );

  const { workspace, document, members, tags } = info.data;
  const claims = data.page?.claims ?? [];
  const selectedIds = claims.filter((c) => selected.has(c.annotationId)).map((c) => c.annotationId);
  const title = document ? `Claims in “${document.title}”` : `Claims in ${workspace.name}`;

  return (
    <section className="page claims-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Workspaces</Link> <span aria-hidden="true">/</span> <Link to={`/w/${workspace.id}`}>{workspace.name}</Link>{" "}
        {document && (
          <>
            <span aria-hidden="true">/</span> <Link to={`/d/${document.id}`}>{document.title}</Link>{" "}
          </>
        )}
        <span aria-hidden="true">/</span> <span aria-current="page">Claims</span>
      </nav>
      <div className="claims-head">
        <h1 tabIndex={-1}>{title}</h1>
        {document ? <Link to={`/d/${document.id}`}>Open the document</Link> : <Link to={`/w/${workspace.id}`}>Back to the workspace</Link>}
      </div>
      <div className="claims-layout">
        <div className="claims-main">
          <ClaimsFilters view={view} setView={setView} members={members} tags={tags} />
          <BulkActions scope={scope} selectedIds={selectedIds} abilities={workspace.abilities} members={members} tags={tags} meId={me.id} onDone={data.refresh} />
          {data.error && (
            <p role="alert" className="form-error">
              {data.error}{" "}
              <button type="button" className="link-button" onClick={data.refresh}>
                Try again
              </button>
            </p>
          )}
          {data.page === null && !data.error && <p className="loading">Loading the claims…</p>}
          {data.page && (
            <>
              <ClaimsTable claims={claims} view={view} setView={setView} selected={selected} setSelected={setSelected} showDocument={!document} busy={data.loading} />
              {claims.length === 0 && <p className="empty-list">No claims match these filters.</p>}
              <Pager page={data.page} view={view} setView={setView} />
            </>
          )}
        </div>
        <aside className="claims-side">{data.stats && <ClaimsChart stats={data.stats} />}</aside>
      </div>
    </section>
  );
}

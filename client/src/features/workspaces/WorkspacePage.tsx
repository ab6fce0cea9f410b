/**
 * A workspace's pages (/w/:id, /w/:id/members, /w/:id/search, /w/:id/audit): the frame they
 * share — breadcrumb, heading, tabs, quick search — loads the workspace once and follows its
 * log, so every tab refreshes live and my own role change takes effect at once.
 */
import { useEffect, useMemo, useState } from "react";
import { api } from "../../api/http.ts";
import { Link } from "../../app/router.tsx";
import { useMe } from "../../app/session.tsx";
import { useLoad } from "../../app/use-load.ts";
import { onDemand } from "../../app/on-demand.tsx";
import type { WorkspaceWithAbilities } from "./types.ts";
import type { LogState } from "../../realtime/workspace-log.ts";
import { useFollowWorkspace, type FollowedLog } from "./use-follow-workspace.ts";
import { WorkspaceContext, type WorkspaceContextValue } from "./workspace-context.ts";
import { WorkspaceNav, type WorkspaceTab } from "./WorkspaceNav.tsx";
import { WorkspaceOverview } from "./WorkspaceOverview.tsx";
import "./workspaces.css";

const tabLoading = { fallback: <p className="loading">Loading…</p> };
const MembersPage = onDemand(() => import("../members/MembersPage.tsx").then((m) => m.default), tabLoading);
const SearchPage = onDemand(() => import("../search/SearchPage.tsx").then((m) => m.default), tabLoading);
const AuditPage = onDemand(() => import("../activity/AuditPage.tsx").then((m) => m.default), tabLoading);

const HEADINGS: Record<WorkspaceTab, (name: string) => string> = {
  overview: (name) => name,
  members: (name) => `Members of ${name}`,
  search: (name) => `Search ${name}`,
  audit: (name) => `Audit log of ${name}`,
};

const CRUMBS: Record<WorkspaceTab, string | null> = { overview: null, members: "Members", search: "Search", audit: "Audit log" };

const LIVE_WORDS: Record<LogState, string> = { connecting: "Connecting…", live: "Live", reconnecting: "Reconnecting…", revoked: "Updates stopped" };

/** Whether the page follows the workspace live (the same badge the document page shows). */
function LiveBadge({ state }: { state: LogState }) {
  return (
    <p className={`connection connection-${state}`} role="status" data-state={state}>
      <span className="connection-dot" aria-hidden="true" />
      {LIVE_WORDS[state]}
    </p>
  );
}

function TabContent({ tab, search }: { tab: WorkspaceTab; search: string }) {
  switch (tab) {
    case "overview":
      return <WorkspaceOverview />;
    case "members":
      return <MembersPage />;
    case "search":
      return <SearchPage search={search} />;
    case "audit":
      return <AuditPage />;
  }
}

/** Stops showing the workspace as live when my access ends (removed, or I left in another tab). */
function useAccessEnded(log: FollowedLog, meId: string): boolean {
  const [ended, setEnded] = useState(false);
  useEffect(
    () =>
      log.subscribe((change) => {
        if (change.kind === "revoked") setEnded(true);
        if (change.kind === "event" && change.event.type === "member.removed" && change.event.payload.userId === meId) setEnded(true);
      }),
    [log.subscribe, meId],
  );
  return ended;
}

export function WorkspacePage({ id, tab, search }: { id: string; tab: WorkspaceTab; search: string }) {
  const me = useMe();
  const ws = useLoad(() => api.get<{ workspace: WorkspaceWithAbilities }>(`/workspaces/${encodeURIComponent(id)}`), [id]);
  const log = useFollowWorkspace(id);
  const ended = useAccessEnded(log, me.id);
  const { reload } = ws;

  // My role changed (by an owner, maybe in another window): read my abilities again.
  useEffect(
    () =>
      log.subscribe((change) => {
        if (change.kind === "event" && change.event.type === "member.role_changed" && change.event.payload.userId === me.id) reload();
      }),
    [log.subscribe, me.id, reload],
  );

  const workspace = ws.status === "ready" ? ws.data.workspace : null;
  const value = useMemo<WorkspaceContextValue | null>(() => (workspace ? { workspace, log, reload } : null), [workspace, log, reload]);

  if (ws.status === "loading") return <p className="loading">Loading…</p>;
  if (ws.status === "error" || !value || !workspace)
    return (
      <section className="page narrow">
        <h1 tabIndex={-1}>Workspace unavailable</h1>
        <p role="alert">{ws.status === "error" ? ws.error.message : "The workspace could not be read."}</p>
        <Link to="/">Back to your workspaces</Link>
      </section>
    );
  const crumb = CRUMBS[tab];
  return (
    <section className="page ws-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Workspaces</Link> <span aria-hidden="true">/</span>{" "}
        {crumb ? (
          <>
            <Link to={`/w/${encodeURIComponent(workspace.id)}`}>{workspace.name}</Link> <span aria-hidden="true">/</span> <span aria-current="page">{crumb}</span>
          </>
        ) : (
          <span aria-current="page">{workspace.name}</span>
        )}
      </nav>
      <div className="ws-head">
        <h1 tabIndex={-1}>{HEADINGS[tab](workspace.name)}</h1>
        <p className="muted ws-role">
          Your role: <span className="role-badge">{workspace.role}</span>
        </p>
        <LiveBadge state={ended ? "revoked" : log.state} />
      </div>
      <WorkspaceNav workspace={workspace} tab={tab} />
      {ended ? (
        <p role="alert" className="notice-inline">
          You are no longer a member of this workspace. <Link to="/">Back to your workspaces</Link>
        </p>
      ) : (
        <WorkspaceContext.Provider value={value}>
          <TabContent tab={tab} search={search} />
        </WorkspaceContext.Provider>
      )}
    </section>
  );
}

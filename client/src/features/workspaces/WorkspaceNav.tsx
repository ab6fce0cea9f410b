/** The workspace's pages as tabs (links: each page has its own address), and a quick search box. */
import { useState, type FormEvent } from "react";
import { Link, navigate, type WorkspaceTab } from "../../app/router.tsx";
import type { WorkspaceWithAbilities } from "./types.ts";

export type { WorkspaceTab } from "../../app/router.tsx";

/** The path of a workspace page. */
export function tabPath(workspaceId: string, tab: WorkspaceTab): string {
  const base = `/w/${encodeURIComponent(workspaceId)}`;
  return tab === "overview" ? base : `${base}/${tab}`;
}

export function WorkspaceNav({ workspace, tab }: { workspace: WorkspaceWithAbilities; tab: WorkspaceTab }) {
  const tabs: Array<{ tab: WorkspaceTab; label: string }> = [
    { tab: "overview", label: "Documents & activity" },
    { tab: "members", label: "Members" },
    { tab: "search", label: "Search" },
    ...(workspace.abilities["audit.read"] ? [{ tab: "audit" as const, label: "Audit log" }] : []),
  ];
  return (
    <div className="ws-bar">
      <nav aria-label="Workspace pages" className="ws-tabs">
        {tabs.map((t) => (
          <Link key={t.tab} to={tabPath(workspace.id, t.tab)} className="ws-tab" aria-current={t.tab === tab ? "page" : undefined}>
            {t.label}
          </Link>
        ))}
        <Link to={`/w/${encodeURIComponent(workspace.id)}/claims`} className="ws-tab">
          Claims dashboard
        </Link>
        {workspace.abilities["webhook.manage"] && (
          <Link to={`/w/${encodeURIComponent(workspace.id)}/webhooks`} className="ws-tab">
            Webhooks
          </Link>
        )}
      </nav>
      {tab !== "search" && <QuickSearch workspaceId={workspace.id} />}
    </div>
  );
}

function QuickSearch({ workspaceId }: { workspaceId: string }) {
  const [q, setQ] = useState("");
  function handleSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!q.trim()) return;
    navigate(`${tabPath(workspaceId, "search")}?q=${encodeURIComponent(q.trim())}`);
  }
  return (
    <form role="search" className="ws-quick-search" onSubmit={handleSubmit}>
      <label htmlFor="ws-quick-q" className="visually-hidden">
        Search this workspace
      </label>
      <input id="ws-quick-q" type="search" placeholder="Search this workspace" value={q} onChange={(e) => setQ(e.currentTarget.value)} />
      <button type="submit">Search</button>
    </form>
  );
}

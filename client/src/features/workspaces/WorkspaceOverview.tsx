/** The workspace's first page: its documents, its live activity, importing, and the tag vocabulary for editors. */
import type { DocumentDto } from "../../../../common/documents.ts";
import { api } from "../../api/http.ts";
import { Link } from "../../app/router.tsx";
import { useLoad } from "../../app/use-load.ts";
import { ActivityFeed } from "../activity/ActivityFeed.tsx";
import { TagManager } from "../tags/TagManager.tsx";
import { ImportPanel } from "./ImportPanel.tsx";
import { useRefreshOnLog, useWorkspace } from "./workspace-context.ts";
import { tabPath } from "./WorkspaceNav.tsx";

export function WorkspaceOverview() {
  const { workspace } = useWorkspace();
  const docs = useLoad(() => api.get<{ documents: DocumentDto[] }>(`/workspaces/${encodeURIComponent(workspace.id)}/documents`), [workspace.id]);
  useRefreshOnLog(docs.reload, (e) => e.type === "document.deleted");
  return (
    <div className="workspace-grid">
      <div className="ws-main">
        <section aria-labelledby="docs-heading">
          <h2 id="docs-heading">Documents</h2>
          {docs.status === "loading" && <p className="loading">Loading…</p>}
          {docs.status === "error" && <p role="alert">{docs.error.message}</p>}
          {docs.status === "ready" &&
            (docs.data.documents.length === 0 ? (
              <p>No documents yet.</p>
            ) : (
              <ul className="card-list">
                {docs.data.documents.map((d) => (
                  <li key={d.id} className="doc-card">
                    <Link to={`/d/${d.id}`}>{d.title}</Link>
                    <span className="muted">
                      {" "}
                      · {d.paragraphCount} paragraphs · {d.format.toUpperCase()} · {new Date(d.createdAt).toLocaleDateString()} ·{" "}
                    </span>
                    <Link to={`/d/${d.id}/claims`} aria-label={`Claims in ${d.title}`}>
                      claims
                    </Link>{" "}
                    <span className="muted">·</span>{" "}
                    <Link to={`${tabPath(workspace.id, "search")}?document=${encodeURIComponent(d.id)}`} aria-label={`Search in ${d.title}`}>
                      search
                    </Link>
                  </li>
                ))}
              </ul>
            ))}
        </section>
        <ActivityFeed />
        {workspace.abilities["tag.manage"] && <TagManager workspaceId={workspace.id} />}
      </div>
      <aside className="ws-aside">
        {workspace.abilities["document.import"] && <ImportPanel workspaceId={workspace.id} onImported={docs.reload} />}
        {workspace.abilities["invite.create"] && (
          <section className="panel" aria-labelledby="invite-heading">
            <h2 id="invite-heading">Invite someone</h2>
            <p>
              Invite links, pending invites and roles are on the <Link to={tabPath(workspace.id, "members")}>Members</Link> page.
            </p>
          </section>
        )}
      </aside>
    </div>
  );
}

/** One workspace: its documents and claims dashboard, importing a new one, invite links and the tag vocabulary for editors. */
import { api } from "../../api/http.ts";
import { Link } from "../../app/router.tsx";
import { useLoad } from "../../app/use-load.ts";
import type { DocumentDto } from "../../../../common/documents.ts";
import type { WorkspaceWithAbilities } from "./types.ts";
import { ImportPanel } from "./ImportPanel.tsx";
import { InvitePanel } from "./InvitePanel.tsx";
import { TagManager } from "../tags/TagManager.tsx";

export function WorkspacePage({ id }: { id: string }) {
  const ws = useLoad(() => api.get<{ workspace: WorkspaceWithAbilities }>(`/workspaces/${id}`), [id]);
  const docs = useLoad(() => api.get<{ documents: DocumentDto[] }>(`/workspaces/${id}/documents`), [id]);

  if (ws.status === "loading") return <p className="loading">Loading…</p>;
  if (ws.status === "error")
    return (
      <section className="page narrow">
        <h1 tabIndex={-1}>Workspace unavailable</h1>
        <p role="alert">{ws.error.message}</p>
        <Link to="/">Back to your workspaces</Link>
      </section>
    );
  const { workspace } = ws.data;
  return (
    <section className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Workspaces</Link> <span aria-hidden="true">/</span> <span aria-current="page">{workspace.name}</span>
      </nav>
      <h1 tabIndex={-1}>{workspace.name}</h1>
      <p className="muted workspace-meta">
        Your role: <span className="role-badge">{workspace.role}</span>
        <Link to={`/w/${workspace.id}/claims`} className="button">
          Claims dashboard
        </Link>
      </p>
      <div className="workspace-grid">
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
                  <li key={d.id}>
                    <Link to={`/d/${d.id}`}>{d.title}</Link>
                    <span className="muted">
                      {" "}
                      · {d.paragraphCount} paragraphs · {d.format.toUpperCase()} · {new Date(d.createdAt).toLocaleDateString()} ·{" "}
                    </span>
                    <Link to={`/d/${d.id}/claims`} aria-label={`Claims in ${d.title}`}>
                      claims
                    </Link>
                  </li>
                ))}
              </ul>
            ))}
          {workspace.abilities["tag.manage"] && <TagManager workspaceId={workspace.id} />}
        </section>
        <aside>
          {workspace.abilities["document.import"] && <ImportPanel workspaceId={workspace.id} onImported={docs.reload} />}
          {workspace.abilities["invite.create"] && <InvitePanel workspaceId={workspace.id} myRole={workspace.role} />}
        </aside>
      </div>
    </section>
  );
}

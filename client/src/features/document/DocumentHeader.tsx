/** Breadcrumb and title, who is here, the connection state, the claims dashboard link and the export menu. */
import { Link } from "../../app/router.tsx";
import { ConnectionBadge } from "../connection/ConnectionBadge.tsx";
import { PresenceBar } from "../presence/PresenceBar.tsx";
import { useDocument } from "./document-context.ts";
import { ExportMenu } from "./ExportMenu.tsx";

export function DocumentHeader() {
  const { data } = useDocument();
  return (
    <div className="doc-header">
      <div className="doc-heading">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link to="/">Workspaces</Link> <span aria-hidden="true">/</span> <Link to={`/w/${data.workspace.id}`}>{data.workspace.name}</Link>
        </nav>
        <h1 tabIndex={-1} className="doc-title">
          {data.document.title}
        </h1>
      </div>
      <div className="doc-tools">
        <PresenceBar />
        <ConnectionBadge />
        <Link to={`/d/${data.document.id}/claims`} className="button">
          Claims dashboard
        </Link>
        <ExportMenu documentId={data.document.id} />
      </div>
    </div>
  );
}

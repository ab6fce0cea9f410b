/**
 * Breadcrumb and title, who is here, the connection state, the claims dashboard link, the
 * export menu and the keyboard shortcuts. On phones it takes two rows (title, then tools) so
 * nothing overflows and every tool stays reachable.
 */
import { Link } from "../../app/router.tsx";
import { ConnectionBadge } from "../connection/ConnectionBadge.tsx";
import { PresenceBar } from "../presence/PresenceBar.tsx";
import { StructureLink } from "../structure/StructureLink.tsx";
import { useDocument } from "./document-context.ts";
import { ExportMenu } from "./ExportMenu.tsx";
import { SHORTCUTS, titled } from "./shortcuts.ts";

export function DocumentHeader({ onShortcuts }: { onShortcuts(): void }) {
  const { data } = useDocument();
  return (
    <div className="doc-header">
      <div className="doc-heading">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link to="/">Workspaces</Link> <span aria-hidden="true">/</span> <Link to={`/w/${data.workspace.id}`}>{data.workspace.name}</Link>
        </nav>
        <h1 tabIndex={-1} className="doc-title" title={data.document.title}>
          {data.document.title}
        </h1>
      </div>
      <div className="doc-tools">
        <PresenceBar />
        <ConnectionBadge />
        <Link to={`/d/${data.document.id}/claims`} className="button claims-link" aria-label="Claims dashboard">
          Claims<span className="wide-label"> dashboard</span>
        </Link>
        <StructureLink />
        <ExportMenu documentId={data.document.id} />
        <button type="button" className="kbd-only shortcuts-button" onClick={onShortcuts} title={titled("Keyboard shortcuts", "help")} aria-keyshortcuts={SHORTCUTS.help.aria}>
          <span aria-hidden="true">?</span>
          <span className="visually-hidden">Keyboard shortcuts</span>
        </button>
      </div>
    </div>
  );
}

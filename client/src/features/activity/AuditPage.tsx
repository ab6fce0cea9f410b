/**
 * The audit log (owners: `audit.read`): membership, invites, renames, deletions and exports, each
 * with who did it, when, and the before/after of what changed; filters, older pages, and the
 * same list as a CSV file. Refreshed live from the workspace log.
 */
import { useState } from "react";
import type { AuditEntryDto } from "../../../../common/activity.ts";
import { AUDIT_EVENT_TYPES } from "../../../../common/events.ts";
import { useMembers } from "../members/use-members.ts";
import { useRefreshOnLog, useWorkspace } from "../workspaces/workspace-context.ts";
import { ActivityEntry } from "./ActivityFeed.tsx";
import { ActivityFilterBar } from "./ActivityFilterBar.tsx";
import { AUDIT_KINDS, auditCsvHref, changeRows, listPath, NO_FILTERS, type ActivityFilters, type EventType } from "./activity-query.ts";
import { useActivityPages } from "./use-activity-pages.ts";
import "./activity.css";

const PAGE = 25;
const AUDITED: ReadonlySet<EventType> = new Set(AUDIT_EVENT_TYPES);

function Changes({ entry }: { entry: AuditEntryDto }) {
  const rows = changeRows(entry.changes);
  if (rows.length === 0) return null;
  return (
    <table className="audit-changes">
      <caption className="visually-hidden">What changed</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.field}>
            <th scope="row">{r.field}</th>
            <td>{r.from}</td>
            <td>{r.to}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AuditList() {
  const { workspace } = useWorkspace();
  const members = useMembers();
  const [filters, setFilters] = useState<ActivityFilters>(NO_FILTERS);
  const { state, refresh, loadOlder } = useActivityPages<AuditEntryDto>((before) => listPath("audit", workspace.id, filters, { before, limit: PAGE }), PAGE);
  useRefreshOnLog(refresh, (e) => AUDITED.has(e.type));

  return (
    <section aria-labelledby="audit-list-heading" className="audit">
      <div className="audit-head">
        <h2 id="audit-list-heading">Changes to who may see and do what</h2>
        <a className="button" href={auditCsvHref(workspace.id, filters)} download>
          Download CSV
        </a>
      </div>
      <p className="hint">The CSV holds the newest 10,000 entries matching the filters.</p>
      <ActivityFilterBar idPrefix="audit" members={members} kinds={AUDIT_KINDS} value={filters} onChange={setFilters} />
      {state.status === "loading" && <p className="loading">Loading the audit log…</p>}
      {state.status === "error" && <p role="alert">{state.message}</p>}
      {state.status === "ready" && (
        <>
          {state.page.entries.length === 0 ? (
            <p className="muted">{filters.actor || filters.kind ? "Nothing matches these filters." : "Nothing recorded yet."}</p>
          ) : (
            <ol className="activity-list audit-list" aria-busy={state.refreshing} aria-label="Audit log, newest first">
              {state.page.entries.map((e) => (
                <li key={e.id} className="activity-entry audit-entry" data-type={e.type}>
                  <ActivityEntry entry={e} exactTime />
                  <Changes entry={e} />
                </li>
              ))}
            </ol>
          )}
          {state.page.nextBefore && (
            <button type="button" className="activity-older" onClick={loadOlder} disabled={state.older === "loading"}>
              {state.older === "loading" ? "Loading…" : "Show older entries"}
            </button>
          )}
          {typeof state.older === "object" && <p role="alert">{state.older.error}</p>}
        </>
      )}
    </section>
  );
}

export default function AuditPage() {
  const { workspace } = useWorkspace();
  if (!workspace.abilities["audit.read"]) return <p role="alert">Only the workspace's owners can read its audit log.</p>;
  return <AuditList />;
}

/**
 * The workspace's activity: who did what, newest first, filterable by person and kind, a page at
 * a time ("Show older"), each entry leading to its passage or document. Live: every event of the
 * workspace log (members, invites, tags, deletions, exports) refreshes the first page at once;
 * what happens inside documents comes in per document, so the list is also refreshed when the
 * tab comes back into view and every 30 s while it is visible.
 */
import { useState } from "react";
import type { ActivityEntryDto } from "../../../../common/activity.ts";
import { Link } from "../../app/router.tsx";
import { useLiveRefresh } from "../claims/use-live-refresh.ts";
import { useMembers } from "../members/use-members.ts";
import { useRefreshOnLog, useWorkspace } from "../workspaces/workspace-context.ts";
import { ACTIVITY_KINDS, entryHref, listPath, NO_FILTERS, whoAndWhat, type ActivityFilters } from "./activity-query.ts";
import { ActivityFilterBar } from "./ActivityFilterBar.tsx";
import { EntryTime } from "./EntryTime.tsx";
import { useActivityPages } from "./use-activity-pages.ts";
import "./activity.css";

const PAGE = 20;

/** One entry: who, what, where (a link to the passage or document when it still exists), when. */
export function ActivityEntry({ entry, exactTime = false }: { entry: ActivityEntryDto; exactTime?: boolean }) {
  const href = entryHref(entry);
  const { who, what } = whoAndWhat(entry);
  return (
    <>
      <p className="activity-what">
        <span className="activity-who">{who}</span> {what}
      </p>
      <p className="activity-where">
        {entry.documentTitle &&
          (href ? (
            <Link to={href.to} className="activity-link">
              {href.passage ? `Open the passage in “${entry.documentTitle}”` : `Open “${entry.documentTitle}”`}
            </Link>
          ) : (
            <span>“{entry.documentTitle}”</span>
          ))}
        <EntryTime at={entry.createdAt} exact={exactTime} />
      </p>
    </>
  );
}

export function ActivityFeed() {
  const { workspace } = useWorkspace();
  const members = useMembers();
  const [filters, setFilters] = useState<ActivityFilters>(NO_FILTERS);
  const { state, refresh, loadOlder } = useActivityPages<ActivityEntryDto>((before) => listPath("activity", workspace.id, filters, { before, limit: PAGE }), PAGE);
  useRefreshOnLog(refresh);
  useLiveRefresh({ kind: "workspace", id: workspace.id }, null, refresh);

  return (
    <section aria-labelledby="activity-heading" className="activity">
      <h2 id="activity-heading">Activity</h2>
      <ActivityFilterBar idPrefix="activity" members={members} kinds={ACTIVITY_KINDS} value={filters} onChange={setFilters} />
      {state.status === "loading" && <p className="loading">Loading the activity…</p>}
      {state.status === "error" && <p role="alert">{state.message}</p>}
      {state.status === "ready" && (
        <>
          {state.page.entries.length === 0 ? (
            <p className="muted">{filters.actor || filters.kind ? "Nothing matches these filters." : "Nothing has happened here yet."}</p>
          ) : (
            <ol className="activity-list" aria-busy={state.refreshing} aria-label="Activity, newest first">
              {state.page.entries.map((e) => (
                <li key={e.id} className="activity-entry" data-type={e.type}>
                  <ActivityEntry entry={e} />
                </li>
              ))}
            </ol>
          )}
          {state.page.nextBefore && (
            <button type="button" className="activity-older" onClick={loadOlder} disabled={state.older === "loading"}>
              {state.older === "loading" ? "Loading…" : "Show older activity"}
            </button>
          )}
          {typeof state.older === "object" && <p role="alert">{state.older.error}</p>}
        </>
      )}
    </section>
  );
}

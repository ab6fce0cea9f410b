/**
 * The document's activity in the sidebar: who did what, newest first, filterable by person and
 * by kind, a page at a time, live. Each entry that concerns a passage leads there: its
 * annotation's thread, or its paragraph when the annotation is gone.
 */
import { useEffect, useState } from "react";
import type { ActivityEntryDto } from "../../../../common/activity.ts";
import { useDocument } from "./document-context.ts";
import { ACTIVITY_KINDS, relativeTime, type ActivityFilters, type ActivityKind } from "./activity.ts";
import { useDocumentActivity } from "./use-document-activity.ts";

/** Re-renders once a minute so "5 minutes ago" stays true. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(t);
  }, []);
  return now;
}

function EntryLink({ entry }: { entry: ActivityEntryDto }) {
  const { store, openThread, showParagraph, notify } = useDocument();
  if (!entry.annotationId && !entry.paragraphId) return null;
  const go = () => {
    if (entry.annotationId && store.getSnapshot().byId.has(entry.annotationId)) return openThread(entry.annotationId, { focus: true });
    if (entry.paragraphId) return showParagraph(entry.paragraphId);
    notify("That annotation has been deleted, so there is no passage to show.");
  };
  return (
    <button type="button" className="link-button activity-go" onClick={go} aria-label={`Show where: ${entry.summary}`}>
      Show
    </button>
  );
}

export function ActivityPanel() {
  const { data, members, events } = useDocument();
  const [filters, setFilters] = useState<ActivityFilters>({ actor: "", kind: "" });
  const activity = useDocumentActivity(data.document.id, filters, events.subscribe);
  const now = useNow();
  const people = [...members].sort((a, b) => a.displayName.localeCompare(b.displayName));

  return (
    <section className="activity" aria-labelledby="activity-heading" aria-busy={activity.status === "loading"}>
      <h2 id="activity-heading" className="visually-hidden">
        Activity in this document
      </h2>
      <form className="filters activity-filters" aria-label="Filter the activity" onSubmit={(e) => e.preventDefault()}>
        <div className="filter-row">
          <label htmlFor="activity-actor">Person</label>
          <select id="activity-actor" value={filters.actor} onChange={(e) => setFilters({ ...filters, actor: e.currentTarget.value })}>
            <option value="">Everyone</option>
            {people.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.displayName}
              </option>
            ))}
          </select>
          <label htmlFor="activity-kind">Kind</label>
          <select id="activity-kind" value={filters.kind} onChange={(e) => setFilters({ ...filters, kind: kindOf(e.currentTarget.value) })}>
            {ACTIVITY_KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </div>
      </form>
      {activity.status === "loading" && <p className="loading">Loading the activity…</p>}
      {activity.status === "error" && <p role="alert">{activity.error}</p>}
      {activity.status === "ready" && activity.entries.length === 0 && <p className="empty-list">Nothing yet{filters.actor || filters.kind ? " for these filters" : ""}.</p>}
      {activity.entries.length > 0 && (
        <ol className="activity-list" aria-label="Activity, newest first">
          {activity.entries.map((e) => (
            <li key={e.id} className="activity-entry" data-type={e.type}>
              <p className="activity-line">
                <strong>{e.actor?.displayName ?? "Someone no longer here"}</strong> {e.summary}
              </p>
              <p className="activity-meta">
                <time dateTime={e.createdAt} title={new Date(e.createdAt).toLocaleString()}>
                  {relativeTime(e.createdAt, now)}
                </time>
                <EntryLink entry={e} />
              </p>
            </li>
          ))}
        </ol>
      )}
      {activity.status === "ready" && activity.more && (
        <p className="activity-more">
          <button type="button" onClick={activity.loadOlder} disabled={activity.loadingOlder}>
            {activity.loadingOlder ? "Loading…" : "Show older activity"}
          </button>
        </p>
      )}
    </section>
  );
}

function kindOf(value: string): ActivityKind {
  return ACTIVITY_KINDS.find((k) => k.value === value)?.value ?? "";
}

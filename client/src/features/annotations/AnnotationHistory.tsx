/**
 * An annotation's history on demand (GET /api/annotations/:id/history): created, each edit with
 * its note, kind and tags before and after, replies, review changes. Fetched when opened and
 * again whenever the annotation's version changes.
 */
import { useState } from "react";
import type { AnnotationHistoryEntryDto } from "../../../../common/activity.ts";
import { useDocument } from "../document/document-context.ts";
import { useLazyFetch } from "../document/use-lazy-fetch.ts";
import { describeEdit } from "./history-words.ts";

export function AnnotationHistory({ annotationId, version }: { annotationId: string; version: number }) {
  const { tagsById } = useDocument();
  const [open, setOpen] = useState(false);
  const state = useLazyFetch<{ entries: AnnotationHistoryEntryDto[] }>(open ? `/annotations/${encodeURIComponent(annotationId)}/history` : null, version, "The history could not be loaded");
  const tagName = (id: string) => tagsById.get(id)?.path ?? "a removed tag";

  return (
    <details className="annotation-history" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Edit history</summary>
      {state.status === "loading" && <p className="muted">Loading the history…</p>}
      {state.status === "error" && <p role="alert">{state.message}</p>}
      {state.status === "ready" && (
        <ol className="history-list" aria-label="What happened to this annotation, oldest first">
          {state.data.entries.map((e) => {
            const details = e.type === "annotation.updated" ? describeEdit(e.changes, tagName) : [];
            return (
              <li key={e.seq} data-type={e.type}>
                <time dateTime={e.createdAt}>{new Date(e.createdAt).toLocaleString()}</time> — {e.actor?.displayName ?? "A former member"}: {e.summary}
                {details.length > 0 && (
                  <ul className="history-changes">
                    {details.map((d) => (
                      <li key={d}>{d}</li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </details>
  );
}

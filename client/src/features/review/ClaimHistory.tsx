/** A claim's history (GET /api/annotations/:id/review/history), fetched when opened and again after each change. */
import { useState } from "react";
import type { ClaimHistoryDto } from "../../../../common/review.ts";
import { useLazyFetch } from "../document/use-lazy-fetch.ts";
import { describeChange } from "./history.ts";

export function ClaimHistory({ annotationId, version, nameOf }: { annotationId: string; version: number; nameOf(userId: string): string }) {
  const [open, setOpen] = useState(false);
  const state = useLazyFetch<ClaimHistoryDto>(open ? `/annotations/${encodeURIComponent(annotationId)}/review/history` : null, version, "The history could not be loaded");

  return (
    <details className="claim-history" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>History</summary>
      {state.status === "loading" && <p className="muted">Loading the history…</p>}
      {state.status === "error" && <p role="alert">{state.message}</p>}
      {state.status === "ready" && (
        <ol className="history-list" aria-label="Changes to this claim, oldest first">
          <li>
            <time dateTime={state.data.created.at}>{new Date(state.data.created.at).toLocaleString()}</time> — {state.data.created.by.displayName}: made the claim
          </li>
          {state.data.changes.map((c) => (
            <li key={c.id}>
              <time dateTime={c.createdAt}>{new Date(c.createdAt).toLocaleString()}</time> — {c.actor?.displayName ?? "A former member"}: {describeChange(c, nameOf).join("; ")}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}

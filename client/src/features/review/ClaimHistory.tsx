/** A claim's history (GET /api/annotations/:id/review/history), fetched when opened and again after each change. */
import { useEffect, useState } from "react";
import type { ClaimHistoryDto } from "../../../../common/review.ts";
import { api, ApiError } from "../../api/http.ts";
import { describeChange } from "./history.ts";

type State = { status: "idle" } | { status: "loading" } | { status: "ready"; history: ClaimHistoryDto } | { status: "error"; message: string };

export function ClaimHistory({ annotationId, version, nameOf }: { annotationId: string; version: number; nameOf(userId: string): string }) {
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<State>({ status: "idle" });

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    setState((s) => (s.status === "ready" ? s : { status: "loading" }));
    api.get<ClaimHistoryDto>(`/annotations/${encodeURIComponent(annotationId)}/review/history`).then(
      (history) => !cancelled && setState({ status: "ready", history }),
      (e: unknown) => !cancelled && setState({ status: "error", message: e instanceof ApiError ? e.message : "The history could not be loaded" }),
    );
    return () => {
      cancelled = true;
    };
  }, [open, annotationId, version]);

  return (
    <details className="claim-history" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>History</summary>
      {state.status === "loading" && <p className="muted">Loading the history…</p>}
      {state.status === "error" && <p role="alert">{state.message}</p>}
      {state.status === "ready" && (
        <ol className="history-list" aria-label="Changes to this claim, oldest first">
          <li>
            <time dateTime={state.history.created.at}>{new Date(state.history.created.at).toLocaleString()}</time> — {state.history.created.by.displayName}: made the claim
          </li>
          {state.history.changes.map((c) => (
            <li key={c.id}>
              <time dateTime={c.createdAt}>{new Date(c.createdAt).toLocaleString()}</time> — {c.actor?.displayName ?? "A former member"}: {describeChange(c, nameOf).join("; ")}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}

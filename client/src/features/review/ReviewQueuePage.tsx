/** /queue — "My review queue": open and in-review claims assigned to me, across my workspaces, oldest first. */
import { useEffect } from "react";
import type { ClaimPageDto } from "../../../../common/review.ts";
import { api } from "../../api/http.ts";
import { Link, navigate } from "../../app/router.tsx";
import { useLoad } from "../../app/use-load.ts";
import { claimHref } from "../claims/ClaimsTable.tsx";
import { formatAge } from "../claims/claims-query.ts";
import { StatusBadge } from "./status.tsx";

const PAGE = 25;

export default function ReviewQueuePage({ search }: { search: string }) {
  const offsetParam = Number(new URLSearchParams(search).get("offset") ?? 0);
  const offset = Number.isInteger(offsetParam) && offsetParam > 0 ? offsetParam : 0;
  const queue = useLoad(() => api.get<ClaimPageDto>(`/me/review-queue?limit=${PAGE}&offset=${offset}`), [offset]);

  // Back on the tab: the queue may have changed.
  const { reload } = queue;
  useEffect(() => {
    const onFocus = () => reload();
    window.addEventListener("focus", onFocus);
    return () => window.removeEventListener("focus", onFocus);
  }, [reload]);

  return (
    <section className="page queue-page">
      <h1 tabIndex={-1}>My review queue</h1>
      <p className="muted">Claims assigned to you that are open or in review, oldest first.</p>
      {queue.status === "loading" && <p className="loading">Loading…</p>}
      {queue.status === "error" && <p role="alert">{queue.error.message}</p>}
      {queue.status === "ready" &&
        (queue.data.total === 0 ? (
          <p>Nothing is waiting for you. Claims an editor assigns to you will show up here.</p>
        ) : (
          <>
            <ol className="queue-list" aria-label={`${queue.data.total} ${queue.data.total === 1 ? "claim" : "claims"} assigned to you`} start={offset + 1}>
              {queue.data.claims.map((c) => (
                <li key={c.annotationId} className="queue-item">
                  <Link to={claimHref(c)} className="claim-quote-link">
                    “{c.quote.length > 160 ? `${c.quote.slice(0, 159)}…` : c.quote}”
                  </Link>
                  <span className="queue-meta">
                    <StatusBadge status={c.status} /> in <strong>{c.documentTitle}</strong> · by {c.author.displayName} · {formatAge(c.ageSeconds)} old · {c.replyCount}{" "}
                    {c.replyCount === 1 ? "reply" : "replies"}
                  </span>
                </li>
              ))}
            </ol>
            <nav className="pager" aria-label="Pages of your queue">
              <p className="pager-range">
                {offset + 1}–{offset + queue.data.claims.length} of {queue.data.total}
              </p>
              <button type="button" disabled={offset === 0} onClick={() => navigate(`/queue${offset - PAGE > 0 ? `?offset=${offset - PAGE}` : ""}`)}>
                Previous page
              </button>
              <button type="button" disabled={queue.data.nextOffset === null} onClick={() => navigate(`/queue?offset=${queue.data.nextOffset}`)}>
                Next page
              </button>
            </nav>
          </>
        ))}
    </section>
  );
}

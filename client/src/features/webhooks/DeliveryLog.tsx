/**
 * A webhook's delivery log, newest first: each delivery's event, state, attempts, last status,
 * time taken and next attempt, with the error and the start of the answer on demand; redeliver
 * any finished one. While something is pending the log reads itself again every few seconds.
 */
import { useCallback, useEffect, useState } from "react";
import type { WebhookDeliveryDto } from "../../../../common/webhooks.ts";
import { ApiError } from "../../api/http.ts";
import { EntryTime } from "../activity/EntryTime.tsx";
import type { WebhooksApi } from "./webhooks-api.ts";

const POLL_MS = 2000;

const STATE_WORDS: Record<WebhookDeliveryDto["state"], string> = { pending: "Pending", succeeded: "Delivered", failed: "Failed" };

function Delivery({ d, onRedeliver, busy }: { d: WebhookDeliveryDto; onRedeliver(): void; busy: boolean }) {
  const status = d.lastStatus !== null ? `HTTP ${d.lastStatus}` : d.attempts > 0 ? "no answer" : "not tried yet";
  return (
    <li className={`delivery delivery-${d.state}`}>
      <div className="delivery-head">
        <span className={`delivery-state state-${d.state}`}>{STATE_WORDS[d.state]}</span>
        <code className="event-code">{d.type}</code>
        <span className="muted">
          <EntryTime at={d.createdAt} />
        </span>
      </div>
      <p className="delivery-facts">
        {d.attempts} attempt{d.attempts === 1 ? "" : "s"} · {status}
        {d.lastDurationMs !== null && ` · ${d.lastDurationMs} ms`}
        {d.nextAttemptAt && (
          <>
            {" "}
            · next try <EntryTime at={d.nextAttemptAt} />
          </>
        )}
        {d.redeliveryOf && " · redelivery"}
      </p>
      {(d.lastError || d.responseExcerpt) && (
        <details>
          <summary>Details</summary>
          <dl className="delivery-details">
            <dt>Event id</dt>
            <dd>
              <code>{d.eventId}</code>
            </dd>
            {d.lastError && (
              <>
                <dt>Error</dt>
                <dd>{d.lastError}</dd>
              </>
            )}
            {d.responseExcerpt && (
              <>
                <dt>Answer (start)</dt>
                <dd>
                  <pre>{d.responseExcerpt}</pre>
                </dd>
              </>
            )}
          </dl>
        </details>
      )}
      {d.state !== "pending" && (
        <button type="button" className="link-button" disabled={busy} onClick={onRedeliver} aria-label={`Redeliver ${d.type} from ${new Date(d.createdAt).toLocaleString()}`}>
          Redeliver
        </button>
      )}
    </li>
  );
}

export function DeliveryLog({ api, webhookId, version }: { api: WebhooksApi; webhookId: string; version: number }) {
  const [items, setItems] = useState<WebhookDeliveryDto[] | null>(null);
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(() => {
    api.deliveries(webhookId).then(
      (page) => {
        // The newest page again (older pages shown before are folded back).
        setItems(page.deliveries);
        setNextBefore(page.nextBefore);
        setError(null);
      },
      (e: unknown) => setError(e instanceof ApiError ? e.message : "The delivery log could not be read."),
    );
  }, [api, webhookId]);

  // `version` changes when the webhook is tested or changed: read the log again.
  useEffect(() => reload(), [reload, version]);

  const pending = items?.some((d) => d.state === "pending") ?? false;
  useEffect(() => {
    if (!pending) return;
    const t = setInterval(reload, POLL_MS);
    return () => clearInterval(t);
  }, [pending, reload]);

  async function loadOlder() {
    if (!nextBefore) return;
    try {
      const page = await api.deliveries(webhookId, nextBefore);
      setItems((prev) => [...(prev ?? []), ...page.deliveries]);
      setNextBefore(page.nextBefore);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Older deliveries could not be read.");
    }
  }

  async function redeliver(deliveryId: string) {
    setBusy(true);
    try {
      await api.redeliver(webhookId, deliveryId);
      reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "The delivery could not be queued again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="delivery-log">
      <div className="delivery-log-head">
        <h3>Deliveries</h3>
        <button type="button" className="link-button" onClick={reload}>
          Refresh
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
      {items === null ? (
        <p className="muted">Loading…</p>
      ) : items.length === 0 ? (
        <p className="muted">No deliveries yet. Send a test, or wait for one of the chosen events.</p>
      ) : (
        <ul className="delivery-list">
          {items.map((d) => (
            <Delivery key={d.id} d={d} busy={busy} onRedeliver={() => void redeliver(d.id)} />
          ))}
        </ul>
      )}
      {nextBefore && (
        <button type="button" onClick={() => void loadOlder()}>
          Show older deliveries
        </button>
      )}
    </div>
  );
}

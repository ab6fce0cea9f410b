/**
 * One webhook: where it sends, what, whether it is on; turn it on or off, send a test, change
 * it, delete it (asked twice), and its delivery log.
 */
import { useState } from "react";
import { WEBHOOK_EVENT_LABELS, type WebhookDto } from "../../../../common/webhooks.ts";
import { ApiError } from "../../api/http.ts";
import { DeliveryLog } from "./DeliveryLog.tsx";
import { WebhookForm } from "./WebhookForm.tsx";
import type { WebhooksApi } from "./webhooks-api.ts";
import type { Role } from "../../../../common/workspaces.ts";
import { readsEventType } from "../../../../common/workspace-event-access.ts";

/** What the card says about who set the webhook, and what their role keeps it from sending. */
function setterNote(webhook: WebhookDto): { text: string; warning: boolean } {
  const who = webhook.createdBy?.displayName ?? "a former member";
  if (!webhook.setterRole) return { text: `Set by ${who}, who is no longer a member: it sends nothing until an editor or owner saves its address or events.`, warning: true };
  const role = webhook.setterRole;
  const held = webhook.events.filter((t) => !readsEventType(role, t));
  if (held.length) return { text: `Set by ${who} (${role}): not sent, since that role no longer reads them: ${held.map((t) => WEBHOOK_EVENT_LABELS[t]).join(", ")}.`, warning: true };
  return { text: `Set by ${who} (${role}).`, warning: false };
}

interface Props {
  api: WebhooksApi;
  /** The member's role: the events it reads are the ones a change may send. */
  role: Role;
  webhook: WebhookDto;
  onChanged(next: WebhookDto): void;
  onDeleted(id: string): void;
}

export function WebhookCard({ api, role, webhook, onChanged, onDeleted }: Props) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [showLog, setShowLog] = useState(false);
  const [logNonce, setLogNonce] = useState(0);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  async function run(work: () => Promise<void>, failure: string) {
    setBusy(true);
    try {
      await work();
    } catch (e) {
      setMessage({ text: e instanceof ApiError ? e.message : failure, error: true });
    } finally {
      setBusy(false);
    }
  }

  const toggle = () =>
    run(async () => {
      const { webhook: next } = await api.update(webhook.id, webhook.version, { active: !webhook.active });
      onChanged(next);
      setMessage({ text: next.active ? "Turned on." : "Turned off: no deliveries until it is turned on again.", error: false });
    }, "The webhook could not be changed.");

  const test = () =>
    run(async () => {
      await api.test(webhook.id);
      setShowLog(true);
      setLogNonce((n) => n + 1);
      setMessage({ text: "Test delivery queued: see the deliveries below.", error: false });
    }, "The test could not be sent.");

  const remove = () =>
    run(async () => {
      await api.remove(webhook.id);
      onDeleted(webhook.id);
    }, "The webhook could not be deleted.");

  const headingId = `webhook-${webhook.id}`;
  return (
    <li className="panel webhook-card" aria-labelledby={headingId}>
      <div className="webhook-card-head">
        <h2 id={headingId} className="webhook-url">
          {webhook.url}
        </h2>
        <span className={`webhook-state ${webhook.active ? "is-on" : "is-off"}`}>{webhook.active ? "On" : "Off"}</span>
      </div>
      {webhook.description && <p className="webhook-description">{webhook.description}</p>}
      <details className="webhook-events">
        <summary>
          {webhook.events.length} event type{webhook.events.length === 1 ? "" : "s"}
        </summary>
        <ul>
          {webhook.events.map((t) => (
            <li key={t}>
              {WEBHOOK_EVENT_LABELS[t]} <code className="event-code">{t}</code>
            </li>
          ))}
        </ul>
      </details>
      {(() => {
        const note = setterNote(webhook);
        return <p className={note.warning ? "notice-inline" : "hint"}>{note.text}</p>;
      })()}
      {editing ? (
        <WebhookForm
          api={api}
          role={role}
          editing={webhook}
          onSaved={(next) => {
            onChanged(next);
            setEditing(false);
            setMessage({ text: "Changes saved.", error: false });
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <div className="webhook-actions">
          <button type="button" disabled={busy} onClick={() => void toggle()}>
            {webhook.active ? "Turn off" : "Turn on"}
          </button>
          <button type="button" disabled={busy} onClick={() => void test()}>
            Send test
          </button>
          <button type="button" disabled={busy} onClick={() => setEditing(true)}>
            Edit
          </button>
          <button type="button" aria-expanded={showLog} onClick={() => setShowLog(!showLog)}>
            {showLog ? "Hide deliveries" : "Show deliveries"}
          </button>
          {confirming ? (
            <span className="confirm" role="group" aria-label="Confirm deletion">
              <span>Delete this webhook and its log?</span>
              <button type="button" className="danger" disabled={busy} onClick={() => void remove()}>
                Delete
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </span>
          ) : (
            <button type="button" className="danger" onClick={() => setConfirming(true)}>
              Delete…
            </button>
          )}
        </div>
      )}
      <p aria-live="polite" className={message?.error ? "form-error" : "muted"}>
        {message?.text}
      </p>
      {showLog && <DeliveryLog api={api} webhookId={webhook.id} version={webhook.version + logNonce} />}
    </li>
  );
}

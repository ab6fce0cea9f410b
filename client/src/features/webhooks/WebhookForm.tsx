/**
 * Adding or changing a webhook: its URL, a description and the events it gets. A refusal from
 * the server is shown beside the field it names (an internal address, a missing event type…).
 */
import { useId, useState, type FormEvent } from "react";
import type { WebhookCreatedDto, WebhookDto, WebhookEventType } from "../../../../common/webhooks.ts";
import { ApiError } from "../../api/http.ts";
import { FieldError, FormError } from "../../ui/FormMessages.tsx";
import { EventPicker } from "./EventPicker.tsx";
import type { WebhooksApi } from "./webhooks-api.ts";
import type { Role } from "../../../../common/workspaces.ts";

type Field = "url" | "description" | "events";

/** Which input a server error belongs to ("events.0" is the events picker). */
function fieldOf(err: unknown): Field | null {
  if (!(err instanceof ApiError) || !err.field) return null;
  const head = err.field.split(".")[0];
  return head === "url" || head === "description" || head === "events" ? head : null;
}

interface Props {
  api: WebhooksApi;
  /** The member's role: only the event types it reads are offered (the server refuses the others). */
  role: Role;
  /** The webhook to change; none to add one. */
  editing?: WebhookDto;
  onCreated?(created: WebhookCreatedDto): void;
  onSaved?(webhook: WebhookDto): void;
  onCancel?(): void;
}

export function WebhookForm({ api, role, editing, onCreated, onSaved, onCancel }: Props) {
  const id = useId();
  const [url, setUrl] = useState(editing?.url ?? "");
  const [description, setDescription] = useState(editing?.description ?? "");
  const [events, setEvents] = useState<WebhookEventType[]>(editing?.events ?? []);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field | "form", string>>>({});

  async function handleSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (events.length === 0) return setErrors({ events: "Choose at least one event type." });
    setBusy(true);
    try {
      if (editing) onSaved?.((await api.update(editing.id, editing.version, { url: url.trim(), description, events })).webhook);
      else onCreated?.(await api.create({ url: url.trim(), description, events }));
      setErrors({});
    } catch (err) {
      const message = err instanceof ApiError ? err.message : "The webhook could not be saved.";
      const field = fieldOf(err);
      setErrors(field ? { [field]: message } : { form: message });
    } finally {
      setBusy(false);
    }
  }

  const ids = { url: `${id}-url`, description: `${id}-description`, urlError: `${id}-url-error`, urlHint: `${id}-url-hint`, descriptionError: `${id}-description-error`, eventsError: `${id}-events-error`, form: `${id}-form-error` };
  return (
    <form className="webhook-form" onSubmit={(e) => void handleSubmit(e)} aria-describedby={ids.form} noValidate>
      <div className="field">
        <label htmlFor={ids.url}>Payload URL</label>
        <input
          id={ids.url}
          type="url"
          inputMode="url"
          required
          placeholder="https://example.org/scholia-events"
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          aria-invalid={errors.url ? true : undefined}
          aria-describedby={`${ids.urlHint} ${ids.urlError}`}
        />
        <p id={ids.urlHint} className="hint">
          Scholia POSTs JSON here, signed with the secret, for each event you choose below.
        </p>
        <FieldError id={ids.urlError} message={errors.url} />
      </div>
      <div className="field">
        <label htmlFor={ids.description}>Description (optional)</label>
        <input id={ids.description} maxLength={200} value={description} onChange={(e) => setDescription(e.currentTarget.value)} aria-invalid={errors.description ? true : undefined} aria-describedby={ids.descriptionError} />
        <FieldError id={ids.descriptionError} message={errors.description} />
      </div>
      <EventPicker idPrefix={`${id}-ev`} role={role} chosen={events} onChange={setEvents} describedBy={ids.eventsError} />
      <FieldError id={ids.eventsError} message={errors.events} />
      <FormError id={ids.form} message={errors.form} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {editing ? "Save changes" : "Add webhook"}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

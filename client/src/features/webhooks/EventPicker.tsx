/** The event types a webhook subscribes to: checkboxes grouped by what they are about. */
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_TYPES, webhookEventGroups, type WebhookEventType } from "../../../../common/webhooks.ts";

const GROUP_LABELS: Record<string, string> = {
  annotation: "Annotations",
  reply: "Replies",
  claim: "Claims",
  tag: "Tags",
  document: "Documents",
  workspace: "Workspace",
  member: "Members",
  invite: "Invites",
};

export function EventPicker({ idPrefix, chosen, onChange, describedBy }: { idPrefix: string; chosen: readonly WebhookEventType[]; onChange(next: WebhookEventType[]): void; describedBy?: string }) {
  const set = new Set(chosen);
  const toggle = (t: WebhookEventType, on: boolean) => onChange(WEBHOOK_EVENT_TYPES.filter((x) => (x === t ? on : set.has(x))));
  return (
    <fieldset className="event-picker" aria-describedby={describedBy}>
      <legend>Events to send ({chosen.length} chosen)</legend>
      <div className="event-picker-actions">
        <button type="button" className="link-button" onClick={() => onChange([...WEBHOOK_EVENT_TYPES])}>
          Choose all
        </button>
        <button type="button" className="link-button" onClick={() => onChange([])}>
          Clear
        </button>
      </div>
      <div className="event-groups">
        {webhookEventGroups().map(({ group, types }) => (
          <fieldset key={group} className="event-group">
            <legend>{GROUP_LABELS[group] ?? group}</legend>
            {types.map((t) => (
              <div key={t} className="check-row">
                <input id={`${idPrefix}-${t}`} type="checkbox" checked={set.has(t)} onChange={(e) => toggle(t, e.currentTarget.checked)} />
                <label htmlFor={`${idPrefix}-${t}`}>
                  {WEBHOOK_EVENT_LABELS[t]} <code className="event-code">{t}</code>
                </label>
              </div>
            ))}
          </fieldset>
        ))}
      </div>
    </fieldset>
  );
}

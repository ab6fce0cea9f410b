/**
 * The event types a webhook subscribes to: checkboxes grouped by what they are about, those the
 * member's role reads (an editor is not offered the owners' export events).
 */
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_TYPES, webhookEventGroups, type WebhookEventType } from "../../../../common/webhooks.ts";
import { readsEventType } from "../../../../common/workspace-event-access.ts";
import type { Role } from "../../../../common/workspaces.ts";

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

export function EventPicker({ idPrefix, role, chosen, onChange, describedBy }: { idPrefix: string; role: Role; chosen: readonly WebhookEventType[]; onChange(next: WebhookEventType[]): void; describedBy?: string }) {
  const set = new Set(chosen);
  const offered = (t: WebhookEventType) => readsEventType(role, t);
  const toggle = (t: WebhookEventType, on: boolean) => onChange(WEBHOOK_EVENT_TYPES.filter((x) => (x === t ? on : set.has(x))));
  return (
    <fieldset className="event-picker" aria-describedby={describedBy}>
      <legend>Events to send ({chosen.length} chosen)</legend>
      <div className="event-picker-actions">
        <button type="button" className="link-button" onClick={() => onChange(WEBHOOK_EVENT_TYPES.filter(offered))}>
          Choose all
        </button>
        <button type="button" className="link-button" onClick={() => onChange([])}>
          Clear
        </button>
      </div>
      <div className="event-groups">
        {webhookEventGroups().map(({ group, types }) => ({ group, types: types.filter((t) => offered(t) || set.has(t)) })).filter(({ types }) => types.length > 0).map(({ group, types }) => (
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

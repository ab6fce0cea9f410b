/** Filters shared by the activity and audit lists: by person and by kind. */
import type { MemberDto } from "../../../../common/workspaces.ts";
import type { Loaded } from "../../app/use-load.ts";
import { KIND_LABELS, type ActivityFilters, type ActivityKind } from "./activity-query.ts";

export function ActivityFilterBar({
  idPrefix,
  members,
  kinds,
  value,
  onChange,
}: {
  idPrefix: string;
  members: Loaded<MemberDto[]>;
  kinds: readonly ActivityKind[];
  value: ActivityFilters;
  onChange(f: ActivityFilters): void;
}) {
  const people = members.status === "ready" ? [...members.data].sort((a, b) => a.displayName.localeCompare(b.displayName)) : [];
  return (
    <div className="activity-filters">
      <div className="field">
        <label htmlFor={`${idPrefix}-actor`}>Person</label>
        <select id={`${idPrefix}-actor`} value={value.actor} onChange={(e) => onChange({ ...value, actor: e.currentTarget.value })}>
          <option value="">Anyone</option>
          {people.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.displayName}
            </option>
          ))}
          {/* A filter kept for someone no longer listed (they left): still shown, so the select tells the truth. */}
          {value.actor && !people.some((m) => m.userId === value.actor) && <option value={value.actor}>A former member</option>}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-kind`}>Kind</label>
        <select id={`${idPrefix}-kind`} value={value.kind} onChange={(e) => onChange({ ...value, kind: kinds.find((k) => k === e.currentTarget.value) ?? "" })}>
          <option value="">Everything</option>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

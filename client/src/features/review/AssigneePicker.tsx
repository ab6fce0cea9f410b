/** Who reviews a claim: editors and owners pick a member (analysts and up) or nobody. */
import type { MemberDto } from "../../../../common/workspaces.ts";

/** Members a claim can be assigned to (the server refuses viewers). */
export function assignable(members: MemberDto[]): MemberDto[] {
  return members.filter((m) => m.role !== "viewer").sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export function AssigneePicker(props: { id: string; members: MemberDto[]; value: string | null; meId?: string; disabled?: boolean; label?: string; onChange(assigneeId: string | null): void }) {
  const { id, members, value, meId, disabled, label = "Assigned to", onChange } = props;
  const options = assignable(members);
  // An assignee who has since left the workspace is still shown.
  const unknown = value && !options.some((m) => m.userId === value);
  return (
    <span className="assignee-picker">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ""} disabled={disabled} onChange={(e) => onChange(e.currentTarget.value || null)}>
        <option value="">Nobody</option>
        {unknown && <option value={value}>A former member</option>}
        {options.map((m) => (
          <option key={m.userId} value={m.userId}>
            {m.displayName}
            {m.userId === meId ? " (me)" : ""}
          </option>
        ))}
      </select>
    </span>
  );
}

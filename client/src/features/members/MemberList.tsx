/**
 * The members with their roles. Owners change roles and remove people; anyone may leave. The
 * server keeps the last-owner rule: its 409 message is shown as it is.
 */
import { useState } from "react";
import { ROLES, type MemberDto, type Role } from "../../../../common/workspaces.ts";
import { api, ApiError } from "../../api/http.ts";
import { navigate } from "../../app/router.tsx";
import { useMe } from "../../app/session.tsx";
import type { Loaded } from "../../app/use-load.ts";
import { useWorkspace } from "../workspaces/workspace-context.ts";

type Outcome = { kind: "done"; text: string } | { kind: "error"; text: string };

const errorText = (err: unknown, fallback: string) => (err instanceof ApiError ? err.message : fallback);

function RoleCell({ member, canChange, onChanged }: { member: MemberDto; canChange: boolean; onChanged(o: Outcome): void }) {
  const { workspace, reload } = useWorkspace();
  const me = useMe();
  const [role, setRole] = useState<Role>(member.role);
  const [busy, setBusy] = useState(false);
  if (!canChange) return <span className="role-badge">{member.role}</span>;
  const selectId = `role-${member.userId}`;

  async function handleSave() {
    setBusy(true);
    try {
      await api.patch(`/workspaces/${encodeURIComponent(workspace.id)}/members/${encodeURIComponent(member.userId)}`, { role });
      onChanged({ kind: "done", text: `${member.displayName} is now ${role}.` });
      if (member.userId === me.id) reload();
    } catch (err) {
      setRole(member.role);
      onChanged({ kind: "error", text: errorText(err, "Could not change the role") });
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="role-change">
      <label htmlFor={selectId} className="visually-hidden">
        Role of {member.displayName}
      </label>
      <select id={selectId} value={role} onChange={(e) => setRole(ROLES.find((r) => r === e.currentTarget.value) ?? member.role)} disabled={busy}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      <button type="button" onClick={() => void handleSave()} disabled={busy || role === member.role} aria-label={`Save role of ${member.displayName}`}>
        Save role
      </button>
    </span>
  );
}

function RemoveCell({ member, mayRemove, onRemoved }: { member: MemberDto; mayRemove: boolean; onRemoved(o: Outcome): void }) {
  const { workspace } = useWorkspace();
  const me = useMe();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const self = member.userId === me.id;
  if (!self && !mayRemove) return null;

  async function handleRemove() {
    setBusy(true);
    try {
      await api.delete(`/workspaces/${encodeURIComponent(workspace.id)}/members/${encodeURIComponent(member.userId)}`);
      if (self) return navigate("/", { replace: true });
      onRemoved({ kind: "done", text: `${member.displayName} was removed from the workspace.` });
    } catch (err) {
      onRemoved({ kind: "error", text: errorText(err, "Could not remove the member") });
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  }

  if (!confirming)
    return (
      <button type="button" className="danger" onClick={() => setConfirming(true)} aria-label={self ? "Leave this workspace" : `Remove ${member.displayName}`}>
        {self ? "Leave" : "Remove"}
      </button>
    );
  return (
    <span className="confirm-remove" role="group" aria-label={self ? "Confirm leaving" : `Confirm removing ${member.displayName}`}>
      <span>{self ? "Leave this workspace?" : `Remove ${member.displayName}?`}</span>
      <button type="button" className="danger" onClick={() => void handleRemove()} disabled={busy} autoFocus>
        {self ? "Yes, leave" : "Yes, remove"}
      </button>
      <button type="button" onClick={() => setConfirming(false)} disabled={busy}>
        Cancel
      </button>
    </span>
  );
}

export function MemberList({ members, onChange }: { members: Loaded<MemberDto[]>; onChange(): void }) {
  const { workspace } = useWorkspace();
  const me = useMe();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const report = (o: Outcome) => {
    setOutcome(o);
    if (o.kind === "done") onChange();
  };
  const canChange = workspace.abilities["member.changeRole"];
  const mayRemove = workspace.abilities["member.remove"];

  return (
    <section aria-labelledby="members-heading" className="members">
      <h2 id="members-heading">Members{members.status === "ready" ? ` (${members.data.length})` : ""}</h2>
      <div aria-live="polite" className="members-outcome">
        {outcome?.kind === "done" && <p className="outcome-done">{outcome.text}</p>}
      </div>
      {outcome?.kind === "error" && (
        <p role="alert" className="form-error">
          {outcome.text}
        </p>
      )}
      {members.status === "loading" && <p className="loading">Loading the members…</p>}
      {members.status === "error" && <p role="alert">{members.error.message}</p>}
      {members.status === "ready" && (
        <table className="card-table members-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">E-mail</th>
              <th scope="col">Role</th>
              <th scope="col">Joined</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.data.map((m) => (
              // The key includes the role, so a role changed elsewhere resets the row's select.
              <tr key={`${m.userId}:${m.role}`} data-member={m.displayName}>
                <th scope="row" data-label="Name">
                  <span>
                    {m.displayName}
                    {m.userId === me.id && <span className="muted"> (you)</span>}
                  </span>
                </th>
                <td data-label="E-mail" className="member-email">
                  {m.email}
                </td>
                <td data-label="Role">
                  <RoleCell member={m} canChange={canChange} onChanged={report} />
                </td>
                <td data-label="Joined">{new Date(m.joinedAt).toLocaleDateString()}</td>
                <td data-label="Actions" className="member-actions">
                  <RemoveCell member={m} mayRemove={mayRemove} onRemoved={report} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Editors and owners make invite links (a role at most their own). */
import { useState, type FormEvent } from "react";
import { ROLES, type Role } from "../../../../common/workspaces.ts";
import { api, ApiError } from "../../api/http.ts";

const RANK: Record<Role, number> = { viewer: 0, analyst: 1, editor: 2, owner: 3 };

export function InvitePanel({ workspaceId, myRole }: { workspaceId: string; myRole: Role }) {
  const [url, setUrl] = useState<string>();
  const [error, setError] = useState<string>();
  const roles = ROLES.filter((r) => RANK[r] <= RANK[myRole]);

  async function handleSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const role = new FormData(e.currentTarget).get("role");
    try {
      const res = await api.post<{ token: string; url: string }>(`/workspaces/${workspaceId}/invites`, { role });
      setUrl(`${window.location.origin}/invite/${res.token}`);
      setError(undefined);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Could not create the invite");
    }
  }

  return (
    <section aria-labelledby="invite-heading" className="panel">
      <h2 id="invite-heading">Invite someone</h2>
      <form onSubmit={handleSubmit} className="inline-form">
        <label htmlFor="invite-role">Role</label>
        <select id="invite-role" name="role" defaultValue="analyst">
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <button type="submit">Create invite link</button>
      </form>
      <div aria-live="polite">
        {url && (
          <p>
            <label htmlFor="invite-url">Invite link (share it privately)</label>
            <input id="invite-url" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
          </p>
        )}
        {error && <p role="alert">{error}</p>}
      </div>
    </section>
  );
}

/**
 * Invites (editors and owners): make an invite link for a role up to one's own, copy it, and
 * see and revoke the pending ones. A link is shown once, right after it is made: the server
 * keeps only a hash of its token, so no one can read it again later.
 */
import { useRef, useState, type FormEvent } from "react";
import type { InviteDto, MemberDto, Role } from "../../../../common/workspaces.ts";
import { api, ApiError } from "../../api/http.ts";
import { useMe } from "../../app/session.tsx";
import { useLoad } from "../../app/use-load.ts";
import { useRefreshOnLog, useWorkspace } from "../workspaces/workspace-context.ts";
import { creatorName, invitableRoles, inviteTerms, inviteUrl } from "./invite-words.ts";

interface Created {
  url: string;
  invite: InviteDto;
}

const errorText = (err: unknown, fallback: string) => (err instanceof ApiError ? err.message : fallback);

/** Puts text on the clipboard; false when the browser refuses (then the text is selected for Ctrl+C). */
async function copy(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    field?.focus();
    field?.select();
    return false;
  }
}

function FreshLink({ created }: { created: Created }) {
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "refused" | null>(null);
  return (
    <div className="fresh-invite">
      <label htmlFor="invite-url">
        Invite link for a new {created.invite.role} ({inviteTerms(created.invite.expiresAt)})
      </label>
      <div className="copy-row">
        <input id="invite-url" ref={field} readOnly value={created.url} onFocus={(e) => e.currentTarget.select()} aria-describedby="invite-url-note" />
        <button type="button" onClick={() => void copy(created.url, field.current).then((ok) => setCopied(ok ? "yes" : "refused"))}>
          Copy link
        </button>
      </div>
      <p id="invite-url-note" className="hint">
        Copy it now and send it privately: this is the only time it is shown. Scholia keeps only a hash of the link's token, so it cannot show the link
        again — if it is lost, revoke the invite and make a new one.
      </p>
      <p aria-live="polite" className="copy-outcome">
        {copied === "yes" && "Link copied."}
        {copied === "refused" && "The browser did not allow copying: the link is selected, press Ctrl+C (⌘C on a Mac) to copy it."}
      </p>
    </div>
  );
}

function CreateInvite({ myRole, onCreated }: { myRole: Role; onCreated(c: Created): void }) {
  const { workspace } = useWorkspace();
  const roles = invitableRoles(myRole);
  const [role, setRole] = useState<Role>(roles.includes("analyst") ? "analyst" : (roles[0] ?? "viewer"));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function handleSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    try {
      const res = await api.post<{ token: string; invite: InviteDto }>(`/workspaces/${encodeURIComponent(workspace.id)}/invites`, { role });
      // The link on this site: the invited person opens the app where the inviter uses it.
      onCreated({ url: inviteUrl(window.location.origin, res.token), invite: res.invite });
      setError(undefined);
    } catch (err) {
      setError(errorText(err, "Could not create the invite"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={handleSubmit} className="inline-form invite-form">
      <label htmlFor="invite-role">Role</label>
      <select id="invite-role" value={role} onChange={(e) => setRole(roles.find((r) => r === e.currentTarget.value) ?? role)}>
        {roles.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      <button type="submit" className="primary" disabled={busy}>
        Create invite link
      </button>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </form>
  );
}

function PendingInvites({ invites, members, onRevoked }: { invites: InviteDto[]; members: ReadonlyMap<string, MemberDto>; onRevoked(): void }) {
  const { workspace } = useWorkspace();
  const me = useMe();
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const mayRevoke = workspace.abilities["invite.revoke"];

  async function handleRevoke(invite: InviteDto) {
    setBusy(invite.id);
    try {
      await api.delete(`/workspaces/${encodeURIComponent(workspace.id)}/invites/${encodeURIComponent(invite.id)}`);
      setOutcome({ ok: true, text: `The invite for a new ${invite.role} was revoked: its link no longer works.` });
      onRevoked();
    } catch (err) {
      setOutcome({ ok: false, text: errorText(err, "Could not revoke the invite") });
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <p aria-live="polite" className="outcome-done">
        {outcome?.ok && outcome.text}
      </p>
      {outcome && !outcome.ok && (
        <p role="alert" className="form-error">
          {outcome.text}
        </p>
      )}
      {invites.length === 0 ? (
        <p className="muted">No pending invites.</p>
      ) : (
        <table className="card-table invites-table">
          <thead>
            <tr>
              <th scope="col">Role</th>
              <th scope="col">Created</th>
              <th scope="col">By</th>
              <th scope="col">Terms</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invites.map((i) => (
              <tr key={i.id} data-invite={i.id}>
                <th scope="row" data-label="Role">
                  <span className="role-badge">{i.role}</span>
                </th>
                <td data-label="Created">{new Date(i.createdAt).toLocaleString()}</td>
                <td data-label="By">{creatorName(i.createdBy, members, me.id)}</td>
                <td data-label="Terms">{inviteTerms(i.expiresAt)}</td>
                <td data-label="Actions">
                  {mayRevoke && (
                    <button type="button" className="danger" onClick={() => void handleRevoke(i)} disabled={busy === i.id} aria-label={`Revoke the invite for a new ${i.role} created ${new Date(i.createdAt).toLocaleString()}`}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function InvitesPanel({ members }: { members: ReadonlyMap<string, MemberDto> }) {
  const { workspace } = useWorkspace();
  const invites = useLoad(() => api.get<{ invites: InviteDto[] }>(`/workspaces/${encodeURIComponent(workspace.id)}/invites`).then((r) => r.invites), [workspace.id]);
  useRefreshOnLog(invites.reload, (e) => e.type.startsWith("invite."));
  const [created, setCreated] = useState<Created | null>(null);

  return (
    <section aria-labelledby="invites-heading" className="invites">
      <h2 id="invites-heading">Invites</h2>
      {workspace.abilities["invite.create"] && (
        <>
          <CreateInvite
            myRole={workspace.role}
            onCreated={(c) => {
              setCreated(c);
              invites.reload();
            }}
          />
          <div aria-live="polite">{created && <FreshLink key={created.invite.id} created={created} />}</div>
        </>
      )}
      <h3>Pending invites</h3>
      <p className="hint">Each link works once and stops working when it expires or is revoked.</p>
      {invites.status === "loading" && <p className="loading">Loading the invites…</p>}
      {invites.status === "error" && <p role="alert">{invites.error.message}</p>}
      {invites.status === "ready" && <PendingInvites invites={invites.data} members={members} onRevoked={invites.reload} />}
    </section>
  );
}

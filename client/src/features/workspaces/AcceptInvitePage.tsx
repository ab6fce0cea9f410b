/**
 * /invite/:token — which workspace and role the invite is for, and a button to join. Signed-out
 * visitors reach it after signing in or registering (the sign-in page says they were invited).
 */
import { useState } from "react";
import type { Role } from "../../../../common/workspaces.ts";
import { api, ApiError } from "../../api/http.ts";
import { Link, navigate } from "../../app/router.tsx";
import { useLoad } from "../../app/use-load.ts";
import { inviteTerms } from "../members/invite-words.ts";
import type { WorkspaceWithAbilities } from "./types.ts";

interface InvitePreview {
  workspace: { id: string; name: string };
  role: Role;
  expiresAt: string;
}

/** Why an invite cannot be used, in words a person can act on. */
function previewProblem(err: ApiError): string {
  if (err.status === 410) return "This invite has already been used, was revoked, or has expired. Ask the person who sent it for a new one.";
  if (err.status === 404 || err.status === 400) return "This invite link is not valid. Check that it was copied whole, or ask for a new one.";
  return err.message;
}

export function AcceptInvitePage({ token }: { token: string }) {
  const invite = useLoad(() => api.get<InvitePreview>(`/invites/${encodeURIComponent(token)}`), [token]);
  const [error, setError] = useState<{ message: string; alreadyMember: boolean }>();
  const [busy, setBusy] = useState(false);

  async function handleAccept() {
    setBusy(true);
    try {
      const { workspace } = await api.post<{ workspace: WorkspaceWithAbilities }>(`/invites/${encodeURIComponent(token)}/accept`);
      navigate(`/w/${workspace.id}`, { replace: true });
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : null;
      setError({ message: apiErr ? (apiErr.status === 409 ? "You are already a member of this workspace." : previewProblem(apiErr)) : "Could not accept the invite", alreadyMember: apiErr?.status === 409 });
      setBusy(false);
    }
  }

  return (
    <section className="page narrow">
      <h1 tabIndex={-1}>Workspace invite</h1>
      {invite.status === "loading" && <p className="loading">Checking the invite…</p>}
      {invite.status === "error" && (
        <p role="alert">
          {previewProblem(invite.error)} <Link to="/">Go to your workspaces</Link>
        </p>
      )}
      {invite.status === "ready" && (
        <>
          <p>
            You are invited to join <strong>{invite.data.workspace.name}</strong> as <strong>{invite.data.role}</strong>.
          </p>
          <p className="muted">The invite link is {inviteTerms(invite.data.expiresAt)}.</p>
          <p className="form-actions">
            <button type="button" className="primary" onClick={() => void handleAccept()} disabled={busy}>
              Join {invite.data.workspace.name}
            </button>
            <Link to="/" className="button">
              Not now
            </Link>
          </p>
          {error && (
            <p role="alert">
              {error.message} {error.alreadyMember && <Link to={`/w/${invite.data.workspace.id}`}>Open {invite.data.workspace.name}</Link>}
            </p>
          )}
        </>
      )}
    </section>
  );
}

/** /invite/:token — shows which workspace the invite is for and joins it. */
import { useState } from "react";
import { api, ApiError } from "../../api/http.ts";
import { Link, navigate } from "../../app/router.tsx";
import { useLoad } from "../../app/use-load.ts";
import type { WorkspaceWithAbilities } from "./types.ts";

interface InvitePreview {
  workspace: { id: string; name: string };
  role: string;
  expiresAt: string;
}

export function AcceptInvitePage({ token }: { token: string }) {
  const invite = useLoad(() => api.get<InvitePreview>(`/invites/${encodeURIComponent(token)}`), [token]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function handleAccept() {
    setBusy(true);
    try {
      const { workspace } = await api.post<{ workspace: WorkspaceWithAbilities }>(`/invites/${encodeURIComponent(token)}/accept`);
      navigate(`/w/${workspace.id}`, { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Could not accept the invite");
      setBusy(false);
    }
  }

  return (
    <section className="page narrow">
      <h1 tabIndex={-1}>Workspace invite</h1>
      {invite.status === "loading" && <p className="loading">Checking the invite…</p>}
      {invite.status === "error" && (
        <p role="alert">
          {invite.error.message}. <Link to="/">Go to your workspaces</Link>
        </p>
      )}
      {invite.status === "ready" && (
        <>
          <p>
            You are invited to <strong>{invite.data.workspace.name}</strong> as <strong>{invite.data.role}</strong>. The invite expires{" "}
            {new Date(invite.data.expiresAt).toLocaleString()}.
          </p>
          <button type="button" className="primary" onClick={() => void handleAccept()} disabled={busy}>
            Join {invite.data.workspace.name}
          </button>
          {error && <p role="alert">{error}</p>}
        </>
      )}
    </section>
  );
}

/**
 * The workspaces the person belongs to, and a form to start a new one. The form's schema (and
 * zod with it) loads when the form is first used, not with the list.
 */
import { useState, type FormEvent } from "react";
import { api, ApiError } from "../../api/http.ts";
import { Link, navigate } from "../../app/router.tsx";
import { useLoad } from "../../app/use-load.ts";
import { FieldError } from "../../ui/FormMessages.tsx";
import type { WorkspaceWithAbilities } from "./types.ts";

const loadSchemas = () => import("../../../../common/workspaces.ts");
const preloadSchemas = () => void loadSchemas().catch(() => undefined);

export function WorkspacesPage() {
  const list = useLoad(() => api.get<{ workspaces: WorkspaceWithAbilities[] }>("/workspaces"), []);
  const [error, setError] = useState<string>();

  async function handleCreate(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fields = { name: new FormData(e.currentTarget).get("name") };
    const parsed = await loadSchemas().then((m) => m.WorkspaceCreateSchema.safeParse(fields), () => null);
    if (!parsed) return setError("Could not create the workspace");
    if (!parsed.success) return setError(parsed.error.issues[0]?.message);
    try {
      const { workspace } = await api.post<{ workspace: WorkspaceWithAbilities }>("/workspaces", parsed.data);
      navigate(`/w/${workspace.id}`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Could not create the workspace");
    }
  }

  return (
    <section className="page narrow">
      <h1 tabIndex={-1}>Your workspaces</h1>
      {list.status === "loading" && <p className="loading">Loading…</p>}
      {list.status === "error" && <p role="alert">{list.error.message}</p>}
      {list.status === "ready" &&
        (list.data.workspaces.length === 0 ? (
          <p>You are not in any workspace yet. Start one below, or open an invite link.</p>
        ) : (
          <ul className="card-list">
            {list.data.workspaces.map((w) => (
              <li key={w.id}>
                <Link to={`/w/${w.id}`}>{w.name}</Link> <span className="role-badge">{w.role}</span>
              </li>
            ))}
          </ul>
        ))}
      <form className="inline-form" onSubmit={handleCreate} onFocus={preloadSchemas} noValidate>
        <h2>New workspace</h2>
        <label htmlFor="ws-name">Name</label>
        <input id="ws-name" name="name" required aria-invalid={!!error} aria-describedby="ws-name-error" />
        <button type="submit">Create workspace</button>
        <FieldError id="ws-name-error" message={error} />
      </form>
    </section>
  );
}

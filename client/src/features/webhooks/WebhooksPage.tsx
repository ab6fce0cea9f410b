/**
 * A workspace's webhooks (/w/:id/webhooks, editors and owners): the list, adding one (its secret
 * shown once), and for each its delivery log, a test, redeliveries, changes and deletion.
 */
import { useEffect, useMemo, useState } from "react";
import type { WebhookCreatedDto, WebhookDto } from "../../../../common/webhooks.ts";
import { api, ApiError } from "../../api/http.ts";
import { Link } from "../../app/router.tsx";
import { useLoad } from "../../app/use-load.ts";
import type { WorkspaceWithAbilities } from "../workspaces/types.ts";
import { SecretReveal } from "./SecretReveal.tsx";
import { WebhookCard } from "./WebhookCard.tsx";
import { WebhookForm } from "./WebhookForm.tsx";
import { webhooksApi } from "./webhooks-api.ts";
import "./webhooks.css";

function Webhooks({ workspace }: { workspace: WorkspaceWithAbilities }) {
  const hooksApi = useMemo(() => webhooksApi(workspace.id), [workspace.id]);
  const [hooks, setHooks] = useState<WebhookDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<WebhookCreatedDto | null>(null);

  useEffect(() => {
    hooksApi.list().then(
      ({ webhooks }) => setHooks(webhooks),
      (e: unknown) => setError(e instanceof ApiError ? e.message : "The webhooks could not be read."),
    );
  }, [hooksApi]);

  return (
    <>
      <p className="hint webhooks-intro">
        A webhook sends each chosen event of this workspace to another system as a signed JSON POST, retried when the receiver is down. Every change to
        webhooks is in the audit log.
      </p>
      {created && <SecretReveal secret={created.secret} url={created.webhook.url} onDone={() => setCreated(null)} />}
      {adding ? (
        <section className="panel" aria-labelledby="add-webhook">
          <h2 id="add-webhook">Add a webhook</h2>
          <WebhookForm
            api={hooksApi}
            role={workspace.role}
            onCreated={(c) => {
              setHooks((prev) => [...(prev ?? []), c.webhook]);
              setCreated(c);
              setAdding(false);
            }}
            onCancel={() => setAdding(false)}
          />
        </section>
      ) : (
        <p>
          <button type="button" className="primary" onClick={() => setAdding(true)}>
            Add a webhook
          </button>
        </p>
      )}
      {error && <p role="alert">{error}</p>}
      {hooks === null && !error && <p className="loading">Loading…</p>}
      {hooks?.length === 0 && <p className="muted">No webhooks yet.</p>}
      {hooks && hooks.length > 0 && (
        <ul className="webhook-list">
          {hooks.map((h) => (
            <WebhookCard key={h.id} api={hooksApi} role={workspace.role} webhook={h} onChanged={(next) => setHooks((prev) => prev?.map((x) => (x.id === next.id ? next : x)) ?? prev)} onDeleted={(id) => setHooks((prev) => prev?.filter((x) => x.id !== id) ?? prev)} />
          ))}
        </ul>
      )}
    </>
  );
}

export default function WebhooksPage({ id }: { id: string }) {
  const ws = useLoad(() => api.get<{ workspace: WorkspaceWithAbilities }>(`/workspaces/${encodeURIComponent(id)}`), [id]);
  if (ws.status === "loading") return <p className="loading">Loading…</p>;
  if (ws.status === "error")
    return (
      <section className="page narrow">
        <h1 tabIndex={-1}>Workspace unavailable</h1>
        <p role="alert">{ws.error.message}</p>
        <Link to="/">Back to your workspaces</Link>
      </section>
    );
  const { workspace } = ws.data;
  const base = `/w/${encodeURIComponent(workspace.id)}`;
  return (
    <section className="page webhooks-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Workspaces</Link> <span aria-hidden="true">/</span> <Link to={base}>{workspace.name}</Link> <span aria-hidden="true">/</span>{" "}
        <span aria-current="page">Webhooks</span>
      </nav>
      <h1 tabIndex={-1}>Webhooks of {workspace.name}</h1>
      {workspace.abilities["webhook.manage"] ? (
        <Webhooks workspace={workspace} />
      ) : (
        <p>
          Only editors and owners manage webhooks. Your role here is <span className="role-badge">{workspace.role}</span>.
        </p>
      )}
    </section>
  );
}

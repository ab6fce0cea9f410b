/**
 * Editors and owners manage the workspace's tag vocabulary: create, rename, recolour, describe,
 * move under another tag, merge into another (its claims and children move there, it is
 * archived), archive and unarchive. The hierarchy shows as paths. Through the REST routes; a
 * stale version (someone else changed the tag) reloads the list with a notice.
 */
import { useCallback, useState, type CSSProperties } from "react";
import type { TagDto } from "../../../../common/annotations.ts";
import { api, ApiError } from "../../api/http.ts";
import { useLoad } from "../../app/use-load.ts";
import { newClientMutationId } from "../../realtime/outbox.ts";
import { byPath, depthOf, tagChanges, targetsFor } from "./tag-tree.ts";
import { TagForm, type TagFields } from "./TagForm.tsx";

type Editing = { id: string; mode: "edit" | "merge" } | null;

export function TagManager({ workspaceId }: { workspaceId: string }) {
  const list = useLoad(() => api.get<{ tags: TagDto[] }>(`/workspaces/${encodeURIComponent(workspaceId)}/tags`), [workspaceId]);
  const [editing, setEditing] = useState<Editing>(null);
  const [creating, setCreating] = useState(false);
  const [showArchived, setShowArchived] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [mergeInto, setMergeInto] = useState("");
  const reload = list.reload;

  const run = useCallback(
    async (work: () => Promise<unknown>, done: string) => {
      setBusy(true);
      setMessage(null);
      try {
        await work();
        setMessage({ ok: true, text: done });
        setEditing(null);
        setCreating(false);
      } catch (e) {
        const err = e instanceof ApiError ? e : null;
        if (err?.status === 409 && err.code === "conflict") setMessage({ ok: false, text: `${err.message}. The list now shows the current tags.` });
        else setMessage({ ok: false, text: err?.message ?? "The change failed" });
      } finally {
        setBusy(false);
        reload();
      }
    },
    [reload],
  );

  if (list.status === "loading") return <p className="loading">Loading tags…</p>;
  if (list.status === "error") return <p role="alert">{list.error.message}</p>;
  const tags = list.data.tags;
  const shown = byPath(tags.filter((t) => showArchived || !t.archived));
  const archivedCount = tags.filter((t) => t.archived).length;

  const create = (f: TagFields) =>
    run(() => api.post(`/workspaces/${encodeURIComponent(workspaceId)}/tags`, { ...f, parentId: f.parentId ?? undefined, clientMutationId: newClientMutationId() }), `Created the tag “${f.name}”.`);
  const update = (t: TagDto, patch: Record<string, unknown>, done: string) => run(() => api.patch(`/tags/${encodeURIComponent(t.id)}`, { version: t.version, ...patch }), done);
  const merge = (t: TagDto, into: TagDto) => run(() => api.post(`/tags/${encodeURIComponent(t.id)}/merge`, { intoTagId: into.id, clientMutationId: newClientMutationId() }), `Merged “${t.path}” into “${into.path}”.`);

  return (
    <section aria-labelledby="tags-heading" className="panel tag-manager">
      <h2 id="tags-heading">Tags</h2>
      <p className="hint">The vocabulary analysts tag with. A tag filter includes the tags under it.</p>
      <div className="tag-manager-tools">
        <button type="button" onClick={() => setCreating((c) => !c)} aria-expanded={creating}>
          New tag
        </button>
        {archivedCount > 0 && (
          <label className="check-option">
            <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.currentTarget.checked)} />
            Show {archivedCount} archived
          </label>
        )}
      </div>
      {creating && <TagForm idPrefix="new-tag" tags={tags} busy={busy} submitLabel="Create tag" onSubmit={(f) => void create(f)} onCancel={() => setCreating(false)} />}
      <p className="bulk-result" role="status">
        {message?.ok ? message.text : ""}
      </p>
      <p className="form-error" role="alert">
        {message && !message.ok ? message.text : ""}
      </p>
      {shown.length === 0 ? (
        <p className="muted">No tags yet.</p>
      ) : (
        <ul className="tag-admin-list" aria-label="Tags by path">
          {shown.map((t) => {
            const isEditing = editing?.id === t.id;
            const targets = targetsFor(tags, t.id);
            return (
              <li key={t.id} className={`tag-admin depth-${Math.min(depthOf(t), 3)}${t.archived ? " is-archived" : ""}`} data-tag-id={t.id}>
                <div className="tag-admin-row">
                  <span className="tag-swatch" style={{ backgroundColor: t.color } as CSSProperties} aria-hidden="true" />
                  <span className="tag-path">{t.path}</span>
                  {t.archived && <span className="status-badge">archived</span>}
                  {t.description && <span className="muted tag-description">{t.description}</span>}
                  <span className="tag-actions">
                    {!t.archived && (
                      <>
                        <button type="button" className="link-button" aria-label={`Edit tag ${t.path}`} aria-expanded={isEditing && editing.mode === "edit"} onClick={() => setEditing(isEditing && editing.mode === "edit" ? null : { id: t.id, mode: "edit" })}>
                          Edit
                        </button>
                        <button
                          type="button"
                          className="link-button"
                          aria-label={`Merge tag ${t.path} into another`}
                          aria-expanded={isEditing && editing.mode === "merge"}
                          disabled={targets.length === 0}
                          onClick={() => {
                            setMergeInto("");
                            setEditing(isEditing && editing.mode === "merge" ? null : { id: t.id, mode: "merge" });
                          }}
                        >
                          Merge
                        </button>
                      </>
                    )}
                    <button type="button" className="link-button" disabled={busy} aria-label={`${t.archived ? "Unarchive" : "Archive"} tag ${t.path}`} onClick={() => void update(t, { archived: !t.archived }, `${t.archived ? "Unarchived" : "Archived"} “${t.path}”.`)}>
                      {t.archived ? "Unarchive" : "Archive"}
                    </button>
                  </span>
                </div>
                {isEditing && editing.mode === "edit" && (
                  <TagForm
                    idPrefix={`edit-tag-${t.id}`}
                    tags={tags}
                    tag={t}
                    busy={busy}
                    submitLabel="Save tag"
                    onCancel={() => setEditing(null)}
                    onSubmit={(f) => {
                      const changes = tagChanges(t, f);
                      if (Object.keys(changes).length === 0) return setEditing(null);
                      void update(t, changes, `Saved “${f.name}”.`);
                    }}
                  />
                )}
                {isEditing && editing.mode === "merge" && (
                  <form
                    className="tag-merge"
                    onSubmit={(e) => {
                      e.preventDefault();
                      const into = tags.find((x) => x.id === mergeInto);
                      if (into) void merge(t, into);
                    }}
                  >
                    <label htmlFor={`merge-${t.id}`}>Merge “{t.path}” into</label>
                    <select id={`merge-${t.id}`} value={mergeInto} onChange={(e) => setMergeInto(e.currentTarget.value)}>
                      <option value="">Choose a tag…</option>
                      {targets.map((x) => (
                        <option key={x.id} value={x.id}>
                          {x.path}
                        </option>
                      ))}
                    </select>
                    <p className="hint">Its annotations and sub-tags move to the chosen tag; “{t.name}” is then archived.</p>
                    <div className="form-actions">
                      <button type="submit" className="primary" disabled={busy || !mergeInto}>
                        Merge
                      </button>
                      <button type="button" onClick={() => setEditing(null)}>
                        Cancel
                      </button>
                    </div>
                  </form>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

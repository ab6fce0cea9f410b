/**
 * The annotation at the head of its thread: its heading (kind and author), when (and "edited"),
 * the quote, the note and tags, or the edit form; Show in text, Edit, Delete and the edit history.
 */
import { useSyncExternalStore, useState } from "react";
import type { RefObject } from "react";
import { useDocument } from "../document/document-context.ts";
import type { AnnotationView } from "../document/pending.ts";
import { AnnotationEditForm } from "../annotations/AnnotationEditForm.tsx";
import { AnnotationHistory } from "../annotations/AnnotationHistory.tsx";
import { KIND_LABELS } from "../annotations/labels.ts";
import { TagChips } from "../annotations/TagChips.tsx";
import { AnchorNote, SuggestionBox } from "../editing/SuggestionBox.tsx";
import { BodyView } from "./BodyView.tsx";

/** "(edited)", with the time in its title. */
export function EditedMark({ editedAt }: { editedAt: string | null }) {
  if (!editedAt) return null;
  const when = new Date(editedAt).toLocaleString();
  return (
    <span className="edited-mark muted" title={`Edited ${when}`}>
      (edited<span className="visually-hidden"> {when}</span>)
    </span>
  );
}

/** The thread's heading: kept by ThreadView in one place, so focus on it survives a pending annotation being saved. */
export function AnnotationHeading({ annotation: a, heading }: { annotation: AnnotationView | undefined; heading: RefObject<HTMLHeadingElement | null> }) {
  return (
    <h2 id="thread-heading" tabIndex={-1} ref={heading}>
      {a ? (
        <>
          <span className={`kind-badge kind-${a.kind}`}>{KIND_LABELS[a.kind]}</span> by {a.author.displayName}
        </>
      ) : (
        "This annotation is gone"
      )}
    </h2>
  );
}

export function AnnotationCard({ annotation: a }: { annotation: AnnotationView }) {
  const { me, canAnnotate, canModerate, tagsById, backToList, showInText, mutate, outbox } = useDocument();
  const entries = useSyncExternalStore(outbox.subscribe, () => outbox.list());
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  // Another annotation (the next claim): start afresh, keeping the same heading element so
  // focus stays put when a pending annotation becomes the saved one.
  const [shownId, setShownId] = useState(a.id);
  if (shownId !== a.id) {
    setShownId(a.id);
    setEditing(false);
    setConfirmDelete(false);
  }
  const mayChange = !a.pending && canAnnotate && (a.author.id === me.id || canModerate);
  const saving = entries.some((e) => e.name === "annotation:update" && e.input.annotationId === a.id);
  const what = KIND_LABELS[a.kind].toLowerCase();

  return (
    <>
      <p className="muted thread-meta">
        <time dateTime={a.createdAt}>{new Date(a.createdAt).toLocaleString()}</time>
        <EditedMark editedAt={a.editedAt} />
        {a.pending && <span className="pending-badge">waiting to send</span>}
        {saving && <span className="pending-badge">saving…</span>}
      </p>
      <blockquote className="thread-quote">{a.anchor.quote}</blockquote>
      <AnchorNote annotation={a} />
      <SuggestionBox annotation={a} />
      {editing ? (
        <AnnotationEditForm annotation={a} onDone={() => setEditing(false)} />
      ) : (
        <>
          <BodyView body={a.body} />
          <TagChips tagIds={a.tagIds} tagsById={tagsById} />
        </>
      )}
      {!editing && (
        <div className="thread-actions">
          <button type="button" onClick={() => showInText(a.id)}>
            Show in text
          </button>
          {mayChange && (
            <button type="button" disabled={saving} onClick={() => setEditing(true)}>
              Edit {what}
            </button>
          )}
          {mayChange &&
            (confirmDelete ? (
              <>
                <button
                  type="button"
                  className="danger"
                  onClick={() => {
                    mutate("annotation:delete", { annotationId: a.id, version: a.version });
                    backToList();
                  }}
                >
                  Confirm delete
                </button>
                <button type="button" onClick={() => setConfirmDelete(false)}>
                  Keep it
                </button>
              </>
            ) : (
              <button type="button" onClick={() => setConfirmDelete(true)}>
                Delete {what}
              </button>
            ))}
        </div>
      )}
      {!a.pending && <AnnotationHistory annotationId={a.id} version={a.version} />}
    </>
  );
}

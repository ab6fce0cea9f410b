/**
 * Editing a saved annotation: its kind (with what that means for a claim's review), note and
 * tags. Only changed fields are sent, against the version the form started from; Ctrl+Enter
 * saves, Escape cancels. While untouched it follows the annotation as others change it; once
 * edited it keeps the edits and says so when someone else saved first (saving would be refused).
 */
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import type { JSONContent } from "@tiptap/react";
import { ANNOTATION_KINDS } from "../../../../common/annotations.ts";
import { MAX_BODY_CHARS } from "../../../../common/bodies.ts";
import { useDocument } from "../document/document-context.ts";
import type { AnnotationView } from "../document/pending.ts";
import { SHORTCUTS, titled } from "../document/shortcuts.ts";
import { BodyEditor, type BodyEditorHandle } from "../threads/BodyEditor.tsx";
import { annotationChanges, draftOf, kindChangeNote, type AnnotationDraft } from "./edit-annotation.ts";
import { KIND_LABELS } from "./labels.ts";
import { TagPicker } from "./TagPicker.tsx";

export function AnnotationEditForm({ annotation: a, onDone }: { annotation: AnnotationView; onDone(): void }) {
  const { data, mutate, tagsById, members } = useDocument();
  const [base, setBase] = useState(a);
  const [draft, setDraft] = useState<AnnotationDraft>(() => draftOf(a));
  const [dirty, setDirty] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const rich = useRef<BodyEditorHandle>(null);
  const [richTouched, setRichTouched] = useState(false);
  // Untouched: follow the annotation as it changes (someone else's edit, ours once confirmed).
  if (!dirty && a !== base) {
    setBase(a);
    setDraft(draftOf(a));
  }
  const id = (s: string) => `edit-${a.id}-${s}`;
  const canTag = !!data.workspace.abilities["tag.apply"];
  const isRich = base.body.format === "rich";
  const kindNote = kindChangeNote(base.kind, draft.kind, base.claim);

  const noteRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (isRich) rich.current?.focus();
    else noteRef.current?.focus();
  }, [isRich]);

  function edit(patch: Partial<AnnotationDraft>) {
    setDraft((d) => ({ ...d, ...patch }));
    setDirty(true);
    setProblem(null);
  }

  function save(e?: FormEvent) {
    e?.preventDefault();
    const changes = annotationChanges(draftOf(base), draft);
    const richBody = isRich && richTouched ? rich.current?.body() : undefined;
    if (Object.keys(changes).length === 0 && !richBody) return setProblem("Nothing to save: change the kind, the note or the tags first.");
    const { note, ...rest } = changes;
    mutate("annotation:update", {
      annotationId: a.id,
      version: base.version,
      ...rest,
      ...(richBody ? { body: richBody } : note !== undefined && !isRich ? { body: { format: "text", text: note } } : {}),
    });
    onDone();
  }

  function handleKeyDown(e: KeyboardEvent<HTMLFormElement>) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      save();
    } else if (e.key === "Escape") {
      // Cancels the edit only: the thread around it stays open.
      e.preventDefault();
      e.stopPropagation();
      onDone();
    }
  }

  const stale = dirty && a.version !== base.version;
  return (
    <form className="annotation-edit" aria-label={`Edit this ${KIND_LABELS[base.kind].toLowerCase()}`} onSubmit={save} onKeyDown={handleKeyDown} noValidate>
      <fieldset className="kind-picker">
        <legend>Kind</legend>
        {ANNOTATION_KINDS.map((k) => (
          <label key={k} className={`kind-option kind-${k}`}>
            <input type="radio" name={id("kind")} value={k} checked={draft.kind === k} onChange={() => edit({ kind: k })} />
            {KIND_LABELS[k]}
          </label>
        ))}
      </fieldset>
      <p className="kind-change-note" aria-live="polite" id={id("kind-note")}>
        {kindNote}
      </p>
      {isRich ? (
        <BodyEditor
          ref={rich}
          id={id("note")}
          label="Note"
          members={members}
          initial={base.body.format === "rich" ? (base.body.doc as JSONContent) : undefined}
          onSubmit={() => save()}
          onInput={() => {
            setRichTouched(true);
            setDirty(true);
          }}
        />
      ) : (
        <>
          <label htmlFor={id("note")}>{draft.kind === "highlight" ? "Note (optional)" : "Note"}</label>
          <textarea id={id("note")} ref={noteRef} rows={4} maxLength={MAX_BODY_CHARS} value={draft.note} onChange={(e) => edit({ note: e.currentTarget.value })} />
        </>
      )}
      <p className="hint kbd-hint">Ctrl+Enter saves, Escape cancels.</p>
      {canTag && <TagPicker tags={[...tagsById.values()]} selected={draft.tagIds} onChange={(tagIds) => edit({ tagIds })} idPrefix={id("tags")} />}
      {stale && (
        <p className="notice-inline" role="status">
          Someone else changed this annotation while you were editing; saving now would be refused.{" "}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setDirty(false);
              setRichTouched(false);
              setBase(a);
              setDraft(draftOf(a));
            }}
          >
            Discard my edits and show theirs
          </button>
        </p>
      )}
      <p className="field-error" role="alert" hidden={!problem}>
        {problem}
      </p>
      <div className="form-actions">
        <button type="submit" className="primary" title={titled("Save changes", "save")} aria-keyshortcuts={SHORTCUTS.save.aria}>
          Save changes
        </button>
        <button type="button" onClick={onDone} title={titled("Cancel", "cancel")} aria-keyshortcuts={SHORTCUTS.cancel.aria}>
          Cancel
        </button>
      </div>
    </form>
  );
}

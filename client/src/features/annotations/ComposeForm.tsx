/**
 * A new annotation on the selected text: kind, tags, the first note. Ctrl+Enter saves, Escape
 * cancels (back to the text). Saving queues the mutation (sent now, or when back online).
 */
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { ANNOTATION_KINDS, MAX_REPLACEMENT_CHARS, type AnnotationKind } from "../../../../common/annotations.ts";
import { MAX_BODY_CHARS } from "../../../../common/bodies.ts";
import { useDocument } from "../document/document-context.ts";
import { PENDING_PREFIX } from "../document/pending.ts";
import { SHORTCUTS, titled } from "../document/shortcuts.ts";
import { KIND_LABELS } from "./labels.ts";
import type { Draft } from "./Sidebar.tsx";
import { TagPicker } from "./TagPicker.tsx";

export function ComposeForm({ draft, onDone }: { draft: Draft; onDone(openId: string | null): void }) {
  const { data, mutate, tagsById, selectInText } = useDocument();
  const [kind, setKind] = useState<AnnotationKind>(draft.kind);
  const [tagIds, setTagIds] = useState<string[]>([]);
  const [note, setNote] = useState("");
  const [replacement, setReplacement] = useState(draft.anchor.quote);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const replacementRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    (draft.kind === "suggestion" ? replacementRef : noteRef).current?.focus();
    // Only on opening: a later change of kind keeps the focus where the person is.
  }, []);

  function save() {
    if (draft.lost) return;
    const cmid = mutate("annotation:create", {
      documentId: data.document.id,
      kind,
      body: { format: "text", text: note.trim() },
      anchor: draft.anchor,
      tagIds,
      ...(kind === "suggestion" ? { replacement } : {}),
    });
    onDone(PENDING_PREFIX + cmid);
  }

  function cancel() {
    onDone(null);
    // Back to the text with the same selection, so the person can carry on from there.
    requestAnimationFrame(() => selectInText(draft.range));
  }

  function handleKeyDown(e: KeyboardEvent<HTMLFormElement>) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      save();
    } else if (e.key === "Escape") {
      e.preventDefault();
      cancel();
    }
  }

  return (
    <form
      className="compose"
      aria-labelledby="compose-heading"
      onKeyDown={handleKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <h2 id="compose-heading">New {KIND_LABELS[kind].toLowerCase()}</h2>
      <blockquote className="compose-quote">{draft.anchor.quote}</blockquote>
      {draft.lost && (
        <p role="alert" className="compose-lost">
          The words you selected were just removed from the text by an edit. Your note is kept: cancel, select other words and start again, or copy it first.
        </p>
      )}
      <fieldset className="kind-picker">
        <legend>Kind</legend>
        {ANNOTATION_KINDS.map((k) => (
          <label key={k} className={`kind-option kind-${k}`}>
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            {KIND_LABELS[k]}
          </label>
        ))}
      </fieldset>
      {kind === "suggestion" && (
        <>
          <label htmlFor="compose-replacement">Replace with</label>
          <textarea id="compose-replacement" ref={replacementRef} rows={2} maxLength={MAX_REPLACEMENT_CHARS} value={replacement} onChange={(e) => setReplacement(e.currentTarget.value)} aria-describedby="compose-replacement-help" />
          <p id="compose-replacement-help" className="hint">
            The selected words would become this text when an editor accepts it (leave it empty to suggest deleting them).
          </p>
        </>
      )}
      <label htmlFor="compose-note">{kind === "highlight" || kind === "suggestion" ? "Note (optional)" : "Note"}</label>
      <textarea id="compose-note" ref={noteRef} rows={4} maxLength={MAX_BODY_CHARS} value={note} onChange={(e) => setNote(e.currentTarget.value)} aria-describedby="compose-help" />
      <p id="compose-help" className="hint kbd-hint">
        Ctrl+Enter saves, Escape cancels.
      </p>
      <TagPicker tags={[...tagsById.values()]} selected={tagIds} onChange={setTagIds} idPrefix="compose" />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={draft.lost} title={titled(`Save ${KIND_LABELS[kind].toLowerCase()}`, "save")} aria-keyshortcuts={SHORTCUTS.save.aria}>
          Save {KIND_LABELS[kind].toLowerCase()}
        </button>
        <button type="button" onClick={cancel} title={titled("Cancel", "cancel")} aria-keyshortcuts={SHORTCUTS.cancel.aria}>
          Cancel
        </button>
      </div>
    </form>
  );
}

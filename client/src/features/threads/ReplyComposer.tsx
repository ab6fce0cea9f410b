/** Writes a reply (optionally to another reply) with a stance; shares "typing" with the others. */
import { useRef, useState } from "react";
import type { Stance } from "../../../../common/annotations.ts";
import { useDocument } from "../document/document-context.ts";
import { SHORTCUTS, titled } from "../document/shortcuts.ts";
import type { ReplyView } from "../document/pending.ts";
import { BodyEditor, type BodyEditorHandle } from "./BodyEditor.tsx";
import { StancePicker } from "./StancePicker.tsx";
import { useTyping } from "./use-typing.ts";

export function ReplyComposer({ annotationId, replyTo, onClearReplyTo }: { annotationId: string; replyTo: ReplyView | null; onClearReplyTo(): void }) {
  const { mutate, members, session } = useDocument();
  const [stance, setStance] = useState<Stance>("none");
  const [error, setError] = useState<string>();
  const editor = useRef<BodyEditorHandle>(null);
  const { typing, stop } = useTyping(session, annotationId);

  function send() {
    const body = editor.current?.body();
    if (!body) {
      setError("Write something first.");
      editor.current?.focus();
      return;
    }
    mutate("reply:create", { annotationId, body, stance, ...(replyTo ? { parentId: replyTo.id } : {}) });
    editor.current?.clear();
    setStance("none");
    setError(undefined);
    stop();
    onClearReplyTo();
  }

  return (
    <form
      className="reply-composer"
      aria-label="Reply"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {replyTo && (
        <p className="replying-to">
          Replying to {replyTo.author.displayName}{" "}
          <button type="button" className="link-button" onClick={onClearReplyTo}>
            Reply to the annotation instead
          </button>
        </p>
      )}
      <StancePicker name={`stance-${annotationId}`} value={stance} onChange={setStance} />
      <BodyEditor
        key={annotationId}
        ref={editor}
        id={`reply-${annotationId}`}
        label={replyTo ? `Reply to ${replyTo.author.displayName}` : "Your reply"}
        members={members}
        onSubmit={send}
        onInput={typing}
        onBlur={stop}
      />
      <p className="hint">
        Type @ to mention someone.<span className="kbd-hint"> Ctrl+Enter sends.</span>
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" title={titled("Send reply", "save")} aria-keyshortcuts={SHORTCUTS.save.aria}>
        Send reply
      </button>
    </form>
  );
}

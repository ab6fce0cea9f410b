/** One reply: author, stance, text (or the placeholder once deleted), and its actions. */
import { useRef, useState } from "react";
import type { Stance } from "../../../../common/annotations.ts";
import type { JSONContent } from "@tiptap/react";
import { useDocument } from "../document/document-context.ts";
import type { ReplyView } from "../document/pending.ts";
import { STANCE_LABELS } from "../annotations/labels.ts";
import { BodyEditor, type BodyEditorHandle } from "./BodyEditor.tsx";
import { BodyView } from "./BodyView.tsx";
import { StancePicker } from "./StancePicker.tsx";

export function ReplyItem({ reply: r, onReply }: { reply: ReplyView; onReply?: () => void }) {
  const { me, canAnnotate, canModerate, mutate, members } = useDocument();
  const [editing, setEditing] = useState(false);
  const [stance, setStance] = useState<Stance>(r.stance);
  const [confirm, setConfirm] = useState(false);
  const editor = useRef<BodyEditorHandle>(null);
  const own = r.author.id === me.id;
  const mayEdit = !r.pending && !r.deleted && canAnnotate && own;
  const mayDelete = !r.pending && !r.deleted && canAnnotate && (own || canModerate);

  if (r.deleted)
    return (
      <article className="reply is-deleted" aria-label="Deleted reply">
        <p className="muted">This reply was deleted.</p>
      </article>
    );

  function save() {
    const body = editor.current?.body();
    if (!body) return;
    mutate("reply:update", { replyId: r.id, version: r.version, body, stance });
    setEditing(false);
  }

  const initial: JSONContent | string | undefined = r.body?.format === "rich" ? (r.body.doc as JSONContent) : r.body?.text;
  return (
    <article className={`reply${r.pending ? " is-pending" : ""}`} aria-label={`Reply by ${r.author.displayName}`}>
      <header className="reply-head">
        <strong>{r.author.displayName}</strong>
        {r.stance !== "none" && <span className={`stance-badge stance-${r.stance}`}>{STANCE_LABELS[r.stance]}</span>}
        <time className="muted" dateTime={r.createdAt}>
          {new Date(r.createdAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}
        </time>
        {r.version > 1 && <span className="muted">(edited)</span>}
        {r.pending && <span className="pending-badge">waiting to send</span>}
      </header>
      {editing ? (
        <div className="reply-edit">
          <StancePicker name={`edit-stance-${r.id}`} value={stance} onChange={setStance} />
          <BodyEditor ref={editor} id={`edit-${r.id}`} label="Edit your reply" members={members} initial={initial} onSubmit={save} onCancel={() => setEditing(false)} />
          <div className="form-actions">
            <button type="button" className="primary" onClick={save}>
              Save reply
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        r.body && <BodyView body={r.body} />
      )}
      {!editing && (onReply || mayEdit || mayDelete) && (
        <div className="reply-actions">
          {onReply && (
            <button type="button" className="link-button" onClick={onReply} aria-label={`Reply to ${r.author.displayName}`}>
              Reply
            </button>
          )}
          {mayEdit && (
            <button type="button" className="link-button" onClick={() => setEditing(true)} aria-label="Edit your reply">
              Edit
            </button>
          )}
          {mayDelete &&
            (confirm ? (
              <button type="button" className="link-button danger" onClick={() => mutate("reply:delete", { replyId: r.id, version: r.version })}>
                Confirm delete
              </button>
            ) : (
              <button type="button" className="link-button" onClick={() => setConfirm(true)} aria-label={own ? "Delete your reply" : `Delete reply by ${r.author.displayName}`}>
                Delete
              </button>
            ))}
        </div>
      )}
    </article>
  );
}

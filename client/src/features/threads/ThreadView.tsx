/**
 * One annotation's thread: the annotation, its claim review (claims), replies, composer. The
 * replies are fetched when the thread opens (the list arrives without them).
 */
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { useDocument } from "../document/document-context.ts";
import { pendingReplies, type AnnotationView, type ReplyView } from "../document/pending.ts";
import { useSessionSnapshot } from "../document/use-session-snapshot.ts";
import { KIND_LABELS } from "../annotations/labels.ts";
import { TagChips } from "../annotations/TagChips.tsx";
import { ClaimReviewPanel } from "../review/ClaimReviewPanel.tsx";
import { BodyView } from "./BodyView.tsx";
import { ReplyComposer } from "./ReplyComposer.tsx";
import { ReplyItem } from "./ReplyItem.tsx";

function byParent(replies: ReplyView[]): Map<string | null, ReplyView[]> {
  const known = new Set(replies.map((r) => r.id));
  const out = new Map<string | null, ReplyView[]>();
  for (const r of [...replies].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))) {
    const parent = r.parentId && known.has(r.parentId) ? r.parentId : null;
    out.set(parent, [...(out.get(parent) ?? []), r]);
  }
  return out;
}

function repliesHeading(state: string, count: number, shown: number): string {
  if (state === "loading" || state === "idle") return count === 0 ? "Loading replies…" : `Loading ${count} ${count === 1 ? "reply" : "replies"}…`;
  if (state === "error") return `${count} ${count === 1 ? "reply" : "replies"}`;
  return shown === 0 ? "No replies yet" : `${shown} ${shown === 1 ? "reply" : "replies"}`;
}

export function ThreadView({ id, focusHeading, annotations }: { id: string; focusHeading: boolean; annotations: AnnotationView[] }) {
  const { me, canAnnotate, canModerate, tagsById, backToList, showInText, mutate, outbox, store } = useDocument();
  const { typing } = useSessionSnapshot();
  const entries = useSyncExternalStore(outbox.subscribe, () => outbox.list());
  const heading = useRef<HTMLHeadingElement>(null);
  const [replyTo, setReplyTo] = useState<ReplyView | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const a = annotations.find((x) => x.id === id);

  useEffect(() => {
    if (focusHeading) heading.current?.focus();
  }, [id, focusHeading]);

  const pendingAnnotation = !!a?.pending;
  useEffect(() => {
    if (!pendingAnnotation) store.ensureThread(id);
  }, [id, pendingAnnotation, store]);
  const threadState = a?.pending ? "loaded" : store.threadState(id);

  const replies = useMemo(() => (a ? [...(a.replies ?? []), ...pendingReplies(entries, a.id, me, (cmid) => store.createdBy(cmid))] : []), [a, entries, me, store]);
  const tree = useMemo(() => byParent(replies), [replies]);

  if (!a)
    return (
      <section className="thread" aria-labelledby="thread-heading">
        <button type="button" className="link-button back" onClick={backToList}>
          ← All annotations
        </button>
        <h2 id="thread-heading" tabIndex={-1} ref={heading}>
          This annotation is gone
        </h2>
        <p>It was deleted, or it does not pass the current filters.</p>
      </section>
    );

  const mayDelete = !a.pending && canAnnotate && (a.author.id === me.id || canModerate);
  const typers = typing.filter((t) => t.annotationId === a.id && t.userId !== me.id);
  const typerNames = [...new Set(typers.map((t) => t.displayName))];

  const renderReplies = (parent: string | null, depth: number) => {
    const list = tree.get(parent);
    if (!list?.length) return null;
    return (
      <ol className={depth === 0 ? "replies" : "replies nested"}>
        {list.map((r) => (
          <li key={r.id}>
            <ReplyItem reply={r} onReply={canAnnotate && !r.pending ? () => setReplyTo(r) : undefined} />
            {renderReplies(r.id, depth + 1)}
          </li>
        ))}
      </ol>
    );
  };

  return (
    <section className="thread" aria-labelledby="thread-heading">
      <button type="button" className="link-button back" onClick={backToList}>
        ← All annotations
      </button>
      <h2 id="thread-heading" tabIndex={-1} ref={heading}>
        <span className={`kind-badge kind-${a.kind}`}>{KIND_LABELS[a.kind]}</span> by {a.author.displayName}
      </h2>
      <p className="muted thread-meta">
        <time dateTime={a.createdAt}>{new Date(a.createdAt).toLocaleString()}</time>
        {a.pending && <span className="pending-badge">waiting to send</span>}
      </p>
      <blockquote className="thread-quote">{a.anchor.quote}</blockquote>
      <BodyView body={a.body} />
      <TagChips tagIds={a.tagIds} tagsById={tagsById} />
      {a.kind === "claim" && <ClaimReviewPanel annotation={a} />}
      <div className="thread-actions">
        <button type="button" onClick={() => showInText(a.id)}>
          Show in text
        </button>
        {mayDelete &&
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
              Delete {KIND_LABELS[a.kind].toLowerCase()}
            </button>
          ))}
      </div>
      <h3 className="replies-heading">{repliesHeading(threadState, a.thread.replyCount, replies.length)}</h3>
      {threadState === "error" && (
        <p role="alert">
          The replies could not be loaded.{" "}
          <button type="button" className="link-button" onClick={() => store.ensureThread(a.id)}>
            Try again
          </button>
        </p>
      )}
      {renderReplies(null, 0)}
      <p className="typing" aria-live="polite">
        {typerNames.length > 0 && `${typerNames.join(", ")} ${typerNames.length === 1 ? "is" : "are"} typing…`}
      </p>
      {canAnnotate &&
        (a.pending ? (
          <p className="muted">Replies open once this annotation has reached the server.</p>
        ) : (
          <ReplyComposer annotationId={a.id} replyTo={replyTo} onClearReplyTo={() => setReplyTo(null)} />
        ))}
    </section>
  );
}

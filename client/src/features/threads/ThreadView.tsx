/**
 * One annotation's thread: the annotation (editable), its claim review (claims), replies,
 * composer, and the way back and on: Escape returns to the list, [ and ] (or the buttons) move
 * to the previous or next claim. The replies are fetched when the thread opens.
 */
import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent } from "react";
import { useDocument } from "../document/document-context.ts";
import { PENDING_PREFIX, pendingReplies, type AnnotationView, type ReplyView } from "../document/pending.ts";
import { SHORTCUTS, titled, typingIn } from "../document/shortcuts.ts";
import { useSessionSnapshot } from "../document/use-session-snapshot.ts";
import { ClaimReviewPanel } from "../review/ClaimReviewPanel.tsx";
import { AnnotationCard, AnnotationHeading } from "./AnnotationCard.tsx";
import { ReplyComposer } from "./ReplyComposer.tsx";
import { ThreadReplies } from "./ThreadReplies.tsx";
import "./threads.css";

/** The claims before and after `id`, in the order given (document order). */
export function neighbourClaims(sequence: AnnotationView[], id: string): { prev: AnnotationView | null; next: AnnotationView | null } {
  const claims = sequence.filter((x) => x.kind === "claim");
  const at = claims.findIndex((x) => x.id === id);
  if (at >= 0) return { prev: claims[at - 1] ?? null, next: claims[at + 1] ?? null };
  // Not a claim itself: the nearest claims around its place in the sequence.
  const pos = sequence.findIndex((x) => x.id === id);
  if (pos < 0) return { prev: null, next: null };
  const before = sequence.slice(0, pos).filter((x) => x.kind === "claim");
  return { prev: before[before.length - 1] ?? null, next: sequence.slice(pos + 1).find((x) => x.kind === "claim") ?? null };
}

function ThreadNav({ id, sequence, onBack }: { id: string; sequence: AnnotationView[]; onBack(): void }) {
  const { openThread } = useDocument();
  const { prev, next } = neighbourClaims(sequence, id);
  return (
    <div className="thread-nav">
      <button type="button" className="link-button back" onClick={onBack} title={titled("All annotations", "back")} aria-keyshortcuts={SHORTCUTS.back.aria}>
        ← All annotations
      </button>
      <span className="claim-steps" role="group" aria-label="Claims in document order">
        <button type="button" className="claim-step" disabled={!prev} onClick={() => prev && openThread(prev.id, { focus: true })} title={titled("Previous claim", "prevClaim")} aria-keyshortcuts={SHORTCUTS.prevClaim.aria}>
          ‹ Previous claim
        </button>
        <button type="button" className="claim-step" disabled={!next} onClick={() => next && openThread(next.id, { focus: true })} title={titled("Next claim", "nextClaim")} aria-keyshortcuts={SHORTCUTS.nextClaim.aria}>
          Next claim ›
        </button>
      </span>
    </div>
  );
}

export function ThreadView({ id, focusHeading, annotations, sequence }: { id: string; focusHeading: boolean; annotations: AnnotationView[]; sequence: AnnotationView[] }) {
  const { me, canAnnotate, backToList, openThread, outbox, store } = useDocument();
  const { typing } = useSessionSnapshot();
  const entries = useSyncExternalStore(outbox.subscribe, () => outbox.list());
  const heading = useRef<HTMLHeadingElement>(null);
  const [replyTo, setReplyTo] = useState<ReplyView | null>(null);
  // A pending annotation the server has just saved: show the saved one until the mode follows.
  const savedId = id.startsWith(PENDING_PREFIX) ? store.createdBy(id.slice(PENDING_PREFIX.length)) : undefined;
  const a = annotations.find((x) => x.id === id) ?? (savedId ? annotations.find((x) => x.id === savedId) : undefined);
  // Moving between claims walks the list as filtered; a thread opened from elsewhere walks them all.
  const steps = sequence.some((x) => x.id === id) ? sequence : annotations;

  useEffect(() => {
    if (focusHeading) heading.current?.focus();
  }, [id, focusHeading]);

  const pendingAnnotation = !!a?.pending;
  const shownId = a?.id ?? id;
  useEffect(() => {
    if (!pendingAnnotation) store.ensureThread(shownId);
  }, [shownId, pendingAnnotation, store]);
  const threadState = a?.pending ? "loaded" : store.threadState(shownId);

  const replies = useMemo(() => (a ? [...(a.replies ?? []), ...pendingReplies(entries, a.id, me, (cmid) => store.createdBy(cmid))] : []), [a, entries, me, store]);

  // Parts that use Escape themselves (forms, the mention list) stop it from reaching here;
  // defaultPrevented says nothing, since every ProseMirror editor marks Escape as handled.
  function handleKeyDown(e: KeyboardEvent<HTMLElement>) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === "Escape") {
      e.preventDefault();
      // From a field, first out of it (a draft must not vanish on a stray Escape); then back.
      if (typingIn(e.target)) heading.current?.focus();
      else backToList();
      return;
    }
    if ((e.key === "[" || e.key === "]") && !e.defaultPrevented && !typingIn(e.target)) {
      const { prev, next } = neighbourClaims(steps, id);
      const to = e.key === "[" ? prev : next;
      if (to) {
        e.preventDefault();
        openThread(to.id, { focus: true });
      }
    }
  }

  if (!a)
    return (
      <section className="thread" aria-labelledby="thread-heading" onKeyDown={handleKeyDown}>
        <ThreadNav id={id} sequence={steps} onBack={backToList} />
        <AnnotationHeading annotation={a} heading={heading} />
        <p>It was deleted, or it does not pass the current filters.</p>
      </section>
    );

  const typers = typing.filter((t) => t.annotationId === a.id && t.userId !== me.id);
  const typerNames = [...new Set(typers.map((t) => t.displayName))];

  return (
    <section className="thread" aria-labelledby="thread-heading" onKeyDown={handleKeyDown}>
      <ThreadNav id={id} sequence={steps} onBack={backToList} />
      <AnnotationHeading annotation={a} heading={heading} />
      <AnnotationCard annotation={a} />
      {a.kind === "claim" && <ClaimReviewPanel annotation={a} />}
      <ThreadReplies replies={replies} state={threadState} count={a.thread.replyCount} canReply={canAnnotate} onReplyTo={setReplyTo} />
      {threadState === "error" && (
        <p role="alert">
          The replies could not be loaded.{" "}
          <button type="button" className="link-button" onClick={() => store.ensureThread(a.id)}>
            Try again
          </button>
        </p>
      )}
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

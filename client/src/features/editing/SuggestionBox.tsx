/**
 * A suggestion in its thread: the words it would replace and what it proposes, its state, and
 * for editors Accept and Reject (the accepted text goes through the edit path for everyone).
 */
import { useSyncExternalStore } from "react";
import { CERTAIN_CONFIDENCE } from "../../../../common/anchoring.ts";
import { useDocument } from "../document/document-context.ts";
import type { AnnotationView } from "../document/pending.ts";

const STATE_LABELS = { open: "Open — waiting for an editor", accepted: "Accepted", rejected: "Rejected" } as const;

export function SuggestionBox({ annotation: a }: { annotation: AnnotationView }) {
  const { canEdit, mutate, outbox, members } = useDocument();
  const entries = useSyncExternalStore(outbox.subscribe, () => outbox.list());
  const s = a.suggestion;
  if (a.kind !== "suggestion" || !s) return null;
  const deciding = entries.some((e) => (e.name === "suggestion:accept" || e.name === "suggestion:reject") && e.input.annotationId === a.id);
  const decider = s.decidedBy ? (members.find((m) => m.userId === s.decidedBy)?.displayName ?? "an editor") : null;
  return (
    <section className="suggestion-box" aria-label="Suggested change">
      <p className="suggestion-change">
        {s.state === "accepted" ? "Replaced " : "Replace "}
        <del>{s.state === "accepted" ? "the earlier words" : a.anchor.quote}</del> with <ins>{s.replacement || "nothing (delete)"}</ins>
      </p>
      <p className="suggestion-state" data-state={s.state}>
        {STATE_LABELS[s.state]}
        {decider && ` by ${decider}`}
        {s.decidedAt && ` on ${new Date(s.decidedAt).toLocaleString()}`}
        {s.appliedVersion && ` (version ${s.appliedVersion})`}
        {deciding && " — sending…"}
      </p>
      {canEdit && s.state === "open" && !a.pending && (
        <div className="thread-actions">
          <button type="button" className="primary" disabled={deciding} onClick={() => mutate("suggestion:accept", { annotationId: a.id, version: s.version })}>
            Accept suggestion
          </button>
          <button type="button" disabled={deciding} onClick={() => mutate("suggestion:reject", { annotationId: a.id, version: s.version })}>
            Reject suggestion
          </button>
        </div>
      )}
    </section>
  );
}

/** Why an annotation's place in the text may be off: its words changed, or are gone. */
export function AnchorNote({ annotation: a }: { annotation: AnnotationView }) {
  if (a.anchor.state === "orphaned")
    return (
      <p className="anchor-note orphan-badge" role="note">
        Its words are gone from the text{a.anchor.dismissed ? " (taken off the re-attach list)" : ": it needs re-attaching"}.
      </p>
    );
  if (a.anchor.confidence < CERTAIN_CONFIDENCE)
    return (
      <p className="anchor-note uncertain-badge" role="note">
        Text changed since this was written; check the passage ({Math.round(a.anchor.confidence * 100)}% sure it is the same words).
      </p>
    );
  return null;
}

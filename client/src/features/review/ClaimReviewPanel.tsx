/**
 * A claim's review inside its thread: status, verdict (reviewer, time, rationale, sources),
 * assignee, stance tally, the controls the caller's role allows, and the history. Changes go
 * through the outbox as claim:review / claim:assign; while one is waiting the controls rest, so
 * two changes never race on the same claim version.
 */
import { useMemo, useRef, useState, useSyncExternalStore } from "react";
import type { ClaimStateDto } from "../../../../common/annotations.ts";
import { isVerdict } from "../../../../common/review.ts";
import { useDocument } from "../document/document-context.ts";
import type { AnnotationView } from "../document/pending.ts";
import { STANCE_LABELS } from "../annotations/labels.ts";
import { AssigneePicker } from "./AssigneePicker.tsx";
import { ClaimHistory } from "./ClaimHistory.tsx";
import { reviews } from "../../../../common/review-rules.ts";
import { asStatus, canReview, nextStatusesFor, powersOf } from "./review-rules.ts";
import { ReviewForm } from "./ReviewForm.tsx";
import { moveLabel, StatusBadge } from "./status.tsx";

const OPEN_CLAIM: ClaimStateDto = { status: "open", assigneeId: null, reviewerId: null, rationale: "", sources: [], decidedAt: null, version: 1 };

export function ClaimReviewPanel({ annotation: a }: { annotation: AnnotationView }) {
  const { data, me, members, mutate, outbox } = useDocument();
  const entries = useSyncExternalStore(outbox.subscribe, () => outbox.list());
  const claim = a.claim ?? OPEN_CLAIM;
  const status = asStatus(claim.status);
  // Assignment grants the right to review that one claim (common/review-rules.ts).
  const assignedToMe = claim.assigneeId === me.id;
  const powers = powersOf(data.workspace.abilities, a.author.id === me.id, assignedToMe);
  const reviewer = reviews(powers);
  const names = useMemo(() => new Map(members.map((m) => [m.userId, m.displayName])), [members]);
  const nameOf = (id: string) => names.get(id) ?? "a former member";
  const pending = entries.some((e) => (e.name === "claim:review" || e.name === "claim:assign") && e.input.annotationId === a.id);
  const live = !a.pending && a.claim !== null;

  const review = (input: { version: number; status?: typeof status; rationale?: string; sources?: string[] }) => mutate("claim:review", { annotationId: a.id, ...input });
  const [reviewing, setReviewing] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const closeForm = () => {
    setReviewing(false);
    requestAnimationFrame(() => toggle.current?.focus());
  };
  const quickMoves = !reviewer ? nextStatusesFor(status, powers) : [];

  return (
    <section className="claim-box" aria-labelledby={`claim-review-${a.id}`}>
      <h3 id={`claim-review-${a.id}`} className="claim-review-heading">
        Claim review
      </h3>
      <p className="claim-status-line">
        Status: <StatusBadge status={status} />
        {pending && <span className="pending-badge">saving…</span>}
      </p>
      {isVerdict(status) && claim.reviewerId && (
        <p className="muted verdict-by">
          Decided by {nameOf(claim.reviewerId)}
          {claim.decidedAt && (
            <>
              {" "}
              on <time dateTime={claim.decidedAt}>{new Date(claim.decidedAt).toLocaleString()}</time>
            </>
          )}
        </p>
      )}
      {claim.rationale && (
        <div className="verdict-rationale">
          <h4>Rationale</h4>
          <p>{claim.rationale}</p>
        </div>
      )}
      {claim.sources.length > 0 && (
        <div className="verdict-sources">
          <h4>Sources</h4>
          <ul>
            {claim.sources.map((s) => (
              <li key={s}>
                <a href={s} target="_blank" rel="noopener noreferrer nofollow">
                  {s}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="claim-assignee">
        {powers.assign && live ? (
          <AssigneePicker
            id={`assignee-${a.id}`}
            members={members}
            value={claim.assigneeId}
            meId={me.id}
            disabled={pending}
            onChange={(assigneeId) => mutate("claim:assign", { annotationId: a.id, version: claim.version, assigneeId })}
          />
        ) : (
          <p>
            Assigned to: <strong>{assignedToMe ? "you" : claim.assigneeId ? nameOf(claim.assigneeId) : "nobody"}</strong>
            {assignedToMe && !powers.decide && reviewer && <span className="assigned-note"> — you review this claim: move it, decide its verdict and give the rationale.</span>}
          </p>
        )}
      </div>
      <dl className="tally" aria-label="Stances in the thread (latest per person)">
        {(["supports", "disputes", "questions"] as const).map((s) => (
          <div key={s} className={`tally-item stance-${s}`}>
            <dt>{STANCE_LABELS[s]}</dt>
            <dd data-stance={s}>{a.thread.tally[s]}</dd>
          </div>
        ))}
      </dl>
      {live && reviewer && (
        <>
          <button ref={toggle} type="button" className="review-toggle" aria-expanded={reviewing} aria-controls={`review-form-${a.id}`} onClick={() => setReviewing((r) => !r)}>
            {reviewing ? "Close the review form" : "Review this claim"}
          </button>
          {reviewing && (
            <ReviewForm
              id={`review-form-${a.id}`}
              annotationId={a.id}
              claim={claim}
              powers={powers}
              pending={pending}
              onSubmit={(r) => {
                review(r);
                closeForm();
              }}
              onCancel={closeForm}
            />
          )}
        </>
      )}
      {live && quickMoves.length > 0 && canReview(status, powers) && (
        <div className="review-moves" role="group" aria-label="Change this claim's status">
          {quickMoves.map((to) => (
            <button key={to} type="button" disabled={pending} onClick={() => review({ version: claim.version, status: to })}>
              {moveLabel(status, to)}
            </button>
          ))}
        </div>
      )}
      {live && <ClaimHistory annotationId={a.id} version={claim.version} nameOf={nameOf} />}
    </section>
  );
}

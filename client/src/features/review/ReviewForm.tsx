/**
 * The reviewers' form (editors, owners, and the analyst the claim is assigned to): the new status
 * (only moves the state machine allows), the rationale (required for a verdict) and the sources;
 * Escape or Cancel closes it. While untouched it follows the claim as
 * others change it; once edited it keeps the edits and sends them against the version it
 * started from (a conflict then refreshes it to the current state, with a notice).
 */
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import type { ClaimStateDto } from "../../../../common/annotations.ts";
import { isVerdict, MAX_RATIONALE_CHARS, type ClaimStatus } from "../../../../common/review.ts";
import { asStatus, checkReview, moveBetween, nextStatusesFor, reviewChanges, type ReviewDraft, type ReviewPowers, type ReviewProblem } from "./review-rules.ts";
import { SourcesEditor } from "./SourcesEditor.tsx";
import { moveLabel, STATUS_LABELS } from "./status.tsx";

export interface ReviewSubmit {
  version: number;
  status?: ClaimStatus;
  rationale?: string;
  sources?: string[];
}

const draftOf = (c: ClaimStateDto): ReviewDraft => ({ status: asStatus(c.status), rationale: c.rationale, sources: c.sources });

export function ReviewForm(props: { id: string; annotationId: string; claim: ClaimStateDto; powers: ReviewPowers; pending: boolean; onSubmit(r: ReviewSubmit): void; onCancel(): void }) {
  const { annotationId, claim, powers, pending, onSubmit, onCancel } = props;
  const [base, setBase] = useState(claim);
  const [draft, setDraft] = useState<ReviewDraft>(() => draftOf(claim));
  const [dirty, setDirty] = useState(false);
  const [problem, setProblem] = useState<ReviewProblem | null>(null);
  // Untouched: follow the claim as it changes (someone else's review, our own once confirmed).
  if (!dirty && claim !== base) {
    setBase(claim);
    setDraft(draftOf(claim));
  }
  const from = asStatus(base.status);
  const choices: ClaimStatus[] = [...(moveBetween(from, from) ? [from] : []), ...nextStatusesFor(from, powers)];
  const id = (s: string) => `review-${annotationId}-${s}`;
  const verdict = isVerdict(draft.status);

  function edit(patch: Partial<ReviewDraft>) {
    setDraft((d) => ({ ...d, ...patch }));
    setDirty(true);
    setProblem(null);
  }

  function handleSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const found = checkReview(from, draft, powers);
    if (found) return setProblem(found);
    const changes = reviewChanges(draftOf(base), draft);
    if (Object.keys(changes).length === 0) return setProblem({ field: "status", message: "Nothing to change: pick another status or edit the rationale or sources." });
    onSubmit({ version: base.version, ...changes });
    setDirty(false);
  }

  function reset() {
    setDirty(false);
    setProblem(null);
    setBase(claim);
    setDraft(draftOf(claim));
  }

  // The status is the first thing to decide: start there.
  const statusRef = useRef<HTMLSelectElement>(null);
  useEffect(() => statusRef.current?.focus(), []);

  const stale = dirty && claim.version !== base.version;
  return (
    <form
      id={props.id}
      className="review-form"
      aria-label="Review this claim"
      onSubmit={handleSubmit}
      onKeyDown={(e: KeyboardEvent<HTMLFormElement>) => {
        if (e.key === "Escape") {
          // Closes the form only: the thread around it stays open.
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
      noValidate
    >
      <div className="review-row">
        <label htmlFor={id("status")}>Status</label>
        <select
          id={id("status")}
          ref={statusRef}
          value={draft.status}
          disabled={pending}
          aria-invalid={problem?.field === "status"}
          aria-describedby={problem?.field === "status" ? id("problem") : undefined}
          onChange={(e) => edit({ status: e.currentTarget.value as ClaimStatus })}
        >
          {choices.map((s) => (
            <option key={s} value={s}>
              {s === from ? `${STATUS_LABELS[s]} (current)` : moveLabel(from, s)}
            </option>
          ))}
        </select>
      </div>
      <label htmlFor={id("rationale")}>
        Rationale {verdict ? <span className="required">(required for a verdict)</span> : <span className="muted">(optional)</span>}
      </label>
      <textarea
        id={id("rationale")}
        rows={3}
        maxLength={MAX_RATIONALE_CHARS}
        value={draft.rationale}
        disabled={pending}
        required={verdict}
        aria-invalid={problem?.field === "rationale"}
        aria-describedby={problem?.field === "rationale" ? id("problem") : undefined}
        onChange={(e) => edit({ rationale: e.currentTarget.value })}
      />
      <SourcesEditor idPrefix={id("src")} sources={draft.sources} disabled={pending} onChange={(sources) => edit({ sources })} />
      {stale && (
        <p className="notice-inline" role="status">
          Someone changed this claim while you were editing. Saving will be refused;{" "}
          <button type="button" className="link-button" onClick={reset}>
            discard my edits and show the current review
          </button>
          .
        </p>
      )}
      <p id={id("problem")} className="field-error" role="alert" hidden={!problem}>
        {problem?.message}
      </p>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={pending}>
          {pending ? "Saving…" : "Save review"}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

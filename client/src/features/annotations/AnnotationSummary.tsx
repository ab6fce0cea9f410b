/** One entry of the list: kind, author, quote, tags, replies and (for claims) status and tally. */
import { memo } from "react";
import { CERTAIN_CONFIDENCE } from "../../../../common/anchoring.ts";
import { useDocument } from "../document/document-context.ts";
import type { AnnotationView } from "../document/pending.ts";
import { claimStatusOf } from "../review/claim-of.ts";
import { ClaimStateIcon, StatusBadge } from "../review/status.tsx";
import { KIND_LABELS } from "./labels.ts";
import { TagChips } from "./TagChips.tsx";

function excerpt(s: string, n: number) {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

export const AnnotationSummary = memo(function AnnotationSummary({ annotation: a, tabIndex, onOpen }: { annotation: AnnotationView; tabIndex: number; onOpen(): void }) {
  const { tagsById } = useDocument();
  const replies = a.thread.replyCount;
  const status = claimStatusOf(a);
  const tally = status ? a.thread.tally : null;
  const note = a.body.text ? excerpt(a.body.text, 90) : "";
  return (
    <article className={`summary summary-${a.kind}${a.pending ? " is-pending" : ""}`} data-annotation-id={a.id}>
      <button type="button" className="summary-open" tabIndex={tabIndex} onClick={onOpen}>
        <span className="summary-head">
          <span className={`kind-badge kind-${a.kind}`}>{KIND_LABELS[a.kind]}</span>
          <span className="summary-author">{a.author.displayName}</span>
          {a.editedAt && <span className="edited-mark muted">(edited)</span>}
          {a.pending && <span className="pending-badge">waiting to send</span>}
          {a.anchor.state === "orphaned" ? (
            <span className="orphan-badge">words gone</span>
          ) : (
            a.anchor.confidence < CERTAIN_CONFIDENCE && (
              <span className="uncertain-badge" title="Text changed since this was written; check the passage">
                check passage
              </span>
            )
          )}
          {a.kind === "suggestion" && a.suggestion && a.suggestion.state !== "open" && <span className="status-badge">{a.suggestion.state}</span>}
          {status && (
            <span className="summary-status">
              <ClaimStateIcon status={status} />
              <StatusBadge status={status} />
            </span>
          )}
        </span>
        <span className="summary-quote">“{excerpt(a.anchor.quote, 110)}”</span>
        {note && <span className="summary-note">{note}</span>}
        <span className="summary-foot">
          <TagChips tagIds={a.tagIds} tagsById={tagsById} />
          <span className="summary-replies">
            {replies} {replies === 1 ? "reply" : "replies"}
          </span>
          {tally && (
            <span className="tally-mini">
              {tally.supports} supports · {tally.disputes} disputes · {tally.questions} questions
            </span>
          )}
        </span>
      </button>
    </article>
  );
});

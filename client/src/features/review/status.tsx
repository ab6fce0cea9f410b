/** Claim statuses in words, and the coloured badge every screen shows them with. */
import type { CSSProperties } from "react";
import { CLAIM_STATUS_LABELS, isVerdict, type ClaimStatus } from "../../../../common/review.ts";
import { css, iconColor, STATUS_ICONS, toneOf } from "../../editor/highlight-palette.ts";

export const STATUS_LABELS = CLAIM_STATUS_LABELS;

export function statusText(status: string): string {
  return (STATUS_LABELS as Record<string, string>)[status] ?? status;
}

/** The words for moving a claim to `to` (buttons and options). */
export function moveLabel(from: ClaimStatus, to: ClaimStatus): string {
  if (to === "retracted") return "Retract";
  if (from === "retracted") return "Restore (open)";
  if (from === "open" && to === "in_review") return "Propose for review";
  if (from === "in_review" && to === "open") return "Back to open";
  if (isVerdict(from) && !isVerdict(to)) return `Reopen (${STATUS_LABELS[to].toLowerCase()})`;
  return STATUS_LABELS[to];
}

export function StatusBadge({ status, className = "" }: { status: string; className?: string }) {
  return (
    <span className={`status-badge status-${status}${isVerdict(status) ? " is-verdict" : ""}${className ? ` ${className}` : ""}`} data-status={status}>
      {statusText(status)}
    </span>
  );
}

/** A claim state's icon (the one on the article's highlights), for lists and the legend; the badge or label beside it says the words. */
export function ClaimStateIcon({ status }: { status: ClaimStatus }) {
  return (
    <span className="claim-icon" data-status={status} data-icon={STATUS_ICONS[status]} style={{ "--icon": css(iconColor(toneOf("claim", status))) } as CSSProperties} aria-hidden="true" />
  );
}

/** Human words for statuses, kinds and stances, shared by the human-readable formats. */
import { CLAIM_STATUS_LABELS } from "../../../common/review.ts";

export const STATUS_LABEL = CLAIM_STATUS_LABELS;

export const KIND_LABEL = { comment: "Comment", highlight: "Highlight", claim: "Claim", suggestion: "Suggestion" } as const;

export const STANCE_LABEL: Record<string, string> = { supports: "supports", disputes: "disputes", questions: "questions", none: "" };

/** "2026-03-01 14:05 UTC": unambiguous and the same wherever the export is opened. */
export function humanTime(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** Re-checks a stored source URL before it becomes a link (they were validated on the way in). */
export function safeLink(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

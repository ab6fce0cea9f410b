/** Human words for statuses, kinds and stances, shared by the human-readable formats. */
import type { ClaimStatus } from "../../../common/review.ts";

export const STATUS_LABEL: Record<ClaimStatus, string> = {
  open: "Open",
  in_review: "In review",
  supported: "Supported",
  disputed: "Disputed",
  false: "False",
  misleading: "Misleading",
  unverifiable: "Unverifiable",
  retracted: "Retracted",
};

export const KIND_LABEL = { comment: "Comment", highlight: "Highlight", claim: "Claim" } as const;

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

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

/** What a suggestion proposes, in words: "replace “a” with “b”", or "delete “a”". */
export function proposal(quote: string, replacement: string): string {
  return replacement === "" ? `delete “${quote}”` : `replace “${quote}” with “${replacement}”`;
}

/**
 * A suggestion's line in a note, as of the exported version: what it proposes and where it
 * stands. An accepted one is already in the text (its quote is the words it put in).
 */
export function suggestionLine(a: { quote: string; suggestion: { replacement: string; state: string; appliedVersion: number | null; tracked: boolean } | null }, placed: boolean): string | null {
  const g = a.suggestion;
  if (!g) return null;
  if (g.state === "accepted") return `Accepted suggestion: the text now reads “${a.quote}”${g.appliedVersion ? ` (since version ${g.appliedVersion})` : ""}.`;
  if (g.state === "rejected") return `Rejected suggestion: ${proposal(a.quote, g.replacement)}.`;
  const shown = g.tracked ? "" : placed ? " (shown as a note: it overlaps another suggested change)" : "";
  return `Suggested change: ${proposal(a.quote, g.replacement)}${shown}.`;
}

/** The heading of the list of annotations that lost their place, and what it means. */
export const NOT_PLACED_TITLE = "Not placed";
export const NOT_PLACED_NOTE =
  "These annotations lost their place in this version's text when it was edited; each is listed with the words it was made on, never put where it might be wrong.";

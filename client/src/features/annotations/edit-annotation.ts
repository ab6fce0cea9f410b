/**
 * Editing a saved annotation (pure, for the edit form and its tests): what changed, and what a
 * change of kind means for a claim's review.
 *
 * The server keeps a claim's review row when the claim becomes a comment or a highlight; the
 * screen then hides it (review/claim-of.ts). Turning an annotation into a claim gives it a review:
 * a new one, open, or the one it had before it stopped being a claim, as that review stood.
 */
import type { AnnotationDto, AnnotationKind, ClaimStateDto } from "../../../../common/annotations.ts";
import { CLAIM_STATUS_LABELS, type ClaimStatus } from "../../../../common/review.ts";
import { asStatus } from "../review/review-rules.ts";

export interface AnnotationDraft {
  kind: AnnotationKind;
  /** The note as plain text (plain-text notes); rich notes are edited in the rich editor. */
  note: string;
  tagIds: string[];
}

export interface AnnotationChanges {
  kind?: AnnotationKind;
  note?: string;
  tagIds?: string[];
}

export function draftOf(a: Pick<AnnotationDto, "kind" | "body" | "tagIds">): AnnotationDraft {
  return { kind: a.kind, note: a.body.text, tagIds: [...a.tagIds] };
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && new Set([...a, ...b]).size === a.length;

/** The fields that differ (a note is compared trimmed; tag order does not matter). */
export function annotationChanges(before: AnnotationDraft, after: AnnotationDraft): AnnotationChanges {
  const out: AnnotationChanges = {};
  if (after.kind !== before.kind) out.kind = after.kind;
  if (after.note.trim() !== before.note.trim()) out.note = after.note.trim();
  if (!sameSet(before.tagIds, after.tagIds)) out.tagIds = after.tagIds;
  return out;
}

const statusWord = (s: ClaimStatus) => CLAIM_STATUS_LABELS[s].toLowerCase();

/**
 * What changing the kind from `from` to `to` does to the review, in a sentence for the form
 * (null when the review is not concerned).
 */
export function kindChangeNote(from: AnnotationKind, to: AnnotationKind, review: ClaimStateDto | null): string | null {
  if (from === to) return null;
  if (from === "claim") {
    const status = asStatus(review?.status ?? "open");
    return `This claim's review (${statusWord(status)}) is kept but hidden: it shows nowhere, here or on the claims dashboard, while this is a ${to}. Turning it back into a claim brings the review back as it is now.`;
  }
  if (to === "claim") {
    if (review) return `This becomes a claim again, and its earlier review comes back as it stood (${statusWord(asStatus(review.status))}).`;
    return "This becomes a claim with a review of its own, starting open: it can then be proposed for review and decided.";
  }
  return null;
}

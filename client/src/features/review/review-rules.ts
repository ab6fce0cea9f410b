/**
 * The claim review rules as the browser needs them: which statuses the caller may move a claim
 * to, and what a review request must carry. The state machine itself is common/review-rules.ts,
 * the same code the server enforces; the UI only hides what would be refused.
 */
import { CLAIM_STATUSES, isVerdict, SourcesSchema, SourceUrlSchema, type ClaimStatus } from "../../../../common/review.ts";
import { mayMake, moveBetween, type ReviewPowers as SharedPowers } from "../../../../common/review-rules.ts";
import type { Abilities } from "../workspaces/types.ts";

export { moveBetween };

/** What the caller may do with one claim: the shared powers, plus whether they may assign. */
export interface ReviewPowers extends SharedPowers {
  /** claim.assign: editors and owners assign. */
  assign: boolean;
}

export function powersOf(abilities: Abilities, own: boolean, assigned = false): ReviewPowers {
  return { decide: !!abilities["claim.decide"], propose: !!abilities["claim.propose"], annotate: !!abilities["annotation.create"], assign: !!abilities["claim.assign"], own, assigned };
}

/** The statuses the caller may move the claim to (without the current one). */
export function nextStatusesFor(from: ClaimStatus, p: ReviewPowers): ClaimStatus[] {
  return CLAIM_STATUSES.filter((to) => {
    if (to === from) return false;
    const move = moveBetween(from, to);
    return move !== null && mayMake(move, p);
  });
}

/** True when the caller may see any review control at all. */
export function canReview(from: ClaimStatus, p: ReviewPowers): boolean {
  return p.decide || nextStatusesFor(from, p).length > 0;
}

export function asStatus(s: string): ClaimStatus {
  return (CLAIM_STATUSES as readonly string[]).includes(s) ? (s as ClaimStatus) : "open";
}

export interface ReviewDraft {
  status: ClaimStatus;
  rationale: string;
  sources: string[];
}

export interface ReviewProblem {
  field: "status" | "rationale" | "sources";
  message: string;
}

/** Checks a review before it is queued (the server checks again). */
export function checkReview(from: ClaimStatus, draft: ReviewDraft, p: ReviewPowers): ReviewProblem | null {
  const move = moveBetween(from, draft.status);
  if (!move) return { field: "status", message: `A ${from.replace("_", " ")} claim cannot become ${draft.status.replace("_", " ")}.` };
  if (!mayMake(move, p)) return { field: "status", message: "Your role does not allow this change." };
  if (isVerdict(draft.status) && draft.rationale.trim() === "") return { field: "rationale", message: "A verdict needs a rationale." };
  const sources = SourcesSchema.safeParse(draft.sources);
  if (!sources.success) return { field: "sources", message: `Sources ${sources.error.issues[0]?.message ?? "are not valid"}.` };
  return null;
}

/** Why a source URL cannot be added, or null when it can. */
export function sourceProblem(url: string, existing: string[], max: number): string | null {
  const trimmed = url.trim();
  if (!trimmed) return "Type a URL first.";
  if (!SourceUrlSchema.safeParse(trimmed).success) return "A source must be an absolute http:// or https:// URL.";
  if (existing.includes(trimmed)) return "This source is already listed.";
  if (existing.length >= max) return `At most ${max} sources.`;
  return null;
}

/** The fields that differ from the claim as it is (what a review request sends). */
export function reviewChanges(current: ReviewDraft, draft: ReviewDraft): Partial<ReviewDraft> {
  const out: Partial<ReviewDraft> = {};
  if (draft.status !== current.status) out.status = draft.status;
  if (draft.rationale !== current.rationale) out.rationale = draft.rationale;
  if (draft.sources.length !== current.sources.length || draft.sources.some((s, i) => s !== current.sources[i])) out.sources = draft.sources;
  return out;
}

/**
 * The claim review state machine and who may make each move, shared by the server (which
 * enforces it) and the browser (which only offers what would be allowed).
 *
 *   open <-> in_review            propose / withdraw: reviewers, or an analyst on their own claim
 *   open | in_review -> verdict   decide: reviewers, with a rationale
 *   verdict -> same verdict       amend rationale or sources: reviewers
 *   verdict -> open | in_review   reopen: reviewers (a verdict never changes into another
 *                                 verdict directly, so every re-decision shows as a reopen)
 *   any -> retracted              retract: the claim's author (analyst+) or editors+
 *   retracted -> open             restore: the claim's author (analyst+) or editors+
 *
 * Reviewers of a claim are editors and owners, and the analyst it is assigned to: assignment
 * grants the right to review that one claim (move it, decide a verdict, write its rationale and
 * sources). Rationale and sources are verdict material: only reviewers change them.
 */
import { CLAIM_STATUSES, isVerdict, type ClaimStatus } from "./review.ts";

export type ReviewMove = "propose" | "withdraw" | "decide" | "amend" | "reopen" | "retract" | "restore";

/** The move from `from` to `to`, or null when the machine has no such edge. */
export function moveBetween(from: ClaimStatus, to: ClaimStatus): ReviewMove | null {
  if (from === to) return isVerdict(from) || from === "open" || from === "in_review" ? "amend" : null;
  if (to === "retracted") return "retract";
  if (from === "retracted") return to === "open" ? "restore" : null;
  if (from === "open" && to === "in_review") return "propose";
  if (from === "in_review" && to === "open") return "withdraw";
  if (!isVerdict(from) && isVerdict(to)) return "decide";
  if (isVerdict(from) && (to === "open" || to === "in_review")) return "reopen";
  return null;
}

/** Every status reachable from `from` in one move. */
export function nextStatuses(from: ClaimStatus): ClaimStatus[] {
  return CLAIM_STATUSES.filter((to) => to !== from && moveBetween(from, to) !== null);
}

/** What a caller may do with one claim, from their abilities in the workspace. */
export interface ReviewPowers {
  /** claim.decide: editors and owners decide, amend, reopen, and move anyone's claim. */
  decide: boolean;
  /** claim.propose: analysts move their own claim between open and in review. */
  propose: boolean;
  /** annotation.create: analysts retract and restore their own claim. */
  annotate: boolean;
  /** The caller wrote the claim. */
  own: boolean;
  /** The claim is assigned to the caller: they review it like an editor (if still analyst or above). */
  assigned: boolean;
}

/** Editors and owners review every claim; an analyst reviews the claims assigned to them. */
export function reviews(p: ReviewPowers): boolean {
  return p.decide || (p.assigned && p.annotate);
}

export function mayMake(move: ReviewMove, p: ReviewPowers): boolean {
  switch (move) {
    case "propose":
    case "withdraw":
      return reviews(p) || (p.own && p.propose);
    case "retract":
    case "restore":
      return p.decide || (p.own && p.annotate);
    case "decide":
    case "amend":
    case "reopen":
      return reviews(p);
  }
}

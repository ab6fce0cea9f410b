/**
 * The claim review state machine and who may make each move, as pure functions (no database),
 * so the rules can be read and tested in one place.
 *
 *   open <-> in_review            propose / withdraw: editors+, or an analyst on their own claim
 *   open | in_review -> verdict   decide: editors+, with a rationale
 *   verdict -> same verdict       amend rationale or sources: editors+
 *   verdict -> open | in_review   reopen: editors+ (a verdict never changes into another
 *                                 verdict directly, so every re-decision shows as a reopen)
 *   any -> retracted              retract: the claim's author (analyst+) or editors+
 *   retracted -> open             restore: the claim's author (analyst+) or editors+
 *
 * Rationale and sources are verdict material: only editors+ change them.
 */
import type { Role } from "../../../common/workspaces.ts";
import { CLAIM_STATUSES, isVerdict, VERDICTS, type ClaimStatus } from "../../../common/review.ts";
import { ForbiddenError, ValidationError } from "../../http/errors.ts";
import { can } from "../workspaces/workspace.policy.ts";

export type ReviewMove = "propose" | "withdraw" | "decide" | "amend" | "reopen" | "retract" | "restore";

export interface ClaimSnapshot {
  status: ClaimStatus;
  rationale: string;
  sources: string[];
  authorId: string;
}

export interface ReviewRequest {
  status?: ClaimStatus | undefined;
  rationale?: string | undefined;
  sources?: string[] | undefined;
}

export interface ReviewActor {
  userId: string;
  role: Role;
}

export type ChangeSet = Partial<Record<"rationale" | "sources" | "assigneeId", { from: unknown; to: unknown }>>;

export interface ReviewPlan {
  move: ReviewMove;
  toStatus: ClaimStatus;
  /** Columns to write on ClaimReview (besides version). */
  data: { status: ClaimStatus; rationale: string; sources: string; reviewerId?: string | null; decidedAt?: Date | null };
  changes: ChangeSet;
  /** Nothing would change: the caller answers with the current state and records nothing. */
  noop: boolean;
}

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

/** Every status reachable from `from` in one move (for error messages and the client). */
export function nextStatuses(from: ClaimStatus): ClaimStatus[] {
  return CLAIM_STATUSES.filter((to) => to !== from && moveBetween(from, to) !== null);
}

function mayMake(move: ReviewMove, actor: ReviewActor, authorId: string): boolean {
  const own = actor.userId === authorId;
  switch (move) {
    case "propose":
    case "withdraw":
      return can(actor.role, "claim.decide") || (own && can(actor.role, "claim.propose"));
    case "retract":
    case "restore":
      return can(actor.role, "claim.decide") || (own && can(actor.role, "annotation.create"));
    case "decide":
    case "amend":
    case "reopen":
      return can(actor.role, "claim.decide");
  }
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Checks a review request against the state machine and the actor's role and says what to
 * write. A request that changes nothing is a no-op for anyone who may write at all. Throws 400 (naming the field) for an impossible move or a verdict without a
 * rationale, 403 for a move the role does not allow.
 */
export function planReview(current: ClaimSnapshot, req: ReviewRequest, actor: ReviewActor, now = new Date()): ReviewPlan {
  const toStatus = req.status ?? current.status;
  const move = moveBetween(current.status, toStatus);
  if (!move) {
    const allowed = nextStatuses(current.status);
    throw ValidationError(`status: a ${current.status} claim cannot move to ${toStatus} (allowed: ${allowed.join(", ") || "none"})`, "status", { from: current.status, allowed });
  }
  const rationale = req.rationale ?? current.rationale;
  const sources = req.sources ?? current.sources;
  const changes: ChangeSet = {};
  if (rationale !== current.rationale) changes.rationale = { from: current.rationale, to: rationale };
  if (!sameList(sources, current.sources)) changes.sources = { from: current.sources, to: sources };
  const noop = toStatus === current.status && Object.keys(changes).length === 0;
  const data: ReviewPlan["data"] = { status: toStatus, rationale, sources: JSON.stringify(sources) };
  if (noop) return { move, toStatus, data, changes, noop };

  if (!mayMake(move, actor, current.authorId)) {
    throw ForbiddenError(`Your role (${actor.role}) may not ${move} this claim`);
  }
  if (Object.keys(changes).length > 0 && !can(actor.role, "claim.decide")) {
    throw ForbiddenError(`Only editors and owners change a claim's rationale or sources`);
  }
  if (isVerdict(toStatus) && rationale.trim().length === 0) {
    throw ValidationError(`rationale: a verdict (${VERDICTS.join(", ")}) needs a rationale`, "rationale");
  }

  if (move === "decide" || (move === "amend" && isVerdict(toStatus))) {
    data.reviewerId = actor.userId;
    data.decidedAt = now;
  } else if (move === "reopen" || move === "retract") {
    data.reviewerId = null;
    data.decidedAt = null;
  }
  return { move, toStatus, data, changes, noop };
}

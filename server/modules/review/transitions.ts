/**
 * Applying the claim review rules (common/review-rules.ts) to a request: checks it against the
 * state machine and the actor's role and says what to write, as a pure function.
 */
import type { Role } from "../../../common/workspaces.ts";
import { isVerdict, VERDICTS, type ClaimStatus } from "../../../common/review.ts";
import { mayMake, moveBetween, nextStatuses, reviews, type ReviewMove, type ReviewPowers } from "../../../common/review-rules.ts";
import { ForbiddenError, ValidationError } from "../../http/errors.ts";
import { can } from "../../../common/policy.ts";

export type { ReviewMove };

export interface ClaimSnapshot {
  status: ClaimStatus;
  rationale: string;
  sources: string[];
  authorId: string;
  assigneeId: string | null;
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

function powers(actor: ReviewActor, claim: Pick<ClaimSnapshot, "authorId" | "assigneeId">): ReviewPowers {
  return {
    decide: can(actor.role, "claim.decide"),
    propose: can(actor.role, "claim.propose"),
    annotate: can(actor.role, "annotation.create"),
    own: actor.userId === claim.authorId,
    assigned: claim.assigneeId !== null && actor.userId === claim.assigneeId,
  };
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

  const p = powers(actor, current);
  if (!mayMake(move, p)) {
    throw ForbiddenError(`Your role (${actor.role}) may not ${move} this claim${p.assigned ? "" : " unless it is assigned to you"}`);
  }
  if (Object.keys(changes).length > 0 && !reviews(p)) {
    throw ForbiddenError(`Only editors, owners and the claim's assignee change its rationale or sources`);
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

/**
 * claim:review and claim:assign: load the claim, check the caller's role against the state
 * machine (transitions.ts), then write through writeClaimChange so every change leaves a
 * history row and a document event in the same transaction.
 */
import type { z } from "zod";
import type { Tx } from "../../db/client.ts";
import type { ClaimAssignSchema, ClaimReviewSchema, ClaimStatus } from "../../../common/review.ts";
import { ROLES, type Role } from "../../../common/workspaces.ts";
import { ValidationError } from "../../http/errors.ts";
import { authorize } from "../workspaces/membership.ts";
import { atLeast } from "../../../common/policy.ts";
import type { Actor } from "../mutations/mutation.ts";
import { CLAIM_EVENT, loadClaim, unchanged, writeClaimChange, type LoadedClaim } from "./claim-change.ts";
import { planReview } from "./transitions.ts";

type ReviewInput = z.output<typeof ClaimReviewSchema>;
type AssignInput = z.output<typeof ClaimAssignSchema>;

/** Plans and writes one review change; shared by claim:review and the bulk setStatus action. */
export async function applyReview(
  tx: Tx,
  actor: Actor,
  role: Role,
  claim: LoadedClaim,
  req: { status?: ClaimStatus | undefined; rationale?: string | undefined; sources?: string[] | undefined },
  expectedVersion: number,
  clientMutationId: string | undefined,
) {
  const current = {
    status: claim.review.status as ClaimStatus,
    rationale: claim.review.rationale,
    sources: JSON.parse(claim.review.sources) as string[],
    authorId: claim.authorId,
    assigneeId: claim.review.assigneeId,
  };
  const plan = planReview(current, req, { userId: actor.userId, role });
  if (plan.noop) return { update: await unchanged(tx, claim, expectedVersion), event: null };
  return writeClaimChange(tx, {
    claim,
    expectedVersion,
    data: plan.data,
    toStatus: plan.toStatus,
    changes: plan.changes,
    actorId: actor.userId,
    clientMutationId,
    eventType: CLAIM_EVENT.reviewed,
  });
}

export async function reviewClaim(tx: Tx, actor: Actor, input: ReviewInput) {
  const { claim, role } = await loadClaim(tx, actor.userId, input.annotationId);
  authorize(role, "annotation.create", `Your role (${role}) is read-only`);
  const { update, event } = await applyReview(tx, actor, role, claim, input, input.version, input.clientMutationId);
  return { result: update, events: event ? [event] : [] };
}

/** Lowest role that can be handed a claim: analysts research, editors+ decide. */
const ASSIGNABLE_FROM: Role = "analyst";

/** The assignee must be a member of the workspace with at least ASSIGNABLE_FROM; 400 naming assigneeId otherwise. */
export async function assertAssignable(tx: Tx, workspaceId: string, assigneeId: string | null): Promise<void> {
  if (assigneeId === null) return;
  const m = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId: assigneeId } }, select: { role: true } });
  const role = m && (ROLES as readonly string[]).includes(m.role) ? (m.role as Role) : null;
  if (!role || !atLeast(role, ASSIGNABLE_FROM)) {
    throw ValidationError(`assigneeId: claims can be assigned only to members who are ${ASSIGNABLE_FROM}s or above`, "assigneeId");
  }
}

/** Writes one assignment; shared by claim:assign and the bulk assign action. */
export async function applyAssignment(tx: Tx, actor: Actor, claim: LoadedClaim, assigneeId: string | null, expectedVersion: number, clientMutationId: string | undefined) {
  if (claim.review.assigneeId === assigneeId) return { update: await unchanged(tx, claim, expectedVersion), event: null };
  return writeClaimChange(tx, {
    claim,
    expectedVersion,
    data: { assigneeId },
    toStatus: claim.review.status as ClaimStatus,
    changes: { assigneeId: { from: claim.review.assigneeId, to: assigneeId } },
    actorId: actor.userId,
    clientMutationId,
    eventType: CLAIM_EVENT.assigned,
  });
}

export async function assignClaim(tx: Tx, actor: Actor, input: AssignInput) {
  const { claim, role } = await loadClaim(tx, actor.userId, input.annotationId);
  authorize(role, "claim.assign", "Only editors and owners assign claims");
  await assertAssignable(tx, claim.document.workspaceId, input.assigneeId);
  const { update, event } = await applyAssignment(tx, actor, claim, input.assigneeId, input.version, input.clientMutationId);
  return { result: update, events: event ? [event] : [] };
}

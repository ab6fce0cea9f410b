/**
 * A claim's review as the screen shows it. The review belongs to the claim: when a claim is
 * turned into a comment or a highlight its review row stays on the server (so turning it back
 * brings the review back as it was), but nothing shows it, filters by it or counts it meanwhile.
 */
import type { AnnotationDto, ClaimStateDto } from "../../../../common/annotations.ts";
import type { ClaimStatus } from "../../../../common/review.ts";
import { asStatus } from "./review-rules.ts";

/** The review to show, or null for anything that is not a claim now. */
export function claimOf(a: Pick<AnnotationDto, "kind" | "claim">): ClaimStateDto | null {
  return a.kind === "claim" ? a.claim : null;
}

/** A claim's state (a claim the server has not answered for yet is open); null for other kinds. */
export function claimStatusOf(a: Pick<AnnotationDto, "kind" | "claim">): ClaimStatus | null {
  return a.kind === "claim" ? asStatus(a.claim?.status ?? "open") : null;
}

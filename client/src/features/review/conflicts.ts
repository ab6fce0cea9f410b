/** Reading a refused claim change: a 409 carries the claim as it is now in `details.current`. */
import type { ClaimStateDto } from "../../../../common/annotations.ts";

function isClaim(v: unknown): v is ClaimStateDto {
  if (typeof v !== "object" || v === null) return false;
  const c = v as Record<string, unknown>;
  return typeof c.status === "string" && typeof c.version === "number" && Array.isArray(c.sources) && typeof c.rationale === "string";
}

/** The current claim from a conflict's details (`{current: {annotationId, claim}}`), or null. */
export function currentClaimOf(details: unknown): { annotationId: string; claim: ClaimStateDto } | null {
  if (typeof details !== "object" || details === null) return null;
  const current = (details as { current?: unknown }).current;
  if (typeof current !== "object" || current === null) return null;
  const { annotationId, claim } = current as { annotationId?: unknown; claim?: unknown };
  return typeof annotationId === "string" && isClaim(claim) ? { annotationId, claim } : null;
}

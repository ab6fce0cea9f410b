/** Words shown for kinds, stances and claim statuses. */
import type { AnnotationKind, Stance } from "../../../../common/annotations.ts";

export const KIND_LABELS: Record<AnnotationKind, string> = { comment: "Comment", highlight: "Highlight", claim: "Claim", suggestion: "Suggestion" };

export const STANCE_LABELS: Record<Stance, string> = { supports: "Supports", disputes: "Disputes", questions: "Questions", none: "No stance" };

export function statusLabel(status: string): string {
  const s = status.replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Pure helpers of the dashboard: a bulk action's answer in words, and the chart's bar widths. */
import type { ClaimsBulkResultDto } from "../../../../common/review.ts";

export function bulkSummary(r: ClaimsBulkResultDto, names: { status?: string; assignee?: string; tag?: string }): string {
  const n = r.annotationIds.length;
  const claims = `${n} ${n === 1 ? "claim" : "claims"}`;
  const what =
    r.action === "setStatus"
      ? `Set ${claims} to ${names.status ?? "the status"}`
      : r.action === "assign"
        ? names.assignee
          ? `Assigned ${claims} to ${names.assignee}`
          : `Unassigned ${claims}`
        : r.action === "addTag"
          ? `Tagged ${claims} with ${names.tag ?? "the tag"}`
          : `Removed ${names.tag ?? "the tag"} from ${claims}`;
  return r.unchanged.length ? `${what}; ${r.unchanged.length} already ${r.unchanged.length === 1 ? "was" : "were"} so.` : `${what}.`;
}

/** Bar widths as a share of the largest count (0 when all are 0). */
export function barShares(counts: number[]): number[] {
  const max = Math.max(0, ...counts);
  return counts.map((c) => (max === 0 ? 0 : c / max));
}

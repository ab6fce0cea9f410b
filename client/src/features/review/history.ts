/** A claim's history entries in words (pure, for the history list and its tests). */
import type { ClaimChangeDto } from "../../../../common/review.ts";
import { statusText } from "./status.tsx";

function listOf(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** Short sentences for one change: status move, rationale, sources added/removed, assignment. */
export function describeChange(c: ClaimChangeDto, nameOf: (userId: string) => string): string[] {
  const out: string[] = [];
  if (c.fromStatus !== c.toStatus) out.push(`${statusText(c.fromStatus)} → ${statusText(c.toStatus)}`);
  const { rationale, sources, assigneeId } = c.changes;
  if (rationale) out.push(typeof rationale.to === "string" && rationale.to ? `rationale: “${rationale.to}”` : "rationale cleared");
  if (sources) {
    const before = listOf(sources.from);
    const after = listOf(sources.to);
    const added = after.filter((s) => !before.includes(s));
    const removed = before.filter((s) => !after.includes(s));
    if (added.length) out.push(`added ${added.length === 1 ? "source" : "sources"} ${added.join(", ")}`);
    if (removed.length) out.push(`removed ${removed.length === 1 ? "source" : "sources"} ${removed.join(", ")}`);
  }
  if (assigneeId) out.push(typeof assigneeId.to === "string" ? `assigned to ${nameOf(assigneeId.to)}` : "unassigned");
  if (out.length === 0) out.push(`${statusText(c.toStatus)} (no change)`);
  return out;
}

/**
 * The stance tally of a thread: each person counts once, with the stance of their latest
 * reply that takes one (supports, disputes or questions). A later "none" reply is a plain
 * comment and does not withdraw an earlier stance; deleted replies count for nothing.
 */
import type { StanceTally } from "../../../common/review.ts";

export interface StanceReply {
  authorId: string;
  stance: string;
  createdAt: Date;
  id: string;
  deletedAt: Date | null;
}

const COUNTED = new Set(["supports", "disputes", "questions"]);

export function tallyStances(replies: Iterable<StanceReply>): StanceTally {
  const latest = new Map<string, StanceReply>();
  for (const r of replies) {
    if (r.deletedAt || !COUNTED.has(r.stance)) continue;
    const seen = latest.get(r.authorId);
    const later = !seen || r.createdAt.getTime() > seen.createdAt.getTime() || (r.createdAt.getTime() === seen.createdAt.getTime() && r.id > seen.id);
    if (later) latest.set(r.authorId, r);
  }
  const tally: StanceTally = { supports: 0, disputes: 0, questions: 0 };
  for (const r of latest.values()) tally[r.stance as keyof StanceTally]++;
  return tally;
}

/**
 * Claiming due outbox rows (e-mails, webhook deliveries) so that each is worked on by one node
 * at a time: one UPDATE marks up to `limit` due, unclaimed rows with this node's token and a
 * lease, and counts the attempt. On PostgreSQL the rows are picked FOR UPDATE SKIP LOCKED, so
 * two nodes claiming at once take different rows; SQLite runs one writer at a time. A node that
 * dies mid-send leaves its rows to be claimed again when the lease runs out (after a restart, or
 * by another node).
 */
import type { Db, Provider } from "../../db/client.ts";
import { rawQuery } from "../../db/raw.ts";
import { newId } from "../../lib/ids.ts";

/** The tables that share the outbox columns: state, nextAttemptAt, attempts, lockedBy, lockedUntil. */
export type OutboxTable = "EmailOutbox" | "WebhookDelivery";

/** A token naming this process as the holder of its claims. */
export const NODE_TOKEN = newId("node");

/** Claims up to `limit` pending rows due at `now` for `leaseMs`; returns their ids. */
export async function claimDue(db: Db, provider: Provider, table: OutboxTable, now: Date, leaseMs: number, limit: number): Promise<string[]> {
  const take = Math.max(1, Math.floor(limit));
  const free = `"state" = 'pending' AND "nextAttemptAt" <= ? AND ("lockedUntil" IS NULL OR "lockedUntil" < ?)`;
  const pick = `SELECT "id" FROM "${table}" WHERE ${free} ORDER BY "nextAttemptAt" LIMIT ${take}${provider === "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""}`;
  const rows = await rawQuery<{ id: string }>(
    db,
    provider,
    `UPDATE "${table}" SET "lockedBy" = ?, "lockedUntil" = ?, "attempts" = "attempts" + 1 WHERE "id" IN (${pick}) AND ${free} RETURNING "id"`,
    [NODE_TOKEN, new Date(now.getTime() + leaseMs), now, now, now, now],
  );
  return rows.map((r) => r.id);
}

/** The delay before attempt `attempt + 1`: base, then four times longer each time, ±10%, at most a day. */
export function backoffMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const plain = Math.min(baseMs * 4 ** Math.max(0, attempt - 1), 24 * 3600 * 1000);
  return Math.round(plain * (0.9 + 0.2 * random()));
}

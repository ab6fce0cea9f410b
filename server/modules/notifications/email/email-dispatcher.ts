/**
 * Sends notification e-mails from the outbox. Each tick first opens digests — for every person
 * whose oldest notification waiting for a digest is older than the digest interval, one outbox
 * row takes all of their waiting notifications (in one transaction; on PostgreSQL a second node
 * doing the same finds them taken and drops its row) — then claims due rows (one node per row,
 * outbox/claim.ts) and sends them. Access is checked again at send time: nothing is sent about a
 * workspace the person has left, and nothing at all once they turned e-mail off. Failures are
 * retried with backoff, at most MAX_ATTEMPTS times.
 */
import type { Db, Provider } from "../../../db/client.ts";
import type { Logger } from "../../../lib/logger.ts";
import { newId } from "../../../lib/ids.ts";
import { backoffMs, claimDue, NODE_TOKEN } from "../../outbox/claim.ts";
import { presentFor } from "../notifications.service.ts";
import { settingsOf } from "../settings.ts";
import { composeDigest, composeOne, type Mail } from "./compose.ts";
import type { Mailer } from "./mailer.ts";

const BATCH = 10;
const LEASE_MS = 120_000;
const MAX_ATTEMPTS = 5;
const RETRY_BASE_MS = 60_000;
/** Digests opened per tick at most (the rest wait for the next tick). */
const DIGESTS_PER_TICK = 50;

export interface EmailDispatcherOptions {
  mailer: Mailer;
  /** The public origin links are built on. */
  origin: string;
  digestMs: number;
}

interface OutboxRow {
  id: string;
  userId: string;
  kind: string;
  notificationId: string | null;
  attempts: number;
}

type Outcome = { sent: true } | { sent: false; skipped: string } | { sent: false; error: string };

export class EmailDispatcher {
  constructor(
    private readonly db: Db,
    private readonly provider: Provider,
    private readonly opts: EmailDispatcherOptions,
    private readonly logger: Logger,
  ) {}

  /** Opens due digests and sends one batch; true when the batch was full. */
  async tick(now = new Date()): Promise<boolean> {
    await this.openDigests(now);
    const ids = await claimDue(this.db, this.provider, "EmailOutbox", now, LEASE_MS, BATCH);
    if (ids.length === 0) return false;
    const rows = await this.db.emailOutbox.findMany({ where: { id: { in: ids } } });
    for (const row of rows) await this.finish(row, await this.send(row));
    return ids.length === BATCH;
  }

  private async openDigests(now: Date): Promise<void> {
    const due = await this.db.notification.findMany({
      where: { email: "digest", digestId: null, createdAt: { lte: new Date(now.getTime() - this.opts.digestMs) } },
      select: { userId: true },
      distinct: ["userId"],
      take: DIGESTS_PER_TICK,
    });
    for (const { userId } of due) {
      await this.db.$transaction(async (tx) => {
        const id = newId("em");
        await tx.emailOutbox.create({ data: { id, userId, kind: "digest", nextAttemptAt: now, createdAt: now } });
        const { count } = await tx.notification.updateMany({ where: { userId, email: "digest", digestId: null }, data: { digestId: id } });
        if (count === 0) await tx.emailOutbox.delete({ where: { id } });
      });
    }
  }

  /** What to send for a row, with access and settings checked now. */
  private async compose(row: OutboxRow): Promise<Mail | string> {
    if ((await settingsOf(this.db, row.userId)).email === "off") return "e-mail turned off";
    const where = row.kind === "digest" ? { digestId: row.id } : { id: row.notificationId ?? "" };
    const records = await this.db.notification.findMany({ where: { ...where, userId: row.userId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    const visible = (await presentFor(this.db, row.userId, records)).filter((n) => n.accessible);
    if (visible.length === 0) return records.length ? "no longer a member of the workspace" : "nothing left to send";
    return row.kind === "digest" ? composeDigest(visible, this.opts.origin) : composeOne(visible[0]!, this.opts.origin);
  }

  private async send(row: OutboxRow): Promise<Outcome> {
    try {
      const user = await this.db.user.findUnique({ where: { id: row.userId }, select: { email: true } });
      if (!user) return { sent: false, skipped: "account gone" };
      const mail = await this.compose(row);
      if (typeof mail === "string") return { sent: false, skipped: mail };
      await this.opts.mailer.send(user.email, mail);
      return { sent: true };
    } catch (e) {
      return { sent: false, error: (e as Error).message.slice(0, 500) || "could not send" };
    }
  }

  private async finish(row: OutboxRow, outcome: Outcome): Promise<void> {
    const now = new Date();
    const again = "error" in outcome && row.attempts < MAX_ATTEMPTS;
    const state = outcome.sent ? "sent" : "skipped" in outcome ? "skipped" : again ? "pending" : "failed";
    await this.db.emailOutbox.updateMany({
      where: { id: row.id, lockedBy: NODE_TOKEN },
      data: {
        state,
        lockedBy: null,
        lockedUntil: null,
        lastError: "error" in outcome ? outcome.error : "skipped" in outcome ? outcome.skipped : null,
        ...(again ? { nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts, RETRY_BASE_MS)) } : { doneAt: now }),
      },
    });
    if ("error" in outcome) this.logger.warn("notification e-mail failed", { emailId: row.id, attempt: row.attempts, retrying: again, error: outcome.error });
  }
}

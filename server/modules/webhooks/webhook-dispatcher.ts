/**
 * Sends due webhook deliveries: claims a batch (one node per row, claim.ts), POSTs each
 * (deliver.ts) and writes what came of it. A success or a refusal that retrying cannot fix
 * (a 4xx other than 408/429, a refused address, a webhook turned off) ends the delivery; a
 * network error, a timeout, 408, 429 or 5xx is tried again after an exponential backoff
 * (honouring Retry-After when longer) until the attempts run out. The secret is read from the
 * webhook row at send time and never logged.
 */
import type { Db, Provider } from "../../db/client.ts";
import type { WebhookConfig } from "../../config.ts";
import type { Logger } from "../../lib/logger.ts";
import { backoffMs, claimDue, NODE_TOKEN } from "../outbox/claim.ts";
import { deliver, type AttemptOutcome } from "./deliver.ts";
import type { Resolve } from "./address-guard.ts";
import { WEBHOOK_TEST_TYPE } from "../../../common/webhooks.ts";

const BATCH = 10;
/** Retry-After is honoured up to this long. */
const MAX_RETRY_AFTER_MS = 3600_000;

export interface WebhookDispatcherOptions {
  config: WebhookConfig;
  /** How names resolve (the system's DNS unless a test gives its own). */
  resolve?: Resolve;
}

export class WebhookDispatcher {
  constructor(
    private readonly db: Db,
    private readonly provider: Provider,
    private readonly opts: WebhookDispatcherOptions,
    private readonly logger: Logger,
  ) {}

  /** One batch; true when the batch was full (there may be more due). */
  async tick(now = new Date()): Promise<boolean> {
    const { config } = this.opts;
    // The lease outlasts an attempt's deadline by far, so no other node takes a row still in flight.
    const ids = await claimDue(this.db, this.provider, "WebhookDelivery", now, config.timeoutMs * 3 + 30_000, BATCH);
    if (ids.length === 0) return false;
    const rows = await this.db.webhookDelivery.findMany({ where: { id: { in: ids } }, include: { webhook: { select: { url: true, secret: true, active: true } } } });
    await Promise.all(rows.map((row) => this.send(row)));
    return ids.length === BATCH;
  }

  private async send(row: { id: string; webhookId: string; type: string; body: string; attempts: number; webhook: { url: string; secret: string; active: boolean } }): Promise<void> {
    const { config } = this.opts;
    const outcome: AttemptOutcome =
      !row.webhook.active && row.type !== WEBHOOK_TEST_TYPE
        ? { ok: false, retry: false, status: null, error: "the webhook is turned off", durationMs: 0, excerpt: null, retryAfterMs: null }
        : await deliver({ url: row.webhook.url, body: row.body, secret: row.webhook.secret, deliveryId: row.id, type: row.type }, { timeoutMs: config.timeoutMs, allowPrivate: config.allowPrivate, ...(this.opts.resolve ? { resolve: this.opts.resolve } : {}) });
    const again = !outcome.ok && outcome.retry && row.attempts < config.maxAttempts;
    const delay = again ? Math.max(backoffMs(row.attempts, config.retryBaseMs), Math.min(outcome.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS)) : 0;
    const done = new Date();
    await this.db.webhookDelivery.updateMany({
      where: { id: row.id, lockedBy: NODE_TOKEN },
      data: {
        state: outcome.ok ? "succeeded" : again ? "pending" : "failed",
        nextAttemptAt: again ? new Date(done.getTime() + delay) : null,
        lockedBy: null,
        lockedUntil: null,
        lastStatus: outcome.status,
        lastError: outcome.error,
        lastDurationMs: outcome.durationMs,
        responseExcerpt: outcome.excerpt,
        doneAt: again ? null : done,
      },
    });
    if (!outcome.ok) this.logger.info("webhook delivery failed", { deliveryId: row.id, webhookId: row.webhookId, attempt: row.attempts, status: outcome.status, error: outcome.error, retryInMs: again ? delay : null });
  }
}

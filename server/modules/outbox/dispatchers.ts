/**
 * A node's outbox dispatchers: webhook deliveries always, notification e-mails when SMTP is
 * configured. Each is a loop over its table (polling every DISPATCH_INTERVAL_MS, woken at once
 * when a change on this node queued something); any number of nodes can run them at once.
 */
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import type { Logger } from "../../lib/logger.ts";
import { DispatchLoop } from "./dispatch-loop.ts";
import { WebhookDispatcher } from "../webhooks/webhook-dispatcher.ts";
import type { Resolve } from "../webhooks/address-guard.ts";
import { EmailDispatcher } from "../notifications/email/email-dispatcher.ts";
import { smtpMailer, type Mailer } from "../notifications/email/mailer.ts";

export interface Dispatchers {
  /** Something was queued on this node: look now rather than at the next interval. */
  kick(): void;
  start(): void;
  /** Stops the loops, waiting for the batches in flight. */
  stop(): Promise<void>;
}

export interface DispatcherOptions {
  /** How webhook host names resolve (the system's DNS by default). */
  resolve?: Resolve;
}

export function createDispatchers(config: Config, db: Db, logger: Logger, opts: DispatcherOptions = {}): Dispatchers {
  const webhooks = new WebhookDispatcher(db, config.databaseProvider, { config: config.webhooks, ...(opts.resolve ? { resolve: opts.resolve } : {}) }, logger);
  const loops = [new DispatchLoop("webhook", () => webhooks.tick(), config.dispatchIntervalMs, logger)];
  let mailer: Mailer | null = null;
  if (config.mail) {
    mailer = smtpMailer(config.mail.smtpUrl, config.mail.from);
    const emails = new EmailDispatcher(db, config.databaseProvider, { mailer, origin: config.publicOrigin, digestMs: config.digestMs }, logger);
    loops.push(new DispatchLoop("e-mail", () => emails.tick(), config.dispatchIntervalMs, logger));
  }
  return {
    kick: () => loops.forEach((l) => l.kick()),
    start: () => loops.forEach((l) => l.start()),
    async stop() {
      await Promise.all(loops.map((l) => l.stop()));
      mailer?.close();
    },
  };
}

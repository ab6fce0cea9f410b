/** What every module needs from the running server, built once in createApp. */
import type { Config } from "./config.ts";
import type { Db } from "./db/client.ts";
import type { Logger } from "./lib/logger.ts";
import type { LoginLimiter } from "./auth/login-limiter.ts";
import type { RateLimit } from "./http/rate-limit.ts";
import type { Publisher } from "./realtime/publisher.ts";
import type { MutationRunner } from "./modules/mutations/registry.ts";
import type { WorkerPool } from "./workers/pool.ts";
import type { ParagraphCache } from "./modules/documents/paragraph-cache.ts";
import type { Dispatchers } from "./modules/outbox/dispatchers.ts";

export interface AppContext {
  config: Config;
  db: Db;
  logger: Logger;
  loginLimiter: LoginLimiter;
  registerLimiter: RateLimit;
  sessionCookieName: string;
  /** Where committed events go: the socket publisher on a running node, nowhere in tests without sockets. */
  publisher: Publisher;
  mutations: MutationRunner;
  /** Paragraph texts of recently used documents (anchors are checked against them). */
  paragraphs: ParagraphCache;
  /** Worker threads for CPU-heavy jobs, so the event loop keeps answering. */
  workers: WorkerPool;
  /** Sends queued notification e-mails and webhook deliveries (started by a listening node). */
  outbox: Dispatchers;
  /** Set on SIGTERM: /readyz answers 503 so the load balancer moves traffic away. */
  draining: boolean;
}

/** The shared services mutation definitions use, and a runner for code that runs without a server (CLI, demo seed). */
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { nullPublisher } from "../../realtime/publisher.ts";
import { ParagraphCache } from "../documents/paragraph-cache.ts";
import type { MutationServices } from "./mutation.ts";
import { MutationRunner } from "./registry.ts";

/** Without `mail` no e-mail is queued; without `webhooks` private addresses are refused. */
type ServiceConfig = Pick<Config, "databaseProvider" | "inviteTtlMs" | "publicOrigin"> & Partial<Pick<Config, "mail" | "webhooks">>;

export function servicesFor(config: ServiceConfig, paragraphs: ParagraphCache): MutationServices {
  return {
    provider: config.databaseProvider,
    paragraphs,
    inviteTtlMs: config.inviteTtlMs,
    publicOrigin: config.publicOrigin,
    mailEnabled: Boolean(config.mail),
    webhookAllowPrivate: config.webhooks?.allowPrivate ?? false,
  };
}

/**
 * The same mutation path for the command line and the demo seed: nothing listens to their
 * events (a node that serves the document reads them from the log when a client joins), and
 * the e-mails and webhook deliveries they queue are sent by the nodes' dispatchers.
 */
export function offlineRunner(db: Db, config: ServiceConfig): MutationRunner {
  return new MutationRunner(db, servicesFor(config, new ParagraphCache()), nullPublisher);
}

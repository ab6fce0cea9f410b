/**
 * Workspace webhooks (editors and owners): create (the secret is answered once and never again),
 * change, delete — each a mutation that writes its workspace event, so the audit log shows who
 * did it, and none of them carries the secret — plus the delivery log, a test delivery and a
 * redelivery, which queue a row the dispatcher sends.
 */
import type { z } from "zod";
import type { Db, Tx } from "../../db/client.ts";
import type { WebhookSummary } from "../../../common/events.ts";
import {
  WEBHOOK_TEST_TYPE,
  type DeliveryListQuerySchema,
  type WebhookBody,
  type WebhookCreatedDto,
  type WebhookCreateSchema,
  type WebhookDeliveryDto,
  type WebhookDeliveryPageDto,
  type WebhookDto,
  type WebhookEventType,
  type WebhookRedeliverSchema,
  type WebhookRefSchema,
  type WebhookUpdateSchema,
} from "../../../common/webhooks.ts";
import { newId, newToken } from "../../lib/ids.ts";
import { ConflictError, HttpError, NotFoundError, ValidationError } from "../../http/errors.ts";
import { readsEventType } from "../../../common/workspace-event-access.ts";
import type { Role } from "../../../common/workspaces.ts";
import { decodeTimeCursor, olderThan, pageOf } from "../../db/time-cursor.ts";
import { appendWorkspaceEvent } from "../events/event-log.ts";
import { authorize, loadWorkspaceAccess } from "../workspaces/membership.ts";
import type { Actor, MutationServices, Written } from "../mutations/mutation.ts";
import { AddressRefusedError, checkDestination } from "./address-guard.ts";

type CreateInput = z.output<typeof WebhookCreateSchema>;
type UpdateInput = z.output<typeof WebhookUpdateSchema>;
type RefInput = z.output<typeof WebhookRefSchema>;
type RedeliverInput = z.output<typeof WebhookRedeliverSchema>;

interface WebhookRow {
  id: string;
  workspaceId: string;
  url: string;
  events: string;
  description: string;
  active: boolean;
  version: number;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The members who set webhooks: their names, and their roles in the webhook's workspace (null: no longer a member). */
type Setters = ReadonlyMap<string, { displayName: string; role: Role | null }>;

export function presentWebhook(w: WebhookRow, setters: Setters): WebhookDto {
  const setter = w.createdById ? setters.get(w.createdById) : undefined;
  return {
    id: w.id,
    workspaceId: w.workspaceId,
    url: w.url,
    events: JSON.parse(w.events) as WebhookEventType[],
    description: w.description,
    active: w.active,
    version: w.version,
    createdBy: w.createdById ? { id: w.createdById, displayName: setter?.displayName ?? "Former member" } : null,
    setterRole: setter?.role ?? null,
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
  };
}

interface DeliveryRow {
  id: string;
  webhookId: string;
  eventId: string;
  type: string;
  state: string;
  attempts: number;
  nextAttemptAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
  lastDurationMs: number | null;
  responseExcerpt: string | null;
  redeliveryOf: string | null;
  createdAt: Date;
  doneAt: Date | null;
}

export function presentDelivery(d: DeliveryRow): WebhookDeliveryDto {
  return {
    id: d.id,
    webhookId: d.webhookId,
    eventId: d.eventId,
    type: d.type,
    state: d.state as WebhookDeliveryDto["state"],
    attempts: d.attempts,
    nextAttemptAt: d.state === "pending" ? (d.nextAttemptAt?.toISOString() ?? null) : null,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    lastDurationMs: d.lastDurationMs,
    responseExcerpt: d.responseExcerpt,
    redeliveryOf: d.redeliveryOf,
    createdAt: d.createdAt.toISOString(),
    doneAt: d.doneAt?.toISOString() ?? null,
  };
}

/** Where a webhook points, as the logs may show it: no query string (it may carry the receiver's token). */
export function targetOf(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname}`;
}

function summaryOf(w: { id: string; url: string; events: string; active: boolean; description: string }): WebhookSummary {
  return { webhookId: w.id, target: targetOf(w.url), events: JSON.parse(w.events) as string[], active: w.active, description: w.description };
}

async function setters(db: Db | Tx, rows: WebhookRow[]): Promise<Setters> {
  const ids = [...new Set(rows.flatMap((r) => (r.createdById ? [r.createdById] : [])))];
  if (!ids.length) return new Map();
  const workspaceId = rows[0]!.workspaceId;
  // One after the other: inside a transaction both would wait on its one connection anyway.
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } });
  const members = await db.membership.findMany({ where: { workspaceId, userId: { in: ids } }, select: { userId: true, role: true } });
  const roles = new Map(members.map((m) => [m.userId, m.role as Role]));
  return new Map(users.map((u) => [u.id, { displayName: u.displayName, role: roles.get(u.id) ?? null }]));
}

/** The caller may manage the workspace's webhooks: 404 for strangers, 403 below editor. */
/** 404 for strangers, 403 below editor; the member's role. */
export async function requireManager(db: Db | Tx, userId: string, workspaceId: string): Promise<Role> {
  const { role } = await loadWorkspaceAccess(db, userId, workspaceId);
  authorize(role, "webhook.manage");
  return role;
}

/**
 * Setting where a webhook's events go, or which: 403 naming `events` for an event type the
 * member's role does not read (an editor may not send the owners' audit events to an address of
 * their choosing, nor point an owner's webhook that gets them somewhere else).
 */
function requireReadsAll(role: Role, events: readonly string[]): void {
  const unread = events.filter((t) => !readsEventType(role, t));
  if (unread.length) throw new HttpError(403, "forbidden", `events: your role (${role}) does not read ${unread.join(", ")}`, "events");
}

async function loadWebhook(db: Db | Tx, workspaceId: string, webhookId: string) {
  const w = await db.webhook.findFirst({ where: { id: webhookId, workspaceId } });
  if (!w) throw NotFoundError("Webhook");
  return w;
}

/**
 * Before the transaction (it may wait on DNS): a URL whose host is or resolves to an internal
 * address is refused unless the configuration allows them. 400 naming `url`. Only for those who
 * may manage the workspace's webhooks (404 for strangers, 403 below editor, as in the
 * transaction): the refusal names the address a host resolves to, and anyone else could map the
 * server's internal network through its resolver.
 */
export async function checkWebhookUrl(db: Db, actor: Actor, input: { workspaceId: string; url?: string | undefined }, services: MutationServices): Promise<void> {
  if (input.url === undefined) return;
  await requireManager(db, actor.userId, input.workspaceId);
  try {
    await checkDestination(new URL(input.url), services.webhookAllowPrivate);
  } catch (e) {
    const why = e instanceof AddressRefusedError ? `is not allowed: ${e.message}` : `cannot be reached: ${(e as Error).message}`;
    throw ValidationError(`url: ${why}`, "url");
  }
}

/** The secret receivers verify signatures with: shown once, in the create's answer. */
function newSecret(): string {
  return `whsec_${newToken()}`;
}

export async function createWebhook(tx: Tx, actor: Actor, input: CreateInput): Promise<Written<WebhookCreatedDto>> {
  const role = await requireManager(tx, actor.userId, input.workspaceId);
  requireReadsAll(role, input.events);
  const secret = newSecret();
  const w = await tx.webhook.create({
    data: { id: newId("wh"), workspaceId: input.workspaceId, url: input.url, events: JSON.stringify(input.events), secret, description: input.description, active: input.active, createdById: actor.userId },
  });
  const event = await appendWorkspaceEvent(tx, { workspaceId: input.workspaceId, type: "webhook.created", payload: summaryOf(w), actorId: actor.userId });
  return { result: { webhook: presentWebhook(w, new Map([[actor.userId, { displayName: actor.displayName, role }]])), secret }, workspaceEvents: [event] };
}

export async function updateWebhook(tx: Tx, actor: Actor, input: UpdateInput): Promise<Written<WebhookDto>> {
  const role = await requireManager(tx, actor.userId, input.workspaceId);
  const before = await loadWebhook(tx, input.workspaceId, input.webhookId);
  if (input.url !== undefined || input.events !== undefined) requireReadsAll(role, input.events ?? (JSON.parse(before.events) as string[]));
  const data = {
    ...(input.url !== undefined ? { url: input.url } : {}),
    ...(input.events !== undefined ? { events: JSON.stringify(input.events) } : {}),
    // Whoever sets where it sends or what answers for it: deliveries follow their role (enqueue.ts).
    ...(input.url !== undefined || input.events !== undefined ? { createdById: actor.userId } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.active !== undefined ? { active: input.active } : {}),
  };
  const { count } = await tx.webhook.updateMany({ where: { id: before.id, version: input.version }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) throw ConflictError(`Webhook was changed by someone else (now version ${before.version})`, { current: presentWebhook(before, await setters(tx, [before])) });
  const after = await tx.webhook.findUniqueOrThrow({ where: { id: before.id } });
  const event = await appendWorkspaceEvent(tx, { workspaceId: input.workspaceId, type: "webhook.updated", payload: { before: summaryOf(before), after: summaryOf(after) }, actorId: actor.userId, clientMutationId: input.clientMutationId });
  return { result: presentWebhook(after, await setters(tx, [after])), workspaceEvents: [event] };
}

export async function deleteWebhook(tx: Tx, actor: Actor, input: RefInput): Promise<Written<{ webhookId: string }>> {
  await requireManager(tx, actor.userId, input.workspaceId);
  const w = await loadWebhook(tx, input.workspaceId, input.webhookId);
  // Its deliveries go with it (pending ones are never sent).
  await tx.webhook.delete({ where: { id: w.id } });
  const event = await appendWorkspaceEvent(tx, { workspaceId: input.workspaceId, type: "webhook.deleted", payload: summaryOf(w), actorId: actor.userId, clientMutationId: input.clientMutationId });
  return { result: { webhookId: w.id }, workspaceEvents: [event] };
}

async function queueDelivery(tx: Tx, webhookId: string, workspaceId: string, eventId: string, type: string, body: string, redeliveryOf: string | null) {
  const now = new Date();
  return tx.webhookDelivery.create({ data: { id: newId("dl"), webhookId, workspaceId, eventId, type, body, nextAttemptAt: now, createdAt: now, redeliveryOf } });
}

/** Queues a `webhook.test` delivery (sent even while the webhook is turned off). */
export async function testWebhook(tx: Tx, actor: Actor, input: RefInput): Promise<Written<WebhookDeliveryDto>> {
  await requireManager(tx, actor.userId, input.workspaceId);
  const w = await loadWebhook(tx, input.workspaceId, input.webhookId);
  const eventId = `test.${newId("t")}`;
  const body: WebhookBody = {
    id: eventId,
    type: WEBHOOK_TEST_TYPE,
    workspaceId: w.workspaceId,
    occurredAt: new Date().toISOString(),
    data: { documentId: null, seq: null, actorId: actor.userId, payload: { message: "A test delivery from Scholia", webhookId: w.id } },
  };
  const d = await queueDelivery(tx, w.id, w.workspaceId, eventId, WEBHOOK_TEST_TYPE, JSON.stringify(body), null);
  return { result: presentDelivery(d), queued: true };
}

/** Queues the same body again as a new delivery (the receiver sees the same event id). */
export async function redeliver(tx: Tx, actor: Actor, input: RedeliverInput): Promise<Written<WebhookDeliveryDto>> {
  await requireManager(tx, actor.userId, input.workspaceId);
  const w = await loadWebhook(tx, input.workspaceId, input.webhookId);
  const old = await tx.webhookDelivery.findFirst({ where: { id: input.deliveryId, webhookId: w.id } });
  if (!old) throw NotFoundError("Delivery");
  const d = await queueDelivery(tx, w.id, w.workspaceId, old.eventId, old.type, old.body, old.id);
  return { result: presentDelivery(d), queued: true };
}

/** The workspace's webhooks, oldest first. */
export async function listWebhooks(db: Db, userId: string, workspaceId: string): Promise<WebhookDto[]> {
  await requireManager(db, userId, workspaceId);
  const rows = await db.webhook.findMany({ where: { workspaceId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const n = await setters(db, rows);
  return rows.map((r) => presentWebhook(r, n));
}

export async function getWebhook(db: Db, userId: string, workspaceId: string, webhookId: string): Promise<WebhookDto> {
  await requireManager(db, userId, workspaceId);
  const w = await loadWebhook(db, workspaceId, webhookId);
  return presentWebhook(w, await setters(db, [w]));
}

/** A page of a webhook's delivery log, newest first. */
export async function listDeliveries(db: Db, userId: string, workspaceId: string, webhookId: string, q: z.output<typeof DeliveryListQuerySchema>): Promise<WebhookDeliveryPageDto> {
  await requireManager(db, userId, workspaceId);
  await loadWebhook(db, workspaceId, webhookId);
  const rows = await db.webhookDelivery.findMany({ where: { webhookId, ...olderThan(decodeTimeCursor(q.before)) }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: q.limit + 1 });
  const { page, nextBefore } = pageOf(rows, q.limit);
  return { deliveries: page.map(presentDelivery), nextBefore };
}

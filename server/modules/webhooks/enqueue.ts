/**
 * The webhook outbox: for each event a mutation wrote, one delivery row per active webhook of
 * its workspace that subscribed to its type, written in the same transaction as the event (so a
 * delivery exists exactly when its event committed). The body is fixed here; the dispatcher
 * signs and sends it. A JSON-LD import is announced by its `annotations.imported` summary: its
 * notes and replies do not each make a delivery.
 *
 * A webhook sends what the member who set it may read now, not what they could read then: its
 * setter's current role decides, event by event (common/workspace-event-access.ts), so a member
 * demoted below a type stops receiving it, and a webhook whose setter has left the workspace (or
 * whose account is gone) sends nothing until a manager sets its address or events again, which
 * makes it theirs (webhooks.service.ts).
 */
import type { Provider, Tx } from "../../db/client.ts";
import { insertRows } from "../../db/bulk-insert.ts";
import { list, prismaSql, type Sql } from "../../db/sql.ts";
import type { DocumentEventDto, WorkspaceEventDto } from "../../../common/events.ts";
import type { WebhookBody } from "../../../common/webhooks.ts";
import { newId } from "../../lib/ids.ts";
import { eventKey } from "../events/event-log.ts";
import { readsEventType } from "../../../common/workspace-event-access.ts";
import { RoleSchema } from "../../../common/workspaces.ts";

interface Subscriber {
  id: string;
  workspaceId: string;
  events: string;
  documentId: string | null;
  /** The current role of the member who set the webhook; null when they are no longer a member. */
  setterRole: string | null;
}

/** The body a receiver gets for an event. */
export function bodyOf(e: DocumentEventDto | WorkspaceEventDto, workspaceId: string): WebhookBody {
  return {
    id: eventKey(e),
    type: e.type as WebhookBody["type"],
    workspaceId,
    occurredAt: e.createdAt,
    data: { documentId: e.documentId, seq: e.seq, actorId: e.actorId, payload: e.payload },
  };
}

/** The active webhooks of the workspaces the events belong to, with the document each document event names. */
async function subscribers(sql: Sql, documentIds: string[], workspaceIds: string[]): Promise<Subscriber[]> {
  const [byDocument, byWorkspace] = await Promise.all([
    documentIds.length
      ? sql.query<Subscriber>(
          `SELECT w."id", w."workspaceId", w."events", d."id" AS "documentId", m."role" AS "setterRole" FROM "Webhook" w JOIN "Document" d ON d."workspaceId" = w."workspaceId"
           LEFT JOIN "Membership" m ON m."workspaceId" = w."workspaceId" AND m."userId" = w."createdById"
           WHERE w."active" = ? AND d."id" IN (${list(documentIds.length)})`,
          [true, ...documentIds],
        )
      : [],
    workspaceIds.length
      ? sql.query<Subscriber>(
          `SELECT w."id", w."workspaceId", w."events", NULL AS "documentId", m."role" AS "setterRole" FROM "Webhook" w
           LEFT JOIN "Membership" m ON m."workspaceId" = w."workspaceId" AND m."userId" = w."createdById"
           WHERE w."active" = ? AND w."workspaceId" IN (${list(workspaceIds.length)})`,
          [true, ...workspaceIds],
        )
      : [],
  ]);
  return [...byDocument, ...byWorkspace];
}

/**
 * Writes the deliveries the events call for; returns how many. `sql` runs the statements in
 * `tx`'s transaction (the annotation-create batch passes its driver-level one).
 */
export async function enqueueDeliveries(
  tx: Tx,
  provider: Provider,
  events: readonly DocumentEventDto[],
  workspaceEvents: readonly WorkspaceEventDto[],
  sql: Sql = prismaSql(tx, provider),
): Promise<number> {
  const imported = new Set(events.filter((e) => e.type === "annotations.imported").map((e) => e.documentId));
  const docEvents = events.filter((e) => !(imported.has(e.documentId) && (e.type === "annotation.created" || e.type === "reply.created")));
  const wsEvents = workspaceEvents.filter((e) => !e.type.startsWith("webhook."));
  if (docEvents.length === 0 && wsEvents.length === 0) return 0;
  const subs = await subscribers(sql, [...new Set(docEvents.map((e) => e.documentId))], [...new Set(wsEvents.map((e) => e.workspaceId))]);
  if (subs.length === 0) return 0;
  // The types each webhook sends: those it subscribed to that its setter reads now.
  const wanted = new Map(
    subs.map((s) => {
      const role = RoleSchema.safeParse(s.setterRole);
      return [s.id, new Set(role.success ? (JSON.parse(s.events) as string[]).filter((t) => readsEventType(role.data, t)) : [])];
    }),
  );
  const now = new Date();
  const rows: Array<Record<string, unknown>> = [];
  const add = (s: Subscriber, e: DocumentEventDto | WorkspaceEventDto) => {
    if (!wanted.get(s.id)!.has(e.type)) return;
    rows.push({ id: newId("dl"), webhookId: s.id, workspaceId: s.workspaceId, eventId: eventKey(e), type: e.type, body: JSON.stringify(bodyOf(e, s.workspaceId)), state: "pending", attempts: 0, nextAttemptAt: now, createdAt: now });
  };
  for (const e of docEvents) for (const s of subs) if (s.documentId === e.documentId) add(s, e);
  for (const e of wsEvents) for (const s of subs) if (s.documentId === null && s.workspaceId === e.workspaceId) add(s, e);
  await insertRows(sql, "WebhookDelivery", rows);
  return rows.length;
}

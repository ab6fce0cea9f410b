/**
 * What committed events lead to besides the logs, written in the same transaction as the events:
 * notifications for the people they concern (and their e-mails), and webhook deliveries. The
 * registry calls this in the step that commits a mutation's events, and the annotation-create
 * batch in its own transaction, so both are durable and exactly once.
 */
import type { Provider, Tx } from "../../db/client.ts";
import type { Sql } from "../../db/sql.ts";
import type { DocumentEventDto, WorkspaceEventDto } from "../../../common/events.ts";
import { recordNotifications, type RecordedNotification } from "../notifications/record.ts";
import { enqueueDeliveries } from "../webhooks/enqueue.ts";

export interface FollowUps {
  /** To push to each recipient's sockets after the commit. */
  notifications: RecordedNotification[];
  /** Whether e-mails or deliveries were queued (the node's dispatchers are woken after the commit). */
  queued: boolean;
}

export const NO_FOLLOW_UPS: FollowUps = { notifications: [], queued: false };

/** `sql`, when given, runs hand-written statements in `tx`'s transaction without Prisma's query compiler. */
export type RecordFollowUps = (tx: Tx, events: readonly DocumentEventDto[], workspaceEvents: readonly WorkspaceEventDto[], sql?: Sql) => Promise<FollowUps>;

/** The follow-ups of a node: e-mail rows only when it sends e-mail. */
export function followUpsRecorder(provider: Provider, mailEnabled: boolean): RecordFollowUps {
  return async (tx, events, workspaceEvents, sql) => {
    if (events.length === 0 && workspaceEvents.length === 0) return NO_FOLLOW_UPS;
    const notes = await recordNotifications(tx, events, mailEnabled);
    const deliveries = await enqueueDeliveries(tx, provider, events, workspaceEvents, sql);
    return { notifications: notes.pushes, queued: notes.emails > 0 || deliveries > 0 };
  };
}

/**
 * The inbox: pages of a person's notifications (newest first), the unread count, marking read,
 * and the settings. Reads check access as they present: a notification from a workspace the
 * person has left shows nothing of its content. Marking read and saving settings are mutations
 * (the registry runs them), so they are idempotent like every other change.
 */
import type { z } from "zod";
import type { Db, Tx } from "../../db/client.ts";
import type {
  NotificationListQuery,
  NotificationPageDto,
  NotificationsMarkAllReadSchema,
  NotificationsMarkReadSchema,
  NotificationSettingsDto,
  NotificationSettingsSchema,
} from "../../../common/notifications.ts";
import { decodeTimeCursor, olderThan, pageOf } from "../../db/time-cursor.ts";
import type { Actor, MutationServices, Written } from "../mutations/mutation.ts";
import { presentNotification, type NotificationRecord } from "./notification.presenter.ts";
import { settingsOf } from "./settings.ts";

/** Presents rows for `userId`: content only for workspaces they still belong to, links only to documents still there. */
export async function presentFor(db: Db | Tx, userId: string, rows: NotificationRecord[]) {
  const workspaceIds = [...new Set(rows.map((r) => r.workspaceId))];
  const documentIds = [...new Set(rows.flatMap((r) => (r.documentId ? [r.documentId] : [])))];
  const [memberships, documents] = await Promise.all([
    workspaceIds.length ? db.membership.findMany({ where: { userId, workspaceId: { in: workspaceIds } }, select: { workspaceId: true } }) : [],
    documentIds.length ? db.document.findMany({ where: { id: { in: documentIds } }, select: { id: true } }) : [],
  ]);
  const member = new Set(memberships.map((m) => m.workspaceId));
  const present = new Set(documents.map((d) => d.id));
  return rows.map((r) => presentNotification(r, member.has(r.workspaceId), r.documentId !== null && present.has(r.documentId)));
}

/** How many of the person's notifications are unread. */
export function unreadCount(db: Db | Tx, userId: string): Promise<number> {
  return db.notification.count({ where: { userId, readAt: null } });
}

/** A page of the person's notifications, newest first. */
export async function listNotifications(db: Db, userId: string, q: NotificationListQuery): Promise<NotificationPageDto> {
  const rows = await db.notification.findMany({
    where: { userId, ...(q.unread ? { readAt: null } : {}), ...olderThan(decodeTimeCursor(q.before)) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: q.limit + 1,
  });
  const { page, nextBefore } = pageOf(rows, q.limit);
  const [notifications, unread] = await Promise.all([presentFor(db, userId, page), unreadCount(db, userId)]);
  return { notifications, nextBefore, unread };
}

export interface ReadResult {
  /** How many changed from unread to read. */
  marked: number;
  unread: number;
}

/** Marks some of the caller's notifications read (ids of others' are ignored, as if unknown). */
export async function markRead(tx: Tx, actor: Actor, input: z.output<typeof NotificationsMarkReadSchema>): Promise<Written<ReadResult>> {
  const ids = [...new Set(input.ids)];
  const { count } = await tx.notification.updateMany({ where: { userId: actor.userId, id: { in: ids }, readAt: null }, data: { readAt: new Date() } });
  const unread = await unreadCount(tx, actor.userId);
  return { result: { marked: count, unread }, afterCommit: ({ publisher }) => publisher.notificationsRead(actor.userId, { ids, unread }) };
}

export async function markAllRead(tx: Tx, actor: Actor, _input: z.output<typeof NotificationsMarkAllReadSchema>): Promise<Written<ReadResult>> {
  const { count } = await tx.notification.updateMany({ where: { userId: actor.userId, readAt: null }, data: { readAt: new Date() } });
  return { result: { marked: count, unread: 0 }, afterCommit: ({ publisher }) => publisher.notificationsRead(actor.userId, { ids: null, unread: 0 }) };
}

/** The caller's settings, as the API shows them. */
export async function readSettings(db: Db | Tx, userId: string, mailEnabled: boolean): Promise<NotificationSettingsDto> {
  return { ...(await settingsOf(db, userId)), emailAvailable: mailEnabled };
}

/** Replaces the caller's settings. */
export async function saveSettings(tx: Tx, actor: Actor, input: z.output<typeof NotificationSettingsSchema>, services: MutationServices): Promise<Written<NotificationSettingsDto>> {
  const data = { kinds: JSON.stringify(input.kinds), email: input.email };
  await tx.notificationSettings.upsert({ where: { userId: actor.userId }, create: { userId: actor.userId, ...data }, update: { ...data, version: { increment: 1 } } });
  return { result: await readSettings(tx, actor.userId, services.mailEnabled) };
}

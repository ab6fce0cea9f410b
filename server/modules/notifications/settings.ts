/** A person's notification settings: the saved row read with the defaults under it. */
import type { Db, Tx } from "../../db/client.ts";
import { DEFAULT_NOTIFICATION_SETTINGS, EMAIL_MODES, NOTIFICATION_KINDS, type EmailMode, type NotificationKind } from "../../../common/notifications.ts";

export interface Settings {
  kinds: Record<NotificationKind, boolean>;
  email: EmailMode;
}

/** A stored row as settings; a kind added since the row was saved takes its default. */
export function settingsFromRow(row: { kinds: string; email: string } | null): Settings {
  if (!row) return { kinds: { ...DEFAULT_NOTIFICATION_SETTINGS.kinds }, email: DEFAULT_NOTIFICATION_SETTINGS.email };
  const saved = JSON.parse(row.kinds) as Partial<Record<string, unknown>>;
  const kinds = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, typeof saved[k] === "boolean" ? saved[k] : DEFAULT_NOTIFICATION_SETTINGS.kinds[k]])) as Record<NotificationKind, boolean>;
  const email = (EMAIL_MODES as readonly string[]).includes(row.email) ? (row.email as EmailMode) : DEFAULT_NOTIFICATION_SETTINGS.email;
  return { kinds, email };
}

/** The settings of each of `userIds` who saved any (the others have the defaults). */
export async function savedSettings(db: Db | Tx, userIds: string[]): Promise<Map<string, Settings>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.notificationSettings.findMany({ where: { userId: { in: userIds } } });
  return new Map(rows.map((r) => [r.userId, settingsFromRow(r)]));
}

/** One person's settings. */
export async function settingsOf(db: Db | Tx, userId: string): Promise<Settings> {
  return settingsFromRow(await db.notificationSettings.findUnique({ where: { userId } }));
}

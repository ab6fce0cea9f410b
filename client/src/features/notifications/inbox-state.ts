/**
 * The bell's state, changed only by these pure steps: a fresh first page from the API, a
 * notification pushed over the socket, and notifications marked read (here or in another tab).
 */
import type { NotificationDto, NotificationPageDto } from "../../../../common/notifications.ts";

/** How many of the newest notifications the bell keeps. */
export const RECENT = 20;

export interface InboxState {
  /** False until the first page has arrived. */
  loaded: boolean;
  unread: number;
  /** The newest notifications, newest first. */
  recent: NotificationDto[];
}

export const EMPTY_INBOX: InboxState = { loaded: false, unread: 0, recent: [] };

/** The API's first page replaces what was known. */
export function withPage(_s: InboxState, page: Pick<NotificationPageDto, "notifications" | "unread">): InboxState {
  return { loaded: true, unread: page.unread, recent: page.notifications.slice(0, RECENT) };
}

/** A pushed notification goes on top (once: a push that raced a page load is not counted twice). */
export function withPush(s: InboxState, n: NotificationDto): InboxState {
  if (s.recent.some((x) => x.id === n.id)) return s;
  return { ...s, unread: s.unread + (n.readAt ? 0 : 1), recent: [n, ...s.recent].slice(0, RECENT) };
}

/** `items` with those of `ids` (all when null) marked read at `at`. */
export function markedRead(items: NotificationDto[], ids: readonly string[] | null, at: string): NotificationDto[] {
  const hit = ids ? new Set(ids) : null;
  return items.map((n) => (!n.readAt && (!hit || hit.has(n.id)) ? { ...n, readAt: at } : n));
}

/** Notifications marked read (`ids` null: all of them); `unread` is the server's count after it. */
export function withRead(s: InboxState, ids: readonly string[] | null, unread: number, at: string = new Date().toISOString()): InboxState {
  return { ...s, unread, recent: markedRead(s.recent, ids, at) };
}

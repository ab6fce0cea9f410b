/**
 * The signed-in person's notifications, live, shared by everything on the page that shows them
 * (the bell, the inbox page): one socket for the tab, opened by the first subscriber and closed
 * with the last. It hears `notification` (something new, from any node) and `notifications:read`
 * (marked read in another tab), and reloads the first page whenever the socket (re)connects, so
 * nothing missed while it was away stays missing.
 */
import { useSyncExternalStore } from "react";
import type { NotificationDto } from "../../../../common/notifications.ts";
import { openSocket, type ScholiaSocket } from "../../realtime/socket.ts";
import { notificationsApi } from "./notifications-api.ts";
import { EMPTY_INBOX, RECENT, withPage, withPush, withRead, type InboxState } from "./inbox-state.ts";

class NotificationFeed {
  private state: InboxState = EMPTY_INBOX;
  private listeners = new Set<() => void>();
  private pushListeners = new Set<(n: NotificationDto) => void>();
  private readListeners = new Set<(ids: readonly string[] | null) => void>();
  private socket: ScholiaSocket | null = null;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  };

  getSnapshot = (): InboxState => this.state;

  /** Hears each new notification (the inbox page puts it on top of its list). */
  onPush(listener: (n: NotificationDto) => void): () => void {
    this.pushListeners.add(listener);
    return () => void this.pushListeners.delete(listener);
  }

  /** Hears notifications marked read, here or in another tab (`null`: all). */
  onRead(listener: (ids: readonly string[] | null) => void): () => void {
    this.readListeners.add(listener);
    return () => void this.readListeners.delete(listener);
  }

  async markRead(ids: string[]): Promise<void> {
    const { unread } = await notificationsApi.markRead(ids);
    this.read(ids, unread);
  }

  async markAllRead(): Promise<void> {
    const { unread } = await notificationsApi.markAllRead();
    this.read(null, unread);
  }

  private read(ids: readonly string[] | null, unread: number): void {
    this.set(withRead(this.state, ids, unread));
    for (const l of [...this.readListeners]) l(ids);
  }

  /** Reads the first page again. */
  refresh(): void {
    notificationsApi.page({ limit: RECENT }).then(
      (page) => this.set(withPage(this.state, page)),
      () => undefined,
    );
  }

  private set(next: InboxState): void {
    if (next === this.state) return;
    this.state = next;
    for (const l of [...this.listeners]) l();
  }

  private start(): void {
    const socket = openSocket();
    this.socket = socket;
    socket.on("connect", () => this.refresh());
    socket.on("notification", ({ notification }) => {
      this.set(withPush(this.state, notification));
      for (const l of [...this.pushListeners]) l(notification);
    });
    socket.on("notifications:read", ({ ids, unread }) => this.read(ids, unread));
    socket.connect();
  }

  private stop(): void {
    this.socket?.disconnect();
    this.socket = null;
    this.state = EMPTY_INBOX;
  }
}

/** The one feed of this tab. */
export const notificationFeed = new NotificationFeed();

/** The bell's state, re-rendering on every change. */
export function useNotificationFeed(): InboxState {
  return useSyncExternalStore(notificationFeed.subscribe, notificationFeed.getSnapshot);
}

/** Where committed events go after the transaction: socket rooms, or nowhere (no realtime). */
import type { DocumentEventDto, WorkspaceEventDto } from "../../common/events.ts";
import type { NotificationDto } from "../../common/notifications.ts";
import type { Role } from "../../common/workspaces.ts";

/** A notification for one person, pushed to their sockets after the commit that wrote it. */
export interface NotificationPush {
  userId: string;
  notification: NotificationDto;
}

export interface Publisher {
  publish(events: DocumentEventDto[], workspaceEvents: WorkspaceEventDto[]): void;
  /** New notifications: each to its recipient's sockets (the `user:<id>` room, on every node). */
  notify(pushes: NotificationPush[]): void;
  /** The user marked notifications read (`ids` null: all): their other tabs update the count. */
  notificationsRead(userId: string, read: { ids: string[] | null; unread: number }): void;
  /** The user just lost access to the workspace: stop their sockets receiving its documents. */
  revokeAccess(workspaceId: string, userId: string): Promise<void>;
  /** The user's role in the workspace changed: their sockets now receive the workspace events the new role reads. */
  changeRole(workspaceId: string, userId: string, role: Role): Promise<void>;
  /** A session ended (sign-out): its sockets are disconnected. */
  endSession(sessionId: string): void;
  /** A document was deleted: every socket joined to it leaves its room (presence there ends with it). */
  documentDeleted(documentId: string): void;
}

export const nullPublisher: Publisher = {
  publish() {},
  notify() {},
  notificationsRead() {},
  async revokeAccess() {},
  async changeRole() {},
  endSession() {},
  documentDeleted() {},
};

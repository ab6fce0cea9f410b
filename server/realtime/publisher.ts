/** Where committed events go after the transaction: socket rooms, or nowhere (no realtime). */
import type { DocumentEventDto, WorkspaceEventDto } from "../../common/events.ts";

export interface Publisher {
  publish(events: DocumentEventDto[], workspaceEvents: WorkspaceEventDto[]): void;
  /** The user just lost access to the workspace: stop their sockets receiving its documents. */
  revokeAccess(workspaceId: string, userId: string): Promise<void>;
  /** A session ended (sign-out): its sockets are disconnected. */
  endSession(sessionId: string): void;
}

export const nullPublisher: Publisher = {
  publish() {},
  async revokeAccess() {},
  endSession() {},
};

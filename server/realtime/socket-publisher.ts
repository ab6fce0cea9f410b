/** Maps committed events to Socket.IO rooms; also cuts sockets off when access ends. */
import type { DocumentEventDto, WorkspaceEventDto } from "../../common/events.ts";
import type { Logger } from "../lib/logger.ts";
import type { NotificationPush, Publisher } from "./publisher.ts";
import { EventSequencer } from "./event-sequencer.ts";
import type { ScholiaServer } from "./socket-types.ts";
import { metrics } from "../observability/metrics.ts";
import type { Role } from "../../common/workspaces.ts";
import { workspaceEventAudience, workspaceEventSubject } from "../../common/workspace-event-access.ts";
import { allWorkspaceRooms, docRoom, moveToRole, sessionRoom, userRoom, workspaceAudienceRoom, workspaceRoom } from "./rooms.ts";

export class SocketPublisher implements Publisher {
  private documents: EventSequencer<DocumentEventDto>;
  private workspaces: EventSequencer<WorkspaceEventDto>;

  constructor(
    private readonly io: ScholiaServer,
    private readonly logger: Logger,
  ) {
    this.documents = new EventSequencer((e) => e.documentId, (e) => this.io.to(docRoom(e.documentId)).emit("document:event", e));
    this.workspaces = new EventSequencer((e) => e.workspaceId, (e) => this.emitWorkspaceEvent(e));
  }

  /**
   * A workspace event goes to the sockets whose member's role reads it (the room of the lowest
   * such role) and to the sockets of the member it is about, in one emit. The workspace's other
   * sockets get its seq alone (`workspace:position`), in the same order as the events, so their
   * copy of the log has no gap to ask about (docs/api.md).
   */
  private emitWorkspaceEvent(e: WorkspaceEventDto): void {
    const audience = workspaceEventAudience(e.type);
    const rooms = [workspaceAudienceRoom(e.workspaceId, audience)];
    const subject = workspaceEventSubject(e);
    if (subject) rooms.push(userRoom(subject));
    this.io.to(rooms).emit("workspace:event", e);
    if (audience !== "viewer") this.io.to(workspaceRoom(e.workspaceId)).except(rooms).emit("workspace:position", { workspaceId: e.workspaceId, seq: e.seq });
  }

  publish(events: DocumentEventDto[], workspaceEvents: WorkspaceEventDto[]): void {
    if (events.length) metrics().recordPublished(events.length);
    for (const e of events) this.documents.push(e);
    for (const w of workspaceEvents) this.workspaces.push(w);
  }

  notify(pushes: NotificationPush[]): void {
    for (const p of pushes) this.io.to(userRoom(p.userId)).emit("notification", { notification: p.notification });
  }

  notificationsRead(userId: string, read: { ids: string[] | null; unread: number }): void {
    this.io.to(userRoom(userId)).emit("notifications:read", read);
  }

  /** Every socket of the user, on any node, leaves the workspace's rooms at once. */
  async revokeAccess(workspaceId: string, userId: string): Promise<void> {
    const sockets = await this.io.in(userRoom(userId)).fetchSockets();
    for (const s of sockets) {
      const docs = Object.entries(s.data.docs ?? {})
        .filter(([, ws]) => ws === workspaceId)
        .map(([doc]) => doc);
      for (const room of allWorkspaceRooms(workspaceId)) s.leave(room);
      for (const documentId of docs) {
        s.leave(docRoom(documentId));
        this.io.to(docRoom(documentId)).emit("presence:left", { documentId, socketId: s.id, userId });
      }
      s.emit("access:revoked", { workspaceId, documentIds: docs });
    }
    this.logger.info("socket access revoked", { workspaceId, userId, sockets: sockets.length });
  }

  /**
   * Every socket of the user that follows the workspace, on any node, moves to the rooms of the
   * new role: from the next workspace event on it receives what that role reads, and no more.
   */
  async changeRole(workspaceId: string, userId: string, role: Role): Promise<void> {
    const sockets = await this.io.in(userRoom(userId)).fetchSockets();
    let moved = 0;
    for (const s of sockets) {
      if (!s.rooms.has(workspaceRoom(workspaceId))) continue;
      moved++;
      moveToRole(s, workspaceId, role);
    }
    this.logger.info("socket role changed", { workspaceId, userId, role, sockets: moved });
  }

  /** Signs out the sockets opened with a session that just ended. */
  endSession(sessionId: string): void {
    this.io.in(sessionRoom(sessionId)).disconnectSockets(true);
  }

  /** Every socket joined to the document, on any node, leaves its room. */
  documentDeleted(documentId: string): void {
    this.io.in(docRoom(documentId)).socketsLeave(docRoom(documentId));
  }

  close(): void {
    this.documents.close();
    this.workspaces.close();
  }
}

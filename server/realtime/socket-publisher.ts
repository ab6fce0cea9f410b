/** Maps committed events to Socket.IO rooms; also cuts sockets off when access ends. */
import type { Server } from "socket.io";
import type { DocumentEventDto } from "../../common/events.ts";
import type { WorkspaceEventDto } from "../../common/realtime.ts";
import type { AppContext } from "../app-context.ts";
import type { Publisher } from "./publisher.ts";
import { EventSequencer } from "./event-sequencer.ts";
import { metrics } from "../observability/metrics.ts";
import { docRoom, sessionRoom, userRoom, workspaceRoom } from "./rooms.ts";

interface RemoteData {
  docs?: Record<string, string>;
}

export class SocketPublisher implements Publisher {
  private sequencer: EventSequencer;

  constructor(
    private readonly io: Server,
    private readonly ctx: AppContext,
  ) {
    this.sequencer = new EventSequencer((e) => this.io.to(docRoom(e.documentId)).emit("document:event", e));
  }

  publish(events: DocumentEventDto[], workspaceEvents: WorkspaceEventDto[]): void {
    if (events.length) metrics().recordPublished(events.length);
    for (const e of events) this.sequencer.push(e);
    for (const w of workspaceEvents) this.io.to(workspaceRoom(w.workspaceId)).emit("workspace:event", w);
  }

  /** Every socket of the user, on any node, leaves the workspace's rooms at once. */
  async revokeAccess(workspaceId: string, userId: string): Promise<void> {
    const sockets = await this.io.in(userRoom(userId)).fetchSockets();
    for (const s of sockets) {
      const docs = Object.entries((s.data as RemoteData).docs ?? {})
        .filter(([, ws]) => ws === workspaceId)
        .map(([doc]) => doc);
      s.leave(workspaceRoom(workspaceId));
      for (const documentId of docs) {
        s.leave(docRoom(documentId));
        this.io.to(docRoom(documentId)).emit("presence:left", { documentId, socketId: s.id, userId });
      }
      s.emit("access:revoked", { workspaceId, documentIds: docs });
    }
    this.ctx.logger.info("socket access revoked", { workspaceId, userId, sockets: sockets.length });
  }

  /** Signs out the sockets opened with a session that just ended. */
  endSession(sessionId: string): void {
    this.io.in(sessionRoom(sessionId)).disconnectSockets(true);
  }

  close(): void {
    this.sequencer.close();
  }
}

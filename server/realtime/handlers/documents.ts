/** document:join / leave / sync: membership of a document's room, and replay from the event log. */
import { z } from "zod";
import { IdSchema } from "../../../common/workspaces.ts";
import { MAX_INT32 } from "../../../common/annotations.ts";
import type { PresenceMember } from "../../../common/realtime.ts";
import { HttpError, NotFoundError } from "../../http/errors.ts";
import { rawQuery } from "../../db/raw.ts";
import { loadDocumentAccess } from "../../modules/documents/documents.service.ts";
import { eventsAfter } from "../../modules/events/event-log.ts";
import type { Role } from "../../../common/workspaces.ts";
import { allWorkspaceRooms, docRoom, moveToRole, workspaceRoomsFor } from "../rooms.ts";
import type { SocketData, ScholiaServer, ScholiaSocket } from "../socket-types.ts";
import type { AppContext } from "../../app-context.ts";
import { parsePayload, type On } from "./guard.ts";
import { startReplay } from "./replay.ts";
import { replaysOf } from "../socket-state.ts";

const JoinSchema = z.object({ documentId: IdSchema, lastSeq: z.number().int().min(0).max(MAX_INT32).default(0) });
const LeaveSchema = z.object({ documentId: IdSchema });
const SyncSchema = z.object({ documentId: IdSchema, lastSeq: z.number().int().min(0).max(MAX_INT32) });

/** A socket's presence entry in one document. */
export function presenceOf(s: { id: string; data: SocketData }, documentId: string): PresenceMember {
  return {
    socketId: s.id,
    userId: s.data.user.id,
    displayName: s.data.user.displayName,
    color: s.data.color,
    selection: s.data.selections[documentId] ?? null,
  };
}

export interface DocumentHandlerDeps {
  io: ScholiaServer;
  ctx: AppContext;
  replayPage: number;
  maxSocketsPerDocument: number;
  /** Called when a socket leaves a document (presence state it had there goes). */
  onLeave(socket: ScholiaSocket, documentId: string): void;
}

/** Leaves a document's room (and its workspace rooms when no other joined document, nor the workspace's log, needs them). */
export function leaveDocument(socket: ScholiaSocket, documentId: string): boolean {
  const workspaceId = socket.data.docs[documentId];
  if (!workspaceId) return false;
  delete socket.data.docs[documentId];
  delete socket.data.selections[documentId];
  void socket.leave(docRoom(documentId));
  if (!Object.values(socket.data.docs).includes(workspaceId) && !socket.data.workspaces[workspaceId]) for (const room of allWorkspaceRooms(workspaceId)) void socket.leave(room);
  socket.to(docRoom(documentId)).emit("presence:left", { documentId, socketId: socket.id, userId: socket.data.user.id });
  return true;
}

/**
 * The access check of a join, as one hand-written statement: joins come in bursts (a reconnecting
 * office, a client looping), and each model query of a burst is compiled by Prisma on the event
 * loop. 404 for a document that does not exist or whose workspace the user is not a member of.
 */
async function joinAccess(ctx: DocumentHandlerDeps["ctx"], userId: string, documentId: string): Promise<{ workspaceId: string; role: Role }> {
  const [row] = await rawQuery<{ workspaceId: string; role: string | null }>(
    ctx.db,
    ctx.config.databaseProvider,
    `SELECT d."workspaceId", m."role" FROM "Document" d LEFT JOIN "Membership" m ON m."workspaceId" = d."workspaceId" AND m."userId" = ? WHERE d."id" = ?`,
    [userId, documentId],
  );
  if (!row?.role) throw NotFoundError("Document");
  return { workspaceId: row.workspaceId, role: row.role as Role };
}

export function documentHandlers(on: On, deps: DocumentHandlerDeps): void {
  const { io, ctx, replayPage } = deps;

  const replay = (socket: ScholiaSocket, documentId: string, from: number, to: number) =>
    startReplay(replaysOf(socket), {
      key: `doc:${documentId}`,
      room: docRoom(documentId),
      rooms: socket.rooms,
      readPage: (after) => eventsAfter(ctx.db, documentId, after, replayPage),
      send: (e) => socket.emit("document:event", e),
      from,
      to,
      onError: (e) => ctx.logger.error("replay failed", { documentId, userId: socket.data.user.id, err: e }),
    });

  on("document:join", async (socket, payload) => {
    const { documentId, lastSeq } = parsePayload(JoinSchema, payload);
    const document = await joinAccess(ctx, socket.data.user.id, documentId);
    const room = docRoom(documentId);
    if (!socket.rooms.has(room) && (io.sockets.adapter.rooms.get(room)?.size ?? 0) >= deps.maxSocketsPerDocument) {
      throw new HttpError(503, "document_full", `This document already has ${deps.maxSocketsPerDocument} open connections on this server; try again later`, "documentId");
    }
    // Join first, then read the log: anything committed after the read arrives live.
    // The workspace's rooms carry its events (the vocabulary's changes among them) that the role reads.
    await socket.join([room, ...workspaceRoomsFor(document.workspaceId, document.role)]);
    socket.data.docs[documentId] = document.workspaceId;
    // Presence from every node; a node that does not answer in time leaves its people out of the
    // list (they still arrive through presence:joined) rather than failing the join.
    const others = await io
      .in(room)
      .fetchSockets()
      .catch((e: unknown) => {
        ctx.logger.warn("presence read from other nodes failed; answering this node's", { documentId, err: e });
        return io.local.in(room).fetchSockets();
      });
    // The membership is read again with the log's position, now that the socket is in the rooms:
    // a removal or role change committed since the check moved only the rooms it was in by then
    // (revokeAccess, changeRole).
    const [row] = await rawQuery<{ lastSeq: number | string; role: string | null }>(
      ctx.db,
      ctx.config.databaseProvider,
      `SELECT d."lastSeq", m."role" FROM "Document" d LEFT JOIN "Membership" m ON m."workspaceId" = d."workspaceId" AND m."userId" = ? WHERE d."id" = ?`,
      [socket.data.user.id, documentId],
    );
    if (!row?.role) {
      // The document is gone (the workspace's rooms stay if something else needs them), or the membership.
      delete socket.data.docs[documentId];
      void socket.leave(room);
      const needed = !row && (Object.values(socket.data.docs).includes(document.workspaceId) || socket.data.workspaces[document.workspaceId]);
      if (!needed) for (const r of allWorkspaceRooms(document.workspaceId)) void socket.leave(r);
      throw NotFoundError("Document");
    }
    if (row.role !== document.role) moveToRole(socket, document.workspaceId, row.role as Role);
    const seq = Number(row.lastSeq);
    // The ack goes out before the replay so the client knows which seq the replay ends at.
    setImmediate(() => void replay(socket, documentId, lastSeq, seq));
    socket.to(room).emit("presence:joined", { documentId, member: presenceOf(socket, documentId) });
    return { ok: true as const, seq, presence: others.map((s) => presenceOf(s, documentId)) };
  });

  on("document:leave", (socket, payload) => {
    const { documentId } = parsePayload(LeaveSchema, payload);
    replaysOf(socket).cancel(`doc:${documentId}`);
    if (leaveDocument(socket, documentId)) deps.onLeave(socket, documentId);
    return { ok: true as const, result: null };
  });

  on("document:sync", async (socket, payload) => {
    const { documentId, lastSeq } = parsePayload(SyncSchema, payload);
    await loadDocumentAccess(ctx.db, socket.data.user.id, documentId);
    const events = await eventsAfter(ctx.db, documentId, lastSeq, replayPage);
    const { lastSeq: seq } = await ctx.db.document.findUniqueOrThrow({ where: { id: documentId }, select: { lastSeq: true } });
    return { ok: true as const, result: { events, seq } };
  });
}

/**
 * workspace:join / leave / sync: following a workspace's log (members, invites, vocabulary,
 * documents deleted, exports) with replay after lastSeq, like a document's. Any member may
 * follow, and receives the events their role reads (common/workspace-event-access.ts): the
 * socket joins the rooms of its role, and the replay and the sync leave out the others. A removed
 * member's sockets are taken out of the rooms at once (revokeAccess), a member whose role
 * changed moved to the new role's (changeRole).
 */
import { z } from "zod";
import { IdSchema } from "../../../common/workspaces.ts";
import { MAX_INT32 } from "../../../common/annotations.ts";
import { loadWorkspaceAccess } from "../../modules/workspaces/membership.ts";
import { workspaceEventsAfter } from "../../modules/events/event-log.ts";
import { mayReadWorkspaceEvent } from "../../../common/workspace-event-access.ts";
import type { Role } from "../../../common/workspaces.ts";
import type { WorkspaceEventDto } from "../../../common/events.ts";
import { allWorkspaceRooms, moveToRole, workspaceRoom, workspaceRoomsFor } from "../rooms.ts";
import type { ScholiaSocket } from "../socket-types.ts";
import type { AppContext } from "../../app-context.ts";
import { NotFoundError } from "../../http/errors.ts";
import { rawQuery } from "../../db/raw.ts";
import { parsePayload, type On } from "./guard.ts";
import { startReplay } from "./replay.ts";
import { replaysOf } from "../socket-state.ts";

const JoinSchema = z.object({ workspaceId: IdSchema, lastSeq: z.number().int().min(0).max(MAX_INT32).default(0) });
const LeaveSchema = z.object({ workspaceId: IdSchema });
const SyncSchema = z.object({ workspaceId: IdSchema, lastSeq: z.number().int().min(0).max(MAX_INT32) });

export interface WorkspaceHandlerDeps {
  ctx: AppContext;
  replayPage: number;
}

export function workspaceHandlers(on: On, deps: WorkspaceHandlerDeps): void {
  const { ctx, replayPage } = deps;

  const seqOf = async (workspaceId: string) => (await ctx.db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { lastSeq: true } })).lastSeq;

  // The replay reads every event (its pages advance by seq) and sends those the role reads.
  const replay = (socket: ScholiaSocket, workspaceId: string, role: Role, from: number, to: number) =>
    startReplay(replaysOf(socket), {
      key: `ws:${workspaceId}`,
      room: workspaceRoom(workspaceId),
      rooms: socket.rooms,
      readPage: (after) => workspaceEventsAfter(ctx.db, workspaceId, after, replayPage),
      send: (e: WorkspaceEventDto) => {
        if (mayReadWorkspaceEvent(role, socket.data.user.id, e)) socket.emit("workspace:event", e);
      },
      from,
      to,
      onError: (e) => ctx.logger.error("workspace replay failed", { workspaceId, userId: socket.data.user.id, err: e }),
    });

  on("workspace:join", async (socket, payload) => {
    const { workspaceId, lastSeq } = parsePayload(JoinSchema, payload);
    const checked = await loadWorkspaceAccess(ctx.db, socket.data.user.id, workspaceId);
    // Join first, then read the log: anything committed after the read arrives live.
    await socket.join(workspaceRoomsFor(workspaceId, checked.role));
    socket.data.workspaces[workspaceId] = true;
    // The membership is read again with the log's position, now that the socket is in the rooms:
    // a removal or role change committed since the check moved only the rooms it was in by then
    // (revokeAccess, changeRole).
    const [row] = await rawQuery<{ lastSeq: number | string; role: string | null }>(
      ctx.db,
      ctx.config.databaseProvider,
      `SELECT w."lastSeq", m."role" FROM "Workspace" w LEFT JOIN "Membership" m ON m."workspaceId" = w."id" AND m."userId" = ? WHERE w."id" = ?`,
      [socket.data.user.id, workspaceId],
    );
    if (!row?.role) {
      delete socket.data.workspaces[workspaceId];
      for (const room of allWorkspaceRooms(workspaceId)) void socket.leave(room);
      throw NotFoundError("Workspace");
    }
    const role = row.role as Role;
    if (role !== checked.role) moveToRole(socket, workspaceId, role);
    const seq = Number(row.lastSeq);
    setImmediate(() => void replay(socket, workspaceId, role, lastSeq, seq));
    return { ok: true as const, seq };
  });

  on("workspace:leave", (socket, payload) => {
    const { workspaceId } = parsePayload(LeaveSchema, payload);
    replaysOf(socket).cancel(`ws:${workspaceId}`);
    delete socket.data.workspaces[workspaceId];
    // The room also carries a joined document's vocabulary changes: keep it while one is open.
    if (!Object.values(socket.data.docs).includes(workspaceId)) for (const room of allWorkspaceRooms(workspaceId)) void socket.leave(room);
    return { ok: true as const, result: null };
  });

  on("workspace:sync", async (socket, payload) => {
    const { workspaceId, lastSeq } = parsePayload(SyncSchema, payload);
    const { role } = await loadWorkspaceAccess(ctx.db, socket.data.user.id, workspaceId);
    // `seq` is where the answer has looked up to: every event after lastSeq up to it that the
    // role reads is in `events` (the others are left out), so a client that skips to it has no
    // gap left there. A full page looked up to its last event; a shorter one, to the log's end.
    const head = await seqOf(workspaceId);
    const read = (await workspaceEventsAfter(ctx.db, workspaceId, lastSeq, replayPage)).filter((e) => e.seq <= head);
    const seq = read.length === replayPage ? read[read.length - 1]!.seq : head;
    const events = read.filter((e) => mayReadWorkspaceEvent(role, socket.data.user.id, e));
    return { ok: true as const, result: { events, seq } };
  });
}

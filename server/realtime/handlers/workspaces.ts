/**
 * workspace:join / leave / sync: following a workspace's log (members, invites, vocabulary,
 * documents deleted, exports) with replay after lastSeq, like a document's. Any member may
 * follow; a removed member's sockets are taken out of the room at once (revokeAccess).
 */
import { z } from "zod";
import { IdSchema } from "../../../common/workspaces.ts";
import { MAX_INT32 } from "../../../common/annotations.ts";
import { loadWorkspaceAccess } from "../../modules/workspaces/membership.ts";
import { workspaceEventsAfter } from "../../modules/events/event-log.ts";
import { workspaceRoom } from "../rooms.ts";
import type { ScholiaSocket } from "../socket-types.ts";
import type { AppContext } from "../../app-context.ts";
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

  const replay = (socket: ScholiaSocket, workspaceId: string, from: number, to: number) =>
    startReplay(replaysOf(socket), {
      key: `ws:${workspaceId}`,
      room: workspaceRoom(workspaceId),
      rooms: socket.rooms,
      readPage: (after) => workspaceEventsAfter(ctx.db, workspaceId, after, replayPage),
      send: (e) => socket.emit("workspace:event", e),
      from,
      to,
      onError: (e) => ctx.logger.error("workspace replay failed", { workspaceId, userId: socket.data.user.id, err: e }),
    });

  on("workspace:join", async (socket, payload) => {
    const { workspaceId, lastSeq } = parsePayload(JoinSchema, payload);
    await loadWorkspaceAccess(ctx.db, socket.data.user.id, workspaceId);
    // Join first, then read the log: anything committed after the read arrives live.
    await socket.join(workspaceRoom(workspaceId));
    socket.data.workspaces[workspaceId] = true;
    const seq = await seqOf(workspaceId);
    setImmediate(() => void replay(socket, workspaceId, lastSeq, seq));
    return { ok: true as const, seq };
  });

  on("workspace:leave", (socket, payload) => {
    const { workspaceId } = parsePayload(LeaveSchema, payload);
    replaysOf(socket).cancel(`ws:${workspaceId}`);
    delete socket.data.workspaces[workspaceId];
    // The room also carries a joined document's vocabulary changes: keep it while one is open.
    if (!Object.values(socket.data.docs).includes(workspaceId)) void socket.leave(workspaceRoom(workspaceId));
    return { ok: true as const, result: null };
  });

  on("workspace:sync", async (socket, payload) => {
    const { workspaceId, lastSeq } = parsePayload(SyncSchema, payload);
    await loadWorkspaceAccess(ctx.db, socket.data.user.id, workspaceId);
    const events = await workspaceEventsAfter(ctx.db, workspaceId, lastSeq, replayPage);
    return { ok: true as const, result: { events, seq: await seqOf(workspaceId) } };
  });
}

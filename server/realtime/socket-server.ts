/**
 * Socket.IO on the app's own HTTP server. The handshake reuses the session cookie (same
 * express-session and Passport as the REST API) and refuses foreign Origins; a user may hold a
 * bounded number of sockets. Each socket's events are registered by concern (handlers/): the
 * guard checks rate and size, each handler validates with the shared schema and authorizes,
 * and mutations go through the same MutationRunner as REST.
 */
import type { Server as HttpServer, IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import { Server } from "socket.io";
import type { BuiltApp } from "../app.ts";
import type { AppContext } from "../app-context.ts";
import type { Config } from "../config.ts";
import type { Logger } from "../lib/logger.ts";
import type { SessionUser } from "../auth/passport.ts";
import { MAX_SOCKET_MESSAGE_BYTES } from "../../common/realtime.ts";
import { colorFor, docRoom, sessionRoom, userRoom } from "./rooms.ts";
import { SocketPublisher } from "./socket-publisher.ts";
import { metrics } from "../observability/metrics.ts";
import { PresenceGate } from "./presence-gate.ts";
import { SessionWatch } from "./session-watch.ts";
import { REALTIME_DEFAULTS, type RealtimeLimits, type RealtimeOptions, type ScholiaServer, type ScholiaSocket } from "./socket-types.ts";
import { guard } from "./handlers/guard.ts";
import { documentHandlers } from "./handlers/documents.ts";
import { presenceHandlers, presenceKeyOf } from "./handlers/presence.ts";
import { mutationHandlers } from "./handlers/mutations.ts";
import { workspaceHandlers } from "./handlers/workspaces.ts";
import { SocketReplays } from "./handlers/replay.ts";

export type { RealtimeOptions, ScholiaServer, SocketData } from "./socket-types.ts";

type Handshake = IncomingMessage & { user?: SessionUser; session?: { id: string }; _query?: Record<string, string> };
type Middleware = (req: Handshake, res: ServerResponse, next: (err?: unknown) => void) => void;

/**
 * Express middleware on engine.io's raw request. engine.io documents this use (the request is
 * a plain IncomingMessage that the session and Passport middleware decorate); the types of the
 * two libraries do not meet, so this is the one place that bridges them.
 */
const asEngineMiddleware = (mw: RequestHandler): Middleware => mw as unknown as Middleware;

/** Express-style middleware run only on the handshake request (not on every polling request). */
function onHandshake(mw: Middleware): Middleware {
  return (req, res, next) => {
    // engine.io starts a new session whenever `sid` is falsy, so `?sid=` (empty) is a handshake
    // too: it must not skip the session and sign-in checks.
    if (!req._query?.sid) mw(req, res, next);
    else next();
  };
}

export interface Realtime {
  io: ScholiaServer;
  publisher: SocketPublisher;
  /** Attaches to the node's HTTP server and starts serving sockets with the app's sessions. */
  start(http: HttpServer, built: BuiltApp): void;
  /** Stops the timers (session watch, presence gate). */
  close(): void;
}

/**
 * The node's Socket.IO server and its publisher, made before the app so the app's mutation
 * runner is given the publisher it will use (nothing is swapped in later); `start` then attaches
 * it to the HTTP server.
 */
export function createRealtime(config: Config, logger: Logger, opts: RealtimeOptions = {}): Realtime {
  const limits: RealtimeLimits = { ...REALTIME_DEFAULTS, ...opts };
  const allowed = new Set(config.allowedOrigins);
  const io: ScholiaServer = new Server({
    serveClient: false,
    // A hard stop well above the per-message limit, which is answered with a clear error.
    maxHttpBufferSize: 4 * MAX_SOCKET_MESSAGE_BYTES,
    pingInterval: 20_000,
    pingTimeout: 20_000,
    ...(opts.adapter ? { adapter: opts.adapter } : {}),
    allowRequest: (req, cb) => {
      // Browsers always send Origin cross-site; a request without one is same-origin or not a browser.
      const origin = req.headers.origin;
      if (origin && !allowed.has(origin)) return cb("Origin not allowed", false);
      cb(null, true);
    },
  });
  const publisher = new SocketPublisher(io, logger);
  let stopTimers = () => {};

  return {
    io,
    publisher,
    start(http, built) {
      io.attach(http);
      const { ctx } = built;
      const middlewares = [built.sessionMiddleware, ...built.passportMiddleware].map(asEngineMiddleware);
      for (const mw of middlewares) io.engine.use(onHandshake(mw));
      io.engine.use(
        onHandshake((req, res, next) => {
          if (req.user) return next();
          res.writeHead(401, { "content-type": "application/json" });
          res.end(JSON.stringify({ error: { code: "unauthenticated", message: "Sign in first" } }));
        }),
      );
      io.use(socketsPerUser(limits.maxSocketsPerUser));
      const gate = new PresenceGate((documentId) => io.sockets.adapter.rooms.get(docRoom(documentId))?.size ?? 0, opts.presence);
      const sessions = new SessionWatch(io, ctx.db, ctx.logger);
      sessions.start(limits.sessionCheckMs);
      stopTimers = () => {
        sessions.stop();
        gate.close();
      };
      metrics().watchSockets({
        connectedSockets: () => io.engine.clientsCount,
        openDocuments: () => [...io.of("/").adapter.rooms.keys()].filter((r) => r.startsWith("doc:")).length,
      });
      io.on("connection", (socket) => handleConnection(io, socket, ctx, gate, limits));
    },
    close() {
      stopTimers();
    },
  };
}

/** Sockets per user on this node: a refused connection gets connect_error with the reason. */
function socketsPerUser(max: number) {
  const open = new Map<string, number>();
  return (socket: ScholiaSocket, next: (err?: Error) => void) => {
    const user = (socket.request as Handshake).user;
    if (!user) return next(new Error("Sign in first"));
    const count = open.get(user.id) ?? 0;
    if (count >= max) return next(Object.assign(new Error(`Too many open connections (at most ${max}); close other tabs`), { data: { code: "too_many_sockets" } }));
    open.set(user.id, count + 1);
    socket.once("disconnect", () => {
      const left = (open.get(user.id) ?? 1) - 1;
      if (left > 0) open.set(user.id, left);
      else open.delete(user.id);
    });
    next();
  };
}

function handleConnection(io: ScholiaServer, socket: ScholiaSocket, ctx: AppContext, gate: PresenceGate, limits: RealtimeLimits) {
  const req = socket.request as Handshake;
  // Never expected (the handshake refuses anonymous requests), but a throw here would be uncaught.
  if (!req.user) return void socket.disconnect(true);
  const user = req.user;
  const sid = req.session?.id ?? null;
  socket.data = { user, color: colorFor(user.id), sid, docs: {}, selections: {}, workspaces: {} };
  void socket.join(userRoom(user.id));
  if (sid) void socket.join(sessionRoom(sid));

  const { on, onMutation } = guard(socket, ctx.logger, limits);
  const replays = new SocketReplays(user.id);
  workspaceHandlers(on, { io, socket, ctx, replayPage: limits.replayPage, replays });
  documentHandlers(on, {
    io,
    socket,
    ctx,
    replayPage: limits.replayPage,
    replays,
    maxSocketsPerDocument: limits.maxSocketsPerDocument,
    onLeave: (documentId) => gate.drop(`${presenceKeyOf(socket)}${documentId}|`),
  });
  presenceHandlers(on, socket, gate);
  mutationHandlers(onMutation, socket, ctx.mutations);

  socket.on("disconnecting", () => {
    replays.cancelAll();
    gate.drop(presenceKeyOf(socket));
    for (const documentId of Object.keys(socket.data.docs)) {
      if (!socket.rooms.has(docRoom(documentId))) continue;
      socket.to(docRoom(documentId)).emit("presence:left", { documentId, socketId: socket.id, userId: user.id });
    }
  });
}

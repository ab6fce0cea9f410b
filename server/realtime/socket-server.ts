/**
 * Socket.IO on the app's own HTTP server. The handshake reuses the session cookie (same
 * express-session and Passport as the REST API) and refuses foreign Origins; a user may hold a
 * bounded number of sockets. Each socket's events are registered by concern (handlers/): the
 * guard checks rate and size, each handler validates with the shared schema and authorizes,
 * and mutations go through the same MutationRunner as REST.
 */
import { ServerResponse, type Server as HttpServer, type IncomingMessage } from "node:http";
import type { RequestHandler } from "express";
import { Server } from "socket.io";
import type { BuiltApp } from "../app.ts";
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
import { createGuard } from "./handlers/guard.ts";
import { documentHandlers } from "./handlers/documents.ts";
import { presenceHandlers, presenceKeyOf, rememberingAnnotationOf } from "./handlers/presence.ts";
import { mutationHandlers } from "./handlers/mutations.ts";
import { workspaceHandlers } from "./handlers/workspaces.ts";
import { cancelReplays } from "./socket-state.ts";

export type { RealtimeOptions, ScholiaServer, SocketData } from "./socket-types.ts";

type Handshake = IncomingMessage & { user?: SessionUser; session?: { id: string }; _query?: Record<string, string> };
type Middleware = (req: Handshake, res: ServerResponse, next: (err?: unknown) => void) => void;

/**
 * Express middleware on engine.io's raw request. engine.io documents this use (the request is
 * a plain IncomingMessage that the session and Passport middleware decorate); the types of the
 * two libraries do not meet, so this is the one place that bridges them.
 */
const asEngineMiddleware = (mw: RequestHandler): Middleware => mw as unknown as Middleware;

/**
 * Who a handshake signed in as, by request (engine.io keeps the request for the connection's
 * life, and every namespace connect over it is admitted by what its handshake found).
 */
const signedIn = new WeakMap<IncomingMessage, { user: SessionUser; sid: string | null }>();

/**
 * A view of the request for the handshake's middleware: it reads through to the request (getters
 * run on the request itself) and keeps what they write to itself. The request is left exactly as
 * engine.io made it: it lives as long as the connection, and one grown by a dozen properties
 * (the session, the user, Passport's helpers) and then trimmed by engine.io turns into a slow,
 * several-KB dictionary. A Proxy rather than Object.create(request), which would turn the request
 * into a prototype (a copy of its shape per connection).
 */
function viewOf(req: Handshake): Handshake {
  const own = new Map<PropertyKey, unknown>();
  return new Proxy(req, {
    get: (target, key) => (own.has(key) ? own.get(key) : Reflect.get(target, key)),
    set: (_target, key, value) => {
      own.set(key, value);
      return true;
    },
    has: (target, key) => own.has(key) || Reflect.has(target, key),
    deleteProperty: (_target, key) => {
      own.delete(key);
      return true;
    },
  });
}

/**
 * The session and Passport middleware, then the sign-in check, on the handshake request only
 * (not on every polling request), run against a view of the request (viewOf). Who signed in is
 * kept in `signedIn`.
 */
function signInOnHandshake(middlewares: Middleware[]): Middleware {
  return (req, res, next) => {
    // engine.io starts a new session whenever `sid` is falsy, so `?sid=` (empty) is a handshake
    // too: it must not skip the session and sign-in checks.
    if (req._query?.sid) return next();
    const view = viewOf(req);
    let i = 0;
    const step = (err?: unknown): void => {
      if (err) return next(err);
      const mw = middlewares[i++];
      if (mw) return mw(view, res, step);
      if (!view.user) {
        res.writeHead(401, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "unauthenticated", message: "Sign in first" } }));
        return;
      }
      signedIn.set(req, { user: view.user, sid: view.session?.id ?? null });
      if (!(res instanceof ServerResponse)) releaseAfterHeaders(res);
      next();
    };
    step();
  };
}

/**
 * A websocket upgrade's response lives as long as its connection, but it is only ever flushed
 * (one writeHead, where the session sets its cookie on the 101 answer); ws writes the rest on
 * the raw socket. The session's wrappers of writeHead and end, and the request state they
 * hold, are let go once that flush has run (the response's own methods are put back).
 */
function releaseAfterHeaders(res: ServerResponse): void {
  const flush = res.writeHead as (...a: unknown[]) => unknown;
  const own = Object.getPrototypeOf(res) as ServerResponse;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    const r = flush.apply(this, args);
    res.writeHead = own.writeHead;
    res.end = own.end;
    return r;
  } as ServerResponse["writeHead"];
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
      io.engine.use(signInOnHandshake([built.sessionMiddleware, ...built.passportMiddleware].map(asEngineMiddleware)));
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
      const guard = createGuard(ctx.logger, limits);
      workspaceHandlers(guard.on, { ctx, replayPage: limits.replayPage });
      documentHandlers(guard.on, {
        io,
        ctx,
        replayPage: limits.replayPage,
        maxSocketsPerDocument: limits.maxSocketsPerDocument,
        onLeave: (socket, documentId) => gate.drop(`${presenceKeyOf(socket)}${documentId}|`),
      });
      presenceHandlers(
        guard.on,
        gate,
        rememberingAnnotationOf(async (documentId, annotationId) => (await ctx.db.annotation.findFirst({ where: { id: annotationId, documentId }, select: { id: true } })) !== null),
      );
      mutationHandlers(guard.onMutation, ctx.mutations);
      // The same listener for every socket (called with the socket as `this`): nothing per socket.
      function disconnecting(this: ScholiaSocket) {
        cancelReplays(this);
        gate.drop(presenceKeyOf(this));
        for (const documentId of Object.keys(this.data.docs)) {
          if (!this.rooms.has(docRoom(documentId))) continue;
          this.to(docRoom(documentId)).emit("presence:left", { documentId, socketId: this.id, userId: this.data.user.id });
        }
      }
      io.on("connection", (socket) => {
        void socket.join(userRoom(socket.data.user.id));
        if (socket.data.sid) void socket.join(sessionRoom(socket.data.sid));
        guard.attach(socket);
        socket.on("disconnecting", disconnecting);
      });
    },
    close() {
      stopTimers();
    },
  };
}

/**
 * Admits a signed-in handshake, within the sockets one user may hold on this node (a refused
 * connection gets connect_error with the reason), and gives the socket its data.
 */
function socketsPerUser(max: number) {
  const open = new Map<string, number>();
  // The same listener for every socket (called with the socket as `this`).
  function release(this: ScholiaSocket) {
    const userId = this.data.user.id;
    const left = (open.get(userId) ?? 1) - 1;
    if (left > 0) open.set(userId, left);
    else open.delete(userId);
  }
  return (socket: ScholiaSocket, next: (err?: Error) => void) => {
    const handshake = signedIn.get(socket.request);
    if (!handshake) return next(new Error("Sign in first"));
    const { user, sid } = handshake;
    const count = open.get(user.id) ?? 0;
    if (count >= max) return next(Object.assign(new Error(`Too many open connections (at most ${max}); close other tabs`), { data: { code: "too_many_sockets" } }));
    open.set(user.id, count + 1);
    socket.data = { user, color: colorFor(user.id), sid, docs: {}, selections: {}, workspaces: {} };
    socket.on("disconnect", release);
    next();
  };
}

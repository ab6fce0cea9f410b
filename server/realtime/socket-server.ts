/**
 * Socket.IO on the app's own HTTP server. The handshake reuses the session cookie (same
 * express-session and Passport as the REST API) and refuses foreign Origins. Every event is
 * size-checked, rate-limited, validated and authorized; mutations go through the same
 * MutationRunner as REST and answer through their ack.
 */
import type { Server as HttpServer, IncomingMessage, ServerResponse } from "node:http";
import { Server, type ServerOptions, type Socket } from "socket.io";
import { z } from "zod";
import type { BuiltApp } from "../app.ts";
import type { AppContext } from "../app-context.ts";
import type { SessionUser } from "../auth/passport.ts";
import {
  MAX_SOCKET_MESSAGE_BYTES,
  MUTATION_NAMES,
  type ClientToServerEvents,
  type ErrorBody,
  type PresenceMember,
  type ServerToClientEvents,
} from "../../common/realtime.ts";
import { IdSchema } from "../../common/workspaces.ts";
import { MAX_INT32 } from "../../common/annotations.ts";
import { HttpError } from "../http/errors.ts";
import { parseInput } from "../http/validate.ts";
import { loadDocumentAccess } from "../modules/documents/documents.service.ts";
import { eventsAfter } from "../modules/events/event-log.ts";
import { colorFor, docRoom, sessionRoom, userRoom, workspaceRoom } from "./rooms.ts";
import { TokenBucket } from "./token-bucket.ts";
import { SocketPublisher } from "./socket-publisher.ts";
import { metrics } from "../observability/metrics.ts";

export interface SocketData {
  user: SessionUser;
  color: string;
  /** documentId -> workspaceId of the documents this socket has joined. */
  docs: Record<string, string>;
  /** documentId -> current selection (presence). */
  selections: Record<string, PresenceMember["selection"]>;
}

export type ScholiaServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type ScholiaSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface RealtimeOptions {
  /** Messages a socket may send in a burst, and refill per second. */
  burst?: number;
  perSecond?: number;
  /** Replay page size when a client joins far behind. */
  replayPage?: number;
  /** Cross-node adapter (Redis streams) when several nodes serve the same documents. */
  adapter?: ServerOptions["adapter"];
}

const JoinSchema = z.object({ documentId: IdSchema, lastSeq: z.number().int().min(0).max(MAX_INT32).default(0) });
const LeaveSchema = z.object({ documentId: IdSchema });
const SyncSchema = z.object({ documentId: IdSchema, lastSeq: z.number().int().min(0).max(MAX_INT32) });
const PointSchema = z.object({ paragraphId: IdSchema, offset: z.number().int().min(0).max(1_000_000) });
const SelectionSchema = z.object({ documentId: IdSchema, selection: z.object({ start: PointSchema, end: PointSchema }).nullable() });
const TypingSchema = z.object({ documentId: IdSchema, annotationId: IdSchema, typing: z.boolean() });

type Handshake = IncomingMessage & { user?: SessionUser; session?: { id: string }; _query?: Record<string, string> };

/** Express-style middleware run only on the handshake request (not on every polling request). */
function onHandshake(mw: (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void) {
  return (req: Handshake, res: ServerResponse, next: (err?: unknown) => void) => {
    // engine.io starts a new session whenever `sid` is falsy, so `?sid=` (empty) is a handshake
    // too: it must not skip the session and sign-in checks.
    if (!req._query?.sid) mw(req, res, next);
    else next();
  };
}

function toErrorBody(e: unknown): ErrorBody | null {
  if (e instanceof HttpError) {
    const body: ErrorBody = { status: e.status, code: e.code, message: e.message };
    if (e.field) body.field = e.field;
    if (e.details !== undefined) body.details = e.details;
    return body;
  }
  return null;
}

function byteLength(args: unknown[]): number {
  try {
    return Buffer.byteLength(JSON.stringify(args.filter((a) => typeof a !== "function")) ?? "");
  } catch {
    return Infinity;
  }
}

export function attachRealtime(http: HttpServer, built: BuiltApp, opts: RealtimeOptions = {}): { io: ScholiaServer; publisher: SocketPublisher } {
  const { ctx } = built;
  const allowed = new Set(ctx.config.allowedOrigins);
  const io: ScholiaServer = new Server(http, {
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

  io.engine.use(onHandshake(built.sessionMiddleware as never));
  for (const mw of built.passportMiddleware) io.engine.use(onHandshake(mw as never));
  io.engine.use(
    onHandshake((req: Handshake, res, next) => {
      if (req.user) return next();
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "unauthenticated", message: "Sign in first" } }));
    }),
  );

  const publisher = new SocketPublisher(io, ctx);
  metrics().watchSockets({
    connectedSockets: () => io.engine.clientsCount,
    openDocuments: () => [...io.of("/").adapter.rooms.keys()].filter((r) => r.startsWith("doc:")).length,
  });
  ctx.publisher = publisher;

  io.on("connection", (socket) => handleConnection(io, socket, ctx, opts));
  return { io, publisher };
}

function handleConnection(io: ScholiaServer, socket: ScholiaSocket, ctx: AppContext, opts: RealtimeOptions) {
  const req = socket.request as Handshake;
  // Never expected (the handshake refuses anonymous requests), but a throw here would be uncaught.
  if (!req.user) return void socket.disconnect(true);
  const user = req.user;
  socket.data = { user, color: colorFor(user.id), docs: {}, selections: {} };
  void socket.join(userRoom(user.id));
  if (req.session?.id) void socket.join(sessionRoom(req.session.id));
  const bucket = new TokenBucket(opts.burst ?? 120, opts.perSecond ?? 60);
  const replayPage = opts.replayPage ?? 500;
  let refusals = 0;

  const refuse = (ack: ((r: unknown) => void) | null, error: ErrorBody) => {
    if (ack) ack({ ok: false, error });
  };

  /** Wraps a handler: size limit, rate limit, ack plumbing, error mapping. */
  const on = (event: string, handler: (payload: unknown, ack: ((r: unknown) => void) | null) => Promise<void> | void) => {
    socket.on(event as never, ((...args: unknown[]) => {
      const last = args[args.length - 1];
      const ack = typeof last === "function" ? (last as (r: unknown) => void) : null;
      if (!bucket.take()) {
        refusals++;
        if (refusals > 1000) socket.disconnect(true);
        return refuse(ack, { status: 429, code: "rate_limited", message: "Too many messages; slow down" });
      }
      if (byteLength(args) > MAX_SOCKET_MESSAGE_BYTES) {
        return refuse(ack, { status: 413, code: "payload_too_large", message: `Message is larger than ${MAX_SOCKET_MESSAGE_BYTES} bytes` });
      }
      const payload = args.length > 0 && typeof args[0] !== "function" ? args[0] : undefined;
      Promise.resolve()
        .then(() => handler(payload, ack))
        .catch((e: unknown) => {
          const body = toErrorBody(e);
          if (body) return refuse(ack, body);
          ctx.logger.error("socket handler failed", { event, userId: user.id, err: e });
          refuse(ack, { status: 500, code: "internal", message: "Something went wrong on our side" });
        });
    }) as never);
  };

  const presenceOf = (s: { id: string; data: SocketData }, documentId: string): PresenceMember => ({
    socketId: s.id,
    userId: s.data.user.id,
    displayName: s.data.user.displayName,
    color: s.data.color,
    selection: s.data.selections[documentId] ?? null,
  });

  const leaveDocument = (documentId: string) => {
    const workspaceId = socket.data.docs[documentId];
    if (!workspaceId) return;
    delete socket.data.docs[documentId];
    delete socket.data.selections[documentId];
    void socket.leave(docRoom(documentId));
    if (!Object.values(socket.data.docs).includes(workspaceId)) void socket.leave(workspaceRoom(workspaceId));
    socket.to(docRoom(documentId)).emit("presence:left", { documentId, socketId: socket.id, userId: user.id });
  };

  on("document:join", async (payload, ack) => {
    const { documentId, lastSeq } = parseInput(JoinSchema, payload, "payload");
    const { document } = await loadDocumentAccess(ctx.db, user.id, documentId);
    // Join first, then read the log: anything committed after the read arrives live.
    await socket.join([docRoom(documentId), workspaceRoom(document.workspaceId)]);
    socket.data.docs[documentId] = document.workspaceId;
    const others = await io.in(docRoom(documentId)).fetchSockets();
    const { lastSeq: seq } = await ctx.db.document.findUniqueOrThrow({ where: { id: documentId }, select: { lastSeq: true } });
    ack?.({ ok: true, seq, presence: others.map((s) => presenceOf(s, documentId)) });
    socket.to(docRoom(documentId)).emit("presence:joined", { documentId, member: presenceOf(socket, documentId) });
    for (let after = lastSeq; after < seq; ) {
      const page = await eventsAfter(ctx.db, documentId, after, replayPage);
      if (page.length === 0) break;
      for (const e of page) if (e.seq <= seq) socket.emit("document:event", e);
      after = page[page.length - 1]!.seq;
    }
  });

  on("document:leave", (payload, ack) => {
    const { documentId } = parseInput(LeaveSchema, payload, "payload");
    leaveDocument(documentId);
    ack?.({ ok: true, result: null });
  });

  on("document:sync", async (payload, ack) => {
    const { documentId, lastSeq } = parseInput(SyncSchema, payload, "payload");
    await loadDocumentAccess(ctx.db, user.id, documentId);
    const events = await eventsAfter(ctx.db, documentId, lastSeq, replayPage);
    const { lastSeq: seq } = await ctx.db.document.findUniqueOrThrow({ where: { id: documentId }, select: { lastSeq: true } });
    ack?.({ ok: true, result: { events, seq } });
  });

  /** socket.rooms, not socket.data, is the truth: access revocation removes rooms from any node. */
  const requireJoined = (documentId: string) => {
    if (!socket.rooms.has(docRoom(documentId))) {
      delete socket.data.docs[documentId];
      throw new HttpError(404, "not_joined", "Join the document first", "documentId");
    }
  };

  on("presence:selection", (payload, ack) => {
    const { documentId, selection } = parseInput(SelectionSchema, payload, "payload");
    requireJoined(documentId);
    socket.data.selections[documentId] = selection;
    // Not volatile: the last selection must arrive; clients throttle how often they send it.
    socket.to(docRoom(documentId)).emit("presence:selection", { documentId, socketId: socket.id, userId: user.id, selection });
    ack?.({ ok: true, result: null });
  });

  on("presence:typing", (payload, ack) => {
    const { documentId, annotationId, typing } = parseInput(TypingSchema, payload, "payload");
    requireJoined(documentId);
    socket
      .to(docRoom(documentId))
      .emit("presence:typing", { documentId, socketId: socket.id, userId: user.id, displayName: user.displayName, annotationId, typing });
    ack?.({ ok: true, result: null });
  });

  for (const name of MUTATION_NAMES) {
    on(name, async (payload, ack) => {
      const outcome = await ctx.mutations.run(name, { userId: user.id, displayName: user.displayName }, payload);
      ack?.({ ok: true, result: outcome.result, replayed: outcome.replayed });
    });
  }

  socket.on("disconnecting", () => {
    for (const documentId of Object.keys(socket.data.docs)) {
      if (!socket.rooms.has(docRoom(documentId))) continue;
      socket.to(docRoom(documentId)).emit("presence:left", { documentId, socketId: socket.id, userId: user.id });
    }
  });
}

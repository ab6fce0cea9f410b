/**
 * Socket.IO clients for tests against a listening server, and waits on their lifecycle events
 * (connected, refused, disconnected) instead of fixed sleeps.
 */
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../../common/realtime.ts";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface SocketOptions {
  extraHeaders: Record<string, string>;
  query?: Record<string, string>;
  auth?: Record<string, unknown>;
  /** How long the handshake may take before it counts as failed (Socket.IO's default is 20 s). */
  timeoutMs?: number;
}

/** A websocket-only connection that never reconnects by itself: each test decides what happens next. */
export function openSocket(url: string, opts: SocketOptions): ClientSocket {
  return io(url, {
    transports: ["websocket"],
    extraHeaders: opts.extraHeaders,
    query: opts.query,
    auth: opts.auth,
    reconnection: false,
    forceNew: true,
    ...(opts.timeoutMs === undefined ? {} : { timeout: opts.timeoutMs }),
  });
}

export type Handshake = { connected: true } | { connected: false; reason: string };

/**
 * How the handshake ended: connected, or refused with the server's reason. A handshake that does
 * neither within `deadlineMs` rejects, so a hung server fails the test with a message.
 */
export function handshake(socket: ClientSocket, deadlineMs = 20_000): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve({ connected: true });
    const timer = setTimeout(() => reject(new Error(`HUNG: socket neither connected nor was refused within ${deadlineMs} ms`)), deadlineMs);
    socket.once("connect", () => {
      clearTimeout(timer);
      resolve({ connected: true });
    });
    socket.once("connect_error", (e) => {
      clearTimeout(timer);
      resolve({ connected: false, reason: e.message });
    });
  });
}

/** Resolves when the socket connects; rejects with the refusal. */
export async function connected(socket: ClientSocket): Promise<void> {
  const outcome = await handshake(socket);
  if (!outcome.connected) throw new Error(`socket refused: ${outcome.reason}`);
}

/** Whether the socket was disconnected (by the server or the transport) within `withinMs`. */
export function disconnected(socket: ClientSocket, withinMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (!socket.connected) return resolve(true);
    const timer = setTimeout(() => resolve(false), withinMs);
    socket.once("disconnect", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

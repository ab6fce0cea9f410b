/**
 * What the server keeps for one socket besides socket.data (which other nodes read through
 * fetchSockets, so it holds only what they need): the socket's message budget and its running
 * replays. Both are made on first use: most sockets sit idle, and a bucket that has never been
 * drawn is the same as a full one. Kept by socket in a WeakMap, so it goes with the socket.
 */
import { TokenBucket } from "./token-bucket.ts";
import { SocketReplays } from "./handlers/replay.ts";
import type { ScholiaSocket } from "./socket-types.ts";

interface SocketState {
  bucket: TokenBucket | null;
  /** Messages refused for the rate limit (past a bound the socket is cut off). */
  refusals: number;
  replays: SocketReplays | null;
}

const states = new WeakMap<ScholiaSocket, SocketState>();

function stateOf(socket: ScholiaSocket): SocketState {
  let s = states.get(socket);
  if (!s) {
    s = { bucket: null, refusals: 0, replays: null };
    states.set(socket, s);
  }
  return s;
}

/** Takes one message from the socket's budget (`burst` at once, refilled at `perSecond`); false when empty. */
export function takeMessage(socket: ScholiaSocket, limits: { burst: number; perSecond: number }): boolean {
  const s = stateOf(socket);
  s.bucket ??= new TokenBucket(limits.burst, limits.perSecond);
  return s.bucket.take();
}

/** Counts a refused message; answers the socket's count so far. */
export function countRefusal(socket: ScholiaSocket): number {
  return ++stateOf(socket).refusals;
}

/** The socket's replays (one per log at a time, one stream per user). */
export function replaysOf(socket: ScholiaSocket): SocketReplays {
  const s = stateOf(socket);
  return (s.replays ??= new SocketReplays(socket.data.user.id));
}

/** Stops the socket's replays, if it ever started one (it disconnected). */
export function cancelReplays(socket: ScholiaSocket): void {
  states.get(socket)?.replays?.cancelAll();
}

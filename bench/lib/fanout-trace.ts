/**
 * Where one event's time goes between the writer's emit and the receivers' arrival, for a
 * Socket.IO server running in this process (the realtime bench with BENCH_TRACE=1, for ours and
 * the bare baseline alike). Each event is marked when the writer emits it, when the server reads
 * it (a listener put before every other on each socket), when the server starts and ends its
 * broadcast to the room (the adapter's `broadcast`: one encoding, then one write per socket), and
 * when the first and the last receiver get it. The segments, over all events:
 *  - emit→server: the writer's encoding and write, the server reading the frame;
 *  - server→publish: what the server does with it before broadcasting (ours: validation,
 *    authorization, the transaction and its commit; bare: nothing);
 *  - publish: the broadcast itself;
 *  - →first, first→last: the receivers (in this process) reading and decoding it.
 * Off unless asked for: the listener and the wrapper cost a little on every event.
 */
import type { Server, Socket } from "socket.io";
import { fmt, percentile } from "./load.ts";

const MARKS = ["sent", "received", "publishing", "published", "first", "last"] as const;
type Mark = (typeof MARKS)[number];

const SEGMENTS: Array<[string, Mark, Mark]> = [
  ["emit→server", "sent", "received"],
  ["server→publish", "received", "publishing"],
  ["publish", "publishing", "published"],
  ["→first", "published", "first"],
  ["first→last", "first", "last"],
  ["emit→last", "sent", "last"],
];

/** Which event a payload is (the writer's id for it), or undefined for anything else. */
export type EventIdOf = (payload: unknown) => string | undefined;

export class FanoutTrace {
  private readonly events = new Map<string, Partial<Record<Mark, number>>>();

  /** Marks `mark` of event `id` (its first time only, but `last`, which moves with every delivery). */
  mark(id: string, mark: Mark, at = performance.now()): void {
    let e = this.events.get(id);
    if (!e) this.events.set(id, (e = {}));
    if (mark === "last" || e[mark] === undefined) e[mark] = at;
  }

  /** A receiver got event `id`. */
  delivered(id: string, at = performance.now()): void {
    this.mark(id, "first", at);
    this.mark(id, "last", at);
  }

  /**
   * Watches `io` (attach before the writer connects): when an event arrives on a socket, and the
   * start and end of each broadcast. `idOf` is given the first argument of an incoming event and
   * of a broadcast event. Returns a function that stops watching.
   */
  attach(io: Server, idOf: EventIdOf): () => void {
    const received = (_event: string, payload: unknown) => {
      const id = idOf(payload);
      if (id) this.mark(id, "received");
    };
    const onConnection = (socket: Socket) => void socket.prependAny(received);
    io.on("connection", onConnection);
    const adapter = io.of("/").adapter;
    const broadcast = adapter.broadcast;
    adapter.broadcast = (packet, opts) => {
      const data = (packet as { data?: unknown[] }).data;
      const id = Array.isArray(data) ? idOf(data[1]) : undefined;
      if (id) this.mark(id, "publishing");
      broadcast.call(adapter, packet, opts);
      if (id) this.mark(id, "published");
    };
    return () => {
      io.off("connection", onConnection);
      adapter.broadcast = broadcast;
    };
  }

  /** One line: each segment's p50/p99 (ms) over the events that have every mark. */
  summary(label: string): string {
    const complete = [...this.events.values()].filter((e) => MARKS.every((m) => e[m] !== undefined)) as Array<Record<Mark, number>>;
    const parts = SEGMENTS.map(([name, from, to]) => {
      const d = complete.map((e) => e[to] - e[from]).sort((a, b) => a - b);
      return `${name} ${fmt(percentile(d, 50))}/${fmt(percentile(d, 99))}`;
    });
    return `trace ${label} (ms p50/p99 over ${complete.length} events): ${parts.join(", ")}`;
  }
}

/**
 * Replays a log's events to one socket, a page at a time, within bounds a client cannot push:
 * - one replay per socket and log: a newer join (or a leave) of the same log cancels the older
 *   replay at its next page;
 * - one replay at a time per user across all their sockets (the others wait their turn), so
 *   join/leave loops on many sockets cost no more than one stream;
 * - paced: events go out in slices of SEND_SLICE, and after each slice (and each page read)
 *   the replay waits as long as it took (at most MAX_PAUSE_MS), so a replay holds at most about
 *   half of the event loop and other requests are served meanwhile (each event is a frame of
 *   its own to write, and a page of them kept the loop busy back to back).
 */

/** The longest pause between two slices (ms). */
const MAX_PAUSE_MS = 50;
/** Events written back to back before a pause. */
const SEND_SLICE = 50;

export interface ReplayTicket {
  /** True once a newer replay of the same log, or a leave, has replaced this one. */
  readonly cancelled: boolean;
}

/** Sends events from `from` (exclusive) up to `to` (inclusive), a page at a time, until done or cancelled. */
export async function replayInPages<E extends { seq: number }>(
  readPage: (after: number) => Promise<E[]>,
  send: (e: E) => void,
  from: number,
  to: number,
  ticket: ReplayTicket = { cancelled: false },
): Promise<void> {
  let started = performance.now();
  const pause = async () => {
    const spent = performance.now() - started;
    await new Promise<void>((resolve) => setTimeout(resolve, Math.min(MAX_PAUSE_MS, Math.max(1, spent))));
    started = performance.now();
  };
  for (let after = from; after < to && !ticket.cancelled; ) {
    const page = (await readPage(after)).filter((e) => e.seq <= to);
    if (page.length === 0 || ticket.cancelled) return;
    for (let i = 0; i < page.length; i += SEND_SLICE) {
      if (i > 0) {
        await pause();
        if (ticket.cancelled) return;
      }
      for (const e of page.slice(i, i + SEND_SLICE)) send(e);
    }
    after = page[page.length - 1]!.seq;
    if (after >= to) return;
    await pause();
  }
}

/** The user's replays run one after another (a chain per user). */
const queues = new Map<string, Promise<void>>();

/** One socket's replays, by log key ("doc:<id>", "ws:<id>"); the map exists only while one runs. */
export class SocketReplays {
  private running: Map<string, { cancelled: boolean }> | null = null;

  constructor(private readonly userId: string) {}

  /** Starts a replay of `key`, cancelling the one this socket had running for it. */
  start(key: string, run: (ticket: ReplayTicket) => Promise<void>): Promise<void> {
    this.cancel(key);
    const ticket = { cancelled: false };
    (this.running ??= new Map()).set(key, ticket);
    const previous = queues.get(this.userId) ?? Promise.resolve();
    const mine = previous.then(async () => {
      if (!ticket.cancelled) await run(ticket);
    });
    const tail = mine.catch(() => {}).finally(() => {
      if (this.running?.get(key) === ticket) this.forget(key);
      if (queues.get(this.userId) === tail) queues.delete(this.userId);
    });
    queues.set(this.userId, tail);
    return mine;
  }

  /** Stops the replay of `key` at its next page (a leave). */
  cancel(key: string): void {
    const t = this.running?.get(key);
    if (t) t.cancelled = true;
    this.forget(key);
  }

  /** Stops all (the socket disconnected). */
  cancelAll(): void {
    for (const t of this.running?.values() ?? []) t.cancelled = true;
    this.running = null;
  }

  private forget(key: string): void {
    this.running?.delete(key);
    if (this.running?.size === 0) this.running = null;
  }
}

/** One log's replay to one socket, as the join handlers start it. */
export interface LogReplay<E extends { seq: number }> {
  /** "doc:<id>" or "ws:<id>": a newer replay of the same key replaces this one. */
  key: string;
  /** The room the socket must still be in for the replay to go on. */
  room: string;
  rooms: { has(room: string): boolean };
  readPage(after: number): Promise<E[]>;
  send(e: E): void;
  from: number;
  to: number;
  onError(e: unknown): void;
}

/** Starts `r` through the socket's replays; a socket that left the room (a leave, a removal) gets no more of the log. */
export function startReplay<E extends { seq: number }>(replays: SocketReplays, r: LogReplay<E>): Promise<void> {
  return replays
    .start(r.key, (ticket) =>
      replayInPages(r.readPage, r.send, r.from, r.to, {
        get cancelled() {
          return ticket.cancelled || !r.rooms.has(r.room);
        },
      }),
    )
    .catch(r.onError);
}

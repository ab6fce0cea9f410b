/**
 * A test-side document subscriber that behaves like the browser's: it keeps lastSeq, applies
 * events in seq order (buffering early ones), asks for missing ones on a gap, and rejoins
 * with lastSeq after reconnecting.
 */
import type { DocumentEventDto } from "../../common/events.ts";
import type { AckResult, JoinAck, MutationMap, MutationName, PresenceMember } from "../../common/realtime.ts";
import { pause } from "./eventually.ts";
import { connected, type ClientSocket } from "./sockets.ts";

/** How long the browser lets a gap in the seqs close by itself before asking the log (client/src/realtime/sequencer.ts). */
const GAP_GRACE_MS = 150;

export class DocumentFeed {
  lastSeq = 0;
  /** Applied events, in order, exactly once each. */
  readonly applied: DocumentEventDto[] = [];
  presence: PresenceMember[] = [];
  private early = new Map<number, DocumentEventDto>();
  private syncing = false;
  private waiters: Array<{ seq: number; done: () => void }> = [];

  constructor(
    private socket: ClientSocket,
    readonly documentId: string,
  ) {
    this.listen(socket);
  }

  private listen(socket: ClientSocket) {
    socket.on("document:event", (e) => this.receive(e));
  }

  /** Switches to a new socket (after a reconnect) and rejoins from lastSeq. */
  async rejoin(socket: ClientSocket): Promise<JoinAck> {
    this.socket = socket;
    this.listen(socket);
    return this.join();
  }

  /** Joins (or rejoins) and resolves once the replay has caught up with the ack's seq. */
  async join(): Promise<JoinAck> {
    const ack = await this.socket.timeout(10_000).emitWithAck("document:join", { documentId: this.documentId, lastSeq: this.lastSeq });
    if (!ack.ok) return ack;
    this.presence = ack.presence;
    await this.reached(ack.seq);
    return ack;
  }

  /** Resolves true once every event up to `seq` has been applied, or false after `withinMs`. */
  reached(seq: number, withinMs = 10_000): Promise<boolean> {
    if (this.lastSeq >= seq) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        seq,
        done: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, withinMs);
      this.waiters.push(waiter);
    });
  }

  private receive(e: DocumentEventDto) {
    if (e.documentId !== this.documentId || e.seq <= this.lastSeq) return;
    this.early.set(e.seq, e);
    this.drain();
    if (this.early.size > 0) void this.fillGap();
  }

  private drain() {
    for (let e = this.early.get(this.lastSeq + 1); e; e = this.early.get(this.lastSeq + 1)) {
      this.early.delete(e.seq);
      this.applied.push(e);
      this.lastSeq = e.seq;
    }
    const due = this.waiters.filter((w) => w.seq <= this.lastSeq);
    this.waiters = this.waiters.filter((w) => w.seq > this.lastSeq);
    for (const w of due) w.done();
  }

  /** Asks the log for anything after lastSeq (the server says a resync is due). */
  async sync(): Promise<void> {
    const ack = await this.socket
      .timeout(10_000)
      .emitWithAck("document:sync", { documentId: this.documentId, lastSeq: this.lastSeq })
      .catch(() => null); // disconnected meanwhile: the rejoin after reconnecting replays instead
    if (!ack?.ok) return;
    for (const e of ack.result.events) if (e.seq > this.lastSeq) this.early.set(e.seq, e);
    this.drain();
  }

  /** A gap that does not close by itself within a moment is fetched from the log. */
  private async fillGap() {
    if (this.syncing) return;
    this.syncing = true;
    // The browser's rule, timed like it: events overtaken in flight usually close the gap
    // within a moment; only a gap still open after GAP_GRACE_MS is asked for.
    await pause(GAP_GRACE_MS);
    try {
      while (this.early.size > 0) {
        const ack = await this.socket
          .timeout(10_000)
          .emitWithAck("document:sync", { documentId: this.documentId, lastSeq: this.lastSeq })
          .catch(() => null);
        if (!ack?.ok) break;
        for (const e of ack.result.events) if (e.seq > this.lastSeq) this.early.set(e.seq, e);
        const before = this.lastSeq;
        this.drain();
        if (this.lastSeq === before) break;
      }
    } finally {
      this.syncing = false;
    }
  }

  ofType(type: string): DocumentEventDto[] {
    return this.applied.filter((e) => e.type === type);
  }
}

/** Sends a mutation and waits for its ack. */
export function mutate<K extends MutationName>(socket: ClientSocket, name: K, input: MutationMap[K]["input"]): Promise<AckResult<MutationMap[K]["result"]>> {
  const timed = socket.timeout(10_000) as unknown as { emitWithAck(ev: string, payload: unknown): Promise<AckResult<MutationMap[K]["result"]>> };
  return timed.emitWithAck(name, input);
}

/**
 * Opens a socket for `user`, joins the document and waits for the replay; the socket is added
 * to `opened` so the test's teardown can close it. Throws if the join is refused.
 */
export async function openJoined(user: { connect(): ClientSocket }, documentId: string, opened: ClientSocket[]) {
  const socket = user.connect();
  opened.push(socket);
  await connected(socket);
  const feed = new DocumentFeed(socket, documentId);
  const ack = await feed.join();
  if (!ack.ok) throw new Error(`join refused: ${JSON.stringify(ack.error)}`);
  return { socket, feed };
}

/**
 * Emits each document's events in seq order from this node. Transactions commit in seq order,
 * but their publish calls can overtake each other by a few microtasks; an event that arrives
 * ahead of its predecessor waits (at most `maxWaitMs`) for it. Events from other nodes never
 * pass through here, so a gap that does not fill is emitted anyway after the wait: clients
 * detect gaps themselves and fetch the missing events from the log.
 */
import type { DocumentEventDto } from "../../common/events.ts";

interface DocState {
  next: number;
  pending: Map<number, DocumentEventDto>;
  timer: NodeJS.Timeout | null;
  touched: number;
}

export class EventSequencer {
  private docs = new Map<string, DocState>();
  private sweeper: NodeJS.Timeout;

  constructor(
    private readonly emit: (e: DocumentEventDto) => void,
    private readonly maxWaitMs = 100,
    private readonly idleMs = 60_000,
  ) {
    this.sweeper = setInterval(() => this.sweep(), idleMs);
    this.sweeper.unref();
  }

  push(e: DocumentEventDto): void {
    let s = this.docs.get(e.documentId);
    if (!s) {
      s = { next: e.seq, pending: new Map(), timer: null, touched: Date.now() };
      this.docs.set(e.documentId, s);
    }
    s.touched = Date.now();
    if (e.seq < s.next) {
      this.emit(e);
      return;
    }
    s.pending.set(e.seq, e);
    this.drain(s);
    if (s.pending.size > 0 && !s.timer) {
      s.timer = setTimeout(() => this.flush(s), this.maxWaitMs);
      s.timer.unref();
    }
  }

  private drain(s: DocState): void {
    for (let e = s.pending.get(s.next); e; e = s.pending.get(s.next)) {
      s.pending.delete(s.next);
      this.emit(e);
      s.next++;
    }
    if (s.pending.size === 0 && s.timer) {
      clearTimeout(s.timer);
      s.timer = null;
    }
  }

  /** The wait is over: emit what is pending, in order, and move past the gap. */
  private flush(s: DocState): void {
    s.timer = null;
    const seqs = [...s.pending.keys()].sort((a, b) => a - b);
    for (const seq of seqs) {
      this.emit(s.pending.get(seq)!);
      s.pending.delete(seq);
      s.next = seq + 1;
    }
  }

  private sweep(): void {
    const cutoff = Date.now() - this.idleMs;
    for (const [id, s] of this.docs) if (s.touched < cutoff && s.pending.size === 0) this.docs.delete(id);
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const s of this.docs.values()) if (s.timer) this.flush(s);
    this.docs.clear();
  }
}

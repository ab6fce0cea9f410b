/**
 * Emits each log's events (a document's, a workspace's) in seq order from this node. Transactions commit in seq order,
 * but their publish calls can overtake each other by a few microtasks; an event that arrives
 * ahead of its predecessor waits (at most `maxWaitMs`) for it. Events from other nodes never
 * pass through here, so a gap that does not fill is emitted anyway after the wait: clients
 * detect gaps themselves and fetch the missing events from the log.
 */
interface LogState<E> {
  next: number;
  pending: Map<number, E>;
  timer: NodeJS.Timeout | null;
  touched: number;
}

export class EventSequencer<E extends { seq: number }> {
  private docs = new Map<string, LogState<E>>();
  private sweeper: NodeJS.Timeout;

  constructor(
    /** Which log an event belongs to. */
    private readonly logOf: (e: E) => string,
    private readonly emit: (e: E) => void,
    private readonly maxWaitMs = 100,
    private readonly idleMs = 60_000,
  ) {
    this.sweeper = setInterval(() => this.sweep(), idleMs);
    this.sweeper.unref();
  }

  push(e: E): void {
    const log = this.logOf(e);
    let s = this.docs.get(log);
    if (!s) {
      s = { next: e.seq, pending: new Map(), timer: null, touched: Date.now() };
      this.docs.set(log, s);
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

  private drain(s: LogState<E>): void {
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
  private flush(s: LogState<E>): void {
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

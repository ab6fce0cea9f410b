/**
 * Applies a log's events (a document's, a workspace's) strictly in seq order. Early events wait
 * in a buffer; a gap that is not filled within `gapMs` (or a known head seq not reached) triggers
 * `onGap`, which asks the server for the missing events (document:sync, workspace:sync) and pushes
 * them back in here. A seq the server says went to an event this reader does not get (`pass`)
 * counts as applied, in its turn.
 */
export interface Sequenced {
  seq: number;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export type PushResult = "applied" | "duplicate" | "buffered";

export class EventSequencer<E extends Sequenced> {
  /** Early arrivals by seq; null for a seq passed over (an event this reader does not get). */
  private buffer = new Map<number, E | null>();
  private head: number;
  private timer: unknown = null;

  constructor(
    private lastSeq: number,
    private readonly apply: (e: E) => void,
    private readonly onGap: (lastSeq: number) => void,
    private readonly gapMs = 150,
    private readonly timers: Timers = realTimers,
  ) {
    this.head = lastSeq;
  }

  /** The seq of the last event applied. */
  get seq(): number {
    return this.lastSeq;
  }

  /** True while an event is missing: something is buffered, or the server is known to be ahead. */
  get hasGap(): boolean {
    return this.buffer.size > 0 || this.head > this.lastSeq;
  }

  push(e: E): PushResult {
    if (e.seq <= this.lastSeq || this.buffer.has(e.seq)) return "duplicate";
    if (e.seq > this.head) this.head = e.seq;
    if (e.seq !== this.lastSeq + 1) {
      this.buffer.set(e.seq, e);
      this.watch();
      return "buffered";
    }
    this.applyOne(e);
    this.drain();
    this.watch();
    return "applied";
  }

  /**
   * Seq `seq` went to an event this reader does not get (the server says so in its place): it
   * counts as applied, in order, and the ones after it follow.
   */
  pass(seq: number): void {
    if (seq <= this.lastSeq || this.buffer.has(seq)) return;
    if (seq > this.head) this.head = seq;
    if (seq !== this.lastSeq + 1) this.buffer.set(seq, null);
    else {
      this.lastSeq = seq;
      this.drain();
    }
    this.watch();
  }

  /**
   * Everything up to `seq` that this reader will get has come (a seq passed over for an event it
   * does not read, a sync answer's position): what is buffered up to there is applied in order,
   * the rest of the gap is closed, and later events follow as usual.
   */
  skipTo(seq: number): void {
    if (seq <= this.lastSeq) return;
    for (const at of [...this.buffer.keys()].filter((k) => k <= seq).sort((a, b) => a - b)) {
      const e = this.buffer.get(at);
      this.buffer.delete(at);
      if (e) this.applyOne(e);
    }
    this.lastSeq = seq;
    if (seq > this.head) this.head = seq;
    this.drain();
    this.watch();
  }

  /** The server says its log reaches `seq` (join ack, sync answer): anything short of it is a gap. */
  expect(seq: number): void {
    if (seq > this.head) this.head = seq;
    this.watch();
  }

  dispose(): void {
    this.cancel();
  }

  private applyOne(e: E) {
    this.lastSeq = e.seq;
    this.apply(e);
  }

  /** Applies what is buffered right after the last seq applied, for as long as it follows on. */
  private drain() {
    while (this.buffer.has(this.lastSeq + 1)) {
      const next = this.buffer.get(this.lastSeq + 1);
      this.buffer.delete(this.lastSeq + 1);
      if (next) this.applyOne(next);
      else this.lastSeq++;
    }
  }

  private watch() {
    if (!this.hasGap) return this.cancel();
    if (this.timer !== null) return;
    this.timer = this.timers.set(() => {
      this.timer = null;
      if (this.hasGap) this.onGap(this.lastSeq);
    }, this.gapMs);
  }

  private cancel() {
    if (this.timer === null) return;
    this.timers.clear(this.timer);
    this.timer = null;
  }
}

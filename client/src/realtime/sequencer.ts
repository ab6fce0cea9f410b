/**
 * Applies a document's events strictly in seq order. Early events wait in a buffer; a gap
 * that is not filled within `gapMs` (or a known head seq not reached) triggers `onGap`, which
 * asks the server for the missing events (document:sync) and pushes them back in here.
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
  private buffer = new Map<number, E>();
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
    for (let next = this.buffer.get(this.lastSeq + 1); next; next = this.buffer.get(this.lastSeq + 1)) {
      this.buffer.delete(next.seq);
      this.applyOne(next);
    }
    this.watch();
    return "applied";
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

import { describe, expect, it } from "vitest";
import { EventSequencer, type Timers } from "./sequencer.ts";

/** Timers a test fires by hand. */
function manualTimers() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let next = 1;
  const timers: Timers = {
    set: (fn, ms) => {
      pending.set(next, { fn, ms });
      return next++;
    },
    clear: (h) => pending.delete(h as number),
  };
  return {
    timers,
    get count() {
      return pending.size;
    },
    fireAll() {
      const all = [...pending.values()];
      pending.clear();
      for (const t of all) t.fn();
    },
  };
}

function setup(lastSeq = 0) {
  const applied: number[] = [];
  const gaps: number[] = [];
  const t = manualTimers();
  const seq = new EventSequencer<{ seq: number }>(lastSeq, (e) => applied.push(e.seq), (s) => gaps.push(s), 150, t.timers);
  return { seq, applied, gaps, t };
}

describe("EventSequencer", () => {
  it("applies events in order and drops duplicates", () => {
    const { seq, applied } = setup(3);
    expect(seq.push({ seq: 2 })).toBe("duplicate");
    expect(seq.push({ seq: 4 })).toBe("applied");
    expect(seq.push({ seq: 4 })).toBe("duplicate");
    expect(seq.push({ seq: 5 })).toBe("applied");
    expect(applied).toEqual([4, 5]);
    expect(seq.seq).toBe(5);
  });

  it("buffers early events and releases them when the gap fills, without asking for a sync", () => {
    const { seq, applied, gaps, t } = setup(0);
    expect(seq.push({ seq: 3 })).toBe("buffered");
    expect(seq.push({ seq: 2 })).toBe("buffered");
    expect(t.count).toBe(1);
    expect(seq.push({ seq: 1 })).toBe("applied");
    expect(applied).toEqual([1, 2, 3]);
    expect(t.count).toBe(0);
    t.fireAll();
    expect(gaps).toEqual([]);
  });

  it("asks for a sync when a gap is still open after the wait", () => {
    const { seq, applied, gaps, t } = setup(10);
    seq.push({ seq: 13 });
    t.fireAll();
    expect(gaps).toEqual([10]);
    // The sync answer fills it.
    seq.push({ seq: 11 });
    seq.push({ seq: 12 });
    expect(applied).toEqual([11, 12, 13]);
    expect(seq.hasGap).toBe(false);
  });

  it("treats a known head seq (join ack) beyond what arrived as a gap", () => {
    const { seq, gaps, t } = setup(5);
    seq.expect(8);
    expect(seq.hasGap).toBe(true);
    seq.push({ seq: 6 });
    t.fireAll();
    expect(gaps).toEqual([6]);
    seq.push({ seq: 7 });
    seq.push({ seq: 8 });
    expect(seq.hasGap).toBe(false);
    expect(t.count).toBe(0);
  });

  it("keeps asking while a long gap is filled page by page", () => {
    const { seq, gaps, t } = setup(0);
    seq.expect(1000);
    t.fireAll();
    for (let s = 1; s <= 500; s++) seq.push({ seq: s });
    expect(t.count).toBe(1);
    t.fireAll();
    expect(gaps).toEqual([0, 500]);
  });

  it("applies any arrival order exactly once, in order", () => {
    for (let trial = 0; trial < 50; trial++) {
      const { seq, applied } = setup(0);
      const events = Array.from({ length: 40 }, (_, i) => ({ seq: i + 1 }));
      const shuffled = [...events, ...events.slice(0, 10)].sort(() => Math.random() - 0.5);
      for (const e of shuffled) seq.push(e);
      expect(applied).toEqual(events.map((e) => e.seq));
    }
  });

  it("counts a seq passed over as applied in its turn, early or on time, and asks about no gap for it", () => {
    const { seq, applied, gaps, t } = setup(10);
    seq.push({ seq: 11 });
    seq.pass(12);
    seq.push({ seq: 13 });
    expect(applied).toEqual([11, 13]);
    expect(seq.seq).toBe(13);
    // Out of order: 15 (read) and 16 (passed over) before 14 (read).
    seq.push({ seq: 15 });
    seq.pass(16);
    expect(seq.hasGap).toBe(true);
    seq.push({ seq: 14 });
    expect(applied).toEqual([11, 13, 14, 15]);
    expect(seq.seq).toBe(16);
    expect(seq.hasGap).toBe(false);
    t.fireAll();
    expect(gaps).toEqual([]);
  });

  it("does not let a seq passed over stand in for an earlier event still on its way", () => {
    const { seq, applied, gaps, t } = setup(0);
    seq.pass(2);
    expect(seq.seq).toBe(0);
    expect(seq.hasGap).toBe(true);
    t.fireAll();
    expect(gaps).toEqual([0]);
    seq.push({ seq: 1 });
    expect(applied).toEqual([1]);
    expect(seq.seq).toBe(2);
    seq.pass(2);
    seq.pass(1);
    expect(seq.seq).toBe(2);
  });

  it("after a sync that looked up to a seq, applies what it holds up to there in order and closes the gap", () => {
    const { seq, applied, gaps, t } = setup(5);
    seq.push({ seq: 8 });
    seq.pass(9);
    seq.push({ seq: 11 });
    seq.expect(12);
    seq.skipTo(9);
    expect(applied).toEqual([8]);
    expect(seq.seq).toBe(9);
    // 10 is still missing, and the server's log reaches 12.
    expect(seq.hasGap).toBe(true);
    seq.skipTo(12);
    expect(applied).toEqual([8, 11]);
    expect(seq.seq).toBe(12);
    expect(seq.hasGap).toBe(false);
    t.fireAll();
    expect(gaps).toEqual([]);
    seq.skipTo(3);
    expect(seq.seq).toBe(12);
  });
});

import { describe, expect, it } from "vitest";
import { replayInPages, SocketReplays, type ReplayTicket } from "./replay.ts";

/** A log of `n` events read `page` at a time; counts the reads. */
function log(n: number, page: number) {
  const reads: number[] = [];
  return {
    reads,
    read: async (after: number) => {
      reads.push(after);
      await new Promise((r) => setImmediate(r));
      return Array.from({ length: Math.max(0, Math.min(page, n - after)) }, (_, i) => ({ seq: after + i + 1 }));
    },
  };
}

describe("replays", () => {
  it("sends every event from after `from` up to `to`, a page at a time", async () => {
    const l = log(25, 10);
    const sent: number[] = [];
    await replayInPages(l.read, (e) => sent.push(e.seq), 3, 22);
    expect(sent).toEqual(Array.from({ length: 19 }, (_, i) => i + 4));
    expect(l.reads).toEqual([3, 13]);
  });

  it("stops at the next page once cancelled", async () => {
    const l = log(100, 10);
    const sent: number[] = [];
    const ticket = { cancelled: false };
    await replayInPages(l.read, (e) => {
      sent.push(e.seq);
      if (e.seq === 15) ticket.cancelled = true;
    }, 0, 100, ticket);
    expect(sent.length).toBe(20);
  });

  it("cancels a socket's older replay of the same log when it starts a new one, or leaves", async () => {
    const replays = new SocketReplays("u_same_log");
    const l = log(1000, 10);
    const first: number[] = [];
    const second: number[] = [];
    const a = replays.start("doc:d1", (t) => replayInPages(l.read, (e) => first.push(e.seq), 0, 1000, t));
    const b = replays.start("doc:d1", (t) => replayInPages(l.read, (e) => second.push(e.seq), 0, 1000, t));
    await Promise.all([a, b]);
    expect(first.length).toBeLessThan(1000);
    expect(second.length).toBe(1000);

    const third: number[] = [];
    let tick: ReplayTicket | null = null;
    const c = replays.start("doc:d1", (t) => {
      tick = t;
      return replayInPages(l.read, (e) => {
        third.push(e.seq);
        if (e.seq === 30) replays.cancel("doc:d1");
      }, 0, 1000, t);
    });
    await c;
    expect(tick!.cancelled).toBe(true);
    expect(third.length).toBe(30);
  });

  it("runs one user's replays one after another across sockets, and other users' alongside", async () => {
    const order: string[] = [];
    const slow = (name: string) => async () => {
      order.push(`${name} start`);
      await new Promise((r) => setTimeout(r, 20));
      order.push(`${name} end`);
    };
    const s1 = new SocketReplays("u_serial");
    const s2 = new SocketReplays("u_serial");
    const other = new SocketReplays("u_other");
    await Promise.all([s1.start("doc:a", slow("a")), s2.start("doc:b", slow("b")), other.start("doc:c", slow("c"))]);
    expect(order.indexOf("a end")).toBeLessThan(order.indexOf("b start"));
    expect(order.indexOf("c start")).toBeLessThan(order.indexOf("a end"));
  });

  it("keeps the queue going after a replay fails", async () => {
    const s = new SocketReplays("u_fails");
    await expect(s.start("doc:a", () => Promise.reject(new Error("read failed")))).rejects.toThrow("read failed");
    let ran = false;
    await s.start("doc:b", async () => {
      ran = true;
    });
    expect(ran).toBe(true);
  });
});

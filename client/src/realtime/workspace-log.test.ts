import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { WorkspaceEventDto } from "../../../common/events.ts";
import type { WorkspaceJoinAck } from "../../../common/realtime.ts";
import { FROM_NOW, WorkspaceLog, type LinkHandlers, type WorkspaceLink } from "./workspace-log.ts";

const WS = "ws1";

function roleChanged(seq: number, workspaceId = WS): WorkspaceEventDto {
  return {
    workspaceId,
    seq,
    documentId: null,
    actorId: "u1",
    clientMutationId: null,
    createdAt: new Date(0).toISOString(),
    type: "member.role_changed",
    payload: { userId: "u2", displayName: "Ana", from: "analyst", to: "editor" },
  };
}

/** A link whose server is scripted by the test: a log of events and the answers it gives. */
function fakeLink(log: WorkspaceEventDto[]) {
  let handlers: LinkHandlers | null = null;
  const joins: number[] = [];
  const syncs: number[] = [];
  let joinAnswer: (lastSeq: number) => WorkspaceJoinAck = () => ({ ok: true, seq: log.length });
  const link: WorkspaceLink = {
    join: async (lastSeq) => {
      joins.push(lastSeq);
      return joinAnswer(lastSeq);
    },
    sync: async (lastSeq) => {
      syncs.push(lastSeq);
      return { ok: true, result: { events: log.filter((e) => e.seq > lastSeq), seq: log.length } };
    },
    listen: (h) => {
      handlers = h;
      return () => {
        handlers = null;
      };
    },
    open: () => false,
    close: () => {},
  };
  return {
    link,
    joins,
    syncs,
    get h(): LinkHandlers {
      if (!handlers) throw new Error("not listening");
      return handlers;
    },
    answerJoinsWith(fn: (lastSeq: number) => WorkspaceJoinAck) {
      joinAnswer = fn;
    },
  };
}

const settle = () => vi.advanceTimersByTimeAsync(0);

describe("WorkspaceLog", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("joins from now the first time, then applies live events in order", async () => {
    const log = [roleChanged(1), roleChanged(2)];
    const net = fakeLink(log);
    const seen: number[] = [];
    const wl = new WorkspaceLog(net.link, WS, { onEvent: (e) => seen.push(e.seq) });
    wl.start();
    net.h.connected();
    await settle();
    expect(net.joins).toEqual([FROM_NOW]);
    expect(wl.getState()).toBe("live");
    expect(wl.seq).toBe(2);
    net.h.event(roleChanged(3));
    net.h.event(roleChanged(2));
    expect(seen).toEqual([3]);
  });

  it("keeps events that arrive before the first ack and drops those the ack already covers", async () => {
    const net = fakeLink([roleChanged(1), roleChanged(2)]);
    const seen: number[] = [];
    const wl = new WorkspaceLog(net.link, WS, { onEvent: (e) => seen.push(e.seq) });
    wl.start();
    net.h.event(roleChanged(2));
    net.h.event(roleChanged(3));
    net.h.connected();
    await settle();
    expect(seen).toEqual([3]);
  });

  it("rejoins with the last seq applied after a reconnect and says so", async () => {
    const log = [roleChanged(1)];
    const net = fakeLink(log);
    const seen: number[] = [];
    let rejoins = 0;
    const wl = new WorkspaceLog(net.link, WS, { onEvent: (e) => seen.push(e.seq), onRejoin: () => rejoins++ });
    wl.start();
    net.h.connected();
    await settle();
    net.h.disconnected();
    expect(wl.getState()).toBe("reconnecting");
    log.push(roleChanged(2), roleChanged(3));
    net.h.connected();
    await settle();
    expect(net.joins).toEqual([FROM_NOW, 1]);
    expect(rejoins).toBe(1);
    // The server replays what was missed after the ack.
    net.h.event(roleChanged(2));
    net.h.event(roleChanged(3));
    expect(seen).toEqual([2, 3]);
  });

  it("asks workspace:sync for a gap that does not close", async () => {
    const log = [roleChanged(1), roleChanged(2), roleChanged(3), roleChanged(4)];
    const net = fakeLink(log);
    net.answerJoinsWith(() => ({ ok: true, seq: 1 }));
    const seen: number[] = [];
    const wl = new WorkspaceLog(net.link, WS, { onEvent: (e) => seen.push(e.seq) }, 150);
    wl.start();
    net.h.connected();
    await settle();
    net.h.event(roleChanged(4));
    expect(seen).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(net.syncs).toEqual([1]);
    expect(seen).toEqual([2, 3, 4]);
  });

  it("takes a seq passed over (an event this member does not read) as read: no sync, the next event applied at once", async () => {
    const net = fakeLink([roleChanged(1)]);
    const seen: number[] = [];
    const wl = new WorkspaceLog(net.link, WS, { onEvent: (e) => seen.push(e.seq) }, 150);
    wl.start();
    // Passed over before the first ack (kept), and one the ack already covers (ignored).
    net.h.position({ workspaceId: WS, seq: 1 });
    net.h.position({ workspaceId: WS, seq: 2 });
    net.h.connected();
    await settle();
    net.h.event(roleChanged(4));
    net.h.position({ workspaceId: "other", seq: 3 });
    await vi.advanceTimersByTimeAsync(100);
    net.h.position({ workspaceId: WS, seq: 3 });
    expect(seen).toEqual([4]);
    await vi.advanceTimersByTimeAsync(500);
    expect(net.syncs).toEqual([]);
    expect(wl.seq).toBe(4);
  });

  it("after a sync, counts the log as read up to the answer's seq, whatever the answer left out", async () => {
    const log = [roleChanged(1), roleChanged(2), roleChanged(3), roleChanged(4)];
    const net = fakeLink(log);
    net.answerJoinsWith(() => ({ ok: true, seq: 4 }));
    const seen: number[] = [];
    const wl = new WorkspaceLog(net.link, WS, { onEvent: (e) => seen.push(e.seq) }, 150);
    wl.start();
    net.h.connected();
    await settle();
    net.h.disconnected();
    // Rejoined from 4 while the log went to 7, of which this member reads only 6.
    net.answerJoinsWith(() => ({ ok: true, seq: 7 }));
    net.link.sync = async (lastSeq) => {
      net.syncs.push(lastSeq);
      return { ok: true, result: { events: [roleChanged(6)], seq: 7 } };
    };
    net.h.connected();
    await settle();
    await vi.advanceTimersByTimeAsync(200);
    expect(net.syncs).toEqual([4]);
    expect(seen).toEqual([6]);
    expect(wl.seq).toBe(7);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(net.syncs).toEqual([4]);
  });

  it("ignores other workspaces' events and stops at access:revoked", async () => {
    const net = fakeLink([]);
    const seen: number[] = [];
    let revoked = 0;
    const wl = new WorkspaceLog(net.link, WS, { onEvent: (e) => seen.push(e.seq), onRevoked: () => revoked++ });
    wl.start();
    net.h.connected();
    await settle();
    net.h.event(roleChanged(1, "other"));
    net.h.revoked("other");
    expect(wl.getState()).toBe("live");
    net.h.revoked(WS);
    net.h.event(roleChanged(1));
    expect(wl.getState()).toBe("revoked");
    expect(revoked).toBe(1);
    expect(seen).toEqual([]);
  });

  it("treats a refused join (no longer a member) as revoked", async () => {
    const net = fakeLink([]);
    net.answerJoinsWith(() => ({ ok: false, error: { status: 404, code: "not_found", message: "Workspace not found" } }));
    const wl = new WorkspaceLog(net.link, WS, { onEvent: () => {} });
    wl.start();
    net.h.connected();
    await settle();
    expect(wl.getState()).toBe("revoked");
  });
});

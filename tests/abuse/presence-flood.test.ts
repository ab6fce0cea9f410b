/**
 * One viewer opens 200 sockets on one document and floods presence:selection. The node caps the
 * sockets per user, coalesces the updates and charges them by fan-out, so deliveries stay within
 * the documented budget, the last selection of every socket still arrives, and /healthz keeps
 * answering in < 100 ms.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectResponsive, probeHealth, type HealthStats } from "../helpers/health-probe.ts";
import { startSqliteNode, type SqliteNode } from "../helpers/sqlite-node.ts";
import { buildWorld, eventually, handshake, httpTransport, type ClientSocket } from "../helpers/kit.ts";
import { DEFAULT_PRESENCE_BUDGET } from "../../server/realtime/presence-gate.ts";
import { REALTIME_DEFAULTS } from "../../server/realtime/socket-types.ts";
import type { SelectionRange } from "../../common/realtime.ts";

let node: SqliteNode;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  node = await startSqliteNode();
}, 90_000);
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await node?.stop();
});

const outcome = async (s: ClientSocket) => {
  const h = await handshake(s);
  return h.connected ? "connected" : h.reason;
};

describe("presence flood by one viewer", () => {
  it("caps the sockets, bounds the deliveries, keeps the last state and the node responsive", async () => {
    const doc = await buildWorld(httpTransport(node.url), { members: { Vic: "viewer" } });
    const vic = doc.users.Vic;
    const owner = doc.owner;
    const paragraphId = doc.paragraphs[1]!.id;

    const attempts = Array.from({ length: 200 }, () => vic.connect());
    sockets.push(...attempts);
    const results = await Promise.all(attempts.map(outcome));
    const open = attempts.filter((_, i) => results[i] === "connected");
    expect(open.length).toBe(REALTIME_DEFAULTS.maxSocketsPerUser);
    expect(results.filter((r) => r !== "connected").every((r) => /Too many open connections \(at most 20\)/.test(r))).toBe(true);

    const observer = owner.connect();
    sockets.push(observer);
    expect(await outcome(observer)).toBe("connected");
    for (const s of [observer, ...open]) {
      const ack = await s.timeout(10_000).emitWithAck("document:join", { documentId: doc.documentId });
      expect(ack.ok).toBe(true);
    }

    let deliveries = 0;
    const seen = new Map<string, SelectionRange | null>();
    observer.on("presence:selection", (p) => {
      seen.set(p.socketId, p.selection);
    });
    for (const s of [observer, ...open]) s.on("presence:selection", () => deliveries++);

    // 20 sockets x 20 updates a second x 5 s, each update moving the selection.
    const probe = await probeHealth(node.url);
    const last = new Map<string, SelectionRange>();
    const seconds = 5;
    const started = Date.now();
    for (let tick = 0; tick < seconds * 20; tick++) {
      for (const [k, s] of open.entries()) {
        const selection = { start: { paragraphId, offset: tick % 40 }, end: { paragraphId, offset: (tick % 40) + 1 + k } };
        last.set(s.id!, selection);
        s.emit("presence:selection", { documentId: doc.documentId, selection });
      }
      // The flood's rate is what is tested: 20 updates a second per socket, on the clock.
      await new Promise((r) => setTimeout(r, Math.max(0, started + (tick + 1) * 50 - Date.now())));
    }
    const elapsed = (Date.now() - started) / 1000;
    // The last state of every socket reaches the observer once the buckets refill.
    let health: HealthStats;
    try {
      await eventually(() => {
        for (const [id, sel] of last) expect(seen.get(id), `last selection of ${id}`).toEqual(sel);
      }, 10_000, 50);
    } finally {
      health = await probe.stop();
    }
    const total = (Date.now() - started) / 1000;
    console.info(`presence flood: 2,000 updates sent in ${elapsed.toFixed(1)} s, ${deliveries} deliveries in ${total.toFixed(1)} s; /healthz:`, health);

    // Unthrottled, every update would reach the 20 other sockets: 40,000 deliveries.
    const budget = DEFAULT_PRESENCE_BUDGET.userBurst + DEFAULT_PRESENCE_BUDGET.userPerSecond * total;
    expect(deliveries).toBeLessThanOrEqual(budget);
    expect(deliveries).toBeLessThan(40_000);
    expectResponsive(health, "presence flood");
  }, 120_000);
});

/**
 * Rejoining a document replays its event log from the seq the client names. A client that joins
 * and leaves in a loop with lastSeq 0, on several sockets, must not make the node stream the
 * whole log once per join: a socket's newer join (or its leave) cancels its older replay, one
 * user's replays run one at a time, and /healthz keeps answering meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectResponsive, probeHealth } from "../helpers/health-probe.ts";
import { startSqliteNode, type SqliteNode } from "../helpers/sqlite-node.ts";
import { buildWorld, connected, eventually, httpTransport, type ClientSocket, type HttpClient } from "../helpers/kit.ts";

let node: SqliteNode;
let owner: HttpClient;
let workspaceId: string;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  node = await startSqliteNode();
  ({ owner, workspaceId } = await buildWorld(httpTransport(node.url), { workspace: "Replay desk", document: null }));
}, 90_000);
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await node?.stop();
});

/** Distinct pseudo-random words, so every quote below is found once. */
function article(words: number): string {
  let seed = 11;
  const rnd = () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  return Array.from({ length: words }, () => Array.from({ length: 4 + Math.floor(rnd() * 5) }, () => String.fromCharCode(97 + Math.floor(rnd() * 26))).join("")).join(" ");
}

describe("replay flood by join/leave loops", () => {
  it("streams each socket's log once at most, cancels replaced replays, and keeps the node responsive", async () => {
    const text = article(6000);
    const { document } = await owner.ok<{ document: { id: string } }>("POST", `/api/workspaces/${workspaceId}/documents`, { format: "txt", content: `Replay\n\n${text}` });
    // 3,000 annotations (one event each), imported in pages that stay under the body limit.
    for (let batch = 0; batch < 3; batch++) {
      const items = Array.from({ length: 1000 }, (_, i) => {
        const k = batch * 1000 + i;
        const at = text.indexOf(" ", (k * 11) % (text.length - 80)) + 1;
        return { id: `urn:r:${k}`, type: "Annotation", motivation: "commenting", body: [{ type: "TextualBody", value: `n${k}`, purpose: "commenting" }], target: { source: "x", selector: [{ type: "TextQuoteSelector", exact: text.slice(at, at + 40) }] } };
      });
      await owner.ok("POST", `/api/documents/${document.id}/annotations/import`, { type: "AnnotationCollection", first: { type: "AnnotationPage", items } });
    }
    const probe0 = owner.connect();
    sockets.push(probe0);
    await connected(probe0);
    const first = (await probe0.timeout(20_000).emitWithAck("document:join", { documentId: document.id, lastSeq: 0 })) as { ok: boolean; seq: number };
    expect(first.ok).toBe(true);
    const total = first.seq;
    expect(total).toBeGreaterThanOrEqual(3000);
    probe0.disconnect();

    // Four sockets of one user, each joining and leaving 8 times with lastSeq 0.
    const attackers = Array.from({ length: 4 }, () => owner.connect());
    sockets.push(...attackers);
    await Promise.all(attackers.map(connected));
    const delivered = attackers.map(() => 0);
    const lastRun = attackers.map(() => new Set<number>());
    attackers.forEach((s, i) => s.on("document:event", (e: { seq: number }) => {
      delivered[i]!++;
      lastRun[i]!.add(e.seq);
    }));
    const health = await probeHealth(node.url);
    // Each socket fires its 8 leave/join pairs at once, as a flooding client would.
    await Promise.all(
      attackers.flatMap((s, i) =>
        Array.from({ length: 8 }, async (_, n) => {
          await s.timeout(30_000).emitWithAck("document:leave", { documentId: document.id });
          if (n === 7) lastRun[i]!.clear();
          const ack = (await s.timeout(30_000).emitWithAck("document:join", { documentId: document.id, lastSeq: 0 })) as { ok: boolean };
          expect(ack.ok).toBe(true);
        }),
      ),
    );
    // Each socket's last join is replayed in full (the user's streams run one after another).
    await eventually(() => expect(lastRun.map((r) => r.size)).toEqual(attackers.map(() => total)), 60_000);
    const stats = await health.stop();

    // Without the bounds this was 8 full logs per socket (96,000 events here). Now a replaced
    // replay stops at its next page, so a socket gets its last replay in full plus what the
    // replaced ones had sent while they were current: a fraction of one log.
    for (const d of delivered) expect(d).toBeLessThanOrEqual(2 * total);
    expectResponsive(stats, "replay flood");
  }, 240_000);
});

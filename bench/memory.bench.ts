/**
 * Memory of idle sockets: a bare Socket.IO server and ours, each in its own child process, each
 * with BENCH_MEMORY_SOCKETS (default 1,000) websocket clients connected and joined to one
 * document (ours: signed in, through document:join; bare: a room). RSS (after a full GC) is read
 * with 200 sockets joined and again with BENCH_MEMORY_SOCKETS more; the figure is the growth per
 * 1,000 sockets, ours against bare in the same run (target: <= 1.5x). Clients live in this
 * process, so they do not count. Heap growth is printed beside it (RSS also moves with the
 * allocator's own choices).
 * Prints `<figure> value=<x> baseline=<y> ratio=<r> target<=<t> MET|MISSED`.
 */
import type { Socket } from "socket.io-client";
import { httpTransport } from "../tests/helpers/kit.ts";
import { connectAll, ORIGIN } from "./lib/load.ts";
import { report } from "./lib/figure.ts";
import { startChild, stopChild, type Memory } from "./lib/server-child.ts";

const SOCKETS = Number(process.env.BENCH_MEMORY_SOCKETS ?? 1000);
const TIME_LIMIT_MS = 120_000;
const MB = 1024 * 1024;

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Reads until two readings a second apart agree within 1 MB (at most 15 tries): the allocator returns freed memory late. */
async function steady(measure: () => Promise<Memory>): Promise<Memory> {
  let prev = await measure();
  for (let i = 0; i < 15; i++) {
    await settle(1000);
    const m = await measure();
    if (Math.abs(m.rss - prev.rss) < MB) return m;
    prev = m;
  }
  return prev;
}

async function joinAll(sockets: Socket[], documentId: string): Promise<void> {
  for (let i = 0; i < sockets.length; i += 100) {
    await Promise.all(
      sockets.slice(i, i + 100).map(async (s) => {
        const ack = (await s.timeout(30_000).emitWithAck("document:join", { documentId, lastSeq: 1_000_000 })) as { ok: boolean };
        if (!ack.ok) throw new Error(`join refused: ${JSON.stringify(ack)}`);
      }),
    );
  }
}

/** RSS growth per 1,000 sockets (and heap growth) with `SOCKETS` connected and joined. */
async function run(mode: "bare" | "ours"): Promise<{ rssPer1000: number; heapPer1000: number }> {
  const { child, url, measure } = await startChild(mode);
  const sockets: Socket[] = [];
  try {
    let headers: Record<string, string> = {};
    let documentId = "d";
    if (mode === "ours") {
      const user = await httpTransport(url).signUp({ displayName: "Memory" });
      const { workspace } = await user.ok<{ workspace: { id: string } }>("POST", "/api/workspaces", { name: "Memory" });
      const { document } = await user.ok<{ document: { id: string } }>("POST", `/api/workspaces/${workspace.id}/documents`, { format: "txt", content: "Memory\n\nOne paragraph of text." });
      headers = { cookie: user.cookie, origin: ORIGIN };
      documentId = document.id;
      // The import ran on a worker thread, which retires after 30 s idle and takes its memory with it.
      await settle(32_000);
    }
    // A first 200 stay connected: the code paths are warm and start-up garbage (migrations, the
    // password hash) is behind the first reading, so the difference is what the sockets hold.
    const warm = await connectAll(url, 200, headers);
    await joinAll(warm, documentId);
    sockets.push(...warm);
    const before = await steady(measure);
    const t0 = Date.now();
    let n = 0;
    while (n < SOCKETS && Date.now() - t0 < TIME_LIMIT_MS) {
      const batch = await connectAll(url, Math.min(200, SOCKETS - n), headers);
      await joinAll(batch, documentId);
      sockets.push(...batch);
      n += batch.length;
    }
    const after = await steady(measure);
    console.log(
      `${mode}: 200 + ${n} sockets; rss ${(before.rss / MB).toFixed(1)} -> ${(after.rss / MB).toFixed(1)} MB, heap ${(before.heapUsed / MB).toFixed(1)} -> ${(after.heapUsed / MB).toFixed(1)} MB`,
    );
    return { rssPer1000: ((after.rss - before.rss) / n) * 1000, heapPer1000: ((after.heapUsed - before.heapUsed) / n) * 1000 };
  } finally {
    for (const s of sockets) s.disconnect();
    await stopChild(child);
  }
}

async function main() {
  console.log(`${SOCKETS} idle sockets joined to one document, server in a child process`);
  const bare = await run("bare");
  const ours = await run("ours");
  const valid = ours.rssPer1000 > 0 && bare.rssPer1000 > 0;
  report({
    name: "memory: RSS per 1,000 idle joined sockets",
    value: ours.rssPer1000 / MB,
    baseline: bare.rssPer1000 / MB,
    unit: "MB",
    target: 1.5,
    ...(valid ? {} : { unusable: "RSS fell while sockets were added: the reading is not usable" }),
  });
  report({ name: "memory: JS heap per 1,000 idle joined sockets", value: ours.heapPer1000 / MB, baseline: bare.heapPer1000 / MB, unit: "MB", target: 1.5 });
  process.exit(0);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

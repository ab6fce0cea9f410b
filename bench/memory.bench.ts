/**
 * Memory of idle sockets: a bare Socket.IO server and ours, each in its own child process, each
 * with BENCH_MEMORY_SOCKETS (default 1,000) websocket clients connected and joined to one
 * document (ours: signed in, through document:join; bare: a room). Memory (after a full GC) is
 * read with 200 sockets joined and again with BENCH_MEMORY_SOCKETS more; the figure is the growth
 * per 1,000 sockets, ours against bare in the same run (target: <= 1.5x). Clients live in this
 * process, so they do not count. Heap growth is printed beside it.
 *
 * The RSS figure is RSS less the resident pages of V8's young generation (new space). After the
 * full GC before each reading the young generation is empty; how much of it stays resident is
 * V8's choice from the recent allocation rate: it shrinks to half a MB when a GC finds the
 * process idle (an idle timer, or the reading's own GC a while after the last join) and grows
 * back to 32 MB (two 16 MB semi-spaces) under the joins, so the same server read twice a few
 * seconds apart differs by up to 31.5 MB, three times the growth measured. Counted in, the flip
 * (with the two effects below) landed in one server's difference and not the other's: raw RSS
 * ratios of 0.87x to 2.97x in runs whose JS heap ratio stayed at 1.1x. It is bounded and holds
 * nothing of the sockets; raw RSS and
 * the young generation are printed beside the figure, with the rest broken down (the JS heap's
 * old, code and large-object spaces; what is outside the JS heap: malloc, Buffers, SQLite,
 * other threads). Ours is set up (a user, a workspace, a document) through the API on a first
 * server process, and measured on a second one on the same database, so the import's worker
 * thread (which retired only after 30 s idle, taking tens of MB with it, sometimes after the first
 * reading) and the password hash are not in the measured process. Both measured servers idle
 * alike (IDLE_MS) before their first sockets.
 * Both measured servers run with two V8 flags that change when memory is given back, not what is
 * held: --compact-on-every-full-gc, so the full GC before a reading moves what lives into as few
 * pages as it fills (otherwise how much free space is left inside old-space pages depends on
 * where the GCs fell: one run read bare's old space +6.3 MB against heap used +10.5, ours's +14.3
 * against +11.9); and --no-concurrent-sweeping, so pages the GC frees are unmapped within it
 * rather than by a background task, which on a loaded machine ran seconds after a reading (ours's
 * memory outside the JS heap fell by 15 MB between the readings). V8's memory reducer compacts
 * an idle server's heap on its own too, if less thoroughly.
 * A server whose memory outside the JS heap fell by more than RELEASED_MB between its readings
 * is run again, at most twice (see `measured`).
 * BENCH_MEMORY_DETAIL=1 also lists the anonymous mappings whose resident size changed.
 * Prints `<figure> value=<x> baseline=<y> ratio=<r> target<=<t> MET|MISSED`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Socket } from "socket.io-client";
import { httpTransport } from "../tests/helpers/kit.ts";
import { connectAll, ORIGIN } from "./lib/load.ts";
import { report } from "./lib/figure.ts";
import { startChild, stopChild, type Memory } from "./lib/server-child.ts";

const SOCKETS = Number(process.env.BENCH_MEMORY_SOCKETS ?? 1000);
const TIME_LIMIT_MS = 120_000;
const MB = 1024 * 1024;
/** Idle time of both measured servers between start-up and their first sockets (V8 trims what start-up left). */
const IDLE_MS = 10_000;
/** Seconds the readings must hold still (see `steady`). */
const STEADY_S = 8;
/** A fall of memory outside the JS heap past this between the readings has the run repeated. */
const RELEASED_MB = 3;

/**
 * V8 flags of both measured servers (see the header); BENCH_MEMORY_FLAGS replaces them (an empty
 * value: V8's defaults).
 */
const NODE_FLAGS = process.env.BENCH_MEMORY_FLAGS !== undefined ? process.env.BENCH_MEMORY_FLAGS.split(" ").filter(Boolean) : ["--no-concurrent-sweeping", "--compact-on-every-full-gc"];

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resident pages of the young generation (empty after the full GC; see the header). */
const young = (m: Memory) => m.spaces.new_space?.physical ?? 0;
/** What the figure counts: RSS less the young generation. */
const held = (m: Memory) => m.rss - young(m);

/**
 * Reads once a second until the readings of the last STEADY_S seconds agree within 1 MB (at most
 * 40 readings): memory is given back late, other threads' heaps included (15-18 MB of V8 pages
 * outside the main heap were seen going seconds after a two-reading check had passed, in either
 * server; other heaps are the module loader thread's and, in ours, the WAL checkpoint worker's).
 */
async function steady(measure: () => Promise<Memory>): Promise<Memory> {
  const recent: Memory[] = [await measure()];
  for (let i = 0; i < 40; i++) {
    await settle(1000);
    recent.push(await measure());
    if (recent.length > STEADY_S + 1) recent.shift();
    const values = recent.map(held);
    if (recent.length === STEADY_S + 1 && Math.max(...values) - Math.min(...values) < MB) break;
  }
  return recent[recent.length - 1]!;
}

const mb = (b: number) => (b / MB).toFixed(1);
const signed = (b: number) => `${b >= 0 ? "+" : ""}${mb(b)}`;

const resident = (m: Memory) => Object.values(m.spaces).reduce((sum, x) => sum + x.physical, 0);

/**
 * What the growth between two readings was made of: the JS heap's resident pages by space, and
 * what is outside them (native memory: malloc, Buffers, SQLite; and other threads' heaps).
 */
function breakdown(mode: string, a: Memory, b: Memory): void {
  const space = (k: string, label: string) => `${label} ${signed((b.spaces[k]?.physical ?? 0) - (a.spaces[k]?.physical ?? 0))}`;
  const kind = (k: string, label: string) => `${label} ${signed((b.kinds[k] ?? 0) - (a.kinds[k] ?? 0))}`;
  const outside = (m: Memory) => m.rss - resident(m);
  console.log(
    `  ${mode}: rss ${signed(b.rss - a.rss)} = JS heap resident ${signed(resident(b) - resident(a))} (${space("old_space", "old")}, ${space("code_space", "code")}, ${space("large_object_space", "large objects")}, ${space("new_space", "young")} of ${mb(b.spaces.new_space?.physical ?? 0)})` +
      ` + outside the JS heap ${signed(outside(b) - outside(a))} (of ${mb(outside(b))}; by mapping: ${kind("brk", "malloc heap")}, ${kind("anon", "anonymous incl. the JS heap")}, ${kind("file", "files")})`,
  );
  console.log(
    `  ${mode}: heap used ${signed(b.heapUsed - a.heapUsed)}, heap total ${signed(b.heapTotal - a.heapTotal)}, external ${signed(b.external - a.external)}, array buffers ${signed(b.arrayBuffers - a.arrayBuffers)}, threads ${a.threads} -> ${b.threads}`,
  );
  if (process.env.BENCH_MEMORY_DETAIL) {
    const rows = Object.keys({ ...a.anon, ...b.anon })
      .map((k) => ({ k, size: (b.anon[k] ?? a.anon[k])![0], d: (b.anon[k]?.[1] ?? 0) - (a.anon[k]?.[1] ?? 0), now: b.anon[k]?.[1] ?? 0 }))
      .filter((r) => Math.abs(r.d) >= 256 * 1024)
      .sort((x, y) => y.d - x.d);
    for (const r of rows) console.log(`    mapping ${r.k} size ${mb(r.size)} resident ${signed(r.d)} (now ${mb(r.now)})`);
  }
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

/**
 * Ours: a user, a workspace and a one-paragraph document, made through the API on a server that
 * then stops, so the measured server starts on a database that has them (like a restart) and has
 * not run the password hash or the import's worker thread.
 */
async function prepareOurs(file: string): Promise<{ headers: Record<string, string>; documentId: string }> {
  const { child, url } = await startChild("ours", { databaseFile: file });
  try {
    const user = await httpTransport(url).signUp({ displayName: "Memory" });
    const { workspace } = await user.ok<{ workspace: { id: string } }>("POST", "/api/workspaces", { name: "Memory" });
    const { document } = await user.ok<{ document: { id: string } }>("POST", `/api/workspaces/${workspace.id}/documents`, { format: "txt", content: "Memory\n\nOne paragraph of text." });
    return { headers: { cookie: user.cookie, origin: ORIGIN }, documentId: document.id };
  } finally {
    await stopChild(child);
  }
}

/** RSS growth per 1,000 sockets (and heap growth) with `SOCKETS` connected and joined. */
async function run(mode: "bare" | "ours"): Promise<{ rssPer1000: number; heapPer1000: number; outsideFell: number }> {
  const dir = mkdtempSync(join(tmpdir(), "scholia-memory-"));
  const file = join(dir, "m.db");
  const { headers, documentId } = mode === "ours" ? await prepareOurs(file) : { headers: {}, documentId: "d" };
  const { child, url, measure } = await startChild(mode, { ...(mode === "ours" ? { databaseFile: file } : {}), nodeFlags: NODE_FLAGS });
  const sockets: Socket[] = [];
  try {
    // Both servers idle alike before the first sockets.
    await settle(IDLE_MS);
    // A first 200 stay connected: the code paths are warm and start-up garbage (migrations, the
    // password hash) is behind the first reading, so the difference is what the sockets hold.
    const first = await connectAll(url, 200, headers);
    await joinAll(first, documentId);
    sockets.push(...first);
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
      `${mode}: 200 + ${n} sockets; rss less young generation ${mb(held(before))} -> ${mb(held(after))} MB (raw rss ${mb(before.rss)} -> ${mb(after.rss)}, young generation ${mb(young(before))} -> ${mb(young(after))}), heap used ${mb(before.heapUsed)} -> ${mb(after.heapUsed)} MB`,
    );
    breakdown(mode, before, after);
    const outside = (m: Memory) => m.rss - resident(m);
    return {
      rssPer1000: ((held(after) - held(before)) / n) * 1000,
      heapPer1000: ((after.heapUsed - before.heapUsed) / n) * 1000,
      outsideFell: Math.max(0, outside(before) - outside(after)),
    };
  } finally {
    for (const s of sockets) s.disconnect();
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A server's run, again (at most twice more) when its memory outside the JS heap fell by more than
 * RELEASED_MB between the readings: memory held before the sockets came was given back meanwhile
 * (seen: 15-18 MB of V8 pages outside the main heap, i.e. another thread's heap), which would hide
 * as much of the sockets' growth. A rise is never run again: it may be the sockets'.
 */
async function measured(mode: "bare" | "ours") {
  for (let attempt = 1; ; attempt++) {
    const r = await run(mode);
    if (r.outsideFell <= RELEASED_MB * MB || attempt === 3) return r;
    console.log(`${mode}: memory outside the JS heap fell by ${mb(r.outsideFell)} MB between the readings; run again`);
  }
}

async function main() {
  console.log(`${SOCKETS} idle sockets joined to one document, server in a child process`);
  const bare = await measured("bare");
  const ours = await measured("ours");
  const valid = ours.rssPer1000 > 0 && bare.rssPer1000 > 0;
  report({
    name: "memory: RSS per 1,000 idle joined sockets",
    note: "RSS less the young generation's resident pages, which hold nothing after the GC: see the header",
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

/**
 * Realtime benchmark (issue 3). In one run:
 *  - 100 and 500 socket clients in one document; one writer creates annotations at 20/s for
 *    BENCH_SECONDS (default 30); emit-to-receive latency over all receivers (p50/p99/max).
 *    Baseline: a bare Socket.IO server broadcasting payloads of the same size to the same
 *    number of clients, at the same rate. Target: p99 ours/bare <= 1.3 (100 clients), <= 1.2 (500).
 *  - Create throughput over sockets against raw better-sqlite3 inserts of equivalent rows
 *    (annotation + event, one transaction each). Target: time per create ours/raw <= 2.0.
 * Each figure is one line: `<figure> value=<x> baseline=<y> ratio=<r> target<=<t> MET|MISSED`.
 * BENCH_TRACE=1 also prints, for ours and the baseline, where an event's time goes between the
 * writer's emit and the receivers' arrival (lib/fanout-trace.ts).
 * Clients and server share this machine's two cores, for ours and the baseline alike.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { Server } from "socket.io";
import Database from "better-sqlite3";
import { loadConfig } from "../server/config.ts";
import { createLogger } from "../server/lib/logger.ts";
import { startServer, type RunningServer } from "../server/server.ts";
import { migrate } from "../server/db/migrator.ts";
import type { HttpClient } from "../tests/helpers/kit.ts";
import { connectAll, fmt, measureDocumentFanout, ORIGIN, prepareDocument, stats } from "./lib/load.ts";
import { report } from "./lib/figure.ts";
import { FanoutTrace, type EventIdOf } from "./lib/fanout-trace.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const RATE = 20;
const CLIENT_COUNTS = (process.env.BENCH_CLIENTS ?? "100,500").split(",").map(Number);
const WRITES = Number(process.env.BENCH_WRITES ?? 3000);
const TRACE = process.env.BENCH_TRACE === "1";
/** p99 ours/bare targets by client count. */
const P99_TARGETS: Record<number, number> = { 100: 1.3, 500: 1.2 };

async function startOurs(dir: string): Promise<{ server: RunningServer; user: HttpClient; documentId: string; anchor: unknown }> {
  const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: `file:${join(dir, "ours.db")}`, PORT: "0", HOST: "127.0.0.1", PUBLIC_ORIGIN: ORIGIN });
  const server = await startServer(config, createLogger("silent"), { realtime: { burst: 100_000, perSecond: 100_000, maxSocketsPerUser: 10_000, maxSocketsPerDocument: 10_000 } });
  const { user, documentId, anchor } = await prepareDocument(server.url);
  return { server, user, documentId, anchor };
}

const idOf =
  (key: string): EventIdOf =>
  (p) => {
    const id = typeof p === "object" && p !== null ? (p as Record<string, unknown>)[key] : undefined;
    return typeof id === "string" ? id : undefined;
  };

/** Ours: receivers join the document; the writer creates annotations at RATE/s. */
async function runOurs(clients: number, env: Awaited<ReturnType<typeof startOurs>>) {
  const trace = TRACE ? new FanoutTrace() : undefined;
  const detach = trace?.attach(env.server.io, idOf("clientMutationId"));
  const r = await measureDocumentFanout(env.server.url, [env.server.url], clients, { cookie: env.user.cookie, documentId: env.documentId, anchor: env.anchor }, RATE, SECONDS, 100, trace);
  detach?.();
  if (trace) console.log(trace.summary(`clients=${clients} ours`));
  return r;
}

/** Baseline: a bare Socket.IO server relaying the same-size payload to a room. */
async function runBare(clients: number, payloadBytes: number): Promise<number[]> {
  const http = createServer();
  const io = new Server(http);
  io.on("connection", (s) => {
    s.join("room");
    s.on("msg", (p: unknown) => io.to("room").emit("msg", p));
  });
  const trace = TRACE ? new FanoutTrace() : undefined;
  trace?.attach(io, idOf("id"));
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const receivers = await connectAll(url, clients, {});
  const latencies: number[] = [];
  const sentAt = new Map<string, number>();
  for (const s of receivers) {
    s.on("msg", (p: { id: string }) => {
      const t0 = sentAt.get(p.id);
      if (t0 !== undefined) latencies.push(performance.now() - t0);
      if (trace && t0 !== undefined) trace.delivered(p.id);
    });
  }
  const [writer] = await connectAll(url, 1, {});
  const padding = "x".repeat(Math.max(0, payloadBytes - 60));
  for (let i = 0; i < SECONDS * RATE; i++) {
    const id = randomUUID();
    sentAt.set(id, performance.now());
    trace?.mark(id, "sent", sentAt.get(id));
    writer!.emit("msg", { id, padding });
    await new Promise((r) => setTimeout(r, 1000 / RATE));
  }
  await new Promise((r) => setTimeout(r, 1500));
  for (const s of [...receivers, writer!]) s.disconnect();
  await new Promise<void>((r) => io.close(() => r()));
  if (trace) console.log(trace.summary(`clients=${clients} bare`));
  return latencies;
}

/** At most this long for either side of the write comparison (the count then taken is what was done). */
const WRITE_SECONDS_MAX = 60;

/** Creates over one socket with up to `inFlight` outstanding, as fast as acks come back. */
async function oursThroughput(env: Awaited<ReturnType<typeof startOurs>>, inFlight = 32): Promise<number> {
  const [writer] = await connectAll(env.server.url, 1, { cookie: env.user.cookie, origin: ORIGIN });
  let next = 0;
  let done = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < WRITES && performance.now() - t0 < WRITE_SECONDS_MAX * 1000) {
      const i = next++;
      const ack = (await writer!
        .timeout(30_000)
        .emitWithAck("annotation:create", { documentId: env.documentId, kind: "comment", body: `w ${i}`, anchor: env.anchor, clientMutationId: randomUUID() })) as { ok: boolean; error?: unknown };
      if (!ack.ok) throw new Error(`create failed: ${JSON.stringify(ack.error)}`);
      done++;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const secs = (performance.now() - t0) / 1000;
  writer!.disconnect();
  return done / secs;
}

/** Raw better-sqlite3: the same rows (annotation + event + idempotency record), one transaction each. */
async function rawThroughput(dir: string): Promise<number> {
  const url = `file:${join(dir, "raw.db")}`;
  await migrate(url);
  const db = new Database(join(dir, "raw.db"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  const now = new Date().toISOString();
  db.prepare(`INSERT INTO "User" (id, email, displayName, passwordHash, createdAt, updatedAt) VALUES ('u','u@x','U','h',?,?)`).run(now, now);
  db.prepare(`INSERT INTO "Workspace" (id, name, createdAt, updatedAt) VALUES ('w','W',?,?)`).run(now, now);
  db.prepare(`INSERT INTO "Document" (id, workspaceId, title, format, metadata, version, lastSeq, createdAt, updatedAt) VALUES ('d','w','T','txt','{}',1,0,?,?)`).run(now, now);
  const insA = db.prepare(
    `INSERT INTO "Annotation" (id, documentId, authorId, kind, body, startPid, startOffset, endPid, endOffset, quote, prefix, suffix, docVersion, anchorState, confidence, version, createdAt, updatedAt)
     VALUES (?, 'd', 'u', 'comment', ?, 'p', 0, 'p', 9, 'Paragraph', '', ' 0 says', 1, 'anchored', 1, 1, ?, ?)`,
  );
  const bump = db.prepare(`UPDATE "Document" SET lastSeq = lastSeq + 1 WHERE id = 'd' RETURNING lastSeq`);
  const insE = db.prepare(`INSERT INTO "DocumentEvent" (id, documentId, seq, type, payload, actorId, clientMutationId, createdAt) VALUES (?, 'd', ?, 'annotation.created', ?, 'u', ?, ?)`);
  const insM = db.prepare(`INSERT INTO "ClientMutation" (userId, clientMutationId, result, createdAt) VALUES ('u', ?, ?, ?)`);
  const one = db.transaction((i: number) => {
    const id = randomUUID();
    const cm = randomUUID();
    const ts = new Date().toISOString();
    const body = JSON.stringify({ format: "text", text: `w ${i}` });
    insA.run(id, body, ts, ts);
    const { lastSeq } = bump.get() as { lastSeq: number };
    const payload = JSON.stringify({ annotation: { id, body } });
    insE.run(randomUUID(), lastSeq, payload, cm, ts);
    insM.run(cm, payload, ts);
  });
  const t0 = performance.now();
  let done = 0;
  while (done < WRITES && performance.now() - t0 < WRITE_SECONDS_MAX * 1000) one(done++);
  const secs = (performance.now() - t0) / 1000;
  db.close();
  return done / secs;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "scholia-bench-"));
  try {
    console.log(`writer ${RATE}/s for ${SECONDS}s; clients ${CLIENT_COUNTS.join(", ")}`);
    for (const n of CLIENT_COUNTS) {
      const env = await startOurs(mkdtempSync(join(dir, `c${n}-`)));
      const ours = await runOurs(n, env);
      await env.server.close();
      const bare = await runBare(n, ours.payloadBytes);
      const o = stats(ours.latencies);
      const b = stats(bare);
      console.log(`clients=${n} ours: deliveries=${o.n} p50=${fmt(o.p50)}ms p99=${fmt(o.p99)}ms max=${fmt(o.max)}ms (payload ${ours.payloadBytes} B)`);
      console.log(`clients=${n} bare: deliveries=${b.n} p50=${fmt(b.p50)}ms p99=${fmt(b.p99)}ms max=${fmt(b.max)}ms`);
      report({ name: `realtime p99 clients=${n}`, value: o.p99, baseline: b.p99, unit: "ms", target: P99_TARGETS[n] ?? 1.3, note: `p50 ${fmt(o.p50)} vs ${fmt(b.p50)} ms` });
    }
    const env = await startOurs(mkdtempSync(join(dir, "w-")));
    const ours = await oursThroughput(env);
    await env.server.close();
    const raw = await rawThroughput(mkdtempSync(join(dir, "raw-")));
    console.log(`creates/s ours=${ours.toFixed(0)} raw-sqlite=${raw.toFixed(0)} (${WRITES} creates each)`);
    report({ name: "write ratio (time per create, sockets vs raw better-sqlite3)", value: 1e6 / ours, baseline: 1e6 / raw, unit: "us", target: 2.0 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

/**
 * Multi-node benchmark (issue 6): the realtime fan-out of the annotation benchmark with
 * BENCH_CLIENTS_MULTINODE (default 2,000) receivers split between two nodes (writer on node 1),
 * against one node with half as many receivers, in one run, both on PostgreSQL + Redis (the
 * scale-out configuration). Prints the p99 of each and their ratio as
 * `<figure> value=<x> baseline=<y> ratio=<r> target<=none REPORTED` (no target is set for it).
 * Needs PostgreSQL (BENCH_PG_URL, default postgresql://root@127.0.0.1:5432/test; a temporary
 * database is made for each run and dropped) and a redis-server binary (a private instance is
 * started). Nodes run bench/lib/bench-node.ts: the app with the socket limits lifted.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { startRedis } from "../tests/helpers/processes.ts";
import { httpTransport } from "../tests/helpers/kit.ts";
import { fmt, measureDocumentFanout, ORIGIN, stats } from "./lib/load.ts";
import { report } from "./lib/figure.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CLIENTS = Number(process.env.BENCH_CLIENTS_MULTINODE ?? 2000);
const RATE = 20;
const JOIN_WAVE = Number(process.env.BENCH_JOIN_WAVE ?? 20);
const BASE = process.env.BENCH_PG_URL ?? "postgresql://root@127.0.0.1:5432/test";
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

interface BenchNode {
  url: string;
  proc: ChildProcess;
  exited: Promise<void>;
  /** What the node printed (its errors, at LOG_LEVEL=error). */
  output(): string;
}

async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `scholia_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: BASE });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(BASE);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: BASE });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Starts a bench node and waits (at most 60 s) for the port it prints. */
function startBenchNode(env: Record<string, string>): Promise<BenchNode> {
  const proc = spawn(process.execPath, ["--import", "tsx", join(ROOT, "bench/lib/bench-node.ts")], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "test", LOG_LEVEL: "error", DEMO_DATA: "false", HOST: "127.0.0.1", PORT: "0", PUBLIC_ORIGIN: ORIGIN, SESSION_SECRET: "bench-secret-0123456789abcdef0123456789", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((r) => proc.once("exit", () => r()));
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node did not start within 60 s: ${output}`)), 60_000);
    const read = (d: Buffer) => {
      output += d.toString();
      const m = /listening on port (\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${m[1]}`, proc, exited, output: () => output });
      }
    };
    proc.stdout!.on("data", read);
    proc.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    void exited.then(() => reject(new Error(`node exited before listening: ${output}`)));
  });
}

async function prepare(url: string) {
  const user = await httpTransport(url).signUp({ displayName: "Bench" });
  const { workspace } = await user.ok<{ workspace: { id: string } }>("POST", "/api/workspaces", { name: "Bench" });
  const content = "Bench\n\n" + Array.from({ length: 50 }, (_, i) => `Paragraph ${i} says that alliances shift when costs rise.`).join("\n\n");
  const { document } = await user.ok<{ document: { id: string } }>("POST", `/api/workspaces/${workspace.id}/documents`, { format: "txt", content });
  const { paragraphs } = await user.ok<{ paragraphs: Array<{ id: string; kind: string }> }>("GET", `/api/documents/${document.id}`);
  const p = paragraphs.find((x) => x.kind === "paragraph")!;
  return { cookie: user.cookie, documentId: document.id, anchor: { start: { paragraphId: p.id, offset: 0 }, end: { paragraphId: p.id, offset: 9 } } };
}

async function run(nodeCount: number, clients: number, redisUrl: string) {
  const db = await freshDatabase();
  const nodes: BenchNode[] = [];
  try {
    for (let i = 0; i < nodeCount; i++) nodes.push(await startBenchNode({ DATABASE_URL: db.url, REDIS_URL: redisUrl }));
    const load = await prepare(nodes[0]!.url);
    // Small join waves: each join reads the room's presence from every node (fetchSockets), which
    // with a thousand sockets per node times out when many joins ask at once.
    const r = await measureDocumentFanout(nodes[0]!.url, nodes.map((n) => n.url), clients, load, RATE, SECONDS, JOIN_WAVE);
    return { ...stats(r.latencies), expected: r.expected };
  } catch (e) {
    nodes.forEach((n, i) => console.log(`node ${i + 1} said: ${n.output().slice(-3000) || "(nothing)"}`));
    throw e;
  } finally {
    for (const n of nodes) n.proc.kill("SIGKILL");
    await Promise.all(nodes.map((n) => n.exited));
    await db.drop();
  }
}

async function main() {
  const redis = await startRedis();
  try {
    const half = Math.ceil(CLIENTS / 2);
    console.log(`writer ${RATE}/s for ${SECONDS}s; PostgreSQL + Redis; one node with ${half} clients, then two nodes with ${CLIENTS}`);
    const one = await run(1, half, redis.url);
    console.log(`one node, ${half} clients:  deliveries=${one.n}/${one.expected} p50=${fmt(one.p50)}ms p99=${fmt(one.p99)}ms max=${fmt(one.max)}ms`);
    const two = await run(2, CLIENTS, redis.url);
    console.log(`two nodes, ${CLIENTS} clients: deliveries=${two.n}/${two.expected} p50=${fmt(two.p50)}ms p99=${fmt(two.p99)}ms max=${fmt(two.max)}ms`);
    report({ name: `multinode p99 (two nodes ${CLIENTS} clients vs one node ${half})`, value: two.p99, baseline: one.p99, unit: "ms", target: null, note: `deliveries ${two.n}/${two.expected} vs ${one.n}/${one.expected}` });
  } finally {
    await redis.stop();
  }
  process.exit(0);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

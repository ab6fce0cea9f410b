/**
 * Multi-node benchmark (issue 6): the realtime fan-out of the annotation benchmark on two
 * nodes (receivers split between them, writer on node 1) against one node, in one run, both
 * on PostgreSQL + Redis (the scale-out configuration). Prints `multinode p99 ratio=<x>`.
 * Needs PostgreSQL (BENCH_PG_URL, default postgresql://root@127.0.0.1:5432/test) and a
 * redis-server binary (a private instance is started).
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startNode, startRedis, type NodeProcess } from "../tests/helpers/processes.ts";
import { httpTransport } from "../tests/helpers/kit.ts";
import { fmt, measureDocumentFanout, stats } from "./lib/load.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CLIENTS = Number(process.env.BENCH_CLIENTS_MULTINODE ?? 200);
const RATE = 20;
const BASE = process.env.BENCH_PG_URL ?? "postgresql://root@127.0.0.1:5432/test";

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

async function prepare(url: string) {
  const user = await httpTransport(url).signUp({ displayName: "Bench" });
  const { workspace } = await user.ok<{ workspace: { id: string } }>("POST", "/api/workspaces", { name: "Bench" });
  const content = "Bench\n\n" + Array.from({ length: 50 }, (_, i) => `Paragraph ${i} says that alliances shift when costs rise.`).join("\n\n");
  const { document } = await user.ok<{ document: { id: string } }>("POST", `/api/workspaces/${workspace.id}/documents`, { format: "txt", content });
  const { paragraphs } = await user.ok<{ paragraphs: Array<{ id: string; kind: string }> }>("GET", `/api/documents/${document.id}`);
  const p = paragraphs.find((x) => x.kind === "paragraph")!;
  return { cookie: user.cookie, documentId: document.id, anchor: { start: { paragraphId: p.id, offset: 0 }, end: { paragraphId: p.id, offset: 9 } } };
}

async function run(nodeCount: number, redisUrl: string) {
  const db = await freshDatabase();
  const nodes: NodeProcess[] = [];
  try {
    for (let i = 0; i < nodeCount; i++) nodes.push(await startNode({ DATABASE_URL: db.url, REDIS_URL: redisUrl, LOG_LEVEL: "error" }));
    const load = await prepare(nodes[0]!.url);
    const r = await measureDocumentFanout(nodes[0]!.url, nodes.map((n) => n.url), CLIENTS, load, RATE, SECONDS);
    return { ...stats(r.latencies), expected: r.expected };
  } finally {
    for (const n of nodes) n.kill("SIGKILL");
    await Promise.all(nodes.map((n) => n.exited));
    await db.drop();
  }
}

async function main() {
  const redis = await startRedis();
  try {
    console.log(`writer ${RATE}/s for ${SECONDS}s; ${CLIENTS} clients; PostgreSQL + Redis`);
    const one = await run(1, redis.url);
    console.log(`one node:  deliveries=${one.n}/${one.expected} p50=${fmt(one.p50)}ms p99=${fmt(one.p99)}ms max=${fmt(one.max)}ms`);
    const two = await run(2, redis.url);
    console.log(`two nodes: deliveries=${two.n}/${two.expected} p50=${fmt(two.p50)}ms p99=${fmt(two.p99)}ms max=${fmt(two.max)}ms`);
    console.log(`multinode p99 ratio=${(two.p99 / one.p99).toFixed(2)} (two=${fmt(two.p99)}ms one=${fmt(one.p99)}ms)`);
  } finally {
    await redis.stop();
  }
  process.exit(0);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

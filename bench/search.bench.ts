/**
 * Workspace search benchmark: a workspace of 200 documents (50 paragraphs each), 50,000 annotation
 * notes and 10,000 replies, on SQLite (and on PostgreSQL when BENCH_PG_URL is set). Runs 60
 * queries of one to three words (common, rare, prefixes, with and without filters) through the
 * same service as GET /api/workspaces/:id/search, and the same words as a plain LIKE scan over the
 * same rows, in the same run. Prints p50/p95 of both, the ratio, and MET/MISSED against the target
 * (p95 <= 100 ms).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { migrate } from "../server/db/migrator.ts";
import { openDb, type Db, type Provider } from "../server/db/client.ts";
import { searchWorkspace, searchTerms } from "../server/modules/search/search.service.ts";
import { SearchQuerySchema } from "../common/activity.ts";

const DOCUMENTS = 200;
const PARAGRAPHS = 50;
const ANNOTATIONS = 50_000;
const REPLIES = 10_000;
const TARGET_P95_MS = 100;

const WORDS = (
  "sanction corridor tariff ministry grain insurer convoy blockade treaty verification missile notification deterrence " +
  "alliance summit embargo pipeline refinery tanker subsidy quota ledger audit bureau parliament coalition ceasefire " +
  "monitor observer envoy mandate protocol clause annex reservation ratification accession enforcement tribunal arbitration " +
  "liquidity reserve currency swap bond yield inflation deficit surplus export import freight port harbour strait canal " +
  "uranium enrichment inspection safeguard warhead launcher doctrine posture exercise drill patrol frigate corvette"
).split(" ");

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function sentence(rand: () => number, n: number): string {
  return Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]!).join(" ");
}

interface Rows {
  workspaceId: string;
  users: string[];
  documents: Array<{ id: string; paragraphs: Array<{ id: string; text: string }> }>;
  annotations: Array<{ id: string; documentId: string; paragraphId: string; authorId: string; text: string; kind: string }>;
  replies: Array<{ id: string; annotationId: string; authorId: string; text: string }>;
}

function generate(): Rows {
  const rand = rng(2026);
  const users = Array.from({ length: 20 }, (_, i) => `u_search_${i}`);
  const documents = Array.from({ length: DOCUMENTS }, (_, d) => ({
    id: `d_search_${d}`,
    paragraphs: Array.from({ length: PARAGRAPHS }, (_, p) => ({ id: `p_search_${d}_${p}`, text: `${sentence(rand, 40 + Math.floor(rand() * 40))}.` })),
  }));
  const annotations = Array.from({ length: ANNOTATIONS }, (_, a) => {
    const doc = documents[a % DOCUMENTS]!;
    const para = doc.paragraphs[Math.floor(rand() * PARAGRAPHS)]!;
    return { id: `a_search_${a}`, documentId: doc.id, paragraphId: para.id, authorId: users[a % users.length]!, text: sentence(rand, 6 + Math.floor(rand() * 14)), kind: a % 3 === 0 ? "claim" : "comment" };
  });
  const replies = Array.from({ length: REPLIES }, (_, r) => ({ id: `r_search_${r}`, annotationId: annotations[Math.floor(rand() * ANNOTATIONS)]!.id, authorId: users[r % users.length]!, text: sentence(rand, 8) }));
  return { workspaceId: "w_search", users, documents, annotations, replies };
}

const NOW = "2026-01-01T00:00:00.000+00:00";

/** Inserts the rows with plain SQL (the triggers fill the search index as they would for the app). */
async function load(provider: Provider, url: string, rows: Rows): Promise<void> {
  const statements: Array<[string, unknown[]]> = [];
  const add = (sql: string, params: unknown[]) => statements.push([sql, params]);
  for (const u of rows.users) add(`INSERT INTO "User" ("id","email","displayName","passwordHash","updatedAt") VALUES (?,?,?,?,?)`, [u, `${u}@bench.local`, u, "x", NOW]);
  add(`INSERT INTO "Workspace" ("id","name","updatedAt") VALUES (?,?,?)`, [rows.workspaceId, "Search bench", NOW]);
  for (const d of rows.documents) {
    add(`INSERT INTO "Document" ("id","workspaceId","title","format","metadata","updatedAt") VALUES (?,?,?,?,?,?)`, [d.id, rows.workspaceId, `Briefing ${d.id}`, "txt", "{}", NOW]);
    d.paragraphs.forEach((p, i) => add(`INSERT INTO "Paragraph" ("id","documentId","position","kind","text") VALUES (?,?,?,?,?)`, [p.id, d.id, i, "paragraph", p.text]));
  }
  for (const a of rows.annotations) {
    add(
      `INSERT INTO "Annotation" ("id","documentId","authorId","kind","body","startPid","startOffset","endPid","endOffset","quote","prefix","suffix","docVersion","updatedAt") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      [a.id, a.documentId, a.authorId, a.kind, JSON.stringify({ format: "text", text: a.text }), a.paragraphId, 0, a.paragraphId, 5, "x", "", "", 1, NOW],
    );
    if (a.kind === "claim") add(`INSERT INTO "ClaimReview" ("annotationId","updatedAt") VALUES (?,?)`, [a.id, NOW]);
  }
  for (const r of rows.replies) add(`INSERT INTO "Reply" ("id","annotationId","authorId","body","updatedAt") VALUES (?,?,?,?,?)`, [r.id, r.annotationId, r.authorId, JSON.stringify({ format: "text", text: r.text }), NOW]);

  if (provider === "sqlite") {
    const db = new Database(url.slice("file:".length));
    db.transaction(() => {
      for (const [sql, params] of statements) db.prepare(sql).run(...params);
    })();
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("BEGIN");
  for (const [sql, params] of statements) {
    let n = 0;
    await client.query(sql.replace(/\?/g, () => `$${++n}`), params);
  }
  await client.query("COMMIT");
  await client.end();
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

/** The queries: words drawn from the vocabulary, some as prefixes, some with filters. */
function queries(rows: Rows): Array<Record<string, string>> {
  const rand = rng(7);
  const word = () => WORDS[Math.floor(rand() * WORDS.length)]!;
  const out: Array<Record<string, string>> = [];
  for (let i = 0; i < 60; i++) {
    const n = 1 + (i % 3);
    const q = Array.from({ length: n }, (_, k) => (k === n - 1 && i % 4 === 0 ? word().slice(0, 4) : word())).join(" ");
    const extra: Record<string, string> = {};
    if (i % 5 === 1) extra.kind = "annotation";
    if (i % 5 === 2) extra.document = rows.documents[i % DOCUMENTS]!.id;
    if (i % 5 === 3) extra.author = rows.users[i % rows.users.length]!;
    if (i % 10 === 4) extra.status = "open";
    out.push({ q, ...extra });
  }
  return out;
}

/**
 * The same answer by a plain LIKE scan over the same rows (every word must occur): the first 20
 * matches and the total, as the API answers (unranked, so it is the cheaper of the two).
 */
async function likeScan(db: Db, provider: Provider, workspaceId: string, q: string): Promise<number> {
  const terms = searchTerms(q);
  const like = provider === "postgresql" ? "ILIKE" : "LIKE";
  const cond = (col: string) => terms.map(() => `${col} ${like} ?`).join(" AND ");
  const params = terms.map((t) => `%${t}%`);
  const sql = `
    SELECT 'paragraph' AS kind, p."id" FROM "Paragraph" p JOIN "Document" d ON d."id" = p."documentId" WHERE d."workspaceId" = ? AND ${cond(`p."text"`)}
    UNION ALL
    SELECT 'annotation', a."id" FROM "Annotation" a JOIN "Document" d ON d."id" = a."documentId" WHERE d."workspaceId" = ? AND a."deletedAt" IS NULL AND ${cond(`a."body"`)}
    UNION ALL
    SELECT 'reply', r."id" FROM "Reply" r JOIN "Annotation" a ON a."id" = r."annotationId" JOIN "Document" d ON d."id" = a."documentId" WHERE d."workspaceId" = ? AND r."deletedAt" IS NULL AND ${cond(`r."body"`)}
`;
  const numbered = (text: string) => {
    let n = 0;
    return provider === "postgresql" ? text.replace(/\?/g, () => `$${++n}`) : text;
  };
  const args = [workspaceId, ...params, workspaceId, ...params, workspaceId, ...params];
  const rows = await db.$queryRawUnsafe<unknown[]>(numbered(`${sql} LIMIT 20`), ...args);
  await db.$queryRawUnsafe(numbered(`SELECT count(*) AS n FROM (${sql}) matches`), ...args);
  return rows.length;
}

async function run(provider: Provider, url: string): Promise<void> {
  const rows = generate();
  await migrate(url);
  let t0 = performance.now();
  await load(provider, url, rows);
  console.log(`search ${provider} loaded: documents=${DOCUMENTS} paragraphs=${DOCUMENTS * PARAGRAPHS} annotations=${ANNOTATIONS} replies=${REPLIES} ms=${Math.round(performance.now() - t0)}`);
  const db = await openDb(url);
  try {
    const qs = queries(rows);
    // Warm both paths once (statement caches, page cache).
    for (const q of qs.slice(0, 5)) {
      await searchWorkspace(db, provider, rows.workspaceId, SearchQuerySchema.parse(q));
      await likeScan(db, provider, rows.workspaceId, q.q!);
    }
    const ours: number[] = [];
    const base: number[] = [];
    let hits = 0;
    for (const q of qs) {
      t0 = performance.now();
      const page = await searchWorkspace(db, provider, rows.workspaceId, SearchQuerySchema.parse(q));
      ours.push(performance.now() - t0);
      hits += page.total;
      t0 = performance.now();
      await likeScan(db, provider, rows.workspaceId, q.q!);
      base.push(performance.now() - t0);
    }
    ours.sort((a, b) => a - b);
    base.sort((a, b) => a - b);
    const p95 = quantile(ours, 0.95);
    const f = (x: number) => x.toFixed(1);
    console.log(`search ${provider} queries=${qs.length} matches=${hits} ours p50=${f(quantile(ours, 0.5))} p95=${f(p95)} ms; LIKE scan p50=${f(quantile(base, 0.5))} p95=${f(quantile(base, 0.95))} ms; ratio p95=${(p95 / quantile(base, 0.95)).toFixed(2)}`);
    console.log(`search ${provider} p95 ${f(p95)} ms (target <= ${TARGET_P95_MS} ms): ${p95 <= TARGET_P95_MS ? "MET" : "MISSED"}`);
  } finally {
    await db.$disconnect();
  }
}

const dir = mkdtempSync(join(tmpdir(), "scholia-search-bench-"));
try {
  await run("sqlite", `file:${join(dir, "bench.db")}`);
  const pgBase = process.env.BENCH_PG_URL;
  if (pgBase) {
    const name = `scholia_search_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: pgBase });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(pgBase);
    url.pathname = `/${name}`;
    try {
      await run("postgresql", url.toString());
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Export benchmark: a 1,000-paragraph document at version 2 (twenty paragraphs edited since
 * version 1) with 5,000 annotations (overlapping, some across paragraphs; claims with verdicts,
 * comments, highlights, suggestions open, accepted and rejected; 100 orphaned by the edit) and
 * 20,000 replies (some nested, some deleted), written straight into a temporary SQLite
 * database. Each format is timed end to end as the route makes it (access check, snapshot,
 * render — on a worker thread when large), median of BENCH_RUNS (default 3) after a warm-up.
 * The baseline is loading the snapshot alone, measured in the same run; each format's runs
 * alternate with baseline runs, and its ratio is to the median of those, so a change in the
 * machine's load during the run moves both sides alike.
 *
 * Targets: every format <= 1000 ms; Word <= 1.5x the snapshot baseline. Each line says MET or
 * MISSED; the process exits 1 when one is missed. Also prints the longest event-loop stall
 * during a Word export, and an export of version 1. BENCH_ONLY=<format> times that format alone
 * (with the version-1 export and the stall).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { openDb, type Db } from "../server/db/client.ts";
import { migrate } from "../server/db/migrator.ts";
import { bulkInsert } from "../server/db/bulk-insert.ts";
import { newId } from "../server/lib/ids.ts";
import { EXPORT_FORMATS, ExportQuerySchema, VERDICTS, type ExportFormat } from "../common/review.ts";
import { exportDocument, type ExportSetting } from "../server/modules/exports/export.service.ts";
import { filtersOf, loadSnapshot } from "../server/modules/exports/snapshot.ts";
import { WorkerPool } from "../server/workers/pool.ts";
import { report } from "./lib/figure.ts";

const PARAGRAPHS = 1_000;
const ANNOTATIONS = 5_000;
const REPLIES = 20_000;
const EDITED = 20;
const ORPHANED = 100;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TARGET_MS = 1_000;
const TARGET_DOCX_RATIO = 1.5;
const ORIGIN = "http://localhost:3000";
const WORDS = "alliances hedge quietly while ministers draft escape clauses and treaties lapse into regional agreements that nobody verifies".split(" ");

/** A deterministic pseudo-random sequence, so every run builds the same document. */
function rng(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s % n;
  };
}

const at = (minutes: number) => new Date(Date.UTC(2026, 2, 1, 9, 0) + minutes * 60_000);

async function seed(db: Db): Promise<{ documentId: string; ownerId: string }> {
  const rand = rng(42);
  const insert = (table: string, rows: Array<Record<string, unknown>>) => bulkInsert(db, "sqlite", table, rows);
  const users = ["Bench Analyst", "Second Reader", "Third Voice"].map((displayName, i) => ({ id: newId("u"), email: `bench${i}@example.org`, displayName, passwordHash: "x", createdAt: at(0), updatedAt: at(0) }));
  await insert("User", users);
  const ownerId = users[0]!.id;
  const workspaceId = newId("w");
  await insert("Workspace", [{ id: workspaceId, name: "Bench", createdAt: at(0), updatedAt: at(0) }]);
  await insert("Membership", [{ id: newId("m"), workspaceId, userId: ownerId, role: "owner", createdAt: at(0), updatedAt: at(0) }]);
  const documentId = newId("d");
  await insert("Document", [{ id: documentId, workspaceId, title: "Bench article", format: "txt", metadata: "{}", version: 2, lastSeq: 1, createdById: ownerId, createdAt: at(0), updatedAt: at(60) }]);
  await insert("DocumentVersion", [
    { id: newId("dv"), documentId, number: 1, authorId: ownerId, note: null, changes: JSON.stringify({ kind: "import" }), createdAt: at(0) },
    { id: newId("dv"), documentId, number: 2, authorId: ownerId, note: "edit", changes: JSON.stringify({ kind: "edit" }), createdAt: at(60) },
  ]);

  // Version 1's texts; version 2 adds a sentence to every 50th paragraph.
  const original = Array.from({ length: PARAGRAPHS }, (_, position) => {
    const kind = position % 50 === 0 ? "heading" : position % 7 === 3 ? "listItem" : "paragraph";
    const words = Array.from({ length: kind === "heading" ? 5 : 45 + rand(20) }, () => WORDS[rand(WORDS.length)]);
    const text = kind === "heading" ? words.join(" ") : `${words.join(" ")}. Figures ${position} & <b>${rand(100)}%</b> = "quoted".`;
    return { id: newId("p"), documentId, position, rank: String(position).padStart(6, "0"), version: 1, kind, text, level: kind === "heading" ? 2 : null, depth: kind === "listItem" ? 0 : null, ordered: kind === "listItem" ? false : null, createdAt: at(0) };
  });
  const edited = new Set(Array.from({ length: EDITED }, (_, i) => i * 50 + 25));
  const paragraphs = original.map((p) => (edited.has(p.position) ? { ...p, version: 2, text: `${p.text} A later sentence was added here.` } : p));
  await insert("Paragraph", paragraphs);
  const revision = (p: (typeof paragraphs)[number], docVersion: number) => ({
    id: newId("pr"),
    documentId,
    paragraphId: p.id,
    docVersion,
    paragraphVersion: p.version,
    rank: p.rank,
    kind: p.kind,
    text: p.text,
    level: p.level,
    role: null,
    depth: p.depth,
    ordered: p.ordered,
    marks: null,
    retired: false,
    createdAt: at(docVersion === 1 ? 0 : 60),
  });
  await insert("ParagraphRevision", [...edited].flatMap((i) => [revision(original[i]!, 1), revision(paragraphs[i]!, 2)]));

  const tags = Array.from({ length: 20 }, (_, i) => ({ id: newId("t"), workspaceId, name: `Tag ${i}`, color: "#336699", parentId: null as string | null, createdAt: at(0), updatedAt: at(0) }));
  for (let i = 5; i < tags.length; i++) tags[i]!.parentId = tags[i % 5]!.id;
  await insert("Tag", tags.slice(0, 5));
  await insert("Tag", tags.slice(5));

  const annotations: Array<Record<string, unknown>> = [];
  const claims: Array<Record<string, unknown>> = [];
  const suggestions: Array<Record<string, unknown>> = [];
  const anchorRevisions: Array<Record<string, unknown>> = [];
  const links: Array<Record<string, unknown>> = [];
  for (let i = 0; i < ANNOTATIONS; i++) {
    const si = rand(PARAGRAPHS);
    const ei = i % 50 === 0 ? Math.min(si + 1 + rand(2), PARAGRAPHS - 1) : si;
    const s = original[si]!;
    const e = original[ei]!;
    const startOffset = rand(Math.max(1, s.text.length - 20));
    const endOffset = ei === si ? Math.min(s.text.length, startOffset + 5 + rand(60)) : 5 + rand(Math.max(1, e.text.length - 5));
    const quote = ei === si ? s.text.slice(startOffset, endOffset) : [s.text.slice(startOffset), ...original.slice(si + 1, ei).map((p) => p.text), e.text.slice(0, endOffset)].join("\n");
    const kind = i % 10 < 4 ? "claim" : i % 10 < 7 ? "comment" : i % 10 < 9 ? "highlight" : "suggestion";
    const id = newId("a");
    const anchor = { startPid: s.id, startOffset, endPid: e.id, endOffset, quote, prefix: s.text.slice(Math.max(0, startOffset - 32), startOffset), suffix: e.text.slice(endOffset, endOffset + 32) };
    const orphan = i % (ANNOTATIONS / ORPHANED) === 1;
    annotations.push({
      id,
      documentId,
      authorId: users[i % 3]!.id,
      kind,
      body: JSON.stringify({ format: "text", text: kind === "highlight" ? "" : `Note ${i}: =SUM(A${i}) <script>x</script> see the ministry's data.` }),
      ...anchor,
      docVersion: 1,
      anchorState: orphan ? "orphaned" : "anchored",
      confidence: orphan ? 0 : 1,
      createdAt: at(i / 100),
      updatedAt: at(i / 100),
    });
    if (orphan) {
      anchorRevisions.push({ annotationId: id, docVersion: 1, ...anchor, anchorState: "anchored", confidence: 1 });
      anchorRevisions.push({ annotationId: id, docVersion: 2, ...anchor, anchorState: "orphaned", confidence: 0 });
    }
    if (kind === "claim") {
      const decided = rand(10) < 3;
      claims.push({
        annotationId: id,
        status: decided ? VERDICTS[rand(VERDICTS.length)]! : rand(2) ? "open" : "in_review",
        rationale: decided ? `Checked against source ${i}.` : "",
        sources: JSON.stringify(decided ? [`https://example.org/source/${i}`] : []),
        reviewerId: decided ? ownerId : null,
        decidedAt: decided ? at(90) : null,
        updatedAt: at(90),
      });
    }
    if (kind === "suggestion") {
      const state = ["open", "open", "open", "accepted", "rejected"][rand(5)]!;
      suggestions.push({
        annotationId: id,
        replacement: state === "accepted" ? quote : `a better wording ${i}`,
        state,
        decidedById: state === "open" ? null : ownerId,
        decidedAt: state === "open" ? null : at(60),
        appliedVersion: state === "accepted" ? 2 : null,
        updatedAt: at(60),
      });
    }
    links.push({ annotationId: id, tagId: tags[rand(tags.length)]!.id, createdAt: at(0) });
  }
  await insert("Annotation", annotations);
  await insert("ClaimReview", claims);
  await insert("Suggestion", suggestions);
  await insert("AnchorRevision", anchorRevisions);
  await insert("AnnotationTag", links);

  const replies: Array<{ id: string; annotationId: string; parentId: string | null } & Record<string, unknown>> = [];
  const lastOf = new Map<string, string>();
  for (let i = 0; i < REPLIES; i++) {
    const annotationId = annotations[rand(annotations.length)]!.id as string;
    const earlier = lastOf.get(annotationId);
    const id = newId("r");
    replies.push({
      id,
      annotationId,
      parentId: earlier && rand(10) < 3 ? earlier : null,
      authorId: users[i % 3]!.id,
      body: JSON.stringify({ format: "text", text: `Reply ${i}: +1 @someone, see "the annex" & <the note>.` }),
      stance: ["supports", "disputes", "questions", "none"][i % 4]!,
      createdAt: at(100 + i / 100),
      updatedAt: at(100 + i / 100),
      deletedAt: rand(50) === 0 ? at(200) : null,
    });
    lastOf.set(annotationId, id);
  }
  await insert("Reply", replies);
  return { documentId, ownerId };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up: JIT, the SQLite page cache, the worker thread
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    runs.push(performance.now() - t0);
  }
  return median(runs);
}

/** Medians of `fn` and of `baseline`, their runs alternating (one warm-up each). */
async function timedPair(fn: () => Promise<unknown>, baseline: () => Promise<unknown>): Promise<{ ms: number; baseline: number }> {
  await fn();
  await baseline();
  const runs: number[] = [];
  const baselines: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t0 = performance.now();
    await baseline();
    baselines.push(performance.now() - t0);
    t0 = performance.now();
    await fn();
    runs.push(performance.now() - t0);
  }
  return { ms: median(runs), baseline: median(baselines) };
}


async function main() {
  const dir = mkdtempSync(join(tmpdir(), "scholia-export-bench-"));
  const url = `file:${join(dir, "bench.db")}`;
  // As the server makes it on two cores (app.ts): two threads kept, started (and warmed up) with the pool.
  const workers = new WorkerPool({ threads: 2, budgetMs: 60_000, maxQueue: 8, perKey: 2, memoryMb: 1024, keepThreads: 2 });
  let missed = 0;
  try {
    await migrate(url);
    const db = await openDb(url);
    const t0 = performance.now();
    const { documentId, ownerId } = await seed(db);
    console.log(`seeded ${PARAGRAPHS} paragraphs (version 2, ${EDITED} edited since version 1), ${ANNOTATIONS} annotations (${ORPHANED} orphaned), ${REPLIES} replies in ${Math.round(performance.now() - t0)} ms`);
    const setting: ExportSetting = { provider: "sqlite", origin: ORIGIN, workers, key: ownerId };
    const query = (format: ExportFormat, extra: Record<string, string> = {}) => ExportQuerySchema.parse({ format, ...extra });
    const snapshot = () => loadSnapshot(db, "sqlite", { documentId, filters: filtersOf(query("docx")), origin: ORIGIN, readerId: ownerId });
    console.log(`snapshot baseline (read the document, its annotations and replies as every export does): ${Math.round(await timed(snapshot))} ms`);
    for (const format of EXPORT_FORMATS.filter((f) => !process.env.BENCH_ONLY || f === process.env.BENCH_ONLY)) {
      let bytes = 0;
      const { ms, baseline } = await timedPair(async () => {
        bytes = (await exportDocument(db, ownerId, documentId, query(format), setting)).body.length;
      }, snapshot);
      // Every format within TARGET_MS; the Word file also within TARGET_DOCX_RATIO of the snapshot read.
      if (!report({ name: `export-${format} time (baseline: the snapshot read)`, value: ms, baseline, target: TARGET_MS, targetOn: "value", unit: "ms", note: `${bytes} bytes` })) missed++;
      if (format === "docx" && !report({ name: "export-docx ratio-to-snapshot", value: ms, baseline, target: TARGET_DOCX_RATIO })) missed++;
    }
    const { ms: earlier, baseline: earlierBase } = await timedPair(() => exportDocument(db, ownerId, documentId, query("docx", { version: "1" }), setting), snapshot);
    if (!report({ name: "export-docx-version-1 time (baseline: the snapshot read)", value: earlier, baseline: earlierBase, target: TARGET_MS, targetOn: "value", unit: "ms" })) missed++;
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    await exportDocument(db, ownerId, documentId, query("docx"), setting);
    loop.disable();
    console.log(`longest event-loop stall during a Word export (rendered on a worker thread): ${(loop.max / 1e6).toFixed(0)} ms`);
    await db.$disconnect();
  } finally {
    await workers.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (missed) process.exitCode = 1;
}

await main();

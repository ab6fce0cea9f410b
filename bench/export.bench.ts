/**
 * Export benchmark (issue 5): a 1,000-paragraph document with 5,000 annotations (overlapping,
 * some across paragraphs, 40% claims with verdicts, tags) and 2,000 replies, written straight
 * into a temporary SQLite database with createMany. Times each format end to end (read the
 * snapshot + render, as the route does; median of BENCH_RUNS, default 3) and prints
 * `export <format> ms=<n> baseline=<ms> ratio=<x>`, where the baseline, measured in the same
 * run, reads the same snapshot and JSON.stringify-s it. Target: every format <= 3000 ms.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb, type Db, type Prisma } from "../server/db/client.ts";
import { migrate } from "../server/db/migrator.ts";
import { newId } from "../server/lib/ids.ts";
import { EXPORT_FORMATS, ExportQuerySchema, VERDICTS } from "../common/review.ts";
import { exportDocument } from "../server/modules/exports/export.service.ts";
import { filtersOf, loadSnapshot } from "../server/modules/exports/snapshot.ts";

const PARAGRAPHS = 1_000;
const ANNOTATIONS = 5_000;
const REPLIES = 2_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TARGET_MS = 3_000;
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

async function seed(db: Db): Promise<string> {
  const rand = rng(42);
  const userId = newId("u");
  await db.user.create({ data: { id: userId, email: "bench@example.org", displayName: "Bench Analyst", passwordHash: "x" } });
  const workspaceId = newId("w");
  await db.workspace.create({ data: { id: workspaceId, name: "Bench" } });
  await db.membership.create({ data: { id: newId("m"), workspaceId, userId, role: "owner" } });
  const documentId = newId("d");
  await db.document.create({ data: { id: documentId, workspaceId, title: "Bench article", format: "txt", metadata: "{}", createdById: userId, lastSeq: 1 } });
  const paragraphs = Array.from({ length: PARAGRAPHS }, (_, position) => {
    const kind = position % 50 === 0 ? "heading" : position % 7 === 3 ? "listItem" : "paragraph";
    const words = Array.from({ length: kind === "heading" ? 5 : 45 + rand(20) }, () => WORDS[rand(WORDS.length)]);
    const text = kind === "heading" ? words.join(" ") : `${words.join(" ")}. Figures ${position} & <b>${rand(100)}%</b> = "quoted".`;
    return { id: newId("p"), documentId, position, kind, text, level: kind === "heading" ? 2 : null, depth: kind === "listItem" ? 0 : null, ordered: kind === "listItem" ? false : null };
  });
  for (let i = 0; i < paragraphs.length; i += 500) await db.paragraph.createMany({ data: paragraphs.slice(i, i + 500) });

  const tags = Array.from({ length: 20 }, (_, i) => ({ id: newId("t"), workspaceId, name: `Tag ${i}`, color: "#336699", parentId: null as string | null }));
  for (let i = 5; i < tags.length; i++) tags[i]!.parentId = tags[i % 5]!.id;
  for (const t of tags) await db.tag.create({ data: t });

  const annotations: Prisma.AnnotationCreateManyInput[] = [];
  const claims: Prisma.ClaimReviewCreateManyInput[] = [];
  const links: Prisma.AnnotationTagCreateManyInput[] = [];
  for (let i = 0; i < ANNOTATIONS; i++) {
    const si = rand(PARAGRAPHS);
    const ei = i % 50 === 0 ? Math.min(si + 1 + rand(2), PARAGRAPHS - 1) : si;
    const s = paragraphs[si]!;
    const e = paragraphs[ei]!;
    const startOffset = rand(Math.max(1, s.text.length - 20));
    const endOffset = ei === si ? Math.min(s.text.length, startOffset + 5 + rand(60)) : 5 + rand(Math.max(1, e.text.length - 5));
    const quote = ei === si ? s.text.slice(startOffset, endOffset) : [s.text.slice(startOffset), ...paragraphs.slice(si + 1, ei).map((p) => p.text), e.text.slice(0, endOffset)].join("\n");
    const kind = i % 5 < 2 ? "claim" : i % 5 === 2 ? "highlight" : "comment";
    const id = newId("a");
    annotations.push({
      id,
      documentId,
      authorId: userId,
      kind,
      body: JSON.stringify({ format: "text", text: kind === "highlight" ? "" : `Note ${i}: =SUM(A${i}) <script>x</script> see the ministry's data.` }),
      startPid: s.id,
      startOffset,
      endPid: e.id,
      endOffset,
      quote,
      prefix: s.text.slice(Math.max(0, startOffset - 32), startOffset),
      suffix: e.text.slice(endOffset, endOffset + 32),
      docVersion: 1,
    });
    if (kind === "claim") {
      const decided = rand(10) < 3;
      claims.push({
        annotationId: id,
        status: decided ? VERDICTS[rand(VERDICTS.length)]! : rand(2) ? "open" : "in_review",
        rationale: decided ? `Checked against source ${i}.` : "",
        sources: JSON.stringify(decided ? [`https://example.org/source/${i}`] : []),
        reviewerId: decided ? userId : null,
        decidedAt: decided ? new Date() : null,
      });
    }
    links.push({ annotationId: id, tagId: tags[rand(tags.length)]!.id });
  }
  for (let i = 0; i < annotations.length; i += 500) await db.annotation.createMany({ data: annotations.slice(i, i + 500) });
  for (let i = 0; i < claims.length; i += 500) await db.claimReview.createMany({ data: claims.slice(i, i + 500) });
  for (let i = 0; i < links.length; i += 500) await db.annotationTag.createMany({ data: links.slice(i, i + 500) });
  const replies = Array.from({ length: REPLIES }, (_, i) => ({
    id: newId("r"),
    annotationId: annotations[rand(annotations.length)]!.id,
    authorId: userId,
    body: JSON.stringify({ format: "text", text: `Reply ${i}: +1 @someone` }),
    stance: ["supports", "disputes", "questions", "none"][i % 4]!,
  }));
  for (let i = 0; i < replies.length; i += 500) await db.reply.createMany({ data: replies.slice(i, i + 500) });
  return documentId;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up: JIT and the SQLite page cache
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    runs.push(performance.now() - t0);
  }
  return median(runs);
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "scholia-export-bench-"));
  const url = `file:${join(dir, "bench.db")}`;
  try {
    await migrate(url);
    const db = await openDb(url);
    const t0 = performance.now();
    const documentId = await seed(db);
    const owner = await db.membership.findFirstOrThrow({ where: { role: "owner" } });
    console.log(`seeded ${PARAGRAPHS} paragraphs, ${ANNOTATIONS} annotations, ${REPLIES} replies in ${Math.round(performance.now() - t0)} ms`);
    const all = ExportQuerySchema.parse({ format: "jsonld" });
    const baseline = await timed(async () => JSON.stringify(await loadSnapshot(db, documentId, filtersOf(all), ORIGIN)));
    console.log(`baseline (read snapshot + JSON.stringify) ms=${Math.round(baseline)}`);
    let over = 0;
    for (const format of EXPORT_FORMATS) {
      const q = ExportQuerySchema.parse({ format });
      let bytes = 0;
      const ms = await timed(async () => {
        bytes = (await exportDocument(db, owner.userId, documentId, q, ORIGIN)).body.length;
      });
      if (ms > TARGET_MS) over++;
      console.log(`export ${format} ms=${Math.round(ms)} baseline=${Math.round(baseline)} ratio=${(ms / baseline).toFixed(2)} bytes=${bytes}${ms > TARGET_MS ? " OVER TARGET" : ""}`);
    }
    await db.$disconnect();
    if (over) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

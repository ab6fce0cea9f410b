/**
 * Import benchmark: the time to import a 5 MB plain-text article (the demo article's front matter
 * and its body many times over, in long paragraphs so it stays under the 10,000-paragraph limit)
 * and a 100-page two-column PDF (bench/fixtures/long-article.pdf, typeset by LibreOffice; see
 * scripts/make-article-fixtures.ts). Each is read from disk and parsed as the API does
 * (parseImport), median of BENCH_RUNS (default 3), against a baseline measured in the same run:
 * reading the same bytes and splitting them on blank lines. Prints
 * `import <case> bytes=<n> ms=<n> baseline=<ms> ratio=<x> paragraphs=<n>`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseImport } from "../server/modules/documents/import/index.ts";
import { MAX_IMPORT_BYTES } from "../server/modules/documents/import/types.ts";
import type { ImportFormat } from "../server/modules/documents/import/types.ts";

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DEMO = join(here, "..", "server", "demo", "article.txt");
const LONG_PDF = join(here, "fixtures", "long-article.pdf");
/** Body chunks joined into one paragraph, so 5 MB stays under the paragraph limit. */
const CHUNKS_PER_PARAGRAPH = 6;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

async function timed(fn: () => unknown): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    runs.push(performance.now() - t0);
  }
  return median(runs);
}

/** The demo article grown to just under 5 MB: its front matter, then its body repeated in long paragraphs. */
function fiveMegabyteArticle(): string {
  const chunks = readFileSync(DEMO, "utf8").split(/\n\s*\n/);
  const firstBody = chunks.findIndex((c) => c.startsWith("For most of the three decades"));
  const front = chunks.slice(0, firstBody).join("\n\n");
  const body = chunks.slice(firstBody).filter((c) => c.split("\n").length > 2);
  const parts: string[] = [front];
  let size = Buffer.byteLength(front);
  for (let i = 0; ; i += CHUNKS_PER_PARAGRAPH) {
    const paragraph = Array.from({ length: CHUNKS_PER_PARAGRAPH }, (_, k) => body[(i + k) % body.length]).join("\n");
    const bytes = Buffer.byteLength(paragraph) + 2;
    if (size + bytes > MAX_IMPORT_BYTES - 1024) break;
    parts.push(paragraph);
    size += bytes;
  }
  return parts.join("\n\n");
}

async function bench(name: string, file: string, format: ImportFormat): Promise<void> {
  const bytes = readFileSync(file).length;
  let paragraphs = 0;
  // Text is decoded as UTF-8; a PDF's bytes as Latin-1 (one character per byte).
  const encoding = format === "pdf" ? "latin1" : "utf8";
  const baseline = await timed(() => readFileSync(file).toString(encoding).split(/\n[ \t]*\n/).length);
  const ms = await timed(async () => {
    paragraphs = (await parseImport(format, readFileSync(file))).blocks.length;
  });
  console.log(
    `import ${name} bytes=${bytes} ms=${Math.round(ms)} baseline=${baseline.toFixed(1)} ratio=${(ms / baseline).toFixed(0)} paragraphs=${paragraphs}`,
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "scholia-import-bench-"));
  try {
    const text = join(dir, "article.txt");
    writeFileSync(text, fiveMegabyteArticle());
    // One untimed PDF import first: loading pdfjs is a one-off cost per process, not per file.
    await parseImport("pdf", readFileSync(join(here, "..", "tests", "fixtures", "articles", "op-ed-byline-date", "article.pdf")));
    await bench("txt-5mb", text, "txt");
    await bench("pdf-100-pages", LONG_PDF, "pdf");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

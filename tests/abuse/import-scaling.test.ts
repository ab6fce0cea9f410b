/**
 * Crafted uploads against the import's time: for each format and each family of hostile
 * input (long lines, repeated label words, thousands of author-like lines, Markdown and HTML
 * markup built to make a parser backtrack or nest, YAML front matter at its limits, code-page
 * text), the import of 4n bytes must take less than 8 times the import of n bytes. A ratio,
 * not a time, so a loaded machine cannot fail it; each size is timed again (the least of up
 * to five runs counts) only while the ratio looks too high. An input whose larger size
 * imports in under 50 ms passes outright: at that speed even a quadratic rule stays under a
 * second at the 5 MB limit. A smaller size timed under 12 ms counts as 12 ms: at that scale a
 * collection of the test's own garbage or the machine's load decides the time, not the input.
 */
import { describe, expect, it } from "vitest";
import { parseImport } from "../../server/modules/documents/import/index.ts";
import type { ImportFormat } from "../../server/modules/documents/import/types.ts";
import { buildDocx, docxParagraph } from "../helpers/zip-builder.ts";
import { pdfFile } from "../helpers/pdf-file.ts";
import { buildWordDocx, reference } from "../helpers/word-docx.ts";

const KB = 1024;
const MAX_RATIO = 8;
const FAST_ENOUGH_MS = 50;
const TIMER_FLOOR_MS = 12;

/** `unit` repeated to exactly `bytes` characters. */
const fill = (unit: string, bytes: number) => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
/** Lines made by `line(i)` until they fill `bytes`. */
function lines(bytes: number, line: (i: number) => string, head = "A Title\n\n"): string {
  const out: string[] = [];
  let size = head.length;
  for (let i = 0; size < bytes; i++) {
    const l = line(i);
    out.push(l);
    size += l.length + 1;
  }
  return head + out.join("\n");
}

type Family = (bytes: number) => string;

/** Text families: read as plain text and Markdown, and as paragraphs of HTML, Word and PDF. */
const TEXT: Record<string, Family> = {
  "one long line without spaces": (n) => `A Title\n\n${fill("x", n)}`,
  "Keywords: Keywords: …": (n) => `A Title\n\n${fill("Keywords: ", n)}`,
  "by by by": (n) => `A Title\n\n${fill("by ", n)}`,
  "and and": (n) => `A Title\n\n${fill("and ", n)}`,
  "Department of and of and": (n) => `A Title\n\n${fill("Department of and of and ", n)}`,
  "University University": (n) => `A Title\n\n${fill("University ", n)}`,
  "capitalised words": (n) => `A Title\n\n${fill("Ab ", n)}`,
  "initials": (n) => `A Title\n\n${fill("A. ", n)}`,
  "names and commas": (n) => `A Title\n\n${fill("Smith, J., ", n)}`,
  "superscript-like digits": (n) => `A Title\n\n${fill("Smith1,2,3 ", n)}`,
  "author lines": (n) => lines(n, (i) => `Jane A. Smith${i % 10}, John B. Doe and Mary Major`, "A Title\n"),
  "affiliation lines": (n) => lines(n, () => "Department of History, University of Somewhere, Cambridge, MA 02138, USA", "A Title\n"),
  "e-mail lines": (n) => lines(n, (i) => `jane.smith${i}@example.org`, "A Title\n"),
  "author paragraphs": (n) => lines(n, (i) => `Jane Smith${i}\n`),
  "a long e-mail-like word": (n) => `A Title\n\n${fill("a.", n)}@`,
  "a long URL-like word": (n) => `A Title\n\n${fill("http://", n)}`,
  "DOI-like digits": (n) => `A Title\n\n${fill("10.", n)}`,
  "colons": (n) => `A Title\n\n${fill(":", n)}`,
  "parentheses": (n) => `A Title\n\n${fill("(", n)}`,
  "hyphenated": (n) => `A Title\n\n${fill("a-", n)}`,
  "only separators": (n) => fill("-----\n", n),
  "only digits": (n) => fill("0123456789", n),
  "lines of digits": (n) => fill("12345\n", n),
  "spaces": (n) => `A Title\n\na${fill(" ", n)}b`,
  "tabs": (n) => `A Title\n\na${fill("\t", n)}b`,
  "an e-mail label and one long word": (n) => `A Title\n\nE-mail: ${fill("a", n)}`,
  "a name, spaces, another name": (n) => `A Title\nJane Smith${fill(" ", n - 40)}, John Doe`,
  // Bytes of Windows-1252 and Windows-1251 text (sent as such in .txt, as the same characters elsewhere).
  "Windows-1252 bytes": (n) => fill("caf\u00e9 \u0092quote\u0092 na\u00efve \u00ab\u00bb ", n),
  "Windows-1251 bytes": (n) => fill("\u00cf\u00f0\u00e8\u00e2\u00e5\u00f2, \u00ec\u00e8\u00f0! ", n),
};

/** Markdown source families (the text families above are Markdown too). */
const MARKDOWN: Record<string, Family> = {
  "100k *": (n) => `# T\n\n${fill("*", n)}`,
  "100k _": (n) => `# T\n\n${fill("_", n)}`,
  "100k [": (n) => `# T\n\n${fill("[", n)}`,
  "100k `": (n) => `# T\n\n${fill("`", n)}`,
  "*a ": (n) => `# T\n\n${fill("*a ", n)}`,
  "**a": (n) => `# T\n\n${fill("**a", n)}`,
  "emphasis with spaces": (n) => `# T\n\n${fill("*a* **c ", n)}`,
  "mixed emphasis with spaces": (n) => `# T\n\n${fill("*_a_* _*b*_ **c __d ", n)}`,
  "[a](": (n) => `# T\n\n${fill("[a](", n)}`,
  "list nested by indentation": (n) => lines(n, (i) => `${" ".repeat(2 * (i % 1500))}- item`),
  "list nested by tabs": (n) => lines(n, (i) => `${"\t".repeat(i % 1500)}- item`),
  "list markers on one line": (n) => `# T\n\n${fill("1. ", n)}x`,
  "quote and list markers on one line": (n) => `# T\n\n${fill("> - ", n)}x`,
  "blockquote nested on one line": (n) => `# T\n\n${fill(">", n)} x`,
  "blockquotes nested line by line": (n) => lines(n, (i) => `${">".repeat(i % 200)} text`),
  "setext underlines": (n) => `# T\n\n${fill("=", n)}`,
  "YAML front matter with many authors": (n) =>
    `---\ntitle: T\nauthor:\n${fill("  - name: Jane Smith\n    affiliation: University of Somewhere\n", n)}\n---\n\nBody.`,
  "YAML front matter with a long title": (n) => `---\ntitle: ${fill("a", n)}\n---\n\nBody.`,
  "YAML front matter never closed": (n) => `---\n${fill("k: v\n", n)}`,
  "YAML front matter with escaped quotes": (n) => `---\ntitle: "${fill('\\"', n)}\n---\n\nBody.`,
  "a table row of many cells": (n) => {
    const cells = Math.floor(n / 6);
    return `# T\n\n${"|a".repeat(cells)}|\n${"|-".repeat(cells)}|\n${"|b".repeat(cells)}|\n`;
  },
  "numbered institutions under a by-line": (n) => `# T\n\nAna Souza1, Wei Zhang2\n\n${lines(n, (i) => `${i + 1}. Department of Politics, University of Lisbon`, "")}`,
};

/** HTML source families. */
const HTML: Record<string, Family> = {
  "100k unclosed <p>": (n) => `<html><body>${fill("<p>", n)}`,
  "deep <div>": (n) => `<html><body>${fill("<div>", n)}x`,
  "deep <i>": (n) => `<html><body><p>${fill("<i>", n)}x`,
  "deep <ul><li>": (n) => `<html><body>${fill("<ul><li>", n)}x`,
  "deep <blockquote>": (n) => `<html><body>${fill("<blockquote>", n)}x`,
  "a huge attribute": (n) => `<html><body><p class="${fill("a", n)}">x</p>`,
  "many attributes": (n) => `<html><body><p ${fill("a=b ", n)}>x</p>`,
  "many citation_author tags": (n) => `<html><head>${fill('<meta name="citation_author" content="Smith, Jane">', n)}</head><body><p>x</p>`,
  "<br> after every letter": (n) => `<html><body><p>${fill("A<br>", n)}</p>`,
  "<sup> markers after a name": (n) => `<html><body><p>Jane Smith${fill("<sup>1</sup>", n)}</p>`,
  "unclosed links": (n) => `<html><body><p>${fill("<a href='#x'>", n)}`,
  "bare <": (n) => `<html><body><p>${fill("<", n)}`,
  "unclosed comments": (n) => `<html><body><p>${fill("<!--", n)}`,
  "entity-like text": (n) => `<html><body><p>${fill("&amp", n)}`,
  "a style sheet of many rules": (n) => `<html><head><style>${fill(".t{font-size:20pt}", n)}</style></head><body><p class="t">x</p><h2>y</h2>`,
  "a style sheet without braces": (n) => `<html><head><style>${fill("p.t font-size: 20pt; ", n)}</style></head><body><p>x</p>`,
  "a style sheet of opening braces": (n) => `<html><head><style>${fill("{", n)}</style></head><body><p>x</p>`,
  "deep <big>": (n) => `<html><body><p>${fill("<big>", n)}x`,
  "many classes": (n) => `<html><head><style>.a{font-size:2em}</style></head><body><p class="${fill("a ", n)}">x</p>`,
  "a table row of many cells": (n) => `<html><body><h1>T</h1><table><tr>${fill("<td>ab", n)}</table>`,
  "numbered list under a by-line": (n) => `<html><body><h1>T</h1><p>Ana Souza1, Wei Zhang2</p><ol>${fill("<li>Department of Politics, University of Lisbon</li>", n)}</ol>`,
};

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** A text-layer PDF: each line of `text` on a line of its own, 60 lines a page, Helvetica 10 pt. */
function pdfOf(text: string): Buffer {
  const rows = text.split("\n");
  const pages: string[][] = [];
  for (let i = 0; i < rows.length; i += 60) pages.push(rows.slice(i, i + 60));
  const objects = ["<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"];
  const kids: string[] = [];
  for (const page of pages) {
    const ops = page.map((row, i) => `BT /F1 10 Tf 72 ${760 - i * 12} Td (${row.replace(/[\\()]/g, "\\$&")}) Tj ET`).join("\n");
    const stream = Buffer.from(ops, "latin1");
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${objects.length + 2} 0 R >>`);
    kids.push(`${objects.length} 0 R`);
    objects.push(`<< /Length ${stream.length} >>\nstream\n${ops}\nendstream`);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(" ")}] /Count ${kids.length} >>`;
  return pdfFile(objects);
}

/** The upload for `format` built from `source` (text families become paragraphs in HTML, Word and PDF). */
async function upload(format: ImportFormat, source: string, asText: boolean, bytes: boolean): Promise<Buffer> {
  if (format === "docx") return buildDocx(source.split("\n").map(docxParagraph).join(""));
  if (format === "pdf") return pdfOf(source);
  if (format === "html" && asText) return Buffer.from(`<html><body>${source.split("\n").map((l) => `<p>${escapeHtml(l)}</p>`).join("")}</body></html>`);
  return Buffer.from(source, format === "txt" && bytes ? "latin1" : "utf8");
}

/** Milliseconds one import takes; a refusal (too many paragraphs, empty) counts as finished. */
async function importTime(format: ImportFormat, input: Buffer): Promise<number> {
  const started = performance.now();
  await parseImport(format, input).catch(() => undefined);
  return performance.now() - started;
}

async function scaling(format: ImportFormat, name: string, family: Family, n: number, asText: boolean, make?: (source: string) => Promise<Buffer>) {
  const bytes = name.startsWith("Windows-");
  const build = make ?? ((source: string) => upload(format, source, asText, bytes));
  const small = await build(family(n).slice(0, n));
  const large = await build(family(4 * n).slice(0, 4 * n));
  await importTime(format, small); // warm the parser's code
  let tLarge = await importTime(format, large);
  if (tLarge < FAST_ENOUGH_MS) return { tSmall: 0, tLarge, ratio: 0 };
  let tSmall = await importTime(format, small);
  const ratio = () => tLarge / Math.max(tSmall, TIMER_FLOOR_MS);
  for (let run = 1; run < 5 && ratio() >= MAX_RATIO; run++) {
    tSmall = Math.min(tSmall, await importTime(format, small));
    tLarge = Math.min(tLarge, await importTime(format, large));
  }
  if (tLarge < FAST_ENOUGH_MS) return { tSmall, tLarge, ratio: 0 };
  return { tSmall, tLarge, ratio: ratio() };
}

function report(name: string, format: string, r: { tSmall: number; tLarge: number; ratio: number }, n: number) {
  const times = r.ratio === 0 ? `${r.tLarge.toFixed(0)} ms at ${(4 * n) / KB} KB` : `${r.tSmall.toFixed(0)} → ${r.tLarge.toFixed(0)} ms, ×${r.ratio.toFixed(1)}`;
  console.info(`${format.padEnd(4)} ${name}: ${times}`);
}

const CASES: Array<[ImportFormat, Record<string, Family>, boolean, number]> = [
  ["txt", TEXT, true, 256 * KB],
  ["md", TEXT, true, 256 * KB],
  ["md", MARKDOWN, false, 256 * KB],
  ["html", TEXT, true, 256 * KB],
  ["html", HTML, false, 256 * KB],
  ["docx", TEXT, true, 128 * KB],
  ["pdf", TEXT, true, 32 * KB],
];

describe.each(CASES)("%s import of crafted input", (format, families, asText, n) => {
  it.each(Object.keys(families))("%s: 4× the input takes < 8× the time", async (name) => {
    const r = await scaling(format, name, families[name]!, n, asText);
    report(name, format, r, n);
    expect(r.ratio, `${format} ${name}: ${r.tSmall.toFixed(0)} ms for ${n / KB} KB, ${r.tLarge.toFixed(0)} ms for ${(4 * n) / KB} KB`).toBeLessThan(MAX_RATIO);
  });
});

describe("docx import of crafted review marks", () => {
  it("point comments after one long word: 4× the input takes < 8× the time", async () => {
    // The word, then one comment reference for every 20 of its letters, each a comment of its own.
    const word = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(97 + ((i * 7919) % 26))).join("");
    const make = (source: string) => {
      const ids = Array.from({ length: Math.floor(source.length / 20) }, (_, i) => i);
      const body = `<w:p><w:r><w:t>Title</w:t></w:r></w:p><w:p><w:r><w:t>${source}</w:t></w:r>${ids.map(reference).join("")}</w:p>`;
      return buildWordDocx({ body, comments: ids.map((id) => ({ id, author: "A", text: [`c${id}`] })) });
    };
    const n = 32 * KB;
    const r = await scaling("docx", "point comments after a long word", word, n, false, make);
    report("point comments after a long word", "docx", r, n);
    expect(r.ratio, `docx point comments: ${r.tSmall.toFixed(0)} ms for ${n / KB} KB, ${r.tLarge.toFixed(0)} ms for ${(4 * n) / KB} KB`).toBeLessThan(MAX_RATIO);
  });
});

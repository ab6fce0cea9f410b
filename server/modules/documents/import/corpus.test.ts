/**
 * The article corpus (tests/fixtures/articles/<name>/): real-world layouts of
 * front matter, each with the metadata and body it must import to. Prints
 * `front matter: N/N layouts right` and fails when any layout is wrong.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decodeTextUpload } from "./binary.ts";
import { detectFormat, parseImport } from "./index.ts";
import type { ImportedDocument, ImportedMetadata } from "./types.ts";

const ROOT = fileURLToPath(new URL("../../../../tests/fixtures/articles/", import.meta.url));

interface Expected {
  /** The article in one or more formats (txt, md, html, docx); each must import to the same result. */
  sources: string[];
  metadata: ImportedMetadata;
  body: { paragraphs: number; first: string; last: string };
  /** List items in the body, when the layout has some (hand-typed bullets included). */
  listItems?: number;
}

const collapse = (s: string) => s.replace(/\s+/g, " ").trim();

/** Where the import differs from what the article must give; empty when it is right. */
function differences(doc: ImportedDocument, expected: Expected, source: Buffer, format: string): string[] {
  const problems: string[] = [];
  const want = JSON.stringify(expected.metadata, null, 1);
  const got = JSON.stringify(doc.metadata, null, 1);
  if (JSON.stringify(sortKeys(doc.metadata)) !== JSON.stringify(sortKeys(expected.metadata))) {
    problems.push(`metadata differs:\n--- expected\n${want}\n--- got\n${got}`);
  }
  const paragraphs = doc.blocks.filter((b) => b.kind === "paragraph").map((b) => b.text);
  if (paragraphs.length !== expected.body.paragraphs) {
    problems.push(`body paragraphs: expected ${expected.body.paragraphs}, got ${paragraphs.length}`);
  }
  const items = doc.blocks.filter((b) => b.kind === "listItem").length;
  if (expected.listItems !== undefined && items !== expected.listItems) problems.push(`list items: expected ${expected.listItems}, got ${items}`);
  if (paragraphs[0] !== expected.body.first) problems.push(`first body paragraph: got ${JSON.stringify(paragraphs[0]?.slice(0, 160))}`);
  if (paragraphs[paragraphs.length - 1] !== expected.body.last) {
    problems.push(`last body paragraph: got ${JSON.stringify(paragraphs[paragraphs.length - 1]?.slice(0, 160))}`);
  }
  // Meta lines come before the body, except closing bios, footnotes kept apart and the closing run after the
  // body's last block (authors' addresses printed after the references).
  const firstBody = doc.blocks.findIndex((b) => b.kind !== "meta" && b.role !== "title" && b.role !== "subtitle");
  let closing = doc.blocks.length;
  while (closing > 0 && doc.blocks[closing - 1]?.kind === "meta") closing--;
  const late = doc.blocks.slice(Math.max(firstBody, 0), Math.max(closing, firstBody, 0)).filter((b) => b.kind === "meta" && b.role !== "bio" && b.role !== "footnote");
  if (firstBody >= 0 && late.length > 0) problems.push(`meta inside the body: ${late.map((b) => b.text.slice(0, 60)).join(" | ")}`);
  // Text stays exactly as given: every meta line is in the source, whitespace aside.
  if (format === "txt" || format === "md") {
    const text = collapse(decodeTextUpload(source) ?? "");
    // YAML, TOML or MultiMarkdown front matter is data, not text: its blocks print each value after a label
    // ("ORCID: …"), and a keyword list one keyword after another; each value must still be the source's own.
    const yaml = format === "md" && /^(?:---|\+\+\+|Title:)/.test(text);
    for (const b of doc.blocks.filter((x) => x.kind === "meta")) {
      const label = yaml ? /^(?:E-mail|ORCID|DOI|Keywords): /.exec(b.text) : null;
      const values = label ? b.text.slice(label[0].length).split(label[0] === "Keywords: " ? "; " : "\u0000") : [b.text];
      for (const value of values) {
        if (!text.includes(collapse(value))) problems.push(`meta text not found verbatim in the source: ${value.slice(0, 80)}`);
      }
    }
  }
  return problems;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

describe("article corpus", () => {
  const names = readdirSync(ROOT, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

  it("has at least 15 layouts", () => {
    expect(names.length).toBeGreaterThanOrEqual(15);
  });

  it("imports every layout with the expected front matter and body, in every format given", async () => {
    const failures: string[] = [];
    let sources = 0;
    for (const name of names) {
      const expected = JSON.parse(readFileSync(join(ROOT, name, "expected.json"), "utf8")) as Expected;
      const problems: string[] = [];
      for (const file of expected.sources) {
        sources++;
        const source = readFileSync(join(ROOT, name, file));
        const format = detectFormat(file, undefined);
        const doc = await parseImport(format, source);
        for (const problem of differences(doc, expected, source, format)) problems.push(`${file}: ${problem}`);
      }
      if (problems.length > 0) failures.push(`${name}:\n  ${problems.join("\n  ")}`);
    }
    console.log(`front matter: ${names.length - failures.length}/${names.length} layouts right (${sources} files)`);
    expect(failures.join("\n\n")).toBe("");
  });
});

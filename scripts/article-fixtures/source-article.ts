/**
 * Reads a corpus article.txt into the paragraphs a person would type into a
 * word processor: the title, front-matter lines one per paragraph, body
 * paragraphs with their wrapped lines joined, headings and bullets.
 *
 * Deliberately simple and independent of the importer under test: the
 * variants built from it must not inherit the importer's mistakes.
 */
import { readFileSync } from "node:fs";

export type SourceKind = "title" | "front" | "heading" | "paragraph" | "bullet" | "numbered";

export interface SourceParagraph {
  kind: SourceKind;
  text: string;
  /** The first line of a front-matter block that a blank line separates from the one above. */
  gapBefore?: boolean;
}

const SENTENCE_END = /[.!?:;…"”’)]$/u;

/** Blank-line separated chunks of trimmed lines. */
function chunks(text: string): string[][] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((chunk) => chunk.split("\n").map((l) => l.trim()).filter((l) => l !== ""))
    .filter((chunk) => chunk.length > 0);
}

/** A chunk of running prose: it ends a sentence and has a long line, or is one long line. */
function isProse(chunk: readonly string[]): boolean {
  const last = chunk[chunk.length - 1] ?? "";
  return SENTENCE_END.test(last) && chunk.some((l) => l.length >= 60);
}

/** The article's paragraphs in order. `frontChunks` says how many chunks after the title are front matter. */
export function readSourceArticle(path: string, frontChunks: number): SourceParagraph[] {
  const all = chunks(readFileSync(path, "utf8"));
  const [first = [], ...rest] = all;
  const out: SourceParagraph[] = [{ kind: "title", text: first[0] ?? "" }];
  const front = [first.slice(1), ...rest.slice(0, frontChunks)];
  for (const [c, chunk] of front.entries()) {
    const lines = isProse(chunk) && chunk.length > 1 ? [chunk.join(" ")] : chunk;
    for (const [i, line] of lines.entries()) out.push({ kind: "front", text: line, ...(c > 0 && i === 0 ? { gapBefore: true } : {}) });
  }
  for (const chunk of rest.slice(frontChunks)) {
    if (chunk.length === 1 && !SENTENCE_END.test(chunk[0] ?? "") && (chunk[0] ?? "").length <= 80) {
      out.push({ kind: "heading", text: chunk[0] ?? "" });
      continue;
    }
    if (/^[•-]\s/.test(chunk[0] ?? "") || /^\d+\.\s/.test(chunk[0] ?? "")) {
      // List items: a marker line starts an item, indented lines continue it.
      for (const line of chunk) {
        const marker = /^(?:[•-]|\d+\.)\s+/.exec(line);
        const previous = out[out.length - 1];
        if (marker) out.push({ kind: marker[0].startsWith("•") || marker[0].startsWith("-") ? "bullet" : "numbered", text: line.slice(marker[0].length) });
        else if (previous) previous.text += ` ${line}`;
      }
      continue;
    }
    out.push({ kind: "paragraph", text: chunk.join(" ") });
  }
  return out;
}

/**
 * Journal-style plain text: title line, front matter (dateline, subtitle,
 * author blocks), then blank-line separated paragraphs, headings, lists and
 * quotations.
 *
 * Text is kept exactly as given: hard-wrapped lines of one paragraph are
 * trimmed and joined with a single space, and nothing else is changed —
 * curly quotes, dashes and mis-encoded characters ("made ??a commitment")
 * survive untouched because annotations anchor on them.
 */
import { finishDocument } from "./finish-document.ts";
import { frontLineBlock, readFrontMatter } from "./front-matter.ts";
import { isSectionHeading } from "./meta-lines.ts";
import {
  endsUnwrappedParagraph,
  isHeadingLine,
  isIndentedQuotation,
  isQuoteMarked,
  matchListMarker,
  startsWithMarker,
  stripQuoteMarker,
} from "./plain-text-lines.ts";
import { ImportError, type ImportedBlock, type ImportedDocument } from "./types.ts";

const MAX_LIST_DEPTH = 8;

function isBlank(line: string): boolean {
  return line.trim() === "";
}

/** Runs of non-blank lines; blank (or whitespace-only) lines separate them. */
function splitChunks(lines: readonly string[]): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (isBlank(line)) {
      if (current.length > 0) chunks.push(current);
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Turns body chunks into blocks, tracking list nesting across loose (blank-separated) items. */
class BodyBuilder {
  readonly blocks: ImportedBlock[] = [];
  private listIndents: number[] = [];

  /** `nextOpensList`: the chunk after this one starts with a list marker. */
  addChunk(lines: readonly string[], nextOpensList = false): void {
    if (lines.every(isQuoteMarked)) {
      this.pushQuote(lines.map(stripQuoteMarker));
      return;
    }
    // "1. Introduction" alone between blank lines, not followed by item 2: a numbered section heading.
    const only = lines.length === 1 ? (lines[0] ?? "") : "";
    if (only !== "" && !nextOpensList && isSectionHeading(only.trim()) && isHeadingLine(only)) {
      this.endList();
      this.blocks.push({ kind: "heading", level: 2, text: only.trim() });
      return;
    }
    if (lines.length === 1 && matchListMarker(lines[0] ?? "", true) === null && isHeadingLine(lines[0] ?? "")) {
      this.endList();
      this.blocks.push({ kind: "heading", level: 2, text: (lines[0] ?? "").trim() });
      return;
    }
    if (isIndentedQuotation(lines)) {
      this.pushQuote(lines.map((l) => l.trim()));
      return;
    }
    this.addLines(lines);
  }

  private pushQuote(parts: readonly string[]): void {
    this.endList();
    const text = parts.filter((p) => p !== "").join(" ");
    if (text !== "") this.blocks.push({ kind: "quote", text });
  }

  private addLines(lines: readonly string[]): void {
    let current: ImportedBlock | null = null;
    let previous = "";
    for (const [i, line] of lines.entries()) {
      const listContext = i === 0 || current?.kind === "listItem" || /:\s*$/.test(previous);
      const marker = matchListMarker(line, listContext);
      if (marker) {
        current = { kind: "listItem", text: marker.text, depth: this.depthFor(marker.indent) };
        if (marker.ordered) current.ordered = true;
        this.blocks.push(current);
      } else if (current && !endsUnwrappedParagraph(previous)) {
        // A wrapped line continues the paragraph or list item above it.
        current.text += ` ${line.trim()}`;
      } else {
        this.endList();
        current = { kind: "paragraph", text: line.trim() };
        this.blocks.push(current);
      }
      previous = line;
    }
  }

  /** Depth from indentation: deeper than the enclosing item nests, shallower pops back out. */
  private depthFor(indent: number): number {
    while (this.listIndents.length > 0 && (this.listIndents[this.listIndents.length - 1] ?? 0) > indent) {
      this.listIndents.pop();
    }
    const top = this.listIndents[this.listIndents.length - 1];
    if (top === undefined || top < indent) this.listIndents.push(indent);
    return Math.min(this.listIndents.length - 1, MAX_LIST_DEPTH);
  }

  private endList(): void {
    this.listIndents = [];
  }
}

/** Blank-line separated chunks of `text` (BOM stripped); throws empty_file when there is nothing. */
export function plainTextChunks(input: string): string[][] {
  const text = input.replace(/^\uFEFF/, "");
  if (text.trim() === "") throw new ImportError("empty_file", 400, "The file is empty");
  return splitChunks(text.split(/\r\n|\r|\n/));
}

export function parsePlainText(input: string): ImportedDocument {
  const chunks = plainTextChunks(input);
  const [firstChunk = [], ...laterChunks] = chunks;
  const title = (firstChunk[0] ?? "").trim();
  const blocks: ImportedBlock[] = [{ kind: "heading", level: 1, role: "title", text: title }];

  // Lines under the title in its own chunk are a unit like any later chunk.
  const units = firstChunk.length > 1 ? [firstChunk.slice(1), ...laterChunks] : laterChunks;
  const front = readFrontMatter(units.map((lines) => ({ lines: lines.map((l) => l.trim()) })));
  for (const lines of front.taken) for (const line of lines) blocks.push(frontLineBlock(line));

  const body = new BodyBuilder();
  const { unit, line } = front.body;
  const bodyChunks = units.slice(unit);
  if (bodyChunks[0] && line > 0) bodyChunks[0] = bodyChunks[0].slice(line);
  for (const [i, chunk] of bodyChunks.entries()) body.addChunk(chunk, startsWithMarker(bodyChunks[i + 1]?.[0] ?? ""));
  // A loop, not push(...spread): a body can have more blocks than a call can take arguments.
  for (const block of body.blocks) blocks.push(block);
  return finishDocument(title, blocks);
}

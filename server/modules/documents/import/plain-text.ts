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
import { titleField } from "./document-title.ts";
import { frontLineBlock, FrontMatterScanner } from "./front-matter.ts";
import { buildMetadata } from "./metadata.ts";
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

  addChunk(lines: readonly string[]): void {
    if (lines.every(isQuoteMarked)) {
      this.pushQuote(lines.map(stripQuoteMarker));
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

export function parsePlainText(input: string): ImportedDocument {
  const text = input.replace(/^\uFEFF/, "");
  if (text.trim() === "") throw new ImportError("empty_file", 400, "The file is empty");

  const chunks = splitChunks(text.split(/\r\n|\r|\n/));
  const [firstChunk = [], ...laterChunks] = chunks;
  const title = (firstChunk[0] ?? "").trim();
  const blocks: ImportedBlock[] = [{ kind: "heading", level: 1, role: "title", text: title }];

  // Lines under the title in its own chunk are a unit like any later chunk.
  const units = firstChunk.length > 1 ? [firstChunk.slice(1), ...laterChunks] : laterChunks;
  const scanner = new FrontMatterScanner();
  let bodyStart = units.length;
  for (let i = 0; i < units.length; i++) {
    const unit = units[i] ?? [];
    const front = startsWithMarker(unit[0] ?? "") ? null : scanner.take(unit);
    if (!front) {
      bodyStart = i;
      break;
    }
    for (const line of front) blocks.push(frontLineBlock(line));
  }

  const body = new BodyBuilder();
  for (const unit of units.slice(bodyStart)) body.addChunk(unit);
  // A loop, not push(...spread): a body can have more blocks than a call can take arguments.
  for (const block of body.blocks) blocks.push(block);
  return { title: titleField(title), metadata: buildMetadata(blocks), blocks };
}

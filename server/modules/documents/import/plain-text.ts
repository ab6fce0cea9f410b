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
import { coverLinesAbove, coverNote, hasVisibleText, titleLineCount } from "./document-title.ts";
import { finishDocument } from "./finish-document.ts";
import { frontLineBlock, readFrontMatter } from "./front-matter.ts";
import { classifyMetaLine, isSectionHeading } from "./meta-lines.ts";
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
/** A page number alone at a page's top or foot. */
const PAGE_NUMBER_RE = /^\d{1,4}$/;
/**
 * A running head at a page's top: a page number beside a line in capitals, as LaTeX's amsart
 * and many journals print the short title or the authors ("2    M. A. HOLLOWAY AND T. R. IBARRA",
 * "FISCAL RULES IN FEDERAL SYSTEMS    3").
 */
const RUNNING_HEAD_RE = /^(?:\d{1,4}\s+(?!.*\p{Ll})\S.{1,118}|(?!.*\p{Ll}).{1,118}\S\s+\d{1,4})$/u;
/** How a paragraph's last line ends when the paragraph ends there. */
const SENTENCE_END_RE = /[.!?:;…"”’»)\]]$/u;
/** A reference list's entry: "[12] A. Author, Title, …". */
const REFERENCE_ENTRY_RE = /^\[\d{1,3}\]\s/;
/** Lines read from the top for cover lines over the title: the most there can be, and the title's. */
const COVER_HEAD_LINES = 4;

/**
 * Takes the cover lines over the title (a rubric, a preprint's stamp: coverLinesAbove) off the
 * front of `chunks` and their `page` numbers; returns them.
 */
function takeCoverLines(chunks: string[][], page: number[]): string[] {
  const head: string[] = [];
  for (const chunk of chunks) {
    for (const line of chunk) if (head.length < COVER_HEAD_LINES) head.push(line.trim());
    if (head.length >= COVER_HEAD_LINES) break;
  }
  const covers = head.slice(0, coverLinesAbove(head));
  for (let left = covers.length; left > 0; ) {
    const chunk = chunks[0]!;
    if (chunk.length <= left) {
      left -= chunk.length;
      chunks.shift();
      page.shift();
    } else {
      chunks[0] = chunk.slice(left);
      left = 0;
    }
  }
  return covers;
}

/** A labelled web address in an address block ("URL: https://…"). */
const WEB_ADDRESS_RE = /^(?:URL|Web\s?(?:site|page)|Home\s?page)\s*[:：]\s*\S+$/i;
/** Roles of a closing address block (amsart prints the authors' addresses after the references). */
const CLOSING_ADDRESS_ROLES = new Set(["affiliation", "address", "email", "identifier", "phone"]);

/** Blank: white space, or characters that show nothing (a line of zero-width spaces or soft hyphens). */
function isBlank(line: string): boolean {
  return line.trim() === "" || !hasVisibleText(line);
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
    // "Introduction" or "2. Background" on the line over its section's text, with no blank line between: the heading, then the text.
    const [head = "", next = "", ...after] = lines;
    if (next !== "" && isSectionHeading(head.trim()) && isHeadingLine(head) && /^\p{Lu}/u.test(next.trim()) && matchListMarker(next, true) === null) {
      this.endList();
      this.blocks.push({ kind: "heading", level: 2, text: head.trim() });
      this.addLines([next, ...after]);
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
    /** The current paragraph opened as a reference entry ("[1] …"). */
    let entry = false;
    let previous = "";
    for (const [i, line] of lines.entries()) {
      const listContext = i === 0 || current?.kind === "listItem" || /:\s*$/.test(previous);
      const marker = matchListMarker(line, listContext);
      // A reference list typed one entry after another: each "[n]" starts an entry of its own.
      const opensEntry = REFERENCE_ENTRY_RE.test(line.trim());
      if (i > 0 && entry && current?.kind === "paragraph" && opensEntry) {
        current = { kind: "paragraph", text: line.trim() };
        this.blocks.push(current);
      } else if (marker) {
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
        entry = opensEntry;
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
  return pagedChunks(input).chunks;
}

/** The first and last non-blank lines of a page, if they are a page number or a running head. */
function withoutPageFurniture(lines: string[], page: number): string[] {
  const first = lines.findIndex((l) => !isBlank(l));
  const out = [...lines];
  if (page > 0 && first >= 0) {
    const t = (out[first] ?? "").trim();
    if (PAGE_NUMBER_RE.test(t) || RUNNING_HEAD_RE.test(t)) out[first] = "";
  }
  let last = out.length - 1;
  while (last >= 0 && isBlank(out[last] ?? "")) last--;
  if (last >= 0 && PAGE_NUMBER_RE.test((out[last] ?? "").trim())) out[last] = "";
  return out;
}

/** How many lines at the top hold the title and the authors, whose words a running head repeats. */
const HEAD_SOURCE_LINES = 8;
/** A title or author line is no longer than this; longer opening lines are prose. */
const MAX_HEAD_SOURCE_CHARS = 300;
/** Running heads found without form feeds count only when there are at least this many (pages after the first). */
const MIN_RUNNING_HEADS = 2;

/** The words of two letters or more in a line, in capitals. */
function capitalWords(line: string): string[] {
  return line.toUpperCase().match(/\p{L}{2,}/gu) ?? [];
}

/**
 * A text without form feeds (copied from a PDF viewer) still carries each page's running head:
 * a page number beside the title or the authors in capitals. Such lines, every word of them
 * found in the text's first lines, are where pages start: a form feed goes before each (in
 * place). Returns whether any was found.
 */
function markRunningHeads(lines: string[]): boolean {
  // The opening: the first lines with text (title, authors), up to HEAD_SOURCE_LINES of them.
  const opening: string[] = [];
  let after = 0;
  for (; after < lines.length && opening.length < HEAD_SOURCE_LINES; after++) {
    const line = lines[after] ?? "";
    if (!isBlank(line) && line.length <= MAX_HEAD_SOURCE_CHARS) opening.push(line);
  }
  const known = new Set(opening.flatMap(capitalWords));
  const heads: number[] = [];
  for (let i = after; i < lines.length; i++) {
    const t = (lines[i] ?? "").trim();
    // A page number opens or closes it: most lines are passed over on their first and last character.
    if (t.length > 124 || !(isDigit(t.charCodeAt(0)) || isDigit(t.charCodeAt(t.length - 1))) || !RUNNING_HEAD_RE.test(t)) continue;
    const words = capitalWords(t);
    if (words.length >= 2 && words.every((w) => known.has(w))) heads.push(i);
  }
  // One such line may be a heading that happens to look like one; running heads come page after page.
  if (heads.length < MIN_RUNNING_HEADS) return false;
  for (const i of heads) lines[i] = `\f${lines[i] ?? ""}`;
  return true;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The text's lines in pages: a line that starts with a form feed starts a page. */
function pagesOf(lines: readonly string[]): string[][] {
  const pages: string[][] = [[]];
  for (const line of lines) {
    if (line.charCodeAt(0) === 12) pages.push([line.slice(1)]);
    else pages[pages.length - 1]?.push(line);
  }
  return pages;
}

/**
 * Chunks of a text, page by page when it has form feeds (a PDF's text, as pdftotext writes it):
 * a chunk never runs over a page break, and each page's number and running head go.
 */
function pagedChunks(input: string): { chunks: string[][]; page: number[] } {
  const text = input.replace(/^\uFEFF/, "");
  if (!hasVisibleText(text)) throw new ImportError("empty_file", 400, "The file is empty");
  const lines = text.split(/\r\n|\r|\n/);
  // pdftotext starts each page after the first with a form feed at the start of a line.
  const paged = lines.some((line) => line.charCodeAt(0) === 12) || markRunningHeads(lines);
  if (!paged) return { chunks: splitChunks(lines), page: [] };
  const chunks: string[][] = [];
  const page: number[] = [];
  for (const [p, pageLines] of pagesOf(lines).entries()) {
    for (const [i, chunk] of splitChunks(withoutPageFurniture(pageLines, p)).entries()) {
      const before = chunks[chunks.length - 1];
      // A paragraph the page break cut mid-sentence goes on at the top of the next page.
      if (i === 0 && before && !SENTENCE_END_RE.test((before[before.length - 1] ?? "").trim()) && /^\p{Ll}/u.test((chunk[0] ?? "").trim())) {
        for (const l of chunk) before.push(l);
        continue;
      }
      chunks.push(chunk);
      page.push(p);
    }
  }
  // Nothing but what reads as page furniture (a page that is one short line ending in a number):
  // the text is what there is, not a page's number.
  if (chunks.length === 0) return { chunks: splitChunks(lines), page: [] };
  return { chunks, page };
}

/**
 * A chunk of front-matter notes: every line labelled (keywords, a date, a subject
 * classification…) or the wrapped rest of the line above. LaTeX's amsart prints the keywords,
 * the date and the classification as notes at the foot of the first page.
 */
function isNotesChunk(lines: readonly string[]): boolean {
  let previous: string | null = null;
  for (const line of lines) {
    const cls = classifyMetaLine(line);
    const continues = previous !== null && (/[,;]$/.test(previous) || /^\p{Ll}/u.test(line));
    if (!(cls?.strong && !cls.prose) && !(cls?.labelled) && !continues) return false;
    previous = line;
  }
  return lines.length > 0;
}

/** A notes chunk's notes: each labelled line with the wrapped lines under it. */
function noteLines(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const cls = classifyMetaLine(line);
    if (out.length > 0 && !cls) out[out.length - 1] += ` ${line}`;
    else out.push(line);
  }
  return out;
}

/**
 * A closing address block: an institution or address (wrapped over lines) and an "E-mail
 * address:" line, or the like; the block's lines, wrapped lines joined, with their roles.
 */
function closingAddress(lines: readonly string[]): { text: string; role: string }[] | null {
  const out: { text: string; role: string }[] = [];
  let labelled = false;
  for (const line of lines) {
    const cls = classifyMetaLine(line);
    const last = out[out.length - 1];
    if (cls?.labelled && CLOSING_ADDRESS_ROLES.has(cls.role)) {
      out.push({ text: line, role: cls.role });
      labelled = true;
    } else if (last && WEB_ADDRESS_RE.test(line)) {
      // amsart's "URL:" under the address: kept with it, not a fact of the metadata.
      out.push({ text: line, role: "other" });
    } else if (last && !labelled && (last.role === "affiliation" || last.role === "address")) {
      last.text += ` ${line}`;
    } else if (!last && cls && (cls.role === "affiliation" || cls.role === "address")) {
      out.push({ text: line, role: "affiliation" });
    } else {
      return null;
    }
  }
  return labelled && out[0]?.role === "affiliation" ? out : null;
}

export function parsePlainText(input: string): ImportedDocument {
  const { chunks, page } = pagedChunks(input);
  // "ESSAY" or a preprint's stamp over the title: a note before it, in its place.
  const blocks: ImportedBlock[] = takeCoverLines(chunks, page).map((text) => coverNote({ kind: "paragraph", text }));
  const [firstChunk = [], ...laterChunks] = chunks;
  const titleLines = Math.max(1, titleLineCount(firstChunk.map((line) => line.trim())));
  const title = firstChunk.slice(0, titleLines).map((line) => line.trim()).join(" ");
  blocks.push({ kind: "heading", level: 1, role: "title", text: title });

  // Lines under the title in its own chunk are a unit like any later chunk.
  const units = firstChunk.length > titleLines ? [firstChunk.slice(titleLines), ...laterChunks] : laterChunks;
  const unitPage = firstChunk.length > titleLines ? page : page.slice(1);
  const front = readFrontMatter(units.map((lines) => ({ lines: lines.map((l) => l.trim()) })));
  for (const lines of front.taken) for (const line of lines) blocks.push(frontLineBlock(line));

  const { unit, line } = front.body;
  const bodyChunks = units.slice(unit);
  if (bodyChunks[0] && line > 0) bodyChunks[0] = bodyChunks[0].slice(line);
  // Notes at the foot of the first page (keywords, date, classification) stay where they are, as notes.
  const notes = new Set<number>();
  for (let u = unit; u < units.length && unitPage[u] === 0 && unitPage.length > 0; u++) {
    if ((u > unit || line === 0) && isNotesChunk((units[u] ?? []).map((l) => l.trim()))) notes.add(u - unit);
  }
  // The authors' addresses after the references (amsart): closing meta, not body.
  const closing: ImportedBlock[] = [];
  while (bodyChunks.length > 1) {
    const address = closingAddress((bodyChunks[bodyChunks.length - 1] ?? []).map((l) => l.trim()));
    if (!address) break;
    bodyChunks.pop();
    closing.unshift(...address.map((a): ImportedBlock => ({ kind: "meta", role: a.role as ImportedBlock["role"], text: a.text })));
  }
  const body = new BodyBuilder();
  for (const [i, chunk] of bodyChunks.entries()) {
    if (notes.has(i)) for (const note of noteLines(chunk.map((l) => l.trim()))) body.blocks.push({ kind: "meta", role: "footnote", text: note });
    else body.addChunk(chunk, startsWithMarker(bodyChunks[i + 1]?.[0] ?? ""));
  }
  // A loop, not push(...spread): a body can have more blocks than a call can take arguments.
  for (const block of body.blocks) blocks.push(block);
  for (const block of closing) blocks.push(block);
  return finishDocument(title, blocks);
}

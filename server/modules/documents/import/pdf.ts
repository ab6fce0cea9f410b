/**
 * Text-based PDF articles: the text layer read with pdfjs-dist
 * (pdf-document.ts), lines rebuilt in reading order (pdf-lines.ts),
 * paragraphs, running heads and footnotes sorted out (pdf-blocks.ts), then
 * the same title, front-matter and body rules as every other format.
 *
 * The title is the largest text on the first page (or its first line when
 * nothing stands out). Text above it on that page (a journal's banner) is
 * front matter. Footnotes follow the body as meta blocks with role
 * "footnote", in page order, so the argument reads without interruption
 * and the notes are still there.
 */
import { makeTitleBlock, titleBelowCoverLines } from "./document-title.ts";
import { finishDocument } from "./finish-document.ts";
import { applyFrontMatter, type LinedBlock } from "./front-matter.ts";
import { classifyMetaLine, isSectionHeading } from "./meta-lines.ts";
import { DASH_ITEM_RE, ITEM_LABEL_RE, LETTER_BULLET_RE, pdfParagraphs, REFERENCE_LABEL_RE, TITLE_SIZE, type PdfParagraph } from "./pdf-blocks.ts";
import { hasCoverPage } from "./pdf-cover.ts";
import { assertHasText, readPdfPages } from "./pdf-document.ts";
import { isHeadingLine, matchListMarker } from "./plain-text-lines.ts";
import type { ImportedBlock, ImportedDocument } from "./types.ts";

/** A title's lines as one: a line ending in a hyphen ("Mission-" / "Oriented") runs into the next. */
function joinTitleLines(lines: readonly string[]): string {
  let out = "";
  for (const line of lines) out = out === "" || /[\p{L}\p{N}][-‐]$/u.test(out) ? out + line : `${out} ${line}`;
  return out;
}

/** Index of the title paragraph: the largest text on the article's first page. */
function titleIndex(paragraphs: readonly PdfParagraph[], bodySize: number, firstPage: number): number {
  let best = -1;
  for (const [i, p] of paragraphs.entries()) {
    if (p.page < firstPage) continue;
    if (p.page !== firstPage) break;
    if (p.size >= bodySize * TITLE_SIZE && (best < 0 || p.size > (paragraphs[best]?.size ?? 0))) best = i;
  }
  return best;
}

/**
 * What a body paragraph of the PDF is, by the plain-text rules: a bulleted
 * list item, a heading (one short line, or a heading-shaped text set larger
 * than the body), a numbered list item, or a paragraph.
 */
function bodyBlock(item: LinedBlock, larger: boolean, indented: boolean): ImportedBlock {
  const { lines, block } = item;
  // A line that opens with a bullet ("•", "◦", "▪") is a list item, however short and heading-like its text.
  const bullet = matchListMarker(block.text, false);
  if (bullet) return { kind: "listItem", depth: 0, text: bullet.text };
  // Indented and opening with a number or letter ("1.", "b)", "(iv)"): an item of a numbered list,
  // not a numbered heading, which starts at the column's edge.
  const label = indented ? ITEM_LABEL_RE.exec(block.text) : null;
  if (label) return { kind: "listItem", depth: 0, ordered: true, text: block.text.slice(label[0].length).trim() };
  // Indented and opening with a dash as its bullet ("– second, …"): an item (the paragraph builder opened it as one).
  const dash = indented ? DASH_ITEM_RE.exec(block.text) : null;
  if (dash) return { kind: "listItem", depth: 0, text: block.text.slice(dash[0].length).trim() };
  const only = lines.length === 1 ? (lines[0] ?? "") : "";
  // A labelled fact ("Keywords: hedging; alliances") is short and unpunctuated, but not a heading.
  const fact = only !== "" && classifyMetaLine(only);
  const labelled = fact && fact.labelled && !fact.labelOnly;
  // A reference's label ("[2] C. Scholar. Small States…") and a sentence broken off before a display
  // ("…and suppose that") are not headings, however short.
  const notHeading = only !== "" && (REFERENCE_LABEL_RE.test(only) || (!larger && ENDS_ON_FUNCTION_WORD_RE.test(only)));
  if (only !== "" && !labelled && !notHeading && (isSectionHeading(only) || isHeadingLine(only))) return { kind: "heading", level: 2, text: only };
  if (larger && lines.length <= 3 && isHeadingLine(block.text)) return { kind: "heading", level: 2, text: block.text };
  const marker = matchListMarker(block.text, true);
  if (marker) return marker.ordered ? { kind: "listItem", depth: 0, ordered: true, text: marker.text } : { kind: "listItem", depth: 0, text: marker.text };
  return block;
}

/** A line ending on a word no heading ends on: an article, a conjunction, a preposition, "that". */
const ENDS_ON_FUNCTION_WORD_RE = /\s(?:the|a|an|and|or|nor|but|of|to|in|on|at|by|for|from|with|as|than|that|which|whether|if|is|are|was|were|be)$/u;

/** A list item set at least this many font sizes in from its column's edge is indented. */
const LIST_INDENT = 0.8;
/** Indents closer than this many font sizes are one level of a list. */
const LEVEL_STEP = 0.6;
/** Lists nest no deeper than this. */
const MAX_LIST_DEPTH = 8;

/** Where a list item stands: its indent in font sizes (none when its line is centred) and its bullet or label's kind. */
interface ItemPlace {
  indent: number | null;
  marker: string;
}

/** The kind of an item's bullet or label: the bullet itself, or "1" / "a" / "i" / "A" for the numbering. */
function markerKind(line: string): string {
  const first = line.trimStart();
  const label = /^\(?(?:(\d+)|([ivx]+)|([a-z])|([A-Z]))[.)]/u.exec(first);
  if (label) return label[1] ? "1" : label[2] ? "i" : label[3] ? "a" : "A";
  return first.slice(0, 1);
}

/**
 * Nesting depth of each run of list items from their indents (in font sizes): an item set further
 * in than the one before opens a level, one set back returns to the level of that indent. An item
 * centred on the page, whose indent tells nothing, takes the level of the last item with its kind
 * of bullet or label, or else the level of the item before it.
 */
function nestLists(blocks: ImportedBlock[], places: readonly (ItemPlace | undefined)[]): void {
  const levels: number[] = [];
  const levelOfMarker = new Map<string, number>();
  let previous = 0;
  for (const [i, block] of blocks.entries()) {
    const place = places[i];
    if (block.kind !== "listItem" || place === undefined) {
      levels.length = 0;
      levelOfMarker.clear();
      previous = 0;
      continue;
    }
    const { indent, marker } = place;
    if (indent === null) {
      block.depth = levelOfMarker.get(marker) ?? previous;
    } else {
      while (levels.length > 0 && indent < levels[levels.length - 1]! - LEVEL_STEP) levels.pop();
      const top = levels[levels.length - 1];
      if (top === undefined || (indent > top + LEVEL_STEP && levels.length <= MAX_LIST_DEPTH)) levels.push(indent);
      block.depth = levels.length - 1;
    }
    if (!levelOfMarker.has(marker)) levelOfMarker.set(marker, block.depth);
    previous = block.depth;
  }
}

export async function parsePdf(buf: Buffer): Promise<ImportedDocument> {
  const pages = await readPdfPages(buf);
  assertHasText(pages);
  const { paragraphs, footnotes, bodySize } = pdfParagraphs(pages);
  const items: LinedBlock[] = paragraphs.map((p) => ({ block: { kind: "paragraph", text: p.lines.join(" ") }, lines: p.lines }));
  // Set larger than the body text: a heading's evidence when a narrow column wrapped it.
  const larger = new Set(items.filter((_, i) => (paragraphs[i]?.size ?? 0) > bodySize * 1.02));
  // A table's rows stay paragraphs, "cell | cell", however short and heading-like their text.
  const tableRows = new Set(items.filter((_, i) => paragraphs[i]?.tableRow));
  const paragraphOf = new Map(items.map((item, i) => [item, paragraphs[i]]));

  // A download cover page in front: the article, and its title, begin on the next page.
  const firstPage = hasCoverPage(paragraphs) ? (paragraphs.find((p) => p.page > 0)?.page ?? 0) : 0;
  let index = titleIndex(paragraphs, bodySize, firstPage);
  if (index < 0) {
    // Nothing stands out: the article's first line is the title, as in a text file.
    const first = Math.max(0, items.findIndex((_, i) => (paragraphs[i]?.page ?? 0) >= firstPage));
    const item = items[first];
    if (!item) return finishDocument("", []);
    const [line = "", ...rest] = item.lines;
    items.splice(first, 1, { block: makeTitleBlock(line), lines: [line] });
    if (rest.length > 0) items.splice(first + 1, 0, { block: { kind: "paragraph", text: rest.join(" ") }, lines: rest });
    index = first;
  } else {
    const title = items[index];
    if (title) {
      const text = joinTitleLines(title.lines);
      items[index] = { block: makeTitleBlock(text), lines: [text] };
    }
  }
  index = titleBelowCoverLines(items, index);
  // A banner above the title on the first page (journal name, ISSN), or a cover page before it, is front matter, not argument.
  for (let i = 0; i < index; i++) {
    const item = items[i];
    if (item) item.block = { kind: "meta", role: "other", text: item.block.text };
  }

  const withFront = applyFrontMatter(items, index);
  const indentOf = (item: LinedBlock) => {
    const p = paragraphOf.get(item);
    return p ? p.indent / Math.max(1, p.size) : undefined;
  };
  const blocks: ImportedBlock[] = [];
  for (const item of withFront) {
    if (item.block.kind !== "paragraph" || item.block.role || tableRows.has(item)) {
      blocks.push(item.block);
      continue;
    }
    const indented = (indentOf(item) ?? 0) >= LIST_INDENT;
    // Word's second-level bullet, a letter "o", on an indented paragraph right after a list item.
    const letter = indented && blocks[blocks.length - 1]?.kind === "listItem" ? LETTER_BULLET_RE.exec(item.block.text) : null;
    blocks.push(letter ? { kind: "listItem", depth: 0, text: item.block.text.slice(letter[0].length) } : bodyBlock(item, larger.has(item), indented));
  }
  nestLists(
    blocks,
    withFront.map((item): ItemPlace | undefined => {
      const p = paragraphOf.get(item);
      return p ? { indent: p.centred ? null : p.indent / Math.max(1, p.size), marker: markerKind(p.lines[0] ?? "") } : undefined;
    }),
  );
  for (const note of footnotes) blocks.push({ kind: "meta", role: "footnote", text: note });
  return finishDocument(withFront[index]?.block.text ?? "", blocks);
}

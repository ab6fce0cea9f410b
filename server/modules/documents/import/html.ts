/**
 * HTML articles: headings, paragraphs, lists, quotations and author blocks
 * (<address>, class="author|affiliation|byline"), as text plus safe marks.
 * A page that is only <pre> text (LibreOffice's "save as HTML" of a text
 * file) is read as plain text.
 */
import { withCitationTags } from "./citation-tags.ts";
import { makeTitleBlock, sameText, titleBelowCoverLines } from "./document-title.ts";
import { finishDocument } from "./finish-document.ts";
import { isHandSetTitle } from "./hand-set-title.ts";
import { applyFrontMatter, type LinedBlock } from "./front-matter.ts";
import { extractHtmlBlocks, isFooterByline, type HtmlExtraction } from "./html-blocks.ts";
import { isProseLine, isSectionHeading } from "./meta-lines.ts";
import { splitBulletParagraphs } from "./paragraph-bullets.ts";
import { parsePlainText } from "./plain-text.ts";
import type { ImportedBlock, ImportedDocument } from "./types.ts";

/** A first line longer than this is not a title set as a paragraph. */
const MAX_TITLE_LINE = 300;

type TypeSizes = Pick<HtmlExtraction, "typeSizes" | "bodySize">;

/**
 * A title set by hand in large type above the heading at `heading` (or above all the text when
 * there is none): the first block, a short paragraph in type markedly larger than the page's
 * text and no smaller than that heading's (when the heading could be a title itself). Its index,
 * or -1.
 */
function largeTypeTitle(items: readonly LinedBlock[], heading: number, sizes: TypeSizes): number {
  const first = items.findIndex((item) => item.block.kind !== "meta");
  const block = items[first]?.block;
  if (!block || block.kind !== "paragraph" || block.role !== undefined || (heading >= 0 && first >= heading)) return -1;
  const size = sizes.typeSizes.get(block);
  if (size === undefined || !isHandSetTitle(block.text, size, sizes.bodySize)) return -1;
  // A heading that only names a section ("Introduction") is no rival, however large.
  const rival = items[heading]?.block;
  const rivalSize = rival && !isSectionHeading(rival.text) ? sizes.typeSizes.get(rival) : undefined;
  return rivalSize !== undefined && rivalSize > size ? -1 : first;
}

/**
 * Pick the title: the first <h1>, unless a paragraph above it is set as a
 * title in large type; else a first paragraph in large type; else the first
 * heading or block when it repeats <title> (`documentTitle`); else <title>
 * itself; else the first heading, else the first body block. A JSON-LD
 * headline (`fromSchema`) goes before a paragraph in large type. Returns the
 * index of the title block in `items`.
 */
function markTitle(items: LinedBlock[], documentTitle: string | undefined, fromSchema: boolean, sizes: TypeSizes): number {
  const isHeading = (item: LinedBlock) => item.block.kind === "heading" && item.block.role !== "subtitle";
  let index = items.findIndex((item) => isHeading(item) && item.block.level === 1);
  // An <h1> that only names a section ("Introduction") after other text is not the title: a Word
  // file's title is then a styled paragraph above it.
  if (index > 0 && isSectionHeading(items[index]?.block.text ?? "")) index = -1;
  // Nor is an <h1> under a paragraph set as a title, in type as large as the heading's or larger
  // (a Writer page sets its title so, and its sections as headings).
  if (index > 0 && largeTypeTitle(items, index, sizes) >= 0) index = -1;
  // Nor does a title come after the argument has begun: below a short first line and paragraphs of
  // prose, an <h1> heads a section (a Writer page sets its title as a paragraph in large type, and
  // its sections as <h1>). A notice in prose above the title ("Draft: not for circulation …") is no
  // such first line.
  const top = items[0]?.block;
  const titleLike = top?.kind === "paragraph" && top.text.length <= MAX_TITLE_LINE && !isProseLine(top.text);
  if (index > 1 && titleLike && items.slice(1, index).some((item) => item.block.kind === "paragraph" && isProseLine(item.block.text))) index = -1;
  // A title set so is the page's own, ahead of a <title> (a Writer file's Title property, often an old
  // working title); a JSON-LD headline is the page's own word on it.
  if (index < 0 && !fromSchema) index = largeTypeTitle(items, items.findIndex(isHeading), sizes);
  if (index < 0 && documentTitle !== undefined) {
    // A page often repeats its <title> as the first heading: one title, not two.
    const firstHeading = items.findIndex(isHeading);
    const firstBlock = items.findIndex((item) => item.block.kind !== "meta");
    const repeated = [firstHeading, firstBlock].find((i) => i >= 0 && sameText(items[i]?.block.text ?? "", documentTitle));
    if (repeated === undefined) {
      items.unshift({ block: makeTitleBlock(documentTitle), lines: [documentTitle] });
      return 0;
    }
    index = repeated;
  }
  if (index < 0) {
    // The first heading, unless prose comes before it: then the page's title is its first block
    // (a Writer page sets its title as a styled paragraph, and its first heading is further down).
    const heading = items.findIndex(isHeading);
    if (heading >= 0 && !items.slice(0, heading).some((item) => item.block.kind !== "meta" && isProseLine(item.block.text))) index = heading;
  }
  if (index < 0) index = items.findIndex((item) => item.block.kind !== "meta");
  const item = items[index];
  if (!item) return -1;
  item.block = { ...makeTitleBlock(item.block.text), ...(item.block.marks ? { marks: item.block.marks } : {}) };
  return index;
}

/** What tools write as the <title> of an untitled document: not a title. */
const PLACEHOLDER_TITLE_RE = /^(?:-\s*no title specified|untitled(?:\s+document)?(?:\s*\d+)?|new document|document\s*\d*|microsoft word\s*-\s*.*)$/i;

/**
 * A paragraph that only names a section ("Introduction", "1. Background",
 * typed as a plain paragraph in a Word file) is the heading it names, as in
 * a text or PDF file.
 */
function sectionHeading(block: ImportedBlock): ImportedBlock {
  if (block.kind !== "paragraph" || block.role !== undefined || !isSectionHeading(block.text)) return block;
  return block.marks ? { kind: "heading", level: 2, text: block.text, marks: block.marks } : { kind: "heading", level: 2, text: block.text };
}

/** Blocks right after the title that may repeat it or the subtitle (a Medium story repeats both at the top of its body). */
const REPEAT_WINDOW = 4;

/**
 * Drop headings just below the title that repeat the title or a subtitle
 * already given: one title and one subtitle, not two of each.
 */
function withoutRepeatedTitle(items: LinedBlock[], titleIndex: number): LinedBlock[] {
  const title = items[titleIndex]?.block.text ?? "";
  const seen = [title];
  const out = items.slice(0, titleIndex + 1);
  for (const [offset, item] of items.slice(titleIndex + 1).entries()) {
    const { block } = item;
    if (offset < REPEAT_WINDOW && block.kind === "heading" && seen.some((text) => sameText(text, block.text))) continue;
    if (block.role === "subtitle" || block.role === "standfirst") seen.push(block.text);
    out.push(item);
  }
  return out;
}

/**
 * An article's own footer: a byline there ("By Jane Doe on March 3, 2024.",
 * a blog post's or a Medium export's) is front matter and goes under the
 * title and the lines marked up beside it; the footer's other lines (a
 * canonical link, "Exported from …") are notes kept apart at the end.
 */
function placeFooter(items: LinedBlock[], titleIndex: number, footer: readonly LinedBlock[]): { items: LinedBlock[]; notes: ImportedBlock[] } {
  if (footer.length === 0 || titleIndex < 0) return { items, notes: [] };
  const front: LinedBlock[] = [];
  const notes: ImportedBlock[] = [];
  for (const item of footer) {
    if (isFooterByline(item.block)) front.push(item);
    else notes.push({ kind: "meta", role: "footnote", text: item.block.text });
  }
  let at = titleIndex + 1;
  while (at < items.length && (items[at]?.block.role === "subtitle" || items[at]?.block.kind === "meta")) at++;
  return { items: [...items.slice(0, at), ...front, ...items.slice(at)], notes };
}

export function parseHtml(html: string): ImportedDocument {
  const extraction = extractHtmlBlocks(html);
  if (extraction.documentTitle !== undefined && PLACEHOLDER_TITLE_RE.test(extraction.documentTitle)) delete extraction.documentTitle;
  if (extraction.preformattedOnly) {
    return parsePlainText(extraction.blocks.map((item) => item.block.text).join("\n\n"));
  }
  const extracted = splitBulletParagraphs(extraction.blocks);
  // A JSON-LD headline is the title as the page's own schema gives it; <title> often adds the site's name.
  const titleIndex = titleBelowCoverLines(extracted, markTitle(extracted, extraction.tags.headline ?? extraction.documentTitle, extraction.tags.headline !== undefined, extraction));
  const placed = placeFooter(titleIndex >= 0 ? withoutRepeatedTitle(extracted, titleIndex) : extracted, titleIndex, extraction.footer);
  const items = titleIndex >= 0 ? withCitationTags(applyFrontMatter(placed.items, titleIndex), titleIndex, extraction.tags) : placed.items;
  const title = titleIndex >= 0 ? (items[titleIndex]?.block.text ?? "") : "";
  const blocks = items.map((item, i) => (i > titleIndex ? sectionHeading(item.block) : item.block));
  // Without a title the footer stays where it was.
  const footer = titleIndex >= 0 ? placed.notes : extraction.footer.map((item) => item.block);
  return finishDocument(title, [...blocks, ...footer]);
}

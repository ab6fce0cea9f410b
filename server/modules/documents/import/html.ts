/**
 * HTML articles: headings, paragraphs, lists, quotations and author blocks
 * (<address>, class="author|affiliation|byline"), as text plus safe marks.
 * A page that is only <pre> text (LibreOffice's "save as HTML" of a text
 * file) is read as plain text.
 */
import { withCitationTags } from "./citation-tags.ts";
import { makeTitleBlock, sameText } from "./document-title.ts";
import { finishDocument } from "./finish-document.ts";
import { applyFrontMatter, type LinedBlock } from "./front-matter.ts";
import { extractHtmlBlocks } from "./html-blocks.ts";
import { isProseLine, isSectionHeading } from "./meta-lines.ts";
import { splitBulletParagraphs } from "./paragraph-bullets.ts";
import { parsePlainText } from "./plain-text.ts";
import type { ImportedBlock, ImportedDocument } from "./types.ts";

/**
 * Pick the title: the first <h1>; else the first heading or block when it
 * repeats <title>; else <title> itself; else the first heading, else the
 * first body block. Returns the index of the title block in `items`.
 */
function markTitle(items: LinedBlock[], documentTitle: string | undefined): number {
  const isHeading = (item: LinedBlock) => item.block.kind === "heading" && item.block.role !== "subtitle";
  let index = items.findIndex((item) => isHeading(item) && item.block.level === 1);
  // An <h1> that only names a section ("Introduction") after other text is not the title: a Word
  // file's title is then a styled paragraph above it.
  if (index > 0 && isSectionHeading(items[index]?.block.text ?? "")) index = -1;
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

export function parseHtml(html: string): ImportedDocument {
  const extraction = extractHtmlBlocks(html);
  if (extraction.documentTitle !== undefined && PLACEHOLDER_TITLE_RE.test(extraction.documentTitle)) delete extraction.documentTitle;
  if (extraction.preformattedOnly) {
    return parsePlainText(extraction.blocks.map((item) => item.block.text).join("\n\n"));
  }
  const extracted = splitBulletParagraphs(extraction.blocks);
  // A JSON-LD headline is the title as the page's own schema gives it; <title> often adds the site's name.
  const titleIndex = markTitle(extracted, extraction.tags.headline ?? extraction.documentTitle);
  const items = titleIndex >= 0 ? withCitationTags(applyFrontMatter(extracted, titleIndex), titleIndex, extraction.tags) : extracted;
  const title = titleIndex >= 0 ? (items[titleIndex]?.block.text ?? "") : "";
  return finishDocument(title, items.map((item, i) => (i > titleIndex ? sectionHeading(item.block) : item.block)));
}

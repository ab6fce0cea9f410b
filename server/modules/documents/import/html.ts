/**
 * HTML articles: headings, paragraphs, lists, quotations and author blocks
 * (<address>, class="author|affiliation|byline"), as text plus safe marks.
 */
import { makeTitleBlock, titleField } from "./document-title.ts";
import { applyFrontMatter, type LinedBlock } from "./front-matter.ts";
import { extractHtmlBlocks } from "./html-blocks.ts";
import { buildMetadata } from "./metadata.ts";
import type { ImportedDocument } from "./types.ts";

/**
 * Pick the title: the first <h1>, else <title>, else the first heading, else
 * the first body block. Returns the index of the title block in `items`.
 */
function markTitle(items: LinedBlock[], documentTitle: string | undefined): number {
  const isHeading = (item: LinedBlock) => item.block.kind === "heading" && item.block.role !== "subtitle";
  let index = items.findIndex((item) => isHeading(item) && item.block.level === 1);
  if (index < 0 && documentTitle !== undefined) {
    items.unshift({ block: makeTitleBlock(documentTitle), lines: [documentTitle] });
    return 0;
  }
  if (index < 0) index = items.findIndex(isHeading);
  if (index < 0) index = items.findIndex((item) => item.block.kind !== "meta");
  const item = items[index];
  if (!item) return -1;
  item.block = { ...makeTitleBlock(item.block.text), ...(item.block.marks ? { marks: item.block.marks } : {}) };
  return index;
}

export function parseHtml(html: string): ImportedDocument {
  const { blocks: extracted, documentTitle } = extractHtmlBlocks(html);
  const titleIndex = markTitle(extracted, documentTitle);
  const items = titleIndex >= 0 ? applyFrontMatter(extracted, titleIndex, true) : extracted;
  const blocks = items.map((item) => item.block);
  const title = titleIndex >= 0 ? titleField(items[titleIndex]?.block.text ?? "") : "";
  return { title, metadata: buildMetadata(blocks), blocks };
}

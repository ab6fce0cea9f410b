/**
 * The last step every parser shares: a news page's furniture lines and a
 * report's table of contents leave the body (page-furniture.ts,
 * contents-list.ts), a closing ORCID section and closing bios become meta blocks and the
 * structured metadata is derived from the blocks.
 */
import { markClosingBios, markClosingOrcids } from "./closing-matter.ts";
import { withoutContentsList } from "./contents-list.ts";
import { hasVisibleText, isTitleLabel, makeTitleBlock, sameText, titleField, unlabelledTitle, withoutTitleLabel, withRepeatedTitleAsHeading } from "./document-title.ts";
import { buildMetadata } from "./metadata.ts";
import { isPageFurniture } from "./page-furniture.ts";
import type { ImportedBlock, ImportedDocument } from "./types.ts";

/** The document from its title text and blocks in reading order. */
export function finishDocument(title: string, blocks: readonly ImportedBlock[]): ImportedDocument {
  const visible = blocks.every((block) => hasVisibleText(block.text)) ? blocks : withoutInvisibleBlocks(blocks);
  const shown = withRepeatedTitleAsHeading(withoutTitleLabel(visible));
  const body = shown.some(isPageFurniture) ? shown.filter((block) => !isPageFurniture(block)) : shown;
  const final = markClosingBios(markClosingOrcids(withoutContentsList(body)));
  // A title block that was a label or a running head: the title given with it goes too (withoutTitleLabel).
  const titled = shown[0] !== visible[0] && visible[0] && sameText(title, visible[0].text) ? (shown[0]?.text ?? "") : title;
  // "Title: X" is titled X; a "Title:" alone, by the line under it.
  const label = isTitleLabel(titled) ? "" : titleField(unlabelledTitle(titled));
  const heading = final[0]?.role === "title" ? final[0] : undefined;
  const fallback = titleField(heading?.text ?? final.find((block) => hasVisibleText(titleField(block.text)))?.text ?? "");
  return { title: hasVisibleText(label) ? label : fallback, metadata: buildMetadata(final), blocks: final };
}

/**
 * The blocks without those that show nothing (only zero-width spaces, soft hyphens, joiners…: an
 * editor's empty line). When the title block was one of them, a heading that now opens the
 * document takes its place.
 */
function withoutInvisibleBlocks(blocks: readonly ImportedBlock[]): ImportedBlock[] {
  const kept = blocks.filter((block) => hasVisibleText(block.text));
  const lostTitle = blocks.some((block) => block.role === "title") && !kept.some((block) => block.role === "title");
  const first = kept[0];
  if (lostTitle && first?.kind === "heading" && first.role === undefined) {
    kept[0] = { ...makeTitleBlock(first.text), ...(first.marks ? { marks: first.marks } : {}) };
  }
  return kept;
}

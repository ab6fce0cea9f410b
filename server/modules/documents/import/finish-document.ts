/**
 * The last step every parser shares: a news page's furniture lines and a
 * report's table of contents leave the body (page-furniture.ts,
 * contents-list.ts), a closing ORCID section and closing bios become meta blocks and the
 * structured metadata is derived from the blocks.
 */
import { markClosingBios, markClosingOrcids } from "./closing-matter.ts";
import { withoutContentsList } from "./contents-list.ts";
import { hasVisibleText, isTitleLabel, makeTitleBlock, sameText, titleField, unlabelledTitle, withCoverLinesAsNotes, withRepeatedTitleAsHeading, withTitleRoles } from "./document-title.ts";
import { buildMetadata } from "./metadata.ts";
import { isPageFurniture } from "./page-furniture.ts";
import type { ImportedBlock, ImportedDocument } from "./types.ts";

/** The document from its title text and blocks in reading order. */
export function finishDocument(title: string, blocks: readonly ImportedBlock[]): ImportedDocument {
  const visible = blocks.every((block) => hasVisibleText(block.text)) ? blocks : withoutInvisibleBlocks(blocks);
  const shown = withRepeatedTitleAsHeading(withTitleRoles(withCoverLinesAsNotes(visible)));
  const body = shown.some(isPageFurniture) ? shown.filter((block) => !isPageFurniture(block)) : shown;
  const final = markClosingBios(markClosingOrcids(withoutContentsList(body)));
  const heading = final.find((block) => block.role === "title");
  // The title given was the line that turned out not to be the title (a label, a running head, a memo's head): the title block names it.
  const moved = visible[0]?.role === "title" && shown[0]?.role !== "title" && sameText(title, visible[0].text);
  const given = moved || isTitleLabel(title) ? "" : titleField(unlabelledTitle(title));
  const fallback = titleField(unlabelledTitle(heading?.text ?? final.find((block) => hasVisibleText(titleField(block.text)))?.text ?? "", moved));
  return { title: hasVisibleText(given) ? given : fallback, metadata: buildMetadata(final), blocks: final };
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

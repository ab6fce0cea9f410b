/**
 * The last step every parser shares: a news page's furniture lines and a
 * report's table of contents leave the body (page-furniture.ts,
 * contents-list.ts), closing bios become meta blocks and the
 * structured metadata is derived from the blocks.
 */
import { markClosingBios } from "./closing-matter.ts";
import { withoutContentsList } from "./contents-list.ts";
import { titleField } from "./document-title.ts";
import { buildMetadata } from "./metadata.ts";
import { isPageFurniture } from "./page-furniture.ts";
import type { ImportedBlock, ImportedDocument } from "./types.ts";

/** The document from its title text and blocks in reading order. */
export function finishDocument(title: string, blocks: readonly ImportedBlock[]): ImportedDocument {
  const body = blocks.some(isPageFurniture) ? blocks.filter((block) => !isPageFurniture(block)) : blocks;
  const final = markClosingBios(withoutContentsList(body));
  return { title: titleField(title), metadata: buildMetadata(final), blocks: final };
}

/**
 * Metadata at the end of an article: an "About the author" note, or closing
 * paragraphs that are bios of the article's authors ("Jane Doe is a senior
 * fellow at …"). They become meta blocks with role "bio", like bios in the
 * front matter, so the body ends where the argument ends.
 */
import { bioAuthorIndex } from "./bios.ts";
import { classifyMetaLine } from "./meta-lines.ts";
import { parseNameLine } from "./names.ts";
import type { ImportedBlock } from "./types.ts";

/** How many closing paragraphs may be bios (one per author, plus a label). */
const MAX_CLOSING_BIOS = 6;

function authorNames(blocks: readonly ImportedBlock[]): string[] {
  const names: string[] = [];
  for (const block of blocks) {
    if (block.kind !== "meta" || block.role !== "author") continue;
    for (const n of parseNameLine(block.text)?.names ?? []) names.push(n.name);
  }
  return names;
}

/** Footnotes kept apart at the end do not stop the search for closing bios. */
function isTrailingApart(block: ImportedBlock): boolean {
  return block.kind === "meta" && block.role === "footnote";
}

/**
 * Return `blocks` with closing bios turned into meta blocks. Only a run at
 * the very end counts: an "About the author(s)" label (heading or
 * paragraph) and what follows it, or paragraphs that open like a bio of a
 * known author.
 */
export function markClosingBios(blocks: readonly ImportedBlock[]): ImportedBlock[] {
  const names = authorNames(blocks);
  let end = blocks.length;
  while (end > 0 && isTrailingApart(blocks[end - 1] as ImportedBlock)) end--;
  const isText = (b: ImportedBlock) => (b.kind === "paragraph" || b.kind === "heading") && b.role !== "title";

  // An "About the author(s)" label: it and everything after it.
  let start = end;
  for (let i = end - 1; i >= 0 && end - i <= MAX_CLOSING_BIOS; i--) {
    const block = blocks[i] as ImportedBlock;
    if (!isText(block)) break;
    if (classifyMetaLine(block.text)?.role === "bio") {
      start = i;
      break;
    }
  }
  // Otherwise closing paragraphs that open like a bio of a known author.
  if (start === end && names.length > 0) {
    for (let i = end - 1; i >= 0 && end - i <= MAX_CLOSING_BIOS; i--) {
      const block = blocks[i] as ImportedBlock;
      if (block.kind !== "paragraph" || bioAuthorIndex(block.text, names) < 0) break;
      start = i;
    }
  }
  if (start === end) return [...blocks];
  const out = blocks.slice(0, start);
  for (let i = start; i < end; i++) out.push({ kind: "meta", role: "bio", text: (blocks[i] as ImportedBlock).text });
  for (const block of blocks.slice(end)) out.push(block);
  return out;
}

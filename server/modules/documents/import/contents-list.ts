/**
 * A report's table of contents: the printed version's navigation, each entry a
 * heading's words, a leader and a page number ("2. How buses are funded
 * today ........ 8"). The page numbers mean nothing in the imported text and
 * the headings are in the body already, so the list is left out, with the
 * "Contents" heading over it, rather than becoming the first paragraphs of
 * the body.
 *
 * An entry ends in a dot leader (three or more dots, spaced or not), an
 * ellipsis or a middle-dot leader, then a page number (arabic, or roman for
 * front pages). A paragraph is part of the list when it is only entries (a
 * text file's lines run together into one paragraph; a Word or PDF file
 * gives one per line). A run of such paragraphs is the list when it follows
 * a "Contents" heading or line, or has at least three entries in all; one
 * stray leader line in prose stays. A contents list comes before the body,
 * so only a run starting in the first MAX_START blocks is one (and a long
 * document's text is not read through again for it).
 */
import type { ImportedBlock } from "./types.ts";

/** A contents list is a few pages at most; a longer paragraph is not looked at. */
const MAX_LIST_CHARS = 20_000;
/** A report's cover, title pages and foreword come to fewer blocks than this before its contents. */
const MAX_START = 200;
/** Entries in a run with no "Contents" label before it, for the run to be a contents list. */
const MIN_UNLABELLED_ENTRIES = 3;

const ENTRY_RE = /\s*(\S.{0,200}?)(?:\s?(?:\.\s?){3,}|\s?…+\s?|\s?(?:·\s?){3,})\s*(?:\d{1,4}|[ivxlc]{1,7})(?=\s|$)/giy;
export const CONTENTS_LABEL_RE =
  /^(?:(?:table\s+of\s+)?contents|contents\s+page|inhalt(?:sverzeichnis)?|sommaire|table\s+des\s+mati[eè]res|[íi]ndice|sum[áa]rio|spis\s+tre[śs]ci|содержание|оглавление|inhoud(?:sopgave)?|inneh[åa]ll)\s*:?$/i;

const PAGE_NUMBER_END = /^[\divxlc]$/i;

/** The last character that is not white space ("" when there is none), without copying the text. */
function lastCharacter(text: string): string {
  let i = text.length - 1;
  while (i >= 0 && /\s/.test(text[i] ?? "")) i--;
  return text[i] ?? "";
}

/** How many entries the text is made of, or 0 when it is not only entries. */
function entries(text: string): number {
  if (text.length > MAX_LIST_CHARS || !PAGE_NUMBER_END.test(lastCharacter(text)) || !/(?:\.\s?\.\s?\.|…|·\s?·)/.test(text)) return 0;
  ENTRY_RE.lastIndex = 0;
  let count = 0;
  while (ENTRY_RE.lastIndex < text.length) {
    const at = ENTRY_RE.lastIndex;
    if (!ENTRY_RE.exec(text)) return text.slice(at).trim() === "" ? count : 0;
    count++;
  }
  return count;
}

const isLabel = (block: ImportedBlock) => block.kind !== "meta" && block.role === undefined && CONTENTS_LABEL_RE.test(block.text.trim());
/** An entry may have been read as a heading: it begins like one ("2. How buses are funded today ... 8"). */
const isEntryBlock = (block: ImportedBlock) => (block.kind === "paragraph" || block.kind === "listItem" || block.kind === "heading") && block.role === undefined;

/** `blocks` without their contents list (see above); the same array when there is none. */
export function withoutContentsList(blocks: readonly ImportedBlock[]): readonly ImportedBlock[] {
  const drop = new Set<number>();
  for (let i = 0; i < Math.min(blocks.length, MAX_START); i++) {
    const block = blocks[i];
    if (!block || !isEntryBlock(block)) continue;
    let end = i;
    let total = 0;
    for (let n = 0; end < blocks.length; end++) {
      const b = blocks[end];
      if (!b || !isEntryBlock(b) || (n = entries(b.text)) === 0) break;
      total += n;
    }
    if (total === 0) continue;
    const label = i > 0 && isLabel(blocks[i - 1] as ImportedBlock);
    if (label || total >= MIN_UNLABELLED_ENTRIES) {
      if (label) drop.add(i - 1);
      for (let k = i; k < end; k++) drop.add(k);
    }
    i = end;
  }
  return drop.size === 0 ? blocks : blocks.filter((_, i) => !drop.has(i));
}

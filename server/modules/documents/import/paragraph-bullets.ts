/**
 * Bullets typed by hand into paragraphs (Word and web pages): "• item", or
 * "– item" / "- item" in a run of such paragraphs or after a lead-in ending
 * in a colon. Such paragraphs become list items, one per bullet, with the
 * bullet removed and inline marks shifted to match.
 */
import type { LinedBlock } from "./front-matter.ts";
import { matchListMarker } from "./plain-text-lines.ts";
import type { ImportedBlock, InlineMark } from "./types.ts";

const UNAMBIGUOUS_RE = /^\s*[•‣◦▪●○■][ \t\u00a0]+\S/u;
const DASH_RE = /^\s*[-–—][ \t\u00a0]+\S/u;

/** Marks of `marks` inside [start, end) of the old text, moved to offsets from `start`. */
function slicedMarks(marks: readonly InlineMark[] | undefined, start: number, end: number): InlineMark[] {
  const out: InlineMark[] = [];
  for (const m of marks ?? []) {
    const s = Math.max(m.start, start);
    const e = Math.min(m.end, end);
    if (e > s) out.push({ ...m, start: s - start, end: e - start });
  }
  return out;
}

/** Where each source line starts in the block text (lines were trimmed; the text joins them with spaces). */
function lineOffsets(text: string, lines: readonly string[]): number[] {
  const offsets: number[] = [];
  let from = 0;
  for (const line of lines) {
    const at = text.indexOf(line, from);
    offsets.push(at < 0 ? from : at);
    from = at < 0 ? from : at + line.length;
  }
  return offsets;
}

function piece(source: ImportedBlock, start: number, end: number, listItem: boolean): LinedBlock {
  const raw = source.text.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim();
  const marks = slicedMarks(source.marks, start + lead, start + lead + text.length);
  const block: ImportedBlock = listItem ? { kind: "listItem", depth: 0, text } : { kind: "paragraph", text };
  if (marks.length > 0) block.marks = marks;
  return { block, lines: [text] };
}

/**
 * Split a paragraph at its bullet lines. `dashes` says whether "-" and "–"
 * count as bullets here. Returns null when the paragraph has no bullet line.
 */
function splitAtBullets(item: LinedBlock, dashes: boolean): LinedBlock[] | null {
  const { block, lines } = item;
  const isBullet = (line: string) => UNAMBIGUOUS_RE.test(line) || (dashes && DASH_RE.test(line));
  if (!lines.some(isBullet)) return null;
  const offsets = lineOffsets(block.text, lines);
  const out: LinedBlock[] = [];
  let start = 0;
  let inItem = false;
  for (const [i, line] of lines.entries()) {
    if (!isBullet(line)) continue;
    const at = offsets[i] ?? 0;
    if (at > start) {
      const before = piece(block, start, at, inItem);
      if (before.block.text !== "") out.push(before);
    }
    const marker = matchListMarker(line, true);
    start = at + (marker ? line.length - marker.text.length : 0);
    inItem = true;
  }
  const last = piece(block, start, block.text.length, true);
  if (last.block.text !== "") out.push(last);
  return out;
}

/** Return `items` with hand-typed bullet paragraphs turned into list items. */
export function splitBulletParagraphs(items: readonly LinedBlock[]): LinedBlock[] {
  const out: LinedBlock[] = [];
  for (const [i, item] of items.entries()) {
    if (item.block.kind !== "paragraph") {
      out.push(item);
      continue;
    }
    const previous = out[out.length - 1]?.block;
    const nextFirst = items[i + 1]?.block.kind === "paragraph" ? (items[i + 1]?.lines[0] ?? "") : "";
    const firstLine = item.lines[0] ?? "";
    // A dash starts prose too ("– if it can be called that –"): only trust it in a list's company.
    const dashes =
      previous?.kind === "listItem" ||
      (previous?.kind === "paragraph" && /:\s*$/.test(previous.text)) ||
      (DASH_RE.test(firstLine) && DASH_RE.test(nextFirst)) ||
      item.lines.filter((l) => DASH_RE.test(l)).length >= 2;
    const split = splitAtBullets(item, dashes);
    for (const part of split ?? [item]) out.push(part);
  }
  return out;
}

/**
 * The title block and title field, shared by all parsers.
 */
import type { ImportedBlock } from "./types.ts";
import { TITLE_WORDS } from "./label-words.ts";
import { RUNNING_HEAD_RE } from "./meta-lines.ts";

/** The document title field is a label, not content: cap it (the title block keeps the full text). */
const MAX_TITLE_LENGTH = 500;

/**
 * A character that shows: not white space, not a format or filler character (soft hyphen,
 * zero-width space and joiners, directional marks and controls, word joiner, BOM, Hangul and
 * Braille blanks), not a combining mark (a variation selector among them) standing for nothing on its own.
 * The same set the name policy counts as invisible (common/text-policy.ts).
 */
const VISIBLE_RE = /[^\s\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202f\u205f-\u2064\u206a-\u206f\u2800\u3000\u3164\ufeff\uffa0\p{M}]/u;

/** Does `text` hold anything a reader sees? A line of zero-width spaces and soft hyphens does not. */
export function hasVisibleText(text: string): boolean {
  return VISIBLE_RE.test(text);
}

/**
 * What a label may not carry (the name policy, common/text-policy.ts): control characters (a
 * line break, a tab: a space instead) and the bidirectional embeddings, overrides and isolates,
 * which make a name display as something else or reorder what follows it in a list. The title
 * block keeps them as the source has them.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this takes out
const NOT_IN_LABELS_RE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;
const SPACING_CONTROL_RE = /[\t\n\v\f\r\u0085]/u;

export function titleField(title: string): string {
  const text = title.replace(NOT_IN_LABELS_RE, (c) => (SPACING_CONTROL_RE.test(c) ? " " : ""));
  if (text.length <= MAX_TITLE_LENGTH) return text;
  // Do not cut a surrogate pair in half.
  const end = /[\uD800-\uDBFF]/.test(text[MAX_TITLE_LENGTH - 1] ?? "") ? MAX_TITLE_LENGTH - 1 : MAX_TITLE_LENGTH;
  return text.slice(0, end);
}

/** Do two titles read the same (case and spacing aside)? */
export function sameText(a: string, b: string): boolean {
  return a.replace(/\s+/g, " ").trim().toLowerCase() === b.replace(/\s+/g, " ").trim().toLowerCase();
}

export function makeTitleBlock(text: string): ImportedBlock {
  return { kind: "heading", level: 1, role: "title", text };
}

/** "Title: The Limits of Hedging", "TITLE — …", "标题：…": the label before a title on its line. */
const TITLE_LABEL_RE = new RegExp(`^\\s*${TITLE_WORDS}\\s*[:：]\\s*`, "iu");
/** A title's label alone on its line ("Title:"), the title on the next. */
const TITLE_LABEL_ONLY_RE = new RegExp(`^\\s*${TITLE_WORDS}\\s*[:：]\\s*$`, "iu");
/** The title a label stands above is a line, not a paragraph of prose. */
const MAX_LABELLED_TITLE_CHARS = 300;

/** `text` without a title label opening it ("Title: X" -> "X"); as it is when it has none or nothing follows the label. */
export function unlabelledTitle(text: string): string {
  const m = TITLE_LABEL_RE.exec(text);
  return m && hasVisibleText(text.slice(m[0].length)) ? text.slice(m[0].length) : text;
}

/** Is `text` a title's label and nothing else ("Title:")? */
export function isTitleLabel(text: string): boolean {
  return TITLE_LABEL_ONLY_RE.test(text);
}

/** `block` with its first `cut` characters gone, its marks moved with the text (those inside the cut dropped). */
function withoutOpening(block: ImportedBlock, cut: number): ImportedBlock {
  const out: ImportedBlock = { ...block, text: block.text.slice(cut) };
  if (block.marks) {
    const marks = block.marks.filter((m) => m.end > cut).map((m) => ({ ...m, start: Math.max(0, m.start - cut), end: m.end - cut }));
    if (marks.length > 0) out.marks = marks;
    else delete out.marks;
  }
  return out;
}

/** The block under a title's label or a running head that can be the title: a line of text, not a list or a note. */
function titleUnder(next: ImportedBlock | undefined): next is ImportedBlock {
  if (!next || (next.kind !== "paragraph" && next.kind !== "heading") || (next.role !== undefined && next.role !== "subtitle")) return false;
  return next.text.length <= MAX_LABELLED_TITLE_CHARS && hasVisibleText(next.text) && !TITLE_LABEL_RE.test(next.text);
}

/** `block` as the title heading, its marks kept. */
const asTitle = (block: ImportedBlock): ImportedBlock => ({ ...makeTitleBlock(block.text), ...(block.marks ? { marks: block.marks } : {}) });

/**
 * The blocks with the title block's label gone: a title written after "Title:" on its line is
 * the text after it; a "Title:" alone on its line gives the title role to the line under it (a
 * paragraph or heading of a line's length, read as a subtitle when the label was taken for the
 * title). A manuscript's running head ("Running head: LIMITS OF HEDGING") taken for the title
 * gives the title role to the line under it too, and stays as a note after it. Other blocks are
 * left as they are.
 */
export function withoutTitleLabel(blocks: readonly ImportedBlock[]): readonly ImportedBlock[] {
  const [first, next] = blocks;
  if (first?.role !== "title") return blocks;
  if (RUNNING_HEAD_RE.test(first.text.trim())) {
    if (!titleUnder(next)) return blocks;
    const head: ImportedBlock = { kind: "meta", role: "other", text: first.text, ...(first.marks ? { marks: first.marks } : {}) };
    return withoutTitleLabel([asTitle(next), head, ...blocks.slice(2)]);
  }
  const m = TITLE_LABEL_RE.exec(first.text);
  if (!m) return blocks;
  if (hasVisibleText(first.text.slice(m[0].length))) return [withoutOpening(first, m[0].length), ...blocks.slice(1)];
  if (!TITLE_LABEL_ONLY_RE.test(first.text) || !titleUnder(next)) return blocks;
  return [asTitle(next), ...blocks.slice(2)];
}

/**
 * The blocks with a "subtitle" that repeats the title made a plain heading: a manuscript repeats
 * its title over the first page of its text (APA's title page, then the title again above the
 * introduction), which is where the body starts, not a subtitle.
 */
export function withRepeatedTitleAsHeading(blocks: readonly ImportedBlock[]): readonly ImportedBlock[] {
  const title = blocks[0]?.role === "title" ? blocks[0].text : undefined;
  if (title === undefined) return blocks;
  const at = blocks.findIndex((block, i) => i > 0 && block.role === "subtitle" && sameText(block.text, title));
  if (at < 0) return blocks;
  const { role: _subtitle, ...heading } = blocks[at]!;
  return [...blocks.slice(0, at), { ...heading, kind: "heading", level: 2 }, ...blocks.slice(at + 1)];
}

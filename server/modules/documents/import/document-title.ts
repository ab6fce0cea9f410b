/**
 * The title block and title field, shared by all parsers.
 */
import type { ImportedBlock, MetaRole } from "./types.ts";
import type { LinedBlock } from "./front-matter.ts";
import { MEMO_FROM_WORDS, RUBRIC_WORDS, TITLE_WORDS } from "./label-words.ts";
import { classifyMetaLine, isDateline, isDocumentTypeLine, isPreprintStamp, isProseLine, MEMO_SUBJECT_RE, RUNNING_HEAD_RE, wordCount } from "./meta-lines.ts";
import { parseNameLine } from "./names.ts";

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

/** "Title: The Limits of Hedging", "标题：…": the label before a title on its line. */
const TITLE_LABEL_RE = new RegExp(`^\\s*${TITLE_WORDS}\\s*[:：]\\s*`, "iu");
/** A title's label alone on its line ("Title:"), the title on the next. */
const TITLE_LABEL_ONLY_RE = new RegExp(`^\\s*${TITLE_WORDS}\\s*[:：]\\s*$`, "iu");
/** The title a label, a running head or a cover line stands above is a line, not a paragraph of prose. */
const MAX_LABELLED_TITLE_CHARS = 300;
/** "MEMORANDUM FOR THE SECRETARY OF DEFENSE", "Information Memo", "Memo to File": a memo's head line. */
const MEMO_HEAD_RE = /^(?:(?:Information|Action|Decision|Policy|Briefing|Internal|Office)\s+)?Memo(?:randum)?(?:\s+(?:for|to)\s.{1,150})?$/iu;
/** A memo's sender over the rest of its header: "FROM: …". */
const MEMO_FROM_RE = new RegExp(`^${MEMO_FROM_WORDS}\\s*[:：]\\s*\\S`, "iu");
/** How far into the front matter a memo's subject line is looked for. */
const MEMO_HEADER_BLOCKS = 12;

/**
 * The title as the document's name: without a label opening its line ("Title: X" -> "X"; with
 * `memo`, a memo's "SUBJECT: X" too); as it is when it has none or nothing follows the label.
 */
export function unlabelledTitle(text: string, memo = false): string {
  for (const re of memo ? [TITLE_LABEL_RE, MEMO_SUBJECT_RE] : [TITLE_LABEL_RE]) {
    const m = re.exec(text);
    if (m && hasVisibleText(text.slice(m[0].length))) return text.slice(m[0].length);
  }
  return text;
}

/** Is `text` a title's label and nothing else ("Title:")? */
export function isTitleLabel(text: string): boolean {
  return TITLE_LABEL_ONLY_RE.test(text);
}

/** The block under a title's label, a running head or a cover line that can be the title: a line of text, not a list or a note. */
function titleUnder(next: ImportedBlock | undefined): next is ImportedBlock {
  if (!next || (next.kind !== "paragraph" && next.kind !== "heading") || (next.role !== undefined && next.role !== "subtitle")) return false;
  return next.text.length <= MAX_LABELLED_TITLE_CHARS && hasVisibleText(next.text) && !TITLE_LABEL_RE.test(next.text);
}

/** `block`, its text and marks as they are, as the title heading. */
const asTitle = (block: ImportedBlock): ImportedBlock => ({ ...makeTitleBlock(block.text), ...(block.marks ? { marks: block.marks } : {}) });

/**
 * A line that was taken for the title once another is: an author ("FROM: …"), a date or issue
 * line, a note (a document's kind, "MEMORANDUM"; a running head; a label).
 */
function coverLineBlock(block: ImportedBlock): ImportedBlock {
  const cls = classifyMetaLine(block.text);
  // A document's kind alone ("MEMORANDUM", "Policy Brief") dates nothing: the memo's "DATE:" line is its date.
  const dated = cls?.role !== "dateline" || /\p{N}/u.test(block.text);
  const role = cls && dated ? cls.role : parseNameLine(block.text) ? "author" : isDateline(block.text) && dated ? "dateline" : "other";
  return { kind: "meta", role, text: block.text, ...(block.marks ? { marks: block.marks } : {}) };
}

/** Small words a title in capitals is wrapped before or after ("… SUBNATIONAL DEBT LIMITS / IN FEDERAL SYSTEMS"). */
const TITLE_JOIN_WORD =
  "(?:OF|THE|A|AN|AND|OR|AT|IN|INTO|FOR|TO|ON|WITH|FROM|AFTER|BEFORE|BETWEEN|UNDER|OVER|ABOUT|AGAINST|AMONG|WITHIN|DE|DES|DU|LA|LE|LES|ET|EN|DEL|LOS|LAS|Y|DER|DIE|DAS|UND|FÜR|ZU|IM)";
const TITLE_ENDS_OPEN_RE = new RegExp(`(?:,|[-–—:]|(?<!\\p{L})${TITLE_JOIN_WORD})$`, "u");
const TITLE_OPENS_ON_RE = new RegExp(`^${TITLE_JOIN_WORD}(?!\\p{L})`, "u");
/** A title in capitals runs over at most this many lines. */
const MAX_TITLE_LINES = 3;

/** Does `next` go on with a title set in capitals (LaTeX's amsart title, wrapped)? */
function continuesCapsTitle(title: string, next: string): boolean {
  if (/\p{Ll}/u.test(title) || /\p{Ll}/u.test(next) || !/\p{Lu}/u.test(next)) return false;
  return TITLE_ENDS_OPEN_RE.test(title) || TITLE_OPENS_ON_RE.test(next);
}

/** A title's wrapped line in lower case opens with a word that joins it to the line above ("with Large Language Models"); "by" opens a byline. */
const TITLE_GOES_ON_RE =
  /^(?:of|the|and|or|at|in|into|for|to|on|with|from|after|before|between|under|over|about|against|among|within|versus|beyond|through|without|amid|across|de|des|du|et|en|del|y|der|die|und|für|im)\s/u;
/** Is a title's wrapped line this long at most. */
const MAX_TITLE_LINE_CHARS = 120;

/** Does `next` go on with a title in mixed case, wrapped ("Measuring Persuasion in Diplomatic Cables" / "with Large Language Models")? */
function continuesTitle(title: string, next: string): boolean {
  if (continuesCapsTitle(title, next)) return true;
  // "Debt Brakes and Public Investment:" / "Evidence from European Federations": a title and its subtitle, wrapped at the colon.
  if (/\p{Ll}/u.test(title) && /[:：]$/u.test(title) && !TITLE_LABEL_ONLY_RE.test(title) && classifyMetaLine(title) === null && next.length <= MAX_TITLE_LINE_CHARS && !/[.!?;,]$/u.test(next) && !isProseLine(next) && classifyMetaLine(next) === null && !parseNameLine(next)) {
    return true;
  }
  return (
    /\p{Ll}/u.test(title) &&
    !/[.!?:;,]$/u.test(title) &&
    next.length <= MAX_TITLE_LINE_CHARS &&
    TITLE_GOES_ON_RE.test(next) &&
    !/[.!?;,]$/u.test(next) &&
    !isProseLine(next) &&
    classifyMetaLine(next) === null
  );
}

/** How many of `lines`, from the first, make up the title: its first line and the lines it is wrapped over. */
export function titleLineCount(lines: readonly string[]): number {
  if (lines.length === 0) return 0;
  let title = lines[0]!;
  let n = 1;
  while (n < Math.min(lines.length, MAX_TITLE_LINES) && continuesTitle(title, lines[n]!)) title += ` ${lines[n++]!}`;
  return n;
}

/** A rubric's parts: "OPINION | FOREIGN POLICY", "Analysis · Europe", "Essay — Trade" (a colon makes a title: "Analysis: Why …"). */
const RUBRIC_SEPARATOR_RE = /\s*[|·•/]\s*|\s+[—–-]\s+/u;
const RUBRIC_RE = new RegExp(`^${RUBRIC_WORDS}$`, "iu");
/** A rubric is a label, not a headline. */
const MAX_RUBRIC_CHARS = 80;
const MAX_RUBRIC_PART_WORDS = 5;
/** Lines over the title that may each be a cover line ("ESSAY", then a preprint's stamp). */
const MAX_COVER_LINES = 3;

/** "ESSAY", "OPINION | FOREIGN POLICY", "Research Article": what kind of piece follows, printed above its title. */
export function isRubricLine(text: string): boolean {
  const t = text.trim();
  if (t === "" || t.length > MAX_RUBRIC_CHARS) return false;
  const parts = t.split(RUBRIC_SEPARATOR_RE);
  return parts.every((p) => p !== "" && wordCount(p) <= MAX_RUBRIC_PART_WORDS && !/[.!?;:,]$/u.test(p)) && parts.some((p) => RUBRIC_RE.test(p));
}

/**
 * A line printed above a title that is not the title: a rubric, a preprint server's stamp
 * ("arXiv:2603.01234v2 [cs.CL] 3 Mar 2026"), a report's kind or series ("WORKING PAPER NO. 23-4").
 */
export function isCoverLine(text: string): boolean {
  return isRubricLine(text) || isPreprintStamp(text) || isDocumentTypeLine(text);
}

/** A year in a line: what makes a cover line a date and not only a series number ("WORKING PAPER NO. 23-4"). */
const YEAR_IN_LINE_RE = /(?<!\d)(?:1[89]|20)\d{2}(?!\d)/u;

/** A cover line's role: the date when it gives one ("POLICY BRIEF | No. 14 | March 2026"), else a note. */
function coverLineRole(text: string): MetaRole {
  return !isPreprintStamp(text) && isDateline(text) && YEAR_IN_LINE_RE.test(text) ? "dateline" : "other";
}

/** A cover line as the note (or date) it is, its text and marks as they are. */
export function coverNote(block: ImportedBlock): ImportedBlock {
  return { kind: "meta", role: coverLineRole(block.text), text: block.text, ...(block.marks ? { marks: block.marks } : {}) };
}

/** Under a report's series line, its publisher ("Center for Fiscal Studies"): part of the cover, not the title. */
function isPublisherLine(text: string, above: string): boolean {
  return isDocumentTypeLine(above) && classifyMetaLine(text)?.role === "affiliation";
}

/** Can `line`, under a cover line, be the title: a line's length, no sentence, not front matter (a label, a date, a name)? */
export function canTitleCoverLine(line: string): boolean {
  const t = line.trim();
  return (
    t.length <= MAX_LABELLED_TITLE_CHARS &&
    hasVisibleText(t) &&
    !/[.;,]$/u.test(t) &&
    !isProseLine(t) &&
    !isCoverLine(t) &&
    classifyMetaLine(t) === null &&
    !parseNameLine(t) &&
    !TITLE_LABEL_RE.test(t)
  );
}

/**
 * How many of the lines a parser takes its title from are cover lines above the title (a
 * rubric, a preprint's stamp, a report's series and publisher): each must have a line under it
 * that can be the title; none when the run has no such line under it.
 */
export function coverLinesAbove(lines: readonly string[]): number {
  let at = 0;
  const cover = (i: number) => isCoverLine(lines[i]!) || (i > 0 && isPublisherLine(lines[i]!, lines[i - 1]!));
  while (at < MAX_COVER_LINES && at + 1 < lines.length && cover(at) && (cover(at + 1) || canTitleCoverLine(lines[at + 1]!))) at++;
  // A run of cover lines with no title under it: none of them is one.
  return at > 0 && canTitleCoverLine(lines[at]!) ? at : 0;
}

/**
 * `items` with the title (at `index`) moved below the cover lines it turned out to be: each
 * becomes a note before the title, and the first line of the item under it the title (the rest
 * of that item stays where it was). Returns the title's index.
 */
export function titleBelowCoverLines(items: LinedBlock[], index: number): number {
  const title = items[index];
  if (!title) return index;
  const lines = [title.block.text];
  for (let i = index + 1; i < items.length && lines.length <= MAX_COVER_LINES; i++) {
    const item = items[i]!;
    if (item.block.kind !== "paragraph" && item.block.kind !== "heading") break;
    lines.push(item.lines[0] ?? item.block.text);
    // Only an item's first line can be a cover line or the title under one.
    if (item.lines.length > 1) break;
  }
  const covers = coverLinesAbove(lines);
  if (covers === 0) return index;
  for (let i = index; i < index + covers; i++) items[i]!.block = coverNote(items[i]!.block);
  const at = index + covers;
  titleFromItem(items, at, true);
  return at;
}

/**
 * The item at `at` made the title: its first line and the lines that line is wrapped over; the
 * rest of the item stays after it, without its marks (they pointed into the whole). With
 * `keepMarks`, a title that is the whole item keeps the item's marks.
 */
export function titleFromItem(items: LinedBlock[], at: number, keepMarks = false): void {
  const item = items[at]!;
  const lines = item.lines.length > 0 ? item.lines : [item.block.text];
  const wrapped = Math.max(1, titleLineCount(lines.map((l) => l.trim())));
  const line = lines.slice(0, wrapped).join(" ");
  const rest = lines.slice(wrapped);
  const titled: LinedBlock = { block: rest.length === 0 && keepMarks ? asTitle(item.block) : makeTitleBlock(line), lines: [line] };
  if (rest.length === 0) items.splice(at, 1, titled);
  else {
    const { marks: _marks, ...shape } = item.block;
    items.splice(at, 1, titled, { block: { ...shape, text: rest.join(" ") }, lines: rest });
  }
}

/** Blocks before the title read for cover lines, at most. */
const MAX_BLOCKS_BEFORE_TITLE = 12;

/**
 * The blocks with a rubric or a preprint's stamp standing as a paragraph before the title (a
 * page's "Research Article" over its <h1>) made a note, as a cover line over a title always is.
 */
export function withCoverLinesAsNotes(blocks: readonly ImportedBlock[]): readonly ImportedBlock[] {
  const title = blocks.findIndex((block, i) => block.role === "title" || i >= MAX_BLOCKS_BEFORE_TITLE);
  if (title <= 0 || blocks[title]?.role !== "title") return blocks;
  const before = blocks.slice(0, title);
  if (!before.some((block) => block.kind !== "meta" && isCoverLine(block.text))) return blocks;
  const notes = before.map((block) => (block.kind !== "meta" && isCoverLine(block.text) ? coverNote(block) : block));
  return [...notes, ...blocks.slice(title)];
}

/**
 * Which block is the title when the first line is not one (blocks keep their order and text;
 * only roles change):
 * - a "Title:" standing alone: the line under it (a paragraph or heading of a line's length,
 *   read as a subtitle when the label was taken for the title); "Title: X" on one line stays the
 *   title, its label left out of the document's name (unlabelledTitle);
 * - a manuscript's running head ("Running head: LIMITS OF HEDGING"): the line under it;
 * - a memo, its first line a cover line ("MEMORANDUM", "Policy Brief | No. 14") or one of its
 *   header lines ("TO: …", "FROM: …"): its "SUBJECT:" line among the front matter under it; the
 *   header's lines read as a memo's (the sender an author, a subtitle-like line a note);
 * - a cover line without a subject line: the line under it the front matter read as a subtitle.
 */
export function withTitleRoles(blocks: readonly ImportedBlock[]): readonly ImportedBlock[] {
  const [first, next] = blocks;
  // A label, a running head or a cover line is a short line (and the rules reading it then stay cheap).
  if (first?.role !== "title" || first.text.length > MAX_LABELLED_TITLE_CHARS) return blocks;
  const text = first.text.trim();
  if (RUNNING_HEAD_RE.test(text) || TITLE_LABEL_ONLY_RE.test(text)) {
    if (!titleUnder(next)) return blocks;
    return [{ ...coverLineBlock(first), role: "other" }, asTitle(next), ...blocks.slice(2)];
  }
  const cover = isDateline(text) || MEMO_HEAD_RE.test(text);
  if (!cover && classifyMetaLine(text)?.labelled !== true && !MEMO_FROM_RE.test(text)) return blocks;
  let end = 1;
  while (end < blocks.length && end <= MEMO_HEADER_BLOCKS && (blocks[end]!.kind === "meta" || blocks[end]!.role === "subtitle")) end++;
  const at = blocks.slice(1, end).findIndex((b) => MEMO_SUBJECT_RE.test(b.text) && hasVisibleText(b.text.replace(MEMO_SUBJECT_RE, ""))) + 1;
  if (at > 0) {
    // "FROM: Under Secretary …" read as a subtitle is the sender's line; a second "MEMORANDUM" dates nothing.
    const header = blocks.slice(0, end).map((b, i) =>
      i === at ? asTitle(b) : i === 0 || b.role === "subtitle" || (b.role === "dateline" && !/\p{N}/u.test(b.text)) ? coverLineBlock(b) : b,
    );
    return [...header, ...blocks.slice(end)];
  }
  // Under a cover line, a line the front matter read as a subtitle is the title, unless it reads as front matter itself.
  if (!cover || !next || next.role !== "subtitle" || !titleUnder(next) || classifyMetaLine(next.text) || parseNameLine(next.text)) return blocks;
  return [coverLineBlock(first), asTitle(next), ...blocks.slice(2)];
}

/**
 * The blocks with a "subtitle" that repeats the title made a plain heading: a manuscript repeats
 * its title over the first page of its text (APA's title page, then the title again above the
 * introduction), which is where the body starts, not a subtitle.
 */
export function withRepeatedTitleAsHeading(blocks: readonly ImportedBlock[]): readonly ImportedBlock[] {
  const title = blocks.find((block) => block.role === "title")?.text;
  if (title === undefined) return blocks;
  const at = blocks.findIndex((block) => block.role === "subtitle" && sameText(block.text, title));
  if (at < 0) return blocks;
  const { role: _subtitle, ...heading } = blocks[at]!;
  return [...blocks.slice(0, at), { ...heading, kind: "heading", level: 2 }, ...blocks.slice(at + 1)];
}

/**
 * Line shapes of journal-style plain text: list markers, quote markers and
 * the "short line without final punctuation" heading rule.
 */

export interface ListMarker {
  /** Indentation width (tab = 4 columns). */
  indent: number;
  ordered: boolean;
  /** The item text with the marker and the whitespace after it removed. */
  text: string;
}

/** Bullets that never start a prose line, so they are trusted anywhere. */
const UNAMBIGUOUS_BULLET_RE = /^(\s*)[•‣◦▪●○■][ \t\u00a0]+(?=\S)/u;
/**
 * Hyphens, asterisks and dashes also start wrapped prose lines ("— if it can
 * be called that —"), so they only count at the start of a chunk, inside a
 * list, or after a line ending in a colon.
 */
const DASH_BULLET_RE = /^(\s*)[-*–—][ \t\u00a0]+(?=\S)/u;
/** "1." "1)" "(1)" "(a)" "a)" "(iv)"; at most three digits so "2024." in prose is not a marker. */
const NUMBER_MARKER_RE =
  /^(\s*)(?:\d{1,3}[.)]|\(\d{1,3}\)|\([a-z]\)|[a-z]\)|\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\))[ \t\u00a0]+(?=\S)/u;
const QUOTE_MARKER_RE = /^\s*>/;

export function indentWidth(line: string): number {
  let width = 0;
  for (const ch of line) {
    if (ch === "\t") width += 4;
    else if (/\s/.test(ch)) width += 1;
    else break;
  }
  return width;
}

/**
 * Match a list marker at the start of `line`. `listContext` says whether a
 * dash or number may open an item here (see DASH_BULLET_RE).
 */
export function matchListMarker(line: string, listContext: boolean): ListMarker | null {
  const bullet = UNAMBIGUOUS_BULLET_RE.exec(line);
  if (bullet) return { indent: indentWidth(line), ordered: false, text: line.slice(bullet[0].length).trim() };
  if (!listContext) return null;
  const dash = DASH_BULLET_RE.exec(line);
  if (dash) return { indent: indentWidth(line), ordered: false, text: line.slice(dash[0].length).trim() };
  const numbered = NUMBER_MARKER_RE.exec(line);
  if (numbered) return { indent: indentWidth(line), ordered: true, text: line.slice(numbered[0].length).trim() };
  return null;
}

/** Could the line open a list or a quote? Such a unit ends the front matter. */
export function startsWithMarker(line: string): boolean {
  return matchListMarker(line, true) !== null || QUOTE_MARKER_RE.test(line);
}

export function isQuoteMarked(line: string): boolean {
  return QUOTE_MARKER_RE.test(line);
}

/** Remove one level of ">" quoting. */
export function stripQuoteMarker(line: string): string {
  return line.replace(/^\s*>[ \t]?/, "").trim();
}

/**
 * A sentence's or a clause's end, in Latin script and in the others': the ideographic full stop
 * and full-width marks of Chinese and Japanese ("。", "！", "？", "：", "；", "，", "、"), Arabic's
 * question mark, semicolon and comma, Urdu's full stop, Devanagari's danda; then closing quotes
 * and brackets of either kind.
 */
const FINAL_PUNCTUATION_RE = /[.!?:;,…。．！？：；，、؟؛،۔।॥]["'”’»)\]」』）】〉》]*$/u;

/**
 * A heading is a short line standing alone between blank lines: at most 80
 * characters and 12 words, mostly letters, not starting in lower case, and
 * without final punctuation (a sentence or a lead-in ends with some). Lines
 * of numbers, addresses or links ("ORCID: 0000-…", "a@b.org") are not headings.
 */
export function isHeadingLine(line: string): boolean {
  const t = line.trim();
  if (t.length === 0 || t.length > 80 || t.split(/\s+/).length > 12) return false;
  if (/^\p{Ll}/u.test(t) || /@|:\/\//.test(t)) return false;
  const letters = t.match(/\p{L}/gu)?.length ?? 0;
  if (letters * 2 < t.replace(/\s/g, "").length) return false;
  return !FINAL_PUNCTUATION_RE.test(t);
}

const OPENING_QUOTE_RE = /^["“‘'«„]/u;
const CLOSING_QUOTE_RE = /["”’'»“][.,;]?$/u;

/** An indented (4+ columns) run of lines wrapped in quotation marks: a block quotation. */
export function isIndentedQuotation(lines: readonly string[]): boolean {
  if (!lines.every((l) => l.trim() === "" || indentWidth(l) >= 4)) return false;
  const joined = lines.map((l) => l.trim()).filter((l) => l !== "").join(" ");
  return joined.length > 1 && OPENING_QUOTE_RE.test(joined) && CLOSING_QUOTE_RE.test(joined);
}

/** Hard-wrapped journals never exceed ~100 columns; a longer line ending a sentence is a paragraph of its own. */
export function endsUnwrappedParagraph(line: string): boolean {
  const t = line.trim();
  return t.length > 120 && /[.!?…]["'”’»)\]]*$/u.test(t);
}

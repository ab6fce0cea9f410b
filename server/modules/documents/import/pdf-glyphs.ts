/**
 * Text as some PDF makers draw it, put back into characters:
 * - an accent drawn over its letter as a glyph of its own (TeX's older fonts set "í" as "´"
 *   over a dotless "ı"): the two overlap on the page, and become one letter;
 * - note marks set small and raised ("Brenner²,∗"): TeX's "∗" (the asterisk operator) is the
 *   "*" every other maker writes, so the mark reads the same in any format.
 */

/** Spacing accents and the combining marks they stand for. */
const COMBINING: Record<string, string> = {
  "\u00b4": "\u0301", // ´ acute
  "`": "\u0300", // grave
  "\u02cb": "\u0300",
  "\u02c6": "\u0302", // ˆ circumflex
  "^": "\u0302",
  "\u02dc": "\u0303", // ˜ tilde
  "~": "\u0303",
  "\u00a8": "\u0308", // ¨ diaeresis
  "\u02da": "\u030a", // ˚ ring
  "\u00b8": "\u0327", // ¸ cedilla
  "\u02c7": "\u030c", // ˇ caron
  "\u02d8": "\u0306", // ˘ breve
  "\u00af": "\u0304", // ¯ macron
  "\u02c9": "\u0304",
  "\u02d9": "\u0307", // ˙ dot above
  "\u02dd": "\u030b", // ˝ double acute
  "\u02db": "\u0328", // ˛ ogonek
};

/** The dotless letters an accent is set over. */
const DOTLESS: Record<string, string> = { "\u0131": "i", "\u0237": "j" };

const LETTER_RE = /^\p{L}$/u;

/**
 * `before` ends where `after` begins, and the two overlapped on the page: if one side is a lone
 * spacing accent and the other a letter, the letter with its accent, and the rest of each side.
 */
export function joinAccent(before: string, after: string): string | null {
  const last = before.slice(-1);
  const first = after.slice(0, 1);
  const accentFirst = COMBINING[last] !== undefined && LETTER_RE.test(first);
  const accentAfter = COMBINING[first] !== undefined && LETTER_RE.test(last);
  if (accentFirst) return `${before.slice(0, -1)}${((DOTLESS[first] ?? first) + COMBINING[last]!).normalize("NFC")}${after.slice(1)}`;
  if (accentAfter) return `${before.slice(0, -1)}${((DOTLESS[last] ?? last) + COMBINING[first]!).normalize("NFC")}${after.slice(1)}`;
  return null;
}

/** What a raised note mark may hold: digits, symbols, commas between them. */
const MARK_RE = /^[\s\d,*∗†‡§¶#]+$/u;

/** A small raised run of note marks, written as a mark ("∗" as "*"); null when it is not one. */
export function noteMark(text: string): string | null {
  if (!MARK_RE.test(text) || text.trim() === "") return null;
  return text.replace(/∗/g, "*");
}

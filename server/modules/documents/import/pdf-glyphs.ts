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

/*
 * TeX's fonts embedded as bitmaps (Type 3 fonts pdfTeX makes when it finds no outline font) name
 * no characters, so a PDF reader gives their raw codes: in the control range, where TeX's font
 * encodings keep ligatures, dashes and accents. Control characters are never text, so these are
 * read by the encoding that fits: T1 (the usual one: "fi" is 0x1C) or TeX's original OT1 ("fi"
 * is 0x0C), whichever explains more of them.
 */
const T1_CODES: Record<number, string> = {
  0x00: "`", 0x01: "\u00b4", 0x02: "\u02c6", 0x03: "\u02dc", 0x04: "\u00a8", 0x05: "\u02dd", 0x06: "\u02da", 0x07: "\u02c7",
  0x08: "\u02d8", 0x09: "\u00af", 0x0a: "\u02d9", 0x0b: "\u00b8", 0x0c: "\u02db", 0x0d: "\u201a", 0x0e: "\u2039", 0x0f: "\u203a",
  0x10: "\u201c", 0x11: "\u201d", 0x12: "\u201e", 0x13: "\u00ab", 0x14: "\u00bb", 0x15: "\u2013", 0x16: "\u2014", 0x17: "",
  0x18: "", 0x19: "\u0131", 0x1a: "\u0237", 0x1b: "ff", 0x1c: "fi", 0x1d: "fl", 0x1e: "ffi", 0x1f: "ffl", 0x7f: "-",
};
const OT1_CODES: Record<number, string> = {
  0x0b: "ff", 0x0c: "fi", 0x0d: "fl", 0x0e: "ffi", 0x0f: "ffl", 0x10: "\u0131", 0x11: "\u0237", 0x12: "`", 0x13: "\u00b4",
  0x14: "\u02c7", 0x15: "\u02d8", 0x16: "\u00af", 0x17: "\u02da", 0x18: "\u00b8", 0x19: "\u00df", 0x1a: "\u00e6", 0x1b: "\u0153",
  0x1c: "\u00f8", 0x1d: "\u00c6", 0x1e: "\u0152", 0x1f: "\u00d8",
};
/** A control character a font code can leave (tab and line feeds aside, which a PDF reader does not give). */
const isControl = (code: number) => (code < 0x20 && code !== 0x09 && code !== 0x0a) || code === 0x7f;

function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isControl(text.charCodeAt(i))) return true;
  return false;
}

/**
 * A function that reads control characters in the texts as TeX font codes (see above), or null
 * when there are none (the usual case: nothing to do).
 */
export function texCodeReader(texts: Iterable<string>): ((text: string) => string) | null {
  // Codes each encoding reads as ligatures, the commonest glyphs of the range in running text.
  let t1 = 0;
  let ot1 = 0;
  let any = false;
  for (const text of texts) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (!isControl(code)) continue;
      any = true;
      if (code >= 0x1b && code <= 0x1f) t1++;
      else if (code >= 0x0b && code <= 0x0f) ot1++;
    }
  }
  if (!any) return null;
  const codes = ot1 > t1 ? OT1_CODES : T1_CODES;
  return (text) => {
    if (!hasControl(text)) return text;
    let out = "";
    for (const ch of text) out += isControl(ch.charCodeAt(0)) ? (codes[ch.charCodeAt(0)] ?? "") : ch;
    return out;
  };
}

/**
 * Which single-byte code page a text file that is not UTF-8 was saved in.
 * Windows tools save "ANSI" text in the system's code page: Windows-1252 in
 * Western Europe and the Americas, 1250 in Central Europe (Polish, Czech,
 * Slovak, Hungarian, Croatian, Slovenian, Romanian), 1251 for Cyrillic,
 * 1253 for Greek (ISO-8859-7 on older Unix systems), 1254 for Turkish.
 * The same byte is a different letter in each, so the file is decoded in
 * each candidate and the reading that looks most like one language's text
 * is kept:
 *
 * - each letter above ASCII counts for the candidate when it belongs to one
 *   of the candidate's languages and against it when not (a Polish "ą" read
 *   as Windows-1252 is "¹", a Czech "ř" is the Danish "ø": neither is a
 *   Polish or Czech letter, and no single Western language has all of a
 *   Czech text's letters);
 * - a capital right after a small letter in one word counts against it (a
 *   Greek "ά" read as Cyrillic is "Ь" in the middle of a small-letter word),
 *   and so does a letter of another script next to it (a French "é" read as
 *   Cyrillic is the "й" of "rйforme");
 * - a symbol or superscript digit touching a letter ("mo¿na", "pañstwa³")
 *   counts against it, and a byte the code page leaves unassigned (U+FFFD or
 *   a C1 control) counts three times against it.
 *
 * Ties go to the earlier candidate, so Windows-1252 wins whenever the text
 * reads the same in it (German, or English with curly quotes).
 */

export type LegacyEncoding = "windows-1252" | "windows-1250" | "windows-1254" | "windows-1253" | "iso-8859-7" | "windows-1251";

/** Windows-1252's characters for the bytes 0x80-0x9F (Latin-1 has C1 controls there); five are unassigned. */
const WINDOWS_1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

/** Windows-1252 decoded by hand: Node's own decoder for it reads 0x80-0x9F as Latin-1 does. */
function decodeWindows1252(buf: Buffer): string {
  return buf.toString("latin1").replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

/** Text in `encoding` (Node's decoders for the other code pages map 0x80-0x9F as the code pages do). */
export function decodeLegacy(buf: Buffer, encoding: LegacyEncoding): string {
  return encoding === "windows-1252" ? decodeWindows1252(buf) : new TextDecoder(encoding).decode(buf);
}

/** A language's letters above ASCII: a string of them, or a test for a whole script. */
type Letters = string | ((code: number) => boolean);

const GREEK: Letters = (code) => code >= 0x0370 && code <= 0x03ff;
const CYRILLIC: Letters = (code) => code >= 0x0400 && code <= 0x04ff;

/** Small letters of each language (capitals are derived); one entry per language written in the code page. */
const LANGUAGES: Record<LegacyEncoding, readonly Letters[]> = {
  "windows-1252": [
    "àâæçéèêëîïôœùûüÿ", // French
    "äöüß", // German
    "áéíñóúü", // Spanish
    "áàâãçéêíóôõú", // Portuguese
    "àèéìíîòóù", // Italian
    "àçèéíïòóú", // Catalan
    "åæøäöé", // Danish, Norwegian, Swedish
    "áðéíóúýþæö", // Icelandic
    "äöšž", // Finnish, Estonian
    "éëïöüèáó", // Dutch, Afrikaans
  ],
  "windows-1250": [
    "ąćęłńóśźż", // Polish
    "áčďéěíňóřšťúůýž", // Czech
    "áäčďéíĺľňóôŕšťúýž", // Slovak
    "áéíóöőúüű", // Hungarian
    "čćđšž", // Croatian, Bosnian, Slovenian
    "ăâîşţ", // Romanian
  ],
  "windows-1254": ["çğıöşüâîûİ"], // Turkish (İ is the capital of i, I of ı)
  "windows-1253": [GREEK],
  "iso-8859-7": [GREEK],
  "windows-1251": [CYRILLIC],
};

/** In order of preference when two read the same. */
export const LEGACY_ENCODINGS = Object.keys(LANGUAGES) as LegacyEncoding[];

function letterTest(letters: Letters): (code: number) => boolean {
  if (typeof letters === "function") return letters;
  const set = new Set<number>();
  for (const ch of letters + letters.toUpperCase()) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0x80) set.add(code);
  }
  return (code) => set.has(code);
}

const TESTS: Record<LegacyEncoding, Array<(code: number) => boolean>> = Object.fromEntries(
  LEGACY_ENCODINGS.map((encoding) => [encoding, LANGUAGES[encoding].map(letterTest)]),
) as Record<LegacyEncoding, Array<(code: number) => boolean>>;

/** How far into the file the readings are compared: a few pages of text tell the code page. */
const SAMPLE_BYTES = 256 * 1024;

const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const SYMBOL = /[\p{S}\p{No}\u00b6]/u;

/** A letter's script, as far as telling the code pages apart needs: 1 Greek, 2 Cyrillic, 0 Latin (and the rest). */
function script(code: number): number {
  if (code >= 0x0370 && code <= 0x03ff) return 1;
  if (code >= 0x0400 && code <= 0x04ff) return 2;
  return 0;
}

export interface LegacyReading {
  encoding: LegacyEncoding;
  /** How much the reading looks like text in one of the code page's languages (higher is better). */
  score: number;
  /** The share of the characters above ASCII that are letters of that language (0 when there are none). */
  letterShare: number;
}

/** How `text` (decoded in `encoding`) scores; see the file's comment. */
function scoreReading(text: string, encoding: LegacyEncoding): LegacyReading {
  const tests = TESTS[encoding];
  const inLanguage = tests.map(() => 0);
  let high = 0;
  let highLetters = 0;
  let penalty = 0;
  let previous = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? "";
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      previous = ch;
      continue;
    }
    high++;
    if (code === 0xfffd || code <= 0x9f) penalty += 3;
    else if (LETTER.test(ch)) {
      highLetters++;
      for (let k = 0; k < tests.length; k++) if (tests[k]?.(code)) inLanguage[k] = (inLanguage[k] ?? 0) + 1;
      if (UPPER.test(ch) && LOWER.test(previous)) penalty += 2;
      const next = text[i + 1] ?? "";
      if (LETTER.test(previous) && script(previous.charCodeAt(0)) !== script(code)) penalty += 2;
      if (LETTER.test(next) && script(next.charCodeAt(0)) !== script(code)) penalty += 2;
    } else if (SYMBOL.test(ch) && (LETTER.test(previous) || LETTER.test(text[i + 1] ?? ""))) penalty += 1;
    previous = ch;
  }
  const best = Math.max(0, ...inLanguage);
  return { encoding, score: 2 * best - highLetters - penalty, letterShare: high === 0 ? 0 : best / high };
}

/** The code page `buf` reads best in (its first SAMPLE_BYTES), with that reading's score. */
export function guessLegacyEncoding(buf: Buffer): LegacyReading {
  const sample = buf.length > SAMPLE_BYTES ? buf.subarray(0, SAMPLE_BYTES) : buf;
  let best: LegacyReading | undefined;
  for (const encoding of LEGACY_ENCODINGS) {
    const reading = scoreReading(decodeLegacy(sample, encoding), encoding);
    if (!best || reading.score > best.score) best = reading;
  }
  return best ?? { encoding: "windows-1252", score: 0, letterShare: 0 };
}

/**
 * Decoding uploaded text files, and refusing binaries sent as text.
 */

/** Signatures of common binary formats that may arrive named .txt or sent as text/plain. */
const BINARY_SIGNATURES: readonly number[][] = [
  [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  [0x50, 0x4b, 0x03, 0x04], // zip (docx, xlsx, odt…)
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF8
  [0xd0, 0xcf, 0x11, 0xe0], // OLE2 (.doc, .xls)
  [0x7b, 0x5c, 0x72, 0x74, 0x66], // {\rtf
  [0x1f, 0x8b], // gzip
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0x4d, 0x5a], // MZ (Windows executables)
];

/** More than this share of replacement characters or control codes means it is not text. */
const MAX_NON_TEXT_RATIO = 0.1;

function startsWith(buf: Buffer, signature: readonly number[]): boolean {
  return buf.length >= signature.length && signature.every((byte, i) => buf[i] === byte);
}

function utf16Encoding(buf: Buffer): "utf-16le" | "utf-16be" | null {
  if (buf[0] === 0xff && buf[1] === 0xfe) return "utf-16le";
  if (buf[0] === 0xfe && buf[1] === 0xff) return "utf-16be";
  return null;
}

/** C0 controls other than tab, LF, VT, FF, CR; DEL; C1 controls. */
function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0b && code !== 0x0c && code !== 0x0d) ||
    (code >= 0x7f && code <= 0x9f);
}

function mostlyNotText(text: string): boolean {
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0xfffd || isControl(code)) bad++;
  }
  return bad > text.length * MAX_NON_TEXT_RATIO;
}

/** At most this share of a Windows-1252 text's bytes are above ASCII (French runs near 5%). */
const MAX_LEGACY_HIGH_SHARE = 0.3;

/** Russian text in Windows-1251: most of its bytes above ASCII are letters, 0xC0-0xFF there. */
const MIN_CYRILLIC_SHARE = 0.7;

/** The share of the bytes above ASCII that are Windows-1251's Cyrillic letters (0xC0-0xFF, Ё 0xA8, ё 0xB8). */
function cyrillicShare(buf: Buffer): number {
  let high = 0;
  let letters = 0;
  for (const b of buf) {
    if (b < 0x80) continue;
    high++;
    if (b >= 0xc0 || b === 0xa8 || b === 0xb8) letters++;
  }
  return high === 0 ? 0 : letters / high;
}

/** Windows-1252's characters for the bytes 0x80-0x9F (Latin-1 has C1 controls there); five are unassigned. */
const WINDOWS_1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

/** Windows-1252 decoded by hand: Node's own decoder for it reads 0x80-0x9F as Latin-1 does. */
function decodeWindows1252(buf: Buffer): string {
  return buf.toString("latin1").replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

/**
 * Count the well-formed UTF-8 sequences of two to four bytes and the bytes
 * that fit none, to tell a UTF-8 file with a few damaged bytes from a file
 * in a legacy single-byte encoding.
 */
function utf8Shape(buf: Buffer): { sequences: number; strays: number } {
  let sequences = 0;
  let strays = 0;
  for (let i = 0; i < buf.length; ) {
    const b = buf[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = length > 0 && i + length <= buf.length;
    for (let k = 1; ok && k < length; k++) ok = ((buf[i + k] ?? 0) & 0xc0) === 0x80;
    if (ok) {
      sequences++;
      i += length;
    } else {
      strays++;
      i++;
    }
  }
  return { sequences, strays };
}

/**
 * Decode a text upload, or return null when it looks binary. UTF-8 (BOM
 * stripped) is the norm; a UTF-16 BOM is honoured because Windows tools write
 * such files. A file that is not UTF-8 and reads as a single-byte legacy
 * encoding (more stray bytes than UTF-8 sequences, and mostly ASCII: a
 * text saved as "ANSI" by Windows tools, or as Latin-1) is read as
 * Windows-1252, a superset of Latin-1, so "é" and curly quotes arrive as
 * written. One whose high bytes are mostly Windows-1251's Cyrillic letters
 * (a Russian text saved as "ANSI") is read as Windows-1251. A UTF-8 file with a few damaged bytes keeps them as U+FFFD: the
 * text is imported as received, never "repaired".
 */
export function decodeTextUpload(buf: Buffer): string | null {
  if (BINARY_SIGNATURES.some((sig) => startsWith(buf, sig))) return null;
  const utf16 = utf16Encoding(buf);
  if (!utf16 && buf.includes(0)) return null;
  let text: string;
  if (utf16) text = new TextDecoder(utf16).decode(buf);
  else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(buf);
    } catch {
      const { sequences, strays } = utf8Shape(buf);
      // Western text in a single-byte encoding is mostly ASCII: letters with accents are the exception.
      const legacy = strays > sequences && strays <= buf.length * MAX_LEGACY_HIGH_SHARE;
      if (legacy) text = decodeWindows1252(buf);
      else if (strays > sequences && cyrillicShare(buf) >= MIN_CYRILLIC_SHARE) text = new TextDecoder("windows-1251").decode(buf);
      else text = new TextDecoder("utf-8").decode(buf);
    }
  }
  return mostlyNotText(text) ? null : text;
}

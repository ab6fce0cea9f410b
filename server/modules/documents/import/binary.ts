/**
 * Decoding uploaded text files, and refusing binaries sent as text.
 */
import { decodeLegacy, guessLegacyEncoding } from "./legacy-encoding.ts";

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

/** At most this share of a Western text's bytes are above ASCII (French runs near 5%, Polish near 8%). */
const MAX_LEGACY_HIGH_SHARE = 0.3;

/**
 * Text in a non-Latin script (Russian, Greek) has most of its bytes above ASCII; it is read as such only when
 * at least this share of them are letters of one language in the best reading (binary data has few).
 */
const MIN_LETTER_SHARE = 0.7;

/** Words are a few letters long: text has at least this share of spaces and line breaks (random bytes have 1.6%). */
const MIN_SPACE_SHARE = 0.04;

function spaceShare(buf: Buffer): number {
  const sample = buf.subarray(0, 64 * 1024);
  let spaces = 0;
  for (const b of sample) if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) spaces++;
  return sample.length === 0 ? 0 : spaces / sample.length;
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
 * such files. A file that is not UTF-8 (more stray bytes than UTF-8
 * sequences) is read in the single-byte code page it reads best in (see
 * legacy-encoding.ts: Windows-1252, a superset of Latin-1, or 1250, 1254,
 * 1253, ISO-8859-7, 1251), so "é", "ł", "ş", Greek and Cyrillic arrive as
 * written; that takes a text that is mostly ASCII (a Latin-script language),
 * or one whose high bytes are mostly one language's letters, in words parted
 * by spaces (Greek, Russian).
 * A UTF-8 file with a few damaged bytes keeps them as U+FFFD: the text is
 * imported as received, never "repaired".
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
      const reading = strays > sequences ? guessLegacyEncoding(buf) : undefined;
      // Latin-script text in a single-byte encoding is mostly ASCII: letters with accents are the exception.
      const latin = strays <= buf.length * MAX_LEGACY_HIGH_SHARE;
      const letters = reading !== undefined && reading.score > 0 && reading.letterShare >= MIN_LETTER_SHARE && spaceShare(buf) >= MIN_SPACE_SHARE;
      if (reading && (latin || letters)) text = decodeLegacy(buf, reading.encoding);
      else text = new TextDecoder("utf-8").decode(buf);
    }
  }
  return mostlyNotText(text) ? null : text;
}

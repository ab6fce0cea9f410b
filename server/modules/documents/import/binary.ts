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

/**
 * Decode a text upload, or return null when it looks binary. UTF-8 (BOM
 * stripped) is the norm; a UTF-16 BOM is honoured because Windows tools write
 * such files. Undecodable bytes become U+FFFD and are kept as they are: the
 * text is imported as received, never "repaired".
 */
export function decodeTextUpload(buf: Buffer): string | null {
  if (BINARY_SIGNATURES.some((sig) => startsWith(buf, sig))) return null;
  const utf16 = utf16Encoding(buf);
  if (!utf16 && buf.includes(0)) return null;
  const text = new TextDecoder(utf16 ?? "utf-8").decode(buf);
  return mostlyNotText(text) ? null : text;
}

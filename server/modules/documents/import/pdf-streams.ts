/**
 * Bounds what a PDF's streams ask of the reader before pdfjs reads any of them. pdfjs decodes a
 * stream whole and builds what it describes whole, and none of it counts against a worker's
 * heap limit (decoded data lives outside the heap), so a small file could make the node use
 * gigabytes:
 * - a compressed stream that inflates without end (1 MB of deflated spaces is 1 GB of content);
 * - a font's character map whose ranges cover millions of codes ("<000000> <FFFFFF>");
 * - a page that saves its graphics state tens of thousands of times without restoring it (each
 *   save copies the state: quadratic).
 *
 * Each stream (images aside: reading the text never decodes them) is inflated up to a cap, and
 * what it holds is looked over for those shapes; past a limit the file is refused, naming it.
 * A stream that does not inflate (stored as it is, another filter, encryption) is looked over as
 * it is.
 */
import { inflateSync } from "node:zlib";
import { ImportError } from "./types.ts";

export interface PdfStreamLimits {
  /** One stream's content, decoded: a page's text or a font is far smaller. */
  streamBytes: number;
  /** All streams' decoded content together. */
  decodedBytes: number;
  /** Codes the ranges of a file's character maps may cover together (Unicode has about 1.1 million). */
  cmapCodes: number;
  /** Graphics states saved one in another: readers stop at a few dozen; PDF files use a handful. */
  savedStates: number;
}

export const PDF_STREAM_LIMITS: PdfStreamLimits = {
  streamBytes: 64 * 1024 * 1024,
  decodedBytes: 256 * 1024 * 1024,
  cmapCodes: 1 << 20,
  savedStates: 1_000,
};

const STREAM_RE = /stream\r?\n/g;
/** A stream's dictionary says it is an image: "/Subtype /Image" shortly before the keyword. */
const IMAGE_DICT_RE = /\/Subtype\s*\/Image/;
const DICT_LOOKBACK = 600;
const RANGE_SECTION_RE = /begin(?:bf|cid)range([\s\S]*?)end(?:bf|cid)range/g;
const RANGE_RE = /<([0-9A-Fa-f]{1,8})>\s*<([0-9A-Fa-f]{1,8})>/g;
/** The "q" (save) and "Q" (restore) operators, standing alone between delimiters. */
const STATE_OPERATOR_RE = /(?<![^\s\])>])[qQ](?=[\s[(<]|$)/g;

const tooLarge = (message: string) => new ImportError("too_large", 413, message);
const megabytes = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;

/** The decoded content of a deflated stream, or null when it is not one; throws past `max` bytes. */
function inflated(data: Buffer, max: number): Buffer | null {
  try {
    return inflateSync(data, { maxOutputLength: max, finishFlush: 2 /* Z_SYNC_FLUSH: a stream cut short still gives what it holds */ });
  } catch (e) {
    if (e instanceof RangeError || (e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      throw tooLarge(`A stream of the PDF decodes to more than ${megabytes(max)}; at most ${megabytes(max)} is accepted`);
    }
    return null;
  }
}

/** How many codes the ranges of the character maps in `text` cover. */
function cmapCodes(text: string): number {
  if (!text.includes("range")) return 0;
  let codes = 0;
  for (const section of text.matchAll(RANGE_SECTION_RE)) {
    for (const r of section[1]!.matchAll(RANGE_RE)) codes += Math.max(0, Number.parseInt(r[2]!, 16) - Number.parseInt(r[1]!, 16) + 1);
  }
  return codes;
}

/** The deepest the graphics state is saved in `text` (a page's content). */
function savedStates(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (const m of text.matchAll(STATE_OPERATOR_RE)) {
    if (m[0] === "q") deepest = Math.max(deepest, ++depth);
    else depth = Math.max(0, depth - 1);
  }
  return deepest;
}

/** Throws ImportError 413 naming the limit when a stream of the PDF in `buf` asks for more than the reader gives. */
export function assertPdfStreamsWithinLimits(buf: Buffer, limits: PdfStreamLimits = PDF_STREAM_LIMITS): void {
  const source = buf.toString("latin1");
  let decoded = 0;
  let codes = 0;
  for (const m of source.matchAll(STREAM_RE)) {
    const start = m.index + m[0].length;
    // "endstream" may follow it: the keyword itself is no stream.
    if (source.startsWith("end", m.index - 3)) continue;
    const end = source.indexOf("endstream", start);
    if (end < 0) break;
    if (IMAGE_DICT_RE.test(source.slice(Math.max(0, m.index - DICT_LOOKBACK), m.index))) continue;
    // A stream that does not inflate is read as it is (a page's content may be stored uncompressed).
    const content = inflated(buf.subarray(start, end), limits.streamBytes) ?? buf.subarray(start, end);
    decoded += content.length;
    if (decoded > limits.decodedBytes) throw tooLarge(`The PDF's streams decode to more than ${megabytes(limits.decodedBytes)}; at most ${megabytes(limits.decodedBytes)} is accepted`);
    const text = content.toString("latin1");
    codes += cmapCodes(text);
    if (codes > limits.cmapCodes) throw tooLarge(`The PDF's character maps cover more than ${limits.cmapCodes.toLocaleString("en-US")} codes; at most that many are accepted`);
    const depth = savedStates(text);
    if (depth > limits.savedStates) throw tooLarge(`A page of the PDF saves its graphics state ${depth.toLocaleString("en-US")} deep; at most ${limits.savedStates.toLocaleString("en-US")} is accepted`);
  }
}

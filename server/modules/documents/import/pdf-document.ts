/**
 * Reads the text layer of a PDF with pdfjs-dist (its legacy build, for
 * Node): every page's text items with their position and font size.
 *
 * pdfjs runs with everything a browser or a network would supply switched
 * off: no font loading or system fonts, no eval, no fetches (the worker is
 * pdfjs's in-thread fallback; the documents service already runs imports on
 * a worker thread). Parsing is bounded: at most MAX_PDF_PAGES pages, on top
 * of the 5 MB upload limit, and streams within pdf-streams.ts's limits.
 */
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { texCodeReader } from "./pdf-glyphs.ts";
import { ImportError } from "./types.ts";
import { assertPdfStreamsWithinLimits } from "./pdf-streams.ts";

/** A book is a few hundred pages; this bounds the work a hostile file can ask for. */
export const MAX_PDF_PAGES = 2_000;

/** One piece of text as pdfjs places it: baseline origin in PDF units (y grows upwards). */
export interface PdfTextItem {
  text: string;
  x: number;
  y: number;
  width: number;
  /** Font size in PDF units (the glyphs' height on the page). */
  size: number;
}

export interface PdfPage {
  width: number;
  height: number;
  items: PdfTextItem[];
}

const PDF_SIGNATURE = "%PDF-";

function corrupt(): ImportError {
  return new ImportError("corrupt_file", 400, "The .pdf file is corrupt or not a PDF document");
}

function errorName(error: unknown): string {
  return typeof error === "object" && error !== null && "name" in error ? String((error as { name: unknown }).name) : "";
}

async function open(data: Uint8Array): Promise<PDFDocumentProxy> {
  // Loaded on first use: pdfjs is large, and most imports are not PDFs.
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = getDocument({
    data,
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    return await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    if (errorName(error) === "PasswordException") {
      throw new ImportError(
        "encrypted_file",
        400,
        "The PDF is password-protected; remove the password (or print it to a new PDF) and import it again",
      );
    }
    throw corrupt();
  }
}

function isTextItem(item: object): item is { str: string; transform: number[]; width: number } {
  return "str" in item && "transform" in item;
}

/** The text items of one page, upright: rotated and vertical text is left out. */
async function readPage(doc: PDFDocumentProxy, number: number): Promise<PdfPage> {
  // No page.cleanup() after reading: fonts stay parsed for the next page; doc.destroy() frees everything.
  const page = await doc.getPage(number);
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const items: PdfTextItem[] = [];
  for (const item of content.items) {
    if (!isTextItem(item) || item.str === "") continue;
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = item.transform;
    // Only horizontal text reads as lines; a rotated stamp in the margin is not part of the article.
    if (Math.abs(b) > 0.01 * Math.abs(a) || a <= 0) continue;
    const size = Math.hypot(c, d);
    if (!(size > 0) || !Number.isFinite(e) || !Number.isFinite(f) || !Number.isFinite(item.width)) continue;
    items.push({ text: item.str, x: e, y: f, width: item.width, size });
  }
  return { width: viewport.width, height: viewport.height, items };
}

/** Every item's text, page by page, without gathering them into one more array. */
function* textsOf(pages: readonly PdfPage[]): Generator<string> {
  for (const page of pages) for (const item of page.items) yield item.text;
}

/** The pages of the PDF in `buf` with their text items. */
export async function readPdfPages(buf: Buffer): Promise<PdfPage[]> {
  if (buf.subarray(0, 1024).indexOf(PDF_SIGNATURE, 0, "latin1") < 0) throw corrupt();
  assertPdfStreamsWithinLimits(buf);
  // pdfjs may detach the buffer it is given: hand it a copy.
  const doc = await open(new Uint8Array(buf));
  try {
    if (doc.numPages > MAX_PDF_PAGES) {
      throw new ImportError("too_large", 413, `The PDF has ${doc.numPages} pages; at most ${MAX_PDF_PAGES} can be imported`);
    }
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      try {
        pages.push(await readPage(doc, n));
      } catch (error) {
        if (error instanceof ImportError) throw error;
        throw corrupt();
      }
    }
    // Fonts that name no characters (TeX's bitmap fonts) give raw codes: read them as TeX's encodings do.
    const decode = texCodeReader(textsOf(pages));
    if (decode) for (const page of pages) for (const item of page.items) item.text = decode(item.text);
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** Refuse a PDF with no text to read (a scan without OCR). */
export function assertHasText(pages: readonly PdfPage[]): void {
  if (pages.some((p) => p.items.some((item) => item.text.trim() !== ""))) return;
  throw new ImportError(
    "no_text_layer",
    415,
    "The PDF has no text layer (it looks like a scan); run it through OCR first, or import the text as .txt, .docx or .html",
  );
}

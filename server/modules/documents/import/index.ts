/**
 * Entry point for article import: pick the format, enforce the size limits,
 * decode, and dispatch to the format's parser.
 */
import { PARAGRAPH_KINDS, type ImportSummary, type ParagraphKind } from "../../../../common/documents.ts";
import { decodeTextUpload } from "./binary.ts";
import { hasVisibleText } from "./document-title.ts";
import { parseDocx } from "./docx.ts";
import { parseHtml } from "./html.ts";
import { parseMarkdown } from "./markdown.ts";
import { parseOdt } from "./odt.ts";
import { parsePdf } from "./pdf.ts";
import { parsePlainText } from "./plain-text.ts";
import {
  ImportError,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_PARAGRAPHS,
  type ImportedDocument,
  type ImportedMetadata,
  type ImportFormat,
} from "./types.ts";

export { ImportError } from "./types.ts";
export type { ImportedDocument, ImportFormat } from "./types.ts";

const FORMATS: readonly ImportFormat[] = ["txt", "md", "html", "docx", "odt", "pdf"];

const BY_EXTENSION: Record<string, ImportFormat> = {
  txt: "txt",
  text: "txt",
  md: "md",
  markdown: "md",
  html: "html",
  htm: "html",
  docx: "docx",
  odt: "odt",
  pdf: "pdf",
};

const BY_MIMETYPE: Record<string, ImportFormat> = {
  "text/plain": "txt",
  "text/markdown": "md",
  "text/x-markdown": "md",
  "text/html": "html",
  "application/xhtml+xml": "html",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/vnd.oasis.opendocument.text": "odt",
  "application/pdf": "pdf",
  "application/x-pdf": "pdf",
};

function extensionOf(filename: string | undefined): string | undefined {
  const match = filename ? /\.([^./\\]+)$/.exec(filename.trim()) : null;
  return match?.[1]?.toLowerCase();
}

function unsupported(what: string): ImportError {
  return new ImportError(
    "unsupported_type",
    415,
    `Unsupported file type ${what}; import .txt, .md, .html, .docx, .odt or .pdf files`,
  );
}

/**
 * The import format: an explicit choice wins, then the file extension, then
 * the MIME type (browsers often send application/octet-stream, so the name
 * is the better witness).
 */
export function detectFormat(filename: string | undefined, mimetype: string | undefined, explicit?: string): ImportFormat {
  if (explicit !== undefined && explicit.trim() !== "") {
    const wanted = explicit.trim().toLowerCase();
    const format = FORMATS.find((f) => f === wanted) ?? BY_EXTENSION[wanted];
    if (!format) throw unsupported(`"${explicit}"`);
    return format;
  }
  const ext = extensionOf(filename);
  const byExtension = ext === undefined ? undefined : BY_EXTENSION[ext];
  if (byExtension) return byExtension;
  const mime = mimetype?.split(";")[0]?.trim().toLowerCase();
  const byMime = mime ? BY_MIMETYPE[mime] : undefined;
  if (byMime) return byMime;
  if (ext !== undefined) throw unsupported(`".${ext}"${mime ? ` (${mime})` : ""}`);
  throw unsupported(mime ? `"${mime}"` : "(unknown: no file extension or MIME type)");
}

function emptyFile(): ImportError {
  return new ImportError("empty_file", 400, "The file is empty or contains no text");
}

async function parseByFormat(format: ImportFormat, input: Buffer): Promise<ImportedDocument> {
  if (format === "docx") return parseDocx(input);
  if (format === "odt") return parseOdt(input);
  if (format === "pdf") return parsePdf(input);
  const text = decodeTextUpload(input);
  if (text === null) throw new ImportError("unsupported_type", 415, "The file looks binary, not like UTF-8 text");
  if (!hasVisibleText(text)) throw emptyFile();
  switch (format) {
    case "txt":
      return parsePlainText(text);
    case "md":
      return parseMarkdown(text);
    case "html":
      return parseHtml(text);
  }
}

export async function parseImport(format: ImportFormat, input: Buffer): Promise<ImportedDocument> {
  if (input.length === 0) throw emptyFile();
  if (input.length > MAX_IMPORT_BYTES) {
    throw new ImportError("too_large", 413, `The file is larger than ${MAX_IMPORT_BYTES / (1024 * 1024)} MB`);
  }
  const doc = await parseByFormat(format, input).catch((e: unknown) => {
    // A reader that recursed as deep as the file nests ran out of stack: the file is too deep to read, not our fault.
    if (e instanceof RangeError && /call stack/i.test(e.message)) throw new ImportError("too_large", 413, "The file nests its content too deeply to be read");
    throw e;
  });
  if (doc.blocks.length === 0) throw emptyFile();
  if (doc.blocks.length > MAX_IMPORT_PARAGRAPHS) {
    throw new ImportError(
      "too_many_paragraphs",
      413,
      `The document has ${doc.blocks.length} paragraphs; at most ${MAX_IMPORT_PARAGRAPHS} can be imported`,
    );
  }
  return doc;
}

export function summarize(doc: ImportedDocument): ImportSummary & { metadata: ImportedMetadata } {
  const kinds = Object.fromEntries(PARAGRAPH_KINDS.map((k) => [k, 0])) as Record<ParagraphKind, number>;
  for (const block of doc.blocks) kinds[block.kind]++;
  return { paragraphs: doc.blocks.length, kinds, title: doc.title, metadata: doc.metadata };
}

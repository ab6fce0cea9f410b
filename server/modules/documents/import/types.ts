/**
 * The shape every import parser produces, whatever the source format.
 * Parsers are pure: they never touch the database; the documents service
 * turns an ImportedDocument into rows in one transaction.
 */
import type {
  DocumentAuthor,
  DocumentMetadata,
  IMPORT_FORMATS,
  MetaRole,
  ParagraphKind,
} from "../../../../common/documents.ts";

export type { DocumentDates, MetaRole } from "../../../../common/documents.ts";
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Inline formatting kept beside the plain text (offsets are UTF-16 indexes into `text`). */
export interface InlineMark {
  type: "bold" | "italic" | "code" | "link";
  start: number;
  end: number;
  /** Only for links, and only http(s)/mailto URLs ever reach here. */
  href?: string;
}

export interface ImportedBlock {
  kind: ParagraphKind;
  /** Exact text as given in the source (for txt: byte-for-byte minus line-joining rules). */
  text: string;
  /** Heading level 1-6 for headings; the document title is level 1 with role "title". */
  level?: number;
  /** For kind "meta" a MetaRole; for the title heading "title"; for a subtitle heading "subtitle". */
  role?: MetaRole | "title" | "subtitle";
  /** Nesting depth for list items (0 = top level). */
  depth?: number;
  /** Ordered list items carry true. */
  ordered?: boolean;
  marks?: InlineMark[];
}

/** An author with degrees, affiliations, positions, identifiers, contacts and bio. */
export type ImportedAuthor = DocumentAuthor;

/** Structured front matter, derived from the meta blocks (see metadata.ts). */
export type ImportedMetadata = DocumentMetadata;

export interface ImportedDocument {
  title: string;
  metadata: ImportedMetadata;
  /** In reading order; includes the title heading and meta blocks. */
  blocks: ImportedBlock[];
}

export type ImportErrorCode =
  | "empty_file"
  | "unsupported_type"
  | "corrupt_file"
  | "too_large"
  | "too_many_paragraphs"
  | "no_text_layer"
  | "encrypted_file";

/** A problem with the uploaded file itself; `status` is the HTTP status the API answers with. */
export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = "ImportError";
  }
}

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_PARAGRAPHS = 10_000;

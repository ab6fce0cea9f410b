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

/** A place in the imported text: a block's index and a UTF-16 offset in its `text`. */
export interface BlockPoint {
  block: number;
  offset: number;
}

/** A passage of the imported text; it may run over several blocks. */
export interface BlockSpan {
  start: BlockPoint;
  end: BlockPoint;
}

/** A comment as Word keeps it (word/comments.xml, threaded by commentsExtended.xml). */
export interface WordComment {
  /** The comment's w:id in the file. */
  id: string;
  author: string;
  initials: string;
  /** As written in w:date (ISO 8601), or null. */
  date: string | null;
  text: string;
  /** The text was cut to a note's length. */
  truncated: boolean;
  /** A threaded reply: the id of the comment that starts its thread. */
  parentId: string | null;
  /** Marked resolved in Word. */
  done: boolean;
}

/** A Word comment, with where it sits in the imported blocks. */
export interface ImportedComment extends WordComment {
  /** The commented passage; null for a reply, or when it could not be placed exactly (`notPlaced` says why). */
  span: BlockSpan | null;
  notPlaced?: string;
}

/** A tracked change, taken as accepted: where the inserted text is, or where the deleted text was. */
export interface ImportedChange {
  kind: "insertion" | "deletion";
  author: string;
  date: string | null;
  /** The inserted text (kept in the blocks) or the deleted text (not kept). */
  text: string;
  /** An insertion: the inserted text. A deletion: the word just before the place of the deleted text (or just after, at a block's start). */
  span: BlockSpan | null;
  notPlaced?: string;
}

/** The review a Word file carries: comments and tracked changes. */
export interface ImportedReview {
  /** The word processor the notes are said to come from in their text ("Word comment"); Word when not given. */
  application?: "Word" | "Writer";
  comments: ImportedComment[];
  changes: ImportedChange[];
  /** Comments and changes beyond the limits, not read. */
  commentsLeftOut: number;
  changesLeftOut: number;
}

export interface ImportedDocument {
  title: string;
  metadata: ImportedMetadata;
  /** In reading order; includes the title heading and meta blocks. */
  blocks: ImportedBlock[];
  /** Word files only, when they hold comments or tracked changes. */
  review?: ImportedReview;
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

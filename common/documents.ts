/** Wire shapes for documents and paragraphs, shared by server and client. */
import { z } from "zod";
import { nameText } from "./text-policy.ts";

export const PARAGRAPH_KINDS = ["heading", "paragraph", "listItem", "quote", "meta"] as const;
export const ParagraphKindSchema = z.enum(PARAGRAPH_KINDS);
export type ParagraphKind = z.infer<typeof ParagraphKindSchema>;

export const IMPORT_FORMATS = ["txt", "md", "html", "docx", "odt", "pdf"] as const;
export const ImportFormatSchema = z.enum(IMPORT_FORMATS);

/**
 * What a `meta` paragraph is. Every front-matter line is kept as its own meta
 * paragraph with one of these roles (prose ones such as an abstract or a bio
 * as one paragraph), so nothing is lost and an editor can move it later.
 */
export const META_ROLES = [
  "dateline",
  "author",
  "degrees",
  "affiliation",
  "position",
  "identifier",
  "email",
  "phone",
  "address",
  "correspondence",
  "bio",
  "standfirst",
  "abstract",
  "keywords",
  "doi",
  "dates",
  "acknowledgement",
  "footnote",
  "other",
] as const;
export type MetaRole = (typeof META_ROLES)[number];

/** One author as read from the front matter (and a closing "about the author" bio). */
export interface DocumentAuthor {
  name: string;
  /** "PhD", "MA" from a post-nominal list, or whole lines such as "Doctor of Political Science". */
  degrees: string[];
  affiliations: string[];
  /** "Academic Supervisor", "Senior Fellow, Centre for …". */
  positions: string[];
  /** Labelled identifiers by scheme: "ORCID", "ResearcherID", "Scopus", "SPIN", or the label as written. */
  identifiers: Record<string, string>;
  /** As written, including a placeholder such as "[email protected]" left by a web page. */
  email?: string;
  phone?: string;
  address?: string;
  bio?: string;
}

/** Article history as given ("3 March 2024"), never reformatted. */
export interface DocumentDates {
  received?: string;
  revised?: string;
  accepted?: string;
  published?: string;
}

/** Structured front matter of an imported article; every value also stays in a meta paragraph. */
export interface DocumentMetadata {
  authors: DocumentAuthor[];
  subtitle?: string;
  /** An issue or date line such as "Vol. 22, No. 4, October–December 2024". */
  dateline?: string;
  /** A magazine's teaser under the title. */
  standfirst?: string;
  abstract?: string;
  keywords?: string[];
  /** The DOI name, "10.…/…", without a resolver prefix. */
  doi?: string;
  dates?: DocumentDates;
  /** Funding or acknowledgement note ("This article was prepared within the framework of …"). */
  acknowledgement?: string;
}

/** JSON import: `content` is the text of the file (base64 for docx and pdf). */
export const DocumentImportJsonSchema = z.object({
  title: nameText(500).optional(),
  format: ImportFormatSchema,
  content: z.string(),
});
export type DocumentImportJson = z.infer<typeof DocumentImportJsonSchema>;

export interface ParagraphDto {
  id: string;
  position: number;
  /** Bumped by every change of its text or kind: an edit names the version it was made on. */
  version: number;
  kind: ParagraphKind;
  text: string;
  level: number | null;
  role: string | null;
  depth: number | null;
  ordered: boolean | null;
  marks: unknown;
}

export interface DocumentDto {
  id: string;
  workspaceId: string;
  title: string;
  format: string;
  sourceName: string | null;
  metadata: unknown;
  version: number;
  paragraphCount: number;
  createdAt: string;
  updatedAt: string;
  createdBy: { id: string; displayName: string } | null;
}

export interface ImportSummary {
  paragraphs: number;
  kinds: Record<ParagraphKind, number>;
  title: string;
  metadata: DocumentMetadata;
}

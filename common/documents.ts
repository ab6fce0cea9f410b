/** Wire shapes for documents and paragraphs, shared by server and client. */
import { z } from "zod";
import { nameText } from "./text-policy.ts";

export const PARAGRAPH_KINDS = ["heading", "paragraph", "listItem", "quote", "meta"] as const;
export const ParagraphKindSchema = z.enum(PARAGRAPH_KINDS);
export type ParagraphKind = z.infer<typeof ParagraphKindSchema>;

export const IMPORT_FORMATS = ["txt", "md", "html", "docx"] as const;
export const ImportFormatSchema = z.enum(IMPORT_FORMATS);

/** JSON import: `content` is the text of the file (base64 for docx). */
export const DocumentImportJsonSchema = z.object({
  title: nameText(500).optional(),
  format: ImportFormatSchema,
  content: z.string(),
});
export type DocumentImportJson = z.infer<typeof DocumentImportJsonSchema>;

export interface ParagraphDto {
  id: string;
  position: number;
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
  metadata: unknown;
}

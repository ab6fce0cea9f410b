/**
 * Editing a document's text, shared by both ends: the operations an edit is made of, what an
 * edit answers, versions, the word diff between two versions, and a revised draft's carry-over
 * report. Every edit is one mutation (`document:edit`) that makes one new document version.
 */
import { z } from "zod";
import { ClientMutationIdSchema, IdSchema } from "./workspaces.ts";
import { META_ROLES, ParagraphKindSchema, type DocumentMetadata, type ParagraphDto } from "./documents.ts";
import { MAX_INT32, type AnchorDto } from "./annotations.ts";
import { storedText } from "./text-policy.ts";

/** Characters in one paragraph. */
export const MAX_PARAGRAPH_CHARS = 100_000;
const VersionSchema = z.number().int().min(1).max(MAX_INT32);
const ParagraphTextSchema = storedText(MAX_PARAGRAPH_CHARS);
const LevelSchema = z.number().int().min(1).max(6);

/** A block's part in the front matter: a meta role, or the subtitle heading. */
export const BlockRoleSchema = z.union([z.enum(META_ROLES), z.literal("subtitle")]);

/** A new paragraph's content. */
export const NewParagraphSchema = z.object({
  kind: ParagraphKindSchema,
  text: ParagraphTextSchema,
  level: LevelSchema.nullable().optional(),
  depth: z.number().int().min(0).max(8).nullable().optional(),
  ordered: z.boolean().nullable().optional(),
});

/**
 * One step of an edit. Steps naming `baseVersion` are checked against the paragraph's version:
 * a text step made on an older version is merged with what changed since when the two touch
 * different words, and refused with 409 (carrying the current text) when they overlap.
 */
export const EditOpSchema = z.discriminatedUnion("op", [
  /** The paragraph's whole new text; the server finds what changed. */
  z.object({ op: z.literal("text"), paragraphId: IdSchema, baseVersion: VersionSchema, text: ParagraphTextSchema }),
  /** New paragraphs after `after` (null: at the start). */
  z.object({ op: z.literal("insert"), after: IdSchema.nullable(), paragraphs: z.array(NewParagraphSchema).min(1).max(200) }),
  /** The paragraph leaves the document (its history and annotations stay). */
  z.object({ op: z.literal("retire"), paragraphId: IdSchema }),
  /** Cuts the paragraph at `offset`: the text after it becomes a new paragraph of the same kind. */
  z.object({ op: z.literal("split"), paragraphId: IdSchema, baseVersion: VersionSchema, offset: z.number().int().min(0).max(MAX_PARAGRAPH_CHARS) }),
  /** Joins the next paragraph onto the end of this one (the next one leaves the document). */
  z.object({ op: z.literal("merge"), paragraphId: IdSchema, baseVersion: VersionSchema }),
  /** Moves the paragraph after `after` (null: to the start). */
  z.object({ op: z.literal("move"), paragraphId: IdSchema, after: IdSchema.nullable() }),
  /** Changes the block's kind (and heading level). */
  z.object({ op: z.literal("kind"), paragraphId: IdSchema, baseVersion: VersionSchema, kind: ParagraphKindSchema, level: LevelSchema.nullable().optional() }),
  /**
   * Gives a block its part in the article: a front-matter role (kind `meta` with a MetaRole), the
   * subtitle (a heading), or back to the body (paragraph, heading with a level, list item, quote;
   * role null). The document's metadata is rebuilt from its meta blocks after the edit.
   */
  z
    .object({ op: z.literal("role"), paragraphId: IdSchema, baseVersion: VersionSchema, kind: ParagraphKindSchema, role: BlockRoleSchema.nullable(), level: LevelSchema.nullable().optional() })
    .superRefine((v, ctx) => {
      const fits = v.kind === "meta" ? v.role !== null && v.role !== "subtitle" : v.kind === "heading" ? v.role === null || v.role === "subtitle" : v.role === null;
      if (!fits) ctx.addIssue({ code: "custom", path: ["role"], message: v.kind === "meta" ? "a meta block needs a front-matter role" : v.kind === "heading" ? "a heading's role is subtitle or none" : `a ${v.kind} has no role` });
    }),
]);
export type EditOp = z.infer<typeof EditOpSchema>;

export const DocumentEditSchema = z.object({
  documentId: IdSchema,
  ops: z.array(EditOpSchema).min(1).max(500),
  note: storedText(500).optional(),
  clientMutationId: ClientMutationIdSchema.optional(),
});

/** PATCH /api/paragraphs/:id: one paragraph's new text, made on paragraph version `version`. */
export const ParagraphUpdateSchema = z.object({
  paragraphId: IdSchema,
  version: VersionSchema,
  text: ParagraphTextSchema,
  clientMutationId: ClientMutationIdSchema.optional(),
});

/** Puts an orphaned (or misplaced) annotation on a new span. */
export const AnnotationReattachSchema = z.object({
  annotationId: IdSchema,
  version: VersionSchema,
  anchor: z.object({
    start: z.object({ paragraphId: IdSchema, offset: z.number().int().min(0).max(MAX_PARAGRAPH_CHARS) }),
    end: z.object({ paragraphId: IdSchema, offset: z.number().int().min(0).max(MAX_PARAGRAPH_CHARS) }),
    quote: z.string().max(20_000).optional(),
  }),
  clientMutationId: ClientMutationIdSchema.optional(),
});

/** Dismisses an orphaned annotation from the "needs re-attaching" list (it stays, detached). */
export const AnnotationDismissSchema = z.object({
  annotationId: IdSchema,
  version: VersionSchema,
  clientMutationId: ClientMutationIdSchema.optional(),
});

export const SuggestionDecisionSchema = z.object({
  annotationId: IdSchema,
  version: VersionSchema,
  clientMutationId: ClientMutationIdSchema.optional(),
});

/** What happened to one annotation when the text under it changed. */
export type CarryOutcome = "exact" | "changed" | "orphaned";

/** The answer of an edit, and the payload of its `document.edited` event. */
export interface DocumentEditDto {
  documentId: string;
  /** The document version the edit made (unchanged when nothing changed). */
  version: number;
  /** Paragraphs whose text or kind changed, and new ones, in their new state. */
  paragraphs: ParagraphDto[];
  /** Paragraphs that left the document. */
  retired: string[];
  /** The whole order after the edit, when paragraphs were added, retired or moved. */
  order: string[] | null;
  /** Anchors the edit moved, changed or lost (nothing else of those annotations changed). */
  anchors: MovedAnchorDto[];
  /** The document's metadata, rebuilt when a front-matter block changed; null otherwise. */
  metadata: DocumentMetadata | null;
}

/** One annotation's anchor after an edit. */
export interface MovedAnchorDto {
  annotationId: string;
  anchor: AnchorDto;
}

export interface VersionDto {
  number: number;
  author: { id: string; displayName: string } | null;
  note: string | null;
  createdAt: string;
  changes: { kind: "import" | "edit" | "revision" | "suggestion"; added?: string[]; edited?: string[]; retired?: string[]; moved?: string[] };
}

/** A word-level difference inside a paragraph: kept, removed or added text. */
export type WordChange = { op: "equal" | "delete" | "insert"; text: string };

export interface ParagraphDiffDto {
  paragraphId: string;
  change: "added" | "retired" | "edited" | "moved";
  /** For edited paragraphs, the words: removed and added runs between kept ones. */
  words: WordChange[];
  before: string | null;
  after: string | null;
}

export interface VersionDiffDto {
  documentId: string;
  from: number;
  to: number;
  paragraphs: ParagraphDiffDto[];
}

/** A revised draft's carry-over report. */
export interface RevisionReportDto {
  version: number;
  paragraphs: { kept: number; edited: number; added: number; retired: number };
  annotations: {
    exact: string[];
    changed: Array<{ id: string; confidence: number }>;
    orphaned: string[];
  };
}

export const VersionQuerySchema = z.object({ version: z.coerce.number().int().min(1).max(MAX_INT32).optional() });
export const DiffQuerySchema = z.object({ from: z.coerce.number().int().min(1).max(MAX_INT32), to: z.coerce.number().int().min(1).max(MAX_INT32) });

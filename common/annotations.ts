/** Annotation, reply and tag payloads, shared by REST, sockets and the browser. */
import { z } from "zod";
import { BodyInputSchema, type Body } from "./body-input.ts";
import { ClientMutationIdSchema, IdSchema } from "./workspaces.ts";
import { nameText, storedText } from "./text-policy.ts";

/** A suggestion proposes an edit: its span would be replaced by `replacement` (an editor accepts or rejects it). */
export const ANNOTATION_KINDS = ["comment", "highlight", "claim", "suggestion"] as const;
export const AnnotationKindSchema = z.enum(ANNOTATION_KINDS);
export type AnnotationKind = z.infer<typeof AnnotationKindSchema>;

export const STANCES = ["supports", "disputes", "questions", "none"] as const;
export const StanceSchema = z.enum(STANCES);
export type Stance = z.infer<typeof StanceSchema>;

export { ClientMutationIdSchema } from "./workspaces.ts";
/**
 * Versions and event seqs are 32-bit integer columns on PostgreSQL: a larger number sent by a
 * client is refused here (400 naming the field), not by the database (a 500).
 */
export const MAX_INT32 = 2_147_483_647;
const VersionSchema = z.number().int().min(1).max(MAX_INT32);

export const AnchorPointSchema = z.object({
  paragraphId: IdSchema,
  offset: z.number().int().min(0).max(1_000_000),
});
export const AnchorInputSchema = z.object({
  start: AnchorPointSchema,
  end: AnchorPointSchema,
  /** When given, the server refuses the anchor unless its own text between the points equals it. */
  quote: z.string().max(20_000).optional(),
});
export type AnchorInput = z.infer<typeof AnchorInputSchema>;

const TagIdsSchema = z.array(IdSchema).max(50).refine((ids) => new Set(ids).size === ids.length, "must not repeat a tag");

/** What a suggestion would put in place of its span (empty: delete it). */
export const MAX_REPLACEMENT_CHARS = 20_000;

export const AnnotationCreateSchema = z
  .object({
    documentId: IdSchema,
    kind: AnnotationKindSchema,
    body: BodyInputSchema.default({ format: "text", text: "" }),
    anchor: AnchorInputSchema,
    tagIds: TagIdsSchema.optional(),
    replacement: storedText(MAX_REPLACEMENT_CHARS).optional(),
    clientMutationId: ClientMutationIdSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "suggestion" && v.replacement === undefined) ctx.addIssue({ code: "custom", path: ["replacement"], message: "a suggestion needs the text that would replace its span" });
    if (v.kind !== "suggestion" && v.replacement !== undefined) ctx.addIssue({ code: "custom", path: ["replacement"], message: "only a suggestion carries a replacement" });
  });
export type AnnotationCreateInput = z.input<typeof AnnotationCreateSchema>;

export const AnnotationUpdateSchema = z
  .object({
    annotationId: IdSchema,
    version: VersionSchema,
    kind: AnnotationKindSchema.optional(),
    body: BodyInputSchema.optional(),
    tagIds: TagIdsSchema.optional(),
    clientMutationId: ClientMutationIdSchema.optional(),
  })
  .refine((v) => v.kind !== undefined || v.body !== undefined || v.tagIds !== undefined, { message: "nothing to change: give kind, body or tagIds", path: ["body"] });

export const AnnotationDeleteSchema = z.object({
  annotationId: IdSchema,
  version: VersionSchema.optional(),
  clientMutationId: ClientMutationIdSchema.optional(),
});

export const ReplyCreateSchema = z.object({
  annotationId: IdSchema,
  parentId: IdSchema.optional(),
  body: BodyInputSchema,
  stance: StanceSchema.default("none"),
  clientMutationId: ClientMutationIdSchema.optional(),
});

export const ReplyUpdateSchema = z
  .object({
    replyId: IdSchema,
    version: VersionSchema,
    body: BodyInputSchema.optional(),
    stance: StanceSchema.optional(),
    clientMutationId: ClientMutationIdSchema.optional(),
  })
  .refine((v) => v.body !== undefined || v.stance !== undefined, { message: "nothing to change: give body or stance", path: ["body"] });

export const ReplyDeleteSchema = z.object({
  replyId: IdSchema,
  version: VersionSchema.optional(),
  clientMutationId: ClientMutationIdSchema.optional(),
});

export const ColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a #rrggbb colour");
export const TagNameSchema = nameText(80).refine((s) => !s.includes(">"), "must not contain '>' (it separates levels in paths)");
const TagDescriptionSchema = storedText(500);

export const TagCreateSchema = z.object({
  workspaceId: IdSchema,
  name: TagNameSchema,
  parentId: IdSchema.nullable().optional(),
  color: ColorSchema.default("#7c8da6"),
  description: TagDescriptionSchema.default(""),
  clientMutationId: ClientMutationIdSchema.optional(),
});

export const TagUpdateSchema = z
  .object({
    tagId: IdSchema,
    version: VersionSchema,
    name: TagNameSchema.optional(),
    parentId: IdSchema.nullable().optional(),
    color: ColorSchema.optional(),
    description: TagDescriptionSchema.optional(),
    archived: z.boolean().optional(),
    clientMutationId: ClientMutationIdSchema.optional(),
  })
  .refine((v) => [v.name, v.parentId, v.color, v.description, v.archived].some((x) => x !== undefined), {
    message: "nothing to change",
    path: ["name"],
  });

export const TagMergeSchema = z.object({
  tagId: IdSchema,
  intoTagId: IdSchema,
  clientMutationId: ClientMutationIdSchema.optional(),
});

export const AnnotationListQuerySchema = z.object({
  /** `false` leaves replies out (each annotation then carries `thread`); fetch a thread with GET /annotations/:id/replies. */
  replies: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
});

export const EventsQuerySchema = z.object({
  after: z.coerce.number().int().min(0).max(MAX_INT32).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

export interface AnchorDto {
  start: { paragraphId: string; offset: number };
  end: { paragraphId: string; offset: number };
  quote: string;
  prefix: string;
  suffix: string;
  /** anchored: on its span (confidence < 1 when the text under it changed); orphaned: its text is gone. */
  state: "anchored" | "orphaned";
  /** An orphan someone took off the "needs re-attaching" list. */
  dismissed: boolean;
  confidence: number;
  /** The document version it was made on. */
  docVersion: number;
}

export interface PersonDto {
  id: string;
  displayName: string;
}

export interface ReplyDto {
  id: string;
  annotationId: string;
  parentId: string | null;
  author: PersonDto;
  /** null once deleted: the thread keeps a placeholder. */
  body: Body | null;
  stance: Stance;
  mentions: string[];
  version: number;
  deleted: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ClaimStateDto {
  status: string;
  assigneeId: string | null;
  reviewerId: string | null;
  rationale: string;
  sources: string[];
  decidedAt: string | null;
  version: number;
}

export const SUGGESTION_STATES = ["open", "accepted", "rejected"] as const;
export type SuggestionState = (typeof SUGGESTION_STATES)[number];

export interface SuggestionDto {
  replacement: string;
  state: SuggestionState;
  decidedBy: string | null;
  decidedAt: string | null;
  /** The document version an accepted suggestion made. */
  appliedVersion: number | null;
  version: number;
}

export interface AnnotationDto {
  id: string;
  documentId: string;
  kind: AnnotationKind;
  body: Body;
  anchor: AnchorDto;
  author: PersonDto;
  tagIds: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
  /** When a person last changed its note, kind or tags; null when never. */
  editedAt: string | null;
  deleted: boolean;
  replies?: ReplyDto[];
  /** In lists fetched without replies: the thread's size and stance tally (latest stance per person). */
  thread?: { replyCount: number; tally: { supports: number; disputes: number; questions: number } };
  claim: ClaimStateDto | null;
  suggestion: SuggestionDto | null;
}

export interface TagDto {
  id: string;
  workspaceId: string;
  parentId: string | null;
  name: string;
  /** "Parent > Child" */
  path: string;
  color: string;
  description: string;
  archived: boolean;
  version: number;
}

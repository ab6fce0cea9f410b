/**
 * Claim review and claims dashboard payloads, shared by REST, sockets and the browser.
 * A claim moves open -> in_review -> one verdict; a verdict can be reopened, and a claim can
 * be retracted (and restored). The rules of who may do which move live on the server
 * (server/modules/review/transitions.ts); these schemas only check shapes.
 */
import { z } from "zod";
import { ANNOTATION_KINDS, ClientMutationIdSchema, MAX_INT32, type PersonDto, type ClaimStateDto } from "./annotations.ts";
import { IdSchema } from "./workspaces.ts";
import { storedText } from "./text-policy.ts";
import { listOf } from "./query.ts";
import { CLAIM_STATUSES, type ClaimStatus } from "./claim-status.ts";

export { CLAIM_STATUSES, CLAIM_STATUS_LABELS, VERDICTS, isVerdict, type ClaimStatus, type Verdict } from "./claim-status.ts";
export const ClaimStatusSchema = z.enum(CLAIM_STATUSES);

export const MAX_SOURCES = 20;
export const MAX_RATIONALE_CHARS = 5_000;

/**
 * An absolute http(s) URL: anything else (javascript:, data:, relative) is refused, and so is
 * one with spaces inside (two addresses pasted as one, or a space not written as %20), which a
 * URL parser would quietly take as one address and lists of sources (the CSV export's) as two.
 */
export const SourceUrlSchema = z
  .string()
  .trim()
  .max(2_000)
  .refine((s) => !/\s/.test(s), "must not contain spaces: give each source on its own, and write a space in an address as %20")
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === "http:" || u.protocol === "https:") && u.hostname.length > 0;
    } catch {
      return false;
    }
  }, "must be an absolute http(s) URL");

export const SourcesSchema = z
  .array(SourceUrlSchema)
  .max(MAX_SOURCES, `at most ${MAX_SOURCES} sources`)
  .refine((urls) => new Set(urls).size === urls.length, "must not repeat a source");

const VersionSchema = z.number().int().min(1).max(MAX_INT32);
const RationaleSchema = storedText(MAX_RATIONALE_CHARS);

export const ClaimReviewSchema = z
  .object({
    annotationId: IdSchema,
    /** The claim's review version (ClaimStateDto.version), not the annotation's. */
    version: VersionSchema,
    status: ClaimStatusSchema.optional(),
    rationale: RationaleSchema.optional(),
    sources: SourcesSchema.optional(),
    clientMutationId: ClientMutationIdSchema.optional(),
  })
  .refine((v) => v.status !== undefined || v.rationale !== undefined || v.sources !== undefined, {
    message: "nothing to change: give status, rationale or sources",
    path: ["status"],
  });

export const ClaimAssignSchema = z.object({
  annotationId: IdSchema,
  version: VersionSchema,
  assigneeId: IdSchema.nullable(),
  clientMutationId: ClientMutationIdSchema.optional(),
});

export const MAX_BULK = 500;

const BulkAction = z.discriminatedUnion("action", [
  z.object({ action: z.literal("setStatus"), status: ClaimStatusSchema, rationale: RationaleSchema.optional(), sources: SourcesSchema.optional() }),
  z.object({ action: z.literal("assign"), assigneeId: IdSchema.nullable() }),
  z.object({ action: z.literal("addTag"), tagId: IdSchema }),
  z.object({ action: z.literal("removeTag"), tagId: IdSchema }),
]);

const BulkScope = z.object({
  documentId: IdSchema.optional(),
  workspaceId: IdSchema.optional(),
  annotationIds: z
    .array(IdSchema)
    .min(1, "select at least one claim")
    .max(MAX_BULK, `at most ${MAX_BULK} claims at once`)
    .refine((ids) => new Set(ids).size === ids.length, "must not repeat a claim"),
  clientMutationId: ClientMutationIdSchema.optional(),
});

export const ClaimsBulkSchema = z
  .intersection(BulkScope, BulkAction)
  .refine((v) => (v.documentId === undefined) !== (v.workspaceId === undefined), { message: "give exactly one of documentId or workspaceId", path: ["documentId"] });
export type ClaimsBulkInput = z.input<typeof ClaimsBulkSchema>;

export const CLAIM_SORTS = ["created", "age", "status", "replies", "updated"] as const;
export const MAX_PAGE = 200;


/** Filters shared by the claims table, its stats and the export of a document. */
export const ClaimFilterSchema = z.object({
  status: listOf(ClaimStatusSchema).optional(),
  /** A tag matches claims carrying it or any of its descendants. */
  tag: listOf(IdSchema).optional(),
  author: IdSchema.optional(),
  /** A member's id, "me" for the caller, or "none" for unassigned claims. */
  assignee: IdSchema.optional(),
  q: z.string().trim().max(200).optional(),
});
export type ClaimFilter = z.output<typeof ClaimFilterSchema>;

export const ClaimListQuerySchema = ClaimFilterSchema.extend({
  sort: z.enum(CLAIM_SORTS).default("created"),
  order: z.enum(["asc", "desc"]).default("desc"),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ClaimListQuery = z.output<typeof ClaimListQuerySchema>;

export const QueueQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const EXPORT_FORMATS = ["html", "md", "docx", "jsonld", "csv", "claimreview"] as const;
export const ExportFormatSchema = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

/** What a CSV export holds: one row per claim (the default), or one row per annotation of any kind. */
export const CSV_ROWS = ["claims", "all"] as const;
export type CsvRows = (typeof CSV_ROWS)[number];

/** Which suggestions an export holds: the ones still standing (open or accepted), or all of them. */
export const EXPORT_SUGGESTIONS = ["live", "all"] as const;

export const ExportQuerySchema = z
  .object({
    format: ExportFormatSchema,
    kinds: listOf(z.enum(ANNOTATION_KINDS)).optional(),
    tags: listOf(IdSchema).optional(),
    /** Given statuses keep only claims in them (other kinds have no status). */
    statuses: listOf(ClaimStatusSchema).optional(),
    replies: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
    /** jsonld only: split the collection into pages of this size; `page` picks one (0-based). */
    pageSize: z.coerce.number().int().min(1).max(1000).optional(),
    page: z.coerce.number().int().min(0).optional(),
    /** csv only: `claims` (default) or `all` annotations. */
    rows: z.enum(CSV_ROWS).optional(),
    /** The document version to export (default: the current one); checked against the document. */
    version: z.coerce.number().int().min(1).max(MAX_INT32).optional(),
    /** `live` (default): open and accepted suggestions; `all`: rejected ones too. */
    suggestions: z.enum(EXPORT_SUGGESTIONS).default("live"),
  })
  .superRefine((q, ctx) => {
    if (q.rows !== undefined && q.format !== "csv") ctx.addIssue({ code: "custom", path: ["rows"], message: "only applies to format=csv" });
  });
export type ExportQuery = z.output<typeof ExportQuerySchema>;

export interface StanceTally {
  supports: number;
  disputes: number;
  questions: number;
}

export interface ClaimTagDto {
  id: string;
  path: string;
  color: string;
}

/** One row of the claims table, the review queue, and the CSV export. */
export interface ClaimRowDto {
  annotationId: string;
  documentId: string;
  documentTitle: string;
  workspaceId: string;
  quote: string;
  body: string;
  author: PersonDto;
  tags: ClaimTagDto[];
  status: ClaimStatus;
  assignee: PersonDto | null;
  reviewer: PersonDto | null;
  claim: ClaimStateDto;
  /** Latest stance per person among their replies (a "none" reply changes nothing). */
  stances: StanceTally;
  replyCount: number;
  createdAt: string;
  updatedAt: string;
  ageSeconds: number;
}

export interface ClaimPageDto {
  claims: ClaimRowDto[];
  total: number;
  offset: number;
  limit: number;
  nextOffset: number | null;
}

export interface ClaimStatsDto {
  total: number;
  byStatus: Record<ClaimStatus, number>;
  byTag: Array<ClaimTagDto & { count: number }>;
}

export interface ClaimChangeDto {
  id: string;
  annotationId: string;
  actor: PersonDto | null;
  fromStatus: ClaimStatus;
  toStatus: ClaimStatus;
  /** The claim version this change produced. */
  version: number;
  changes: Partial<Record<"rationale" | "sources" | "assigneeId", { from: unknown; to: unknown }>>;
  createdAt: string;
}

/** What claim:review and claim:assign answer, and the payload of their events. */
export interface ClaimUpdateDto {
  annotationId: string;
  documentId: string;
  claim: ClaimStateDto;
  /** null when the request changed nothing (no history row, no event). */
  change: ClaimChangeDto | null;
}

export interface ClaimsBulkResultDto {
  action: "setStatus" | "assign" | "addTag" | "removeTag";
  annotationIds: string[];
  /** Claims the action left as they were (already in that state). */
  unchanged: string[];
}

export interface ClaimHistoryDto {
  annotationId: string;
  created: { by: PersonDto; at: string };
  claim: ClaimStateDto;
  changes: ClaimChangeDto[];
}

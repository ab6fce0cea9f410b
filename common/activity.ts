/**
 * Activity, audit and search: what the API answers and the queries it takes. Activity is read
 * from the two event logs (common/events.ts); search from the full-text index that the database
 * keeps in step with the rows (SQLite FTS5, PostgreSQL tsvector).
 */
import { z } from "zod";
import { IdSchema } from "./workspaces.ts";
import type { DocumentEventType, WorkspaceEventType } from "./events.ts";
import { CLAIM_STATUSES } from "./review.ts";
import { listOf } from "./query.ts";

/** `before`: the `nextBefore` of the previous page. `type`: exact types or their first part ("member" matches member.*). */
export const ActivityQuerySchema = z.object({
  before: z.string().max(200).regex(/^[A-Za-z0-9_-]+$/, "is not a cursor from this API").optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  actor: IdSchema.optional(),
  type: listOf(z.string().regex(/^[a-z_.]{1,40}$/, "is not an event type")).optional(),
});
export type ActivityQuery = z.output<typeof ActivityQuerySchema>;

export const AuditQuerySchema = ActivityQuerySchema.extend({
  format: z.enum(["json", "csv"]).default("json"),
});

export interface ActivityEntryDto {
  /** Stable within the logs: "d.<documentId>.<seq>" or "w.<workspaceId>.<seq>". */
  id: string;
  type: DocumentEventType | WorkspaceEventType;
  actor: { id: string; displayName: string } | null;
  createdAt: string;
  documentId: string | null;
  /** The document's title now, or as the log last named it when it is gone. */
  documentTitle: string | null;
  /** Where the entry points in the document, when it concerns a passage. */
  annotationId: string | null;
  paragraphId: string | null;
  /** One line saying what happened, e.g. `replied (disputes)`, `changed Ana Lee's role from analyst to editor`. */
  summary: string;
}

export interface ActivityPageDto {
  entries: ActivityEntryDto[];
  /** Pass as `before` for the next (older) page; null when there is none. */
  nextBefore: string | null;
}

/** An audit entry: an activity entry plus the before/after of what it changed. */
export interface AuditEntryDto extends ActivityEntryDto {
  changes: Record<string, { from: unknown; to: unknown }>;
}

export interface AuditPageDto {
  entries: AuditEntryDto[];
  nextBefore: string | null;
}

export const SEARCH_KINDS = ["paragraph", "annotation", "reply", "tag"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const SearchQuerySchema = z.object({
  q: z.string().trim().min(1, "must not be empty").max(200),
  document: IdSchema.optional(),
  kind: listOf(z.enum(SEARCH_KINDS)).optional(),
  /** Annotations and replies on annotations carrying this tag or one under it. */
  tag: IdSchema.optional(),
  author: IdSchema.optional(),
  /** Claims (and replies on claims) in these review states. */
  status: listOf(z.enum(CLAIM_STATUSES)).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
export type SearchQuery = z.output<typeof SearchQuerySchema>;

export interface SearchResultDto {
  kind: SearchKind;
  documentId: string | null;
  documentTitle: string | null;
  paragraphId: string | null;
  annotationId: string | null;
  replyId: string | null;
  tagId: string | null;
  /** A short passage around the match. */
  snippet: string;
  /** [start, end) UTF-16 ranges of the matched words inside `snippet`. */
  highlights: Array<[number, number]>;
}

export interface SearchPageDto {
  results: SearchResultDto[];
  total: number;
}

/** One step in an annotation's life: created, edited (with what changed), replied to, reviewed, deleted. */
export interface AnnotationHistoryEntryDto {
  seq: number;
  type: DocumentEventType;
  actor: { id: string; displayName: string } | null;
  createdAt: string;
  summary: string;
  /** For edits: note, kind and tags before and after. */
  changes: Record<string, { from: unknown; to: unknown }>;
}

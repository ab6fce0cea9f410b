import type { AnchorDto, AnnotationDto, AnnotationKind, ClaimStateDto, ReplyDto, Stance, SuggestionDto, SuggestionState } from "../../../common/annotations.ts";
import type { Body } from "../../../common/bodies.ts";
import type { ResolvedAnchor } from "../../anchoring/resolve.ts";

/** What every annotation query includes, so presenters always have what they need. */
export const ANNOTATION_INCLUDE = {
  author: { select: { id: true, displayName: true } },
  tags: { select: { tagId: true }, orderBy: { createdAt: "asc" as const } },
  review: true,
  suggestion: true,
} as const;

export const REPLY_INCLUDE = { author: { select: { id: true, displayName: true } } } as const;

interface ReviewRow {
  status: string;
  assigneeId: string | null;
  reviewerId: string | null;
  rationale: string;
  sources: string;
  decidedAt: Date | null;
  version: number;
}

/** An annotation row: its anchor columns are exactly a resolved anchor. */
export interface AnnotationRow extends ResolvedAnchor {
  id: string;
  documentId: string;
  kind: string;
  body: string;
  docVersion: number;
  anchorState: string;
  confidence: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  editedAt: Date | null;
  author: { id: string; displayName: string };
  tags: { tagId: string }[];
  review: ReviewRow | null;
  suggestion?: SuggestionRow | null;
}

interface SuggestionRow {
  replacement: string;
  state: string;
  decidedById: string | null;
  decidedAt: Date | null;
  appliedVersion: number | null;
  version: number;
}

export function presentSuggestion(r: SuggestionRow | null | undefined): SuggestionDto | null {
  if (!r) return null;
  return { replacement: r.replacement, state: r.state as SuggestionState, decidedBy: r.decidedById, decidedAt: r.decidedAt?.toISOString() ?? null, appliedVersion: r.appliedVersion, version: r.version };
}

export interface ReplyRow {
  id: string;
  annotationId: string;
  parentId: string | null;
  body: string;
  stance: string;
  mentions: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  author: { id: string; displayName: string };
}

export function presentClaim(r: ReviewRow | null): ClaimStateDto | null {
  if (!r) return null;
  return {
    status: r.status,
    assigneeId: r.assigneeId,
    reviewerId: r.reviewerId,
    rationale: r.rationale,
    sources: JSON.parse(r.sources) as string[],
    decidedAt: r.decidedAt?.toISOString() ?? null,
    version: r.version,
  };
}

/** The anchor columns of an annotation row (or of an anchor revision) as the API shows them. */
export function presentAnchor(a: Pick<AnnotationRow, "startPid" | "startOffset" | "endPid" | "endOffset" | "quote" | "prefix" | "suffix" | "anchorState" | "confidence" | "docVersion">): AnchorDto {
  return {
    start: { paragraphId: a.startPid, offset: a.startOffset },
    end: { paragraphId: a.endPid, offset: a.endOffset },
    quote: a.quote,
    prefix: a.prefix,
    suffix: a.suffix,
    // A dismissed orphan is still an orphan; the flag says it left the re-attaching list.
    state: a.anchorState === "anchored" ? "anchored" : "orphaned",
    dismissed: a.anchorState === "dismissed",
    confidence: a.confidence,
    docVersion: a.docVersion,
  };
}

export function presentAnnotation(a: AnnotationRow, replies?: ReplyRow[]): AnnotationDto {
  const dto: AnnotationDto = {
    id: a.id,
    documentId: a.documentId,
    kind: a.kind as AnnotationKind,
    body: JSON.parse(a.body) as Body,
    anchor: presentAnchor(a),
    author: a.author,
    tagIds: a.tags.map((t) => t.tagId),
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    editedAt: a.editedAt?.toISOString() ?? null,
    deleted: a.deletedAt !== null,
    claim: presentClaim(a.review),
    suggestion: presentSuggestion(a.suggestion),
  };
  if (replies) dto.replies = replies.map(presentReply);
  return dto;
}

export function presentReply(r: ReplyRow): ReplyDto {
  const deleted = r.deletedAt !== null;
  return {
    id: r.id,
    annotationId: r.annotationId,
    parentId: r.parentId,
    author: r.author,
    body: deleted ? null : (JSON.parse(r.body) as Body),
    stance: r.stance as Stance,
    mentions: deleted ? [] : (JSON.parse(r.mentions) as string[]),
    version: r.version,
    deleted,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

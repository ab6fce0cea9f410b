/** Outbox entries shown as what they will become: annotations and replies marked pending. */
import type { AnnotationDto, ReplyDto } from "../../../../common/annotations.ts";
import type { Body } from "../../../../common/bodies.ts";
import type { PersonDto } from "../../../../common/annotations.ts";
import type { OutboxEntry } from "../../realtime/outbox.ts";
import type { ThreadSummary } from "../annotations/ordering.ts";

export type AnnotationView = AnnotationDto & { thread: ThreadSummary; pending?: boolean };
export type ReplyView = ReplyDto & { pending?: boolean };

export const PENDING_PREFIX = "pending:";

function bodyOf(input: unknown): Body {
  if (typeof input === "string") return { format: "text", text: input };
  if (typeof input === "object" && input !== null) {
    const b = input as { format?: string; text?: unknown; doc?: unknown };
    if (b.format === "rich" && typeof b.doc === "object" && b.doc !== null) return { format: "rich", doc: b.doc as Record<string, unknown>, text: "", mentions: [] };
    if (typeof b.text === "string") return { format: "text", text: b.text };
  }
  return { format: "text", text: "" };
}

/** Annotations still in the outbox that the server has not confirmed yet. */
export function pendingAnnotations(entries: OutboxEntry[], me: PersonDto, resolved: (cmid: string) => string | undefined): AnnotationView[] {
  const out: AnnotationView[] = [];
  for (const e of entries) {
    if (e.name !== "annotation:create" || resolved(e.id)) continue;
    const { anchor } = e.input;
    out.push({
      id: PENDING_PREFIX + e.id,
      documentId: e.documentId,
      kind: e.input.kind,
      body: bodyOf(e.input.body),
      anchor: { start: anchor.start, end: anchor.end, quote: anchor.quote ?? "", prefix: "", suffix: "", state: "anchored", dismissed: false, confidence: 1, docVersion: 0 },
      author: me,
      tagIds: e.input.tagIds ?? [],
      version: 0,
      createdAt: new Date(e.createdAt).toISOString(),
      updatedAt: new Date(e.createdAt).toISOString(),
      editedAt: null,
      deleted: false,
      replies: [],
      thread: { replyCount: 0, tally: { supports: 0, disputes: 0, questions: 0 } },
      claim: null,
      suggestion: e.input.kind === "suggestion" ? { replacement: e.input.replacement ?? "", state: "open", decidedBy: null, decidedAt: null, appliedVersion: null, version: 0 } : null,
      pending: true,
    });
  }
  return out;
}

/** Replies to `annotationId` still waiting in the outbox. */
export function pendingReplies(entries: OutboxEntry[], annotationId: string, me: PersonDto, resolved: (cmid: string) => string | undefined): ReplyView[] {
  const out: ReplyView[] = [];
  for (const e of entries) {
    if (e.name !== "reply:create" || e.input.annotationId !== annotationId || resolved(e.id)) continue;
    out.push({
      id: PENDING_PREFIX + e.id,
      annotationId,
      parentId: e.input.parentId ?? null,
      author: me,
      body: bodyOf(e.input.body),
      stance: e.input.stance ?? "none",
      mentions: [],
      version: 0,
      deleted: false,
      createdAt: new Date(e.createdAt).toISOString(),
      updatedAt: new Date(e.createdAt).toISOString(),
      pending: true,
    });
  }
  return out;
}

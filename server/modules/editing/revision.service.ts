/**
 * A revised draft of an existing document (`document:revise`). Off the event loop, the draft is
 * parsed and aligned with the current paragraphs (server/anchoring/align.ts) and the quotes of
 * annotations on paragraphs that may disappear are looked for in the draft's text; then, in one
 * transaction, the plan is applied through the same edit path as any edit: aligned paragraphs
 * keep their ids (their annotations move through the exact character diff), new ones get new
 * ids, unmatched ones are retired, and an annotation whose paragraph went is placed by that
 * search only when it is unambiguous and confident — otherwise it is orphaned, never guessed.
 * Where look-alike paragraphs left it unsettled which one continues which (plan.doubtful), the
 * annotations on them are carried or placed, but flagged (below certain), never as exact.
 */
import { z } from "zod";
import type { Tx } from "../../db/client.ts";
import type { RevisionReportDto } from "../../../common/editing.ts";
import { ClientMutationIdSchema, IdSchema } from "../../../common/workspaces.ts";
import { ImportFormatSchema } from "../../../common/documents.ts";
import { ConflictError } from "../../http/errors.ts";
import { UNSTORABLE_CHARS } from "../../../common/text-policy.ts";
import { CERTAIN_CONFIDENCE, contextOf, quoteOf } from "../../../common/anchoring.ts";
import { loadDocumentAccess } from "../documents/documents.service.ts";
import { authorize } from "../workspaces/membership.ts";
import type { ImportedDocument } from "../documents/import/types.ts";
import type { Actor, MutationServices, Written } from "../mutations/mutation.ts";
import type { AlignPlan } from "../../anchoring/align.ts";
import { applyEdit } from "./apply-edit.ts";
import type { CarriedAnchor, StoredAnchor } from "../../anchoring/carry.ts";
import type { EditSession } from "./edit-session.ts";

/** Where the draft's text holds an annotation's quote: paragraph index in the draft and offsets. */
export interface DraftPlacement {
  annotationId: string;
  start: { index: number; offset: number };
  end: { index: number; offset: number };
  confidence: number;
}

export const DocumentReviseSchema = z.object({
  documentId: IdSchema,
  /** The document version the draft was compared with; a newer one means compare again. */
  baseVersion: z.number().int().min(1),
  format: ImportFormatSchema,
  sourceName: z.string().max(255).optional(),
  parsed: z.custom<ImportedDocument>((v) => typeof v === "object" && v !== null && Array.isArray((v as ImportedDocument).blocks), "a parsed document"),
  plan: z.custom<AlignPlan>((v) => typeof v === "object" && v !== null && Array.isArray((v as AlignPlan).matchOf), "an alignment"),
  placements: z.array(z.custom<DraftPlacement>()),
  clientMutationId: ClientMutationIdSchema.optional(),
});

const storable = (s: string) => s.replace(new RegExp(UNSTORABLE_CHARS.source, "gu"), "\ufffd");

/** A draft's block as the edit needs it. */
export type DraftBlock = Pick<ImportedDocument["blocks"][number], "kind" | "text" | "level" | "role" | "depth" | "ordered" | "marks">;

/**
 * Lays a draft over the session by the alignment: unmatched old paragraphs retired, aligned ones
 * given the draft's text and shape (keeping their ids), new ones inserted in the draft's order.
 * Answers the paragraph id of each draft block, and how many were kept, edited and added.
 */
const shapeOf = (b: DraftBlock) => ({ kind: b.kind, level: b.level ?? null, role: b.role ?? null, depth: b.depth ?? null, ordered: b.ordered ?? null });

export function applyDraft(session: EditSession, blocks: readonly DraftBlock[], plan: AlignPlan): { ids: string[]; counts: { kept: number; edited: number; added: number; retired: number } } {
  const ids: string[] = [];
  const counts = { kept: 0, edited: 0, added: 0, retired: plan.retired.length };
  for (const id of plan.retired) {
    const p = session.paragraph(id);
    if (p) session.retire(p);
  }
  let after: string | null = null;
  // New blocks in a row are inserted together, so their order keys are spread over the gap
  // at once (one at a time, each would halve what is left).
  let run: number[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const fresh = session.insert(
      after,
      run.map((j) => {
        const b = blocks[j]!;
        return { ...shapeOf(b), text: storable(b.text), marks: b.marks?.length ? JSON.stringify(b.marks) : null };
      }),
    );
    run.forEach((j, k) => (ids[j] = fresh[k]!));
    after = fresh[fresh.length - 1]!;
    counts.added += run.length;
    run = [];
  };
  blocks.forEach((b, j) => {
    const match = plan.matchOf[j];
    const p = match ? session.paragraph(match) : undefined;
    if (!p) return void run.push(j);
    flush();
    const text = storable(b.text);
    if (p.text !== text) {
      session.changeText(p, text);
      counts.edited++;
    } else counts.kept++;
    session.reshape(p, shapeOf(b));
    ids[j] = p.id;
    after = p.id;
  });
  flush();
  return { ids, counts };
}

/** The last chance for an anchor the draft orphaned: where the draft search found its quote, if it did. */
export function draftRescue(placements: readonly DraftPlacement[], ids: readonly string[]): (session: EditSession, a: StoredAnchor) => CarriedAnchor | null {
  const placed = new Map(placements.map((p) => [p.annotationId, p]));
  return (session, a) => {
    const where = placed.get(a.id);
    if (!where) return null;
    const first = session.paragraph(ids[where.start.index] ?? "");
    const last = session.paragraph(ids[where.end.index] ?? "");
    if (!first || !last) return null;
    const from = session.position(first.id);
    const to = session.position(last.id);
    if (to < from || (from === to && where.end.offset <= where.start.offset)) return null;
    const quote = quoteOf(session.order.slice(from, to + 1), where.start.offset, where.end.offset);
    return {
      id: a.id,
      // Found only by its words, or beside a look-alike: on the list to check, not carried exactly.
      outcome: quote === a.quote && where.confidence >= CERTAIN_CONFIDENCE ? "exact" : "changed",
      startPid: first.id,
      startOffset: where.start.offset,
      endPid: last.id,
      endOffset: where.end.offset,
      quote,
      ...contextOf(first.text, where.start.offset, last.text, where.end.offset),
      anchorState: "anchored",
      // An uncertain finding is always below what the annotation had.
      confidence: where.confidence >= CERTAIN_CONFIDENCE ? Math.min(a.confidence, where.confidence) : Math.max(0.05, Math.min(where.confidence, Math.round((a.confidence - 0.001) * 1000) / 1000)),
    };
  };
}

export async function reviseDocument(tx: Tx, actor: Actor, input: z.output<typeof DocumentReviseSchema>, services: MutationServices): Promise<Written<RevisionReportDto>> {
  const { document, role } = await loadDocumentAccess(tx, actor.userId, input.documentId);
  authorize(role, "document.edit");
  if (document.version !== input.baseVersion) throw ConflictError(`The document changed (now version ${document.version}) while the draft was compared with it; upload the draft again`);
  const ids: string[] = [];
  const counts = { kept: 0, edited: 0, added: 0, retired: 0 };
  const rescue = draftRescue(input.placements, ids);
  const out = await applyEdit(
    tx,
    services.provider,
    actor,
    document.id,
    (session) => {
      const laid = applyDraft(session, input.parsed.blocks, input.plan);
      ids.push(...laid.ids);
      Object.assign(counts, laid.counts);
    },
    {
      kind: "revision",
      note: `Revised draft${input.sourceName ? ` (${input.sourceName})` : ""}`,
      clientMutationId: input.clientMutationId,
      rescue,
      doubtful: new Set(input.plan.doubtful ?? []),
    },
  );
  await tx.document.update({
    where: { id: document.id },
    data: { metadata: JSON.stringify(input.parsed.metadata), format: input.format, ...(input.sourceName ? { sourceName: storable(input.sourceName) } : {}) },
  });
  const byOutcome = { exact: [] as string[], changed: [] as Array<{ id: string; confidence: number }>, orphaned: [] as string[] };
  for (const o of out.outcomes.values()) {
    if (o.outcome === "exact") byOutcome.exact.push(o.id);
    else if (o.outcome === "changed") byOutcome.changed.push({ id: o.id, confidence: o.confidence });
    else byOutcome.orphaned.push(o.id);
  }
  // The annotations the draft did not touch at all were carried exactly too.
  // (Read whole and sifted here: the touched ones as a `notIn` list could pass the limit on parameters.)
  const live = await tx.annotation.findMany({ where: { documentId: document.id, deletedAt: null, anchorState: "anchored" }, select: { id: true } });
  byOutcome.exact.push(...live.filter((a) => !out.outcomes.has(a.id)).map((a) => a.id));
  return {
    result: { version: out.result.version, paragraphs: counts, annotations: byOutcome },
    events: out.events,
    afterCommit: ({ paragraphs }) => paragraphs.forget(document.id),
  };
}

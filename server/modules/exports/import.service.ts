/**
 * Importing a JSON-LD export onto another copy of the article: each note is re-anchored by
 * quote and context (reanchor.ts) and created, with its tags (matched by path in this
 * workspace) and its replies, through the same services and event log as a user's own
 * mutations, in one transaction. Imported annotations are authored by the importing user;
 * claims arrive open (verdicts are decisions made in the other copy's workspace).
 */
import { z } from "zod";
import type { Tx } from "../../db/client.ts";
import { ClientMutationIdSchema, IdSchema } from "../../../common/workspaces.ts";
import { appendEvent } from "../events/event-log.ts";
import type { DocumentEventDto } from "../../../common/events.ts";
import { HttpError } from "../../http/errors.ts";
import { loadDocumentAccess } from "../documents/documents.service.ts";
import { authorize } from "../workspaces/membership.ts";
import { can } from "../../../common/policy.ts";
import { createAnnotationsInTx, type CreateItem } from "../annotations/annotation-create-batch.ts";
import { createReply } from "../threads/replies.service.ts";
import type { Actor, MutationServices } from "../mutations/mutation.ts";
import { tagIndex } from "../tags/tag-scope.ts";
import { yieldToEventLoop } from "../../lib/yield.ts";
import type { ImportBatch, ImportNote } from "./jsonld-input.ts";
import type { Placement, PlaceMethod } from "../../anchoring/quote-placement.ts";

export interface ImportReport {
  placed: Array<{ id: string; annotationId: string; quote: string; method: PlaceMethod; confidence: number }>;
  notPlaced: Array<{ id: string; quote: string; reason: string }>;
  replies: { created: number; skipped: number };
  /** Tag paths named in the file that this workspace does not have (left off). */
  tagsNotFound: string[];
}

/** Notes written per slice of the transaction. */
const WRITE_SLICE = 40;

const pathKey = (path: string) =>
  path
    .split(">")
    .map((s) => s.trim().toLowerCase())
    .join(" > ");

/**
 * Writes the notes that could be placed, with their tags and replies. `placements[i]` is where
 * `batch.notes[i]` goes, computed beforehand off the event loop (placeQuotes on a worker):
 * fuzzy placement is CPU work and must not hold the transaction or the event loop.
 */
export const AnnotationsImportSchema = z.object({
  documentId: IdSchema,
  batch: z.custom<ImportBatch>((v) => typeof v === "object" && v !== null && Array.isArray((v as ImportBatch).notes), "a read JSON-LD batch"),
  placements: z.array(z.custom<Placement>()),
  clientMutationId: ClientMutationIdSchema.optional(),
});

export async function importAnnotations(tx: Tx, actor: Actor, input: z.output<typeof AnnotationsImportSchema>, deps: MutationServices) {
  const { documentId, batch, placements } = input;
  const { document, role } = await loadDocumentAccess(tx, actor.userId, documentId);
  authorize(role, "annotation.create", `Your role (${role}) is read-only`);
  const report: ImportReport = { placed: [], notPlaced: [...batch.skipped], replies: { created: 0, skipped: 0 }, tagsNotFound: [] };

  const { rows, byId } = await tagIndex(tx, [document.workspaceId]);
  const live = new Set(rows.filter((t) => !t.archivedAt).map((t) => t.id));
  const tagByPath = new Map([...byId.values()].filter((t) => live.has(t.id)).map((t) => [pathKey(t.path), t.id]));
  const missingTags = new Set<string>();
  const mayTag = can(role, "tag.apply");

  const items: Array<{ note: ImportNote; item: CreateItem; method: PlaceMethod; confidence: number }> = [];
  batch.notes.forEach((note, i) => {
    const p = placements[i] ?? { ok: false as const, reason: "not placed" };
    if (!p.ok) {
      report.notPlaced.push({ id: note.sourceId, quote: note.target.exact, reason: p.reason });
      return;
    }
    const tagIds = mayTag
      ? [
          ...new Set(
            note.tags.flatMap((path) => {
              const id = tagByPath.get(pathKey(path));
              if (!id) missingTags.add(path);
              return id ? [id] : [];
            }),
          ),
        ]
      : [];
    const input = { documentId, kind: note.kind, body: { format: "text" as const, text: note.text }, anchor: { start: p.start, end: p.end, quote: p.quote }, tagIds, ...(note.replacement !== undefined ? { replacement: note.replacement } : {}) };
    items.push({ note, item: { actor, input }, method: p.method, confidence: p.confidence });
  });

  const events: DocumentEventDto[] = [];
  const created = new Map<string, string>();
  // Written in slices with a turn of the event loop between them: each slice's statements run
  // synchronously on SQLite, and one slice of thousands would stall every other request.
  const results: Awaited<ReturnType<typeof createAnnotationsInTx>> = [];
  for (let i = 0; i < items.length; i += WRITE_SLICE) {
    if (i > 0) await yieldToEventLoop();
    results.push(...(await createAnnotationsInTx(tx, deps.provider, deps.paragraphs, documentId, items.slice(i, i + WRITE_SLICE).map((x) => x.item))));
  }
  results.forEach((r, i) => {
    const { note, method, confidence } = items[i]!;
    if (!r.ok) {
      const reason = r.error instanceof HttpError ? r.error.message : "could not be created";
      report.notPlaced.push({ id: note.sourceId, quote: note.target.exact, reason });
      return;
    }
    created.set(note.sourceId, r.outcome.result.id);
    events.push(...r.outcome.events);
    report.placed.push({ id: note.sourceId, annotationId: r.outcome.result.id, quote: r.outcome.result.anchor.quote, method, confidence });
  });

  // Replies in file order: a reply's target (a note or an earlier reply) is created before it.
  const replyTo = new Map<string, { annotationId: string; parentId?: string }>();
  for (const [sourceId, annotationId] of created) replyTo.set(sourceId, { annotationId });
  for (const r of batch.replies) {
    const target = replyTo.get(r.targetId);
    if (!target) {
      report.replies.skipped++;
      continue;
    }
    if (report.replies.created > 0 && report.replies.created % WRITE_SLICE === 0) await yieldToEventLoop();
    const out = await createReply(tx, actor, { ...target, body: { format: "text", text: r.text }, stance: r.stance });
    replyTo.set(r.sourceId, { annotationId: target.annotationId, parentId: out.result.id });
    events.push(...out.events);
    report.replies.created++;
  }
  report.tagsNotFound = [...missingTags].sort();
  events.push(
    await appendEvent(tx, {
      documentId,
      type: "annotations.imported",
      payload: { placed: report.placed.length, notPlaced: report.notPlaced.length, replies: report.replies.created },
      actorId: actor.userId,
      clientMutationId: input.clientMutationId,
    }),
  );
  return { result: report, events };
}

/**
 * Creating annotations, in batches. Creates are the hot path (an analyst marks spans far
 * more often than anything else happens), and on this stack each database round trip costs
 * more than the work it does. So creates for one document that arrive while the previous
 * batch is being written wait and are written together: one transaction, a handful of
 * statements, however many creates. A lone create is a batch of one, so there is one path.
 *
 * Each item keeps its own outcome: a refused item (bad anchor, read-only role) gets its own
 * 4xx and does not affect the others; idempotency holds per item (a repeated
 * clientMutationId with the same request returns the recorded result and writes nothing; with a
 * different request it is refused, 409).
 *
 * The steps, in order: check access (admit), sort out repeats among the admitted
 * (recordedResults: a repeat is answered with the recorded result only while its sender may
 * still make it, else with the same 404/403 as a fresh attempt, and only when it sends the
 * recorded request, else with a 409), check each item's body,
 * mentions, anchor and tags (validate), write the rows and events (writeBatch).
 */
import type { z } from "zod";
import type { Db, Provider, Tx } from "../../db/client.ts";
import { insertRows } from "../../db/bulk-insert.ts";
import { list, prismaSql, type Sql } from "../../db/sql.ts";
import { inAdapterTransaction } from "../../db/driver-transaction.ts";
import type { AnnotationCreateSchema, AnnotationDto } from "../../../common/annotations.ts";
import type { Body } from "../../../common/bodies.ts";
import type { DocumentEventDto } from "../../../common/events.ts";
import type { Role } from "../../../common/workspaces.ts";
import { can } from "../../../common/policy.ts";
import { newId } from "../../lib/ids.ts";
import { HttpError, NotFoundError, ForbiddenError, ValidationError } from "../../http/errors.ts";
import { checkMentions, membersAmong } from "../workspaces/membership.ts";
import { replayOf, type Actor, type MutationOutcome } from "../mutations/mutation.ts";
import type { RecordFollowUps } from "../mutations/follow-ups.ts";
import { assertSameRequest } from "../mutations/fingerprint.ts";
import { eventKey } from "../events/event-log.ts";
import { resolveAnchor, type ResolvedAnchor } from "../../anchoring/resolve.ts";
import { spanOf, type ParagraphCache } from "../documents/paragraph-cache.ts";
import { presentAnnotation } from "./annotation.presenter.ts";
import { requireBody } from "./body-check.ts";

export type CreateInput = z.output<typeof AnnotationCreateSchema>;

export interface CreateItem {
  actor: Actor;
  input: CreateInput;
  /** The fingerprint of the request (mutations/fingerprint.ts), given with a clientMutationId. */
  request?: string | undefined;
}

type ItemResult = { ok: true; outcome: MutationOutcome<AnnotationDto> } | { ok: false; error: unknown };
type Results = Map<CreateItem, ItemResult>;
interface BatchDocument {
  id: string;
  workspaceId: string;
  version: number;
}
interface ValidItem {
  item: CreateItem;
  body: Body;
  anchor: ResolvedAnchor;
}

/** Defaults of a new claim's review row, as the schema sets them. */
const NEW_REVIEW = { status: "open", assigneeId: null, reviewerId: null, rationale: "", sources: "[]", decidedAt: null, version: 1 };

const fail = (results: Results, item: CreateItem, error: unknown) => results.set(item, { ok: false, error });
const keyOf = (item: CreateItem) => (item.input.clientMutationId ? `${item.actor.userId}\u0000${item.input.clientMutationId}` : null);

/**
 * The statement reading the recorded results of `items`' clientMutationIds. It names both key
 * columns, so it is a search of the (userId, clientMutationId) key: by the id alone it was a
 * scan of every change ever recorded, once per batch. (A pair of one item's person with another
 * item's id may come back too; callers match whole pairs.)
 */
export function recordedLookup(items: CreateItem[]): [string, string[]] {
  const users = [...new Set(items.map((i) => i.actor.userId))];
  const ids = [...new Set(items.map((i) => i.input.clientMutationId!))];
  return [`SELECT "userId", "clientMutationId", "result", "request" FROM "ClientMutation" WHERE "userId" IN (${list(users.length)}) AND "clientMutationId" IN (${list(ids.length)})`, [...users, ...ids]];
}

/** The fingerprint an item's request is compared with: none when the caller gave none (the item then matches any). */
const requestOf = (item: CreateItem) => item.request ?? null;

/**
 * Idempotency: items whose clientMutationId was recorded get the recorded result; a repeat
 * inside this very batch waits for its first occurrence's outcome. Either is refused (409) when
 * its request differs from the first one's. Returns the items to write.
 */
async function recordedResults(sql: Sql, items: CreateItem[], results: Results, repeats: Map<CreateItem, CreateItem>): Promise<CreateItem[]> {
  const withIds = items.filter((i) => i.input.clientMutationId);
  const recorded = withIds.length ? await sql.query<{ userId: string; clientMutationId: string; result: string; request: string | null }>(...recordedLookup(withIds)) : [];
  const recordedBy = new Map(recorded.map((r) => [`${r.userId}\u0000${r.clientMutationId}`, r]));
  const firstOf = new Map<string, CreateItem>();
  const fresh: CreateItem[] = [];
  for (const item of items) {
    const key = keyOf(item);
    const earlier = key ? recordedBy.get(key) : undefined;
    const mine = requestOf(item);
    if (earlier !== undefined) {
      try {
        if (mine !== null) assertSameRequest(earlier.request, mine);
        results.set(item, { ok: true, outcome: replayOf(JSON.parse(earlier.result) as AnnotationDto) });
      } catch (e) {
        fail(results, item, e);
      }
    } else if (key && firstOf.has(key)) {
      const first = requestOf(firstOf.get(key)!);
      try {
        if (mine !== null) assertSameRequest(first, mine);
        repeats.set(item, firstOf.get(key)!);
      } catch (e) {
        fail(results, item, e);
      }
    } else {
      if (key) firstOf.set(key, item);
      fresh.push(item);
    }
  }
  return fresh;
}

/** Access: 404 for non-members (existence does not leak), 403 for read-only roles. */
async function admit(sql: Sql, documentId: string, items: CreateItem[], results: Results): Promise<{ document: BatchDocument | null; allowed: CreateItem[] }> {
  const users = [...new Set(items.map((i) => i.actor.userId))];
  const rows = await sql.query<{ id: string; workspaceId: string; version: number | string; userId: string | null; role: string | null }>(
    `SELECT d."id", d."workspaceId", d."version", m."userId", m."role" FROM "Document" d
     LEFT JOIN "Membership" m ON m."workspaceId" = d."workspaceId" AND m."userId" IN (${users.length ? list(users.length) : "NULL"})
     WHERE d."id" = ?`,
    [...users, documentId],
  );
  const document = rows[0] ? { id: rows[0].id, workspaceId: rows[0].workspaceId, version: Number(rows[0].version) } : null;
  const roleOf = new Map(rows.filter((r) => r.userId && r.role).map((r) => [r.userId!, r.role as Role]));
  const allowed: CreateItem[] = [];
  for (const item of items) {
    const role = roleOf.get(item.actor.userId);
    if (!document || !role) fail(results, item, NotFoundError("Document"));
    else if (!can(role, "annotation.create")) fail(results, item, ForbiddenError(`Your role (${role}) is read-only`));
    else if ((item.input.tagIds?.length ?? 0) > 0 && !can(role, "tag.apply")) fail(results, item, ForbiddenError(`Your role (${role}) does not allow tag.apply`));
    else allowed.push(item);
  }
  return { document, allowed };
}

/** Each item's body, @mentions, anchor (against the server's own text) and tags; the refused ones get their own error. */
async function validate(tx: Tx, sql: Sql, paragraphs: ParagraphCache, document: BatchDocument, items: CreateItem[], results: Results): Promise<ValidItem[]> {
  // The texts of the version this transaction sees (an edit may have just made a new one).
  const texts = await paragraphs.get(tx, document.id, document.version);
  const bodies = new Map<CreateItem, Body>();
  for (const item of items) {
    try {
      bodies.set(item, requireBody(item.input.body));
    } catch (e) {
      fail(results, item, e);
    }
  }
  const mentioned = [...bodies.values()].flatMap((b) => (b.format === "rich" ? b.mentions : []));
  const members = await membersAmong(tx, document.workspaceId, mentioned);
  const tagIds = [...new Set(items.flatMap((i) => i.input.tagIds ?? []))];
  const liveTags = new Set(
    tagIds.length
      ? (await sql.query<{ id: string }>(`SELECT "id" FROM "Tag" WHERE "id" IN (${list(tagIds.length)}) AND "workspaceId" = ? AND "archivedAt" IS NULL`, [...tagIds, document.workspaceId])).map((t) => t.id)
      : [],
  );
  const valid: ValidItem[] = [];
  for (const [item, body] of bodies) {
    try {
      checkMentions(body, members);
      const r = resolveAnchor(spanOf(texts, item.input.anchor.start.paragraphId, item.input.anchor.end.paragraphId), item.input.anchor);
      if (!r.ok) throw ValidationError(r.message, r.field);
      if ((item.input.tagIds ?? []).some((id) => !liveTags.has(id))) throw ValidationError("tagIds: unknown or archived tag for this workspace", "tagIds");
      valid.push({ item, body, anchor: r.anchor });
    } catch (e) {
      fail(results, item, e);
    }
  }
  return valid;
}

/** Writes the rows, the seq bump, the events and the idempotency records: a handful of statements for the whole batch. */
async function writeBatch(sql: Sql, document: BatchDocument, valid: ValidItem[], results: Results): Promise<void> {
  const now = new Date();
  const rows = valid.map(({ item, body, anchor }) => ({
    id: newId("a"),
    documentId: document.id,
    authorId: item.actor.userId,
    kind: item.input.kind,
    body: JSON.stringify(body),
    ...anchor,
    docVersion: document.version,
    createdAt: now,
    updatedAt: now,
  }));
  await insertRows(sql, "Annotation", rows);
  const links = valid.flatMap(({ item }, i) => (item.input.tagIds ?? []).map((tagId) => ({ annotationId: rows[i]!.id, tagId, createdAt: now })));
  await insertRows(sql, "AnnotationTag", links);
  const claims = rows.filter((r) => r.kind === "claim").map((r) => ({ annotationId: r.id, updatedAt: now }));
  await insertRows(sql, "ClaimReview", claims);
  const suggestions = valid.flatMap(({ item }, i) => (item.input.kind === "suggestion" ? [{ annotationId: rows[i]!.id, replacement: item.input.replacement ?? "", updatedAt: now }] : []));
  await insertRows(sql, "Suggestion", suggestions);
  const [bumped] = await sql.query<{ lastSeq: number | string }>(
    `UPDATE "Document" SET "lastSeq" = "lastSeq" + ?, "updatedAt" = ? WHERE "id" = ? RETURNING "lastSeq"`,
    [valid.length, now, document.id],
  );
  const firstSeq = Number(bumped!.lastSeq) - valid.length + 1;

  const annotations = rows.map((row, i) =>
    presentAnnotation({
      ...row,
      anchorState: "anchored",
      confidence: 1,
      version: 1,
      deletedAt: null,
      editedAt: null,
      author: { id: valid[i]!.item.actor.userId, displayName: valid[i]!.item.actor.displayName },
      tags: (valid[i]!.item.input.tagIds ?? []).map((tagId) => ({ tagId })),
      review: row.kind === "claim" ? NEW_REVIEW : null,
      suggestion: row.kind === "suggestion" ? { replacement: valid[i]!.item.input.replacement ?? "", state: "open", decidedById: null, decidedAt: null, appliedVersion: null, version: 1 } : null,
    }),
  );
  const events: DocumentEventDto[] = annotations.map((annotation, i) => ({
    documentId: document.id,
    seq: firstSeq + i,
    type: "annotation.created",
    actorId: valid[i]!.item.actor.userId,
    clientMutationId: valid[i]!.item.input.clientMutationId ?? null,
    createdAt: now.toISOString(),
    payload: { annotation },
  }));
  await insertRows(
    sql,
    "DocumentEvent",
    events.map((e, i) => ({ id: newId("ev"), documentId: e.documentId, workspaceId: document.workspaceId, annotationId: annotations[i]!.id, seq: e.seq, type: e.type, payload: JSON.stringify(e.payload), actorId: e.actorId, clientMutationId: e.clientMutationId, createdAt: now })),
  );
  const marks = valid.flatMap(({ item }, i) =>
    item.input.clientMutationId ? [{ userId: item.actor.userId, clientMutationId: item.input.clientMutationId, result: JSON.stringify(annotations[i]), request: item.request ?? null, createdAt: now }] : [],
  );
  await insertRows(sql, "ClientMutation", marks);

  valid.forEach(({ item }, i) => {
    results.set(item, { ok: true, outcome: { result: annotations[i]!, events: [events[i]!], workspaceEvents: [], replayed: false, notifications: [], queued: false } });
  });
}

/** Writes a batch of creates for one document in the caller's transaction. */
export async function createAnnotationsInTx(tx: Tx, provider: Provider, paragraphs: ParagraphCache, documentId: string, items: CreateItem[]): Promise<ItemResult[]> {
  return createAnnotations(tx, prismaSql(tx, provider), paragraphs, documentId, items);
}

/** The same, with `sql` running the hand-written statements in `tx`'s transaction. */
async function createAnnotations(tx: Tx, sql: Sql, paragraphs: ParagraphCache, documentId: string, items: CreateItem[]): Promise<ItemResult[]> {
  const results: Results = new Map();
  const repeats = new Map<CreateItem, CreateItem>();
  const { document, allowed } = await admit(sql, documentId, items, results);
  const fresh = await recordedResults(sql, allowed, results, repeats);
  if (document && fresh.length > 0) {
    const valid = await validate(tx, sql, paragraphs, document, fresh, results);
    if (valid.length > 0) await writeBatch(sql, document, valid, results);
  }
  for (const [item, first] of repeats) {
    const r = results.get(first)!;
    results.set(item, r.ok ? { ok: true, outcome: replayOf(r.outcome.result) } : r);
  }
  return items.map((i) => results.get(i)!);
}

interface Pending extends CreateItem {
  resolve(o: MutationOutcome<AnnotationDto>): void;
  reject(e: unknown): void;
}

/**
 * Per-document queue: while one batch is being written, the next one gathers. No timer, and
 * no turn of the event loop: a batch starts once the current microtasks have run, so creates
 * read from the same socket data (whose handlers run in those microtasks) join it, and a lone
 * create is written and published before the node reads anything else.
 */
export class AnnotationCreateQueue {
  private waiting = new Map<string, Pending[]>();
  private busy = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly provider: Provider,
    private readonly paragraphs: ParagraphCache,
    private readonly followUps: RecordFollowUps,
    private readonly maxBatch = 200,
  ) {}

  /** `request` is the fingerprint of the request, given with a clientMutationId. */
  create(actor: Actor, input: CreateInput, request?: string): Promise<MutationOutcome<AnnotationDto>> {
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(input.documentId) ?? [];
      list.push({ actor, input, request, resolve, reject });
      this.waiting.set(input.documentId, list);
      if (!this.busy.has(input.documentId)) {
        this.busy.add(input.documentId);
        // Creates dispatched in the current microtasks join this batch.
        queueMicrotask(() => void this.pump(input.documentId));
      }
    });
  }

  private async pump(documentId: string): Promise<void> {
    try {
      for (let list = this.waiting.get(documentId); list && list.length > 0; list = this.waiting.get(documentId)) {
        const batch = list.splice(0, this.maxBatch);
        if (list.length === 0) this.waiting.delete(documentId);
        await this.write(documentId, batch);
      }
    } finally {
      this.busy.delete(documentId);
    }
  }

  private async write(documentId: string, batch: Pending[]): Promise<void> {
    let results: ItemResult[];
    try {
      // Most batches (no mentions, the document's paragraphs cached) need no Prisma model call:
      // they run in the adapter's own transaction; the others are run again in Prisma's.
      results = await inAdapterTransaction(this.db, this.provider, (tx, sql) => this.writeWithFollowUps(tx, sql, documentId, batch), { maxWait: 20_000, timeout: 30_000 });
    } catch (e) {
      // An unexpected failure (e.g. a clientMutationId raced in from another node) must not
      // sink the others: retry each on its own so only the guilty one fails.
      if (batch.length > 1 && !(e instanceof HttpError)) {
        for (const item of batch) await this.write(documentId, [item]);
        return;
      }
      for (const item of batch) item.reject(e);
      return;
    }
    results.forEach((r, i) => (r.ok ? batch[i]!.resolve(r.outcome) : batch[i]!.reject(r.error)));
  }

  /** The batch, then the notifications and webhook deliveries of its events, each item given its own. */
  private async writeWithFollowUps(tx: Tx, sql: Sql, documentId: string, batch: CreateItem[]): Promise<ItemResult[]> {
    const results = await createAnnotations(tx, sql, this.paragraphs, documentId, batch);
    const fresh = results.flatMap((r) => (r.ok && !r.outcome.replayed ? [r.outcome] : []));
    const follow = await this.followUps(tx, fresh.flatMap((o) => o.events), [], sql);
    for (const outcome of fresh) {
      const key = eventKey(outcome.events[0]!);
      outcome.notifications = follow.notifications.filter((n) => n.sourceEvent === key);
      outcome.queued = follow.queued;
    }
    return results;
  }
}

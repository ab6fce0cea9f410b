/**
 * Writing an edit: every change of a document's text goes through applyEdit, inside the
 * mutation's transaction. It loads the paragraphs into an EditSession, lets the caller apply its
 * steps, then writes what changed: paragraph rows, their revisions (history grows with the
 * change, not the document), the new order, the annotations whose anchors the edit moved or
 * changed (with their anchor revisions), one new document version, and the `document.edited`
 * event. Plain edits, a revised draft and an accepted suggestion all come through here.
 */
import type { Provider, Tx } from "../../db/client.ts";
import { insertRows } from "../../db/bulk-insert.ts";
import { updateRows } from "../../db/bulk-update.ts";
import { driverSqlOf } from "../../db/driver-transaction.ts";
import { inChunks, list, prismaSql, type Sql } from "../../db/sql.ts";
import { newId } from "../../lib/ids.ts";
import type { DocumentEventDto } from "../../../common/events.ts";
import type { CarryOutcome, DocumentEditDto, VersionDto } from "../../../common/editing.ts";
import type { DocumentMetadata, MetaRole, ParagraphKind } from "../../../common/documents.ts";
import { buildMetadata } from "../documents/import/metadata.ts";
import { appendEvent } from "../events/event-log.ts";
import { presentParagraph } from "../documents/document.presenter.ts";
import { presentAnchor } from "../annotations/annotation.presenter.ts";
import type { Actor } from "../mutations/mutation.ts";
import { carry, disturbance, doubted, touchedBy, type CarriedAnchor, type StoredAnchor } from "../../anchoring/carry.ts";
import { EditSession, type ParagraphState } from "./edit-session.ts";


export interface EditOptions {
  kind: VersionDto["changes"]["kind"];
  note?: string | undefined;
  clientMutationId?: string | undefined;
  /** Paragraph texts at earlier versions, for merging stale text steps: `${paragraphId}@${version}`. */
  earlierTexts?: Map<string, string>;
  /** Anchors decided by the caller rather than carried (an accepted suggestion's own span). */
  placeAnchors?: (session: EditSession, carried: Map<string, CarriedAnchor>) => void;
  /** A last chance for anchors the edit orphaned (a revised draft searches the new text). */
  rescue?: (session: EditSession, anchor: StoredAnchor) => CarriedAnchor | null;
  /**
   * Paragraphs whose continuation a revised draft could not settle (look-alikes): anchors on
   * them are carried even where the text did not change, and not as certain.
   */
  doubtful?: ReadonlySet<string>;
}

export interface EditOutcome {
  result: DocumentEditDto;
  events: DocumentEventDto[];
  session: EditSession;
  outcomes: Map<string, CarriedAnchor>;
}

const PARAGRAPH_SELECT = { id: true, rank: true, version: true, kind: true, text: true, level: true, role: true, depth: true, ordered: true, marks: true } as const;
const ANCHOR_COLUMNS = `"id", "startPid", "startOffset", "endPid", "endOffset", "quote", "prefix", "suffix", "confidence", "docVersion"`;

async function loadSession(
  tx: Tx,
  documentId: string,
  earlier: Map<string, string>,
): Promise<{ session: EditSession; oldOrder: Map<string, number>; before: Map<string, ParagraphState>; positions: number[] }> {
  const rows = await tx.paragraph.findMany({ where: { documentId }, orderBy: { position: "asc" }, select: { ...PARAGRAPH_SELECT, position: true } });
  const states: ParagraphState[] = rows.map(({ position: _, ...r }) => ({ ...r, kind: r.kind as ParagraphKind }));
  const session = new EditSession(states, (id, version) => earlier.get(`${id}@${version}`) ?? null);
  return { session, oldOrder: new Map(states.map((p, i) => [p.id, i])), before: new Map(states.map((p) => [p.id, { ...p }])), positions: rows.map((r) => r.position) };
}

/** Texts of paragraphs at given earlier versions (for stale text steps), keyed `${id}@${version}`. */
export async function earlierTexts(tx: Tx, wanted: Array<{ paragraphId: string; version: number }>): Promise<Map<string, string>> {
  if (wanted.length === 0) return new Map();
  const rows = await tx.paragraphRevision.findMany({
    where: { OR: wanted.map((w) => ({ paragraphId: w.paragraphId, paragraphVersion: w.version })) },
    select: { paragraphId: true, paragraphVersion: true, text: true },
  });
  return new Map(rows.map((r) => [`${r.paragraphId}@${r.paragraphVersion}`, r.text]));
}

/** Renumbers positions from ranks in two statements (negative first: positions are unique per document). */
async function renumber(sql: Sql, documentId: string) {
  await sql.execute(`UPDATE "Paragraph" SET "position" = -1 - "position" WHERE "documentId" = ?`, [documentId]);
  await sql.execute(
    `UPDATE "Paragraph" SET "position" = r."pos" FROM (SELECT "id", row_number() OVER (ORDER BY "rank") - 1 AS "pos" FROM "Paragraph" WHERE "documentId" = ?) r
     WHERE "Paragraph"."id" = r."id"`,
    [documentId],
  );
}

const revisionRow = (documentId: string, docVersion: number, p: ParagraphState, retired = false) => ({
  id: newId("pr"),
  documentId,
  paragraphId: p.id,
  docVersion,
  paragraphVersion: p.version,
  rank: p.rank,
  kind: p.kind,
  text: p.text,
  level: p.level,
  role: p.role,
  depth: p.depth,
  ordered: p.ordered,
  marks: p.marks,
  retired,
  createdAt: new Date(),
});

async function writeParagraphs(tx: Tx, sql: Sql, documentId: string, version: number, session: EditSession, before: Map<string, ParagraphState>) {
  const { added, edited, retired, moved } = session;
  if (retired.size) await inChunks([...retired.keys()], async (ids) => [await tx.paragraph.deleteMany({ where: { id: { in: ids } } })]);
  for (const id of new Set([...edited, ...moved])) {
    const p = session.paragraph(id)!;
    await tx.paragraph.update({ where: { id }, data: { text: p.text, kind: p.kind, level: p.level, role: p.role, depth: p.depth, ordered: p.ordered, version: p.version, rank: p.rank } });
  }
  if (added.size) {
    const now = new Date();
    // Parked at negative positions until the renumbering below.
    const fresh = [...added].map((id, i) => {
      const p = session.paragraph(id)!;
      return { id, documentId, position: -1_000_000 - i, rank: p.rank, version: p.version, kind: p.kind, text: p.text, level: p.level, role: p.role, depth: p.depth, ordered: p.ordered, marks: p.marks, createdAt: now };
    });
    await insertRows(sql, "Paragraph", fresh);
  }
  if (session.structural) await renumber(sql, documentId);

  // History: the state before the first change of each paragraph (it held since the import),
  // then the new state of everything this edit touched.
  const changedBefore = [...edited, ...moved, ...retired.keys()];
  const seen = await haveRevisions(sql, "ParagraphRevision", "paragraphId", changedBefore);
  const rows = [
    ...changedBefore.filter((id) => !seen.has(id)).map((id) => revisionRow(documentId, 1, before.get(id)!)),
    ...[...new Set([...edited, ...moved, ...added])].map((id) => revisionRow(documentId, version, session.paragraph(id)!)),
    ...[...retired.values()].map((p) => revisionRow(documentId, version, p, true)),
  ];
  await insertRows(sql, "ParagraphRevision", rows);
}

/** Keys in the IN list of one hand-written lookup. */
const KEYS_PER_LOOKUP = 5_000;

/**
 * Which of `ids` already have a history row in `table` (by its `key` column): one DISTINCT read
 * of the (key, version) index. Prisma's `distinct` would fetch every history row of each and
 * sift them in memory, and compile a new query for every length of the list.
 */
async function haveRevisions(sql: Sql, table: "ParagraphRevision" | "AnchorRevision", key: "paragraphId" | "annotationId", ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await inChunks(ids, (chunk) => sql.query<{ id: string }>(`SELECT DISTINCT "${key}" AS "id" FROM "${table}" WHERE "${key}" IN (${list(chunk.length)})`, chunk), KEYS_PER_LOOKUP);
  return new Set(rows.map((r) => r.id));
}

/** Touched paragraphs listed in the anchor lookup (each is named four times). */
const TOUCHED_LIST_MAX = 1_000;

/**
 * Anchors the edit may have moved: anchored annotations starting or ending in a touched
 * paragraph, and those spanning paragraphs across a part of the old order the edit disturbed
 * (a touched paragraph, or old neighbours it parted). Three indexed lookups (by start
 * paragraph, by end paragraph, the partial index of spanning anchors), read before the
 * paragraphs are written: `positions` are the old ones (by old index).
 */
async function loadAnchors(sql: Sql, documentId: string, session: EditSession, oldOrder: Map<string, number>, positions: readonly number[], doubtful: ReadonlySet<string>): Promise<Array<StoredAnchor & { docVersion: number }>> {
  // Paragraphs whose continuation is in doubt are read as touched, changed or not.
  const touched = [...new Set([...session.edited, ...session.retired.keys(), ...doubtful])];
  if (touched.length === 0 && !session.structural) return [];
  const live = `"deletedAt" IS NULL AND "anchorState" = 'anchored'`;
  // An edit touching most of a long document (a revised draft): every live anchor of the
  // document, one indexed read, rather than lists past a statement's limit on parameters.
  // Anchors the edit does not move come out of the carry unchanged and are not written.
  if (touched.length > TOUCHED_LIST_MAX) return (await sql.query<StoredAnchor & { docVersion: number }>(`SELECT ${ANCHOR_COLUMNS} FROM "Annotation" WHERE "documentId" = ? AND ${live}`, [documentId])).map(numeric);
  const parts: string[] = [];
  const params: unknown[] = [];
  if (touched.length) {
    parts.push(`SELECT ${ANCHOR_COLUMNS} FROM "Annotation" WHERE "startPid" IN (${list(touched.length)}) AND ${live}`);
    parts.push(`SELECT ${ANCHOR_COLUMNS} FROM "Annotation" WHERE "endPid" IN (${list(touched.length)}) AND ${live}`);
    params.push(...touched, ...touched);
  }
  // A spanning anchor can also cover a touched paragraph in its middle, or a joint between old
  // neighbours that the edit parted (a paragraph moved out or in, one inserted or retired
  // there): it starts at or before the last such place and ends at or after the first.
  // touchedBy then keeps only those whose own stretch was disturbed.
  const d = disturbance(session, oldOrder);
  const firsts = [...d.hits, ...d.broken.map((k) => k + 1)];
  const lasts = [...d.hits, ...d.broken];
  if (firsts.length) {
    const spanning = `SELECT ${ANCHOR_COLUMNS.split(", ").map((c) => `a.${c}`).join(", ")} FROM "Annotation" a`;
    const spanningLive = `a."documentId" = ? AND a."startPid" <> a."endPid" AND a."deletedAt" IS NULL AND a."anchorState" = 'anchored'`;
    parts.push(`${spanning} JOIN "Paragraph" ps ON ps."id" = a."startPid" JOIN "Paragraph" pe ON pe."id" = a."endPid" WHERE ${spanningLive} AND ps."position" <= ? AND pe."position" >= ?`);
    params.push(documentId, positions[Math.max(...lasts)], positions[Math.min(...firsts)]);
  }
  if (parts.length === 0) return [];
  // UNION ALL and one pass here rather than UNION: the database would sort every row, quotes
  // and context included, to drop the duplicates (an anchor starting and ending in touched paragraphs).
  const rows = (await sql.query<StoredAnchor & { docVersion: number }>(parts.join(" UNION ALL "), params)).map(numeric);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return byId.size === rows.length ? rows : [...byId.values()];
}

/** An anchor row with its numbers as numbers (a driver may answer integers as text). */
const numeric = (r: StoredAnchor & { docVersion: number }) => ({ ...r, startOffset: Number(r.startOffset), endOffset: Number(r.endOffset), confidence: Number(r.confidence), docVersion: Number(r.docVersion) });

async function writeAnchors(sql: Sql, version: number, changed: Array<{ old: StoredAnchor & { docVersion: number }; next: CarriedAnchor }>) {
  if (changed.length === 0) return;
  const seen = await haveRevisions(sql, "AnchorRevision", "annotationId", changed.map((c) => c.old.id));
  const rows = changed.flatMap(({ old, next }) => {
    const origin = seen.has(old.id)
      ? []
      : [{ annotationId: old.id, docVersion: old.docVersion, startPid: old.startPid, startOffset: old.startOffset, endPid: old.endPid, endOffset: old.endOffset, quote: old.quote, prefix: old.prefix, suffix: old.suffix, anchorState: "anchored", confidence: old.confidence }];
    const now = { annotationId: old.id, docVersion: version, startPid: next.startPid, startOffset: next.startOffset, endPid: next.endPid, endOffset: next.endOffset, quote: next.quote, prefix: next.prefix, suffix: next.suffix, anchorState: next.anchorState, confidence: next.confidence };
    // An annotation made in the very version being replaced has its origin row at this version too: keep the new one.
    return origin.length && origin[0]!.docVersion === version ? [now] : [...origin, now];
  });
  await insertRows(sql, "AnchorRevision", rows);
  await updateRows(
    sql,
    "Annotation",
    "id",
    ANCHOR_UPDATE,
    changed.map(({ next }) => ({ ...next })),
  );
}

/** The columns an anchor change writes (docVersion stays: it is the version the annotation was made on). */
const ANCHOR_UPDATE = {
  startPid: "TEXT",
  startOffset: "INTEGER",
  endPid: "TEXT",
  endOffset: "INTEGER",
  quote: "TEXT",
  prefix: "TEXT",
  suffix: "TEXT",
  anchorState: "TEXT",
  confidence: "DOUBLE PRECISION",
} as const;

/**
 * Applies `steps` to the document and writes the result. Answers the edit (new version, changed
 * paragraphs, order, carried annotations) and what happened to each anchor it touched.
 */
export async function applyEdit(tx: Tx, provider: Provider, actor: Actor, documentId: string, steps: (session: EditSession) => void, opts: EditOptions): Promise<EditOutcome> {
  // The document's row is taken before anything is read, so two edits of one document run one
  // after the other and each sees what the other wrote (a row lock on PostgreSQL).
  const document = await tx.document.update({ where: { id: documentId }, data: { version: { increment: 0 } }, select: { id: true, version: true } });
  const { session, oldOrder, before, positions } = await loadSession(tx, document.id, opts.earlierTexts ?? new Map());
  steps(session);
  const outcomes = new Map<string, CarriedAnchor>();
  if (!session.changed) {
    return { result: { documentId: document.id, version: document.version, paragraphs: [], retired: [], order: null, anchors: [], metadata: null }, events: [], session, outcomes };
  }
  const version = document.version + 1;
  await tx.document.update({ where: { id: document.id }, data: { version } });
  // Read before the paragraphs are written: the lookup goes by their old positions.
  // Hand-written statements go straight to the driver when the transaction allows it (no query compiler).
  const sql = driverSqlOf(tx) ?? prismaSql(tx, provider);
  const doubtful = opts.doubtful ?? new Set<string>();
  const inDoubt = (a: StoredAnchor) => doubtful.has(a.startPid) || doubtful.has(a.endPid);
  const anchors = (await loadAnchors(sql, document.id, session, oldOrder, positions, doubtful)).filter((a) => touchedBy(session, a, oldOrder) || inDoubt(a));
  await writeParagraphs(tx, sql, document.id, version, session, before);

  const changed: Array<{ old: StoredAnchor & { docVersion: number }; next: CarriedAnchor }> = [];
  for (const a of anchors) {
    let next = carry(session, a);
    if (next.outcome === "orphaned" && opts.rescue) next = opts.rescue(session, a) ?? next;
    if (inDoubt(a)) next = doubted(a, next);
    outcomes.set(a.id, next);
  }
  opts.placeAnchors?.(session, outcomes);
  for (const a of anchors) {
    const next = outcomes.get(a.id)!;
    const same = next.startPid === a.startPid && next.startOffset === a.startOffset && next.endPid === a.endPid && next.endOffset === a.endOffset && next.quote === a.quote && next.prefix === a.prefix && next.suffix === a.suffix && next.anchorState === "anchored" && next.confidence === a.confidence;
    if (!same) changed.push({ old: a, next });
  }
  await writeAnchors(sql, version, changed);

  const metadata = frontMatterChanged(session, before) ? rebuildMetadata(session) : null;
  if (metadata) await tx.document.update({ where: { id: document.id }, data: { metadata: JSON.stringify(metadata) } });

  const changes: VersionDto["changes"] = { kind: opts.kind, added: [...session.added], edited: [...session.edited], retired: [...session.retired.keys()], moved: [...session.moved] };
  await tx.documentVersion.create({ data: { id: newId("dv"), documentId: document.id, number: version, authorId: actor.userId, note: opts.note ?? null, changes: JSON.stringify(changes) } });

  const shown = [...new Set([...session.edited, ...session.added, ...session.moved])];
  const rows = (await inChunks(shown, (ids) => tx.paragraph.findMany({ where: { id: { in: ids } } }))).sort((a, b) => a.position - b.position);
  const result: DocumentEditDto = {
    documentId: document.id,
    version,
    paragraphs: rows.map(presentParagraph),
    retired: [...session.retired.keys()],
    order: session.structural ? session.order.map((p) => p.id) : null,
    metadata,
    anchors: changed.map(({ old, next }) => ({ annotationId: next.id, anchor: presentAnchor({ ...next, docVersion: old.docVersion }) })),
  };
  const event = await appendEvent(tx, { documentId: document.id, type: "document.edited", payload: result, actorId: actor.userId, clientMutationId: opts.clientMutationId });
  return { result, events: [event], session, outcomes };
}

const inFrontMatter = (p: Pick<ParagraphState, "kind" | "role">) => p.kind === "meta" || p.role !== null;

/** True when a block that is, or was, part of the front matter changed, came or went. */
function frontMatterChanged(session: EditSession, before: Map<string, ParagraphState>): boolean {
  for (const id of [...session.edited, ...session.added]) {
    const was = before.get(id);
    if (inFrontMatter(session.paragraph(id)!) || (was && inFrontMatter(was))) return true;
  }
  for (const p of session.retired.values()) if (inFrontMatter(before.get(p.id) ?? p)) return true;
  return false;
}

/** The metadata read again from the front-matter blocks, by the same rules as an import. */
function rebuildMetadata(session: EditSession): DocumentMetadata {
  const blocks = session.order.filter(inFrontMatter).map((p) => ({ kind: p.kind, text: p.text, role: p.role as MetaRole | "subtitle", ...(p.level === null ? {} : { level: p.level }) }));
  return buildMetadata(blocks);
}

/** Counts of what happened to the annotations an edit touched. */
export function tally(outcomes: Map<string, CarriedAnchor>): Record<CarryOutcome, number> {
  const out: Record<CarryOutcome, number> = { exact: 0, changed: 0, orphaned: 0 };
  for (const o of outcomes.values()) out[o.outcome]++;
  return out;
}

/**
 * Activity and audit, read from the two event logs. A document's activity is its own log plus
 * the workspace-log entries about it (exports); a workspace's is every document log of the
 * workspace plus the workspace log. Pages run newest first and are merged across the logs by
 * (time, log, seq); the cursor is the last entry's key, so a page never repeats or skips an
 * entry even when new ones arrive meanwhile.
 */
import type { Db } from "../../db/client.ts";
import { AUDIT_EVENT_TYPES, type DocumentEventDto, type WorkspaceEventDto } from "../../../common/events.ts";
import type { ActivityEntryDto, ActivityPageDto, ActivityQuery, AnnotationHistoryEntryDto, AuditEntryDto } from "../../../common/activity.ts";
import type { AnnotationDto } from "../../../common/annotations.ts";
import { ValidationError } from "../../http/errors.ts";
import { annotationEvents, presentEvent, presentWorkspaceEvent } from "../events/event-log.ts";
import { describeDocumentEvent, describeWorkspaceEvent } from "./summaries.ts";
import { MEMBER_EVENT_TYPES, workspaceEventTypesFor } from "../../../common/workspace-event-access.ts";
import type { Role } from "../../../common/workspaces.ts";

/** Which log an entry came from; the rank breaks ties between entries of the same millisecond. */
const DOC = 1;
const WS = 0;

interface Cursor {
  at: number;
  log: number;
  seq: number;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.at}.${c.log}.${c.seq}`).toString("base64url");
}

function decodeCursor(raw: string | undefined): Cursor | null {
  if (raw === undefined) return null;
  const m = /^(\d{1,15})\.([01])\.(\d{1,10})$/.exec(Buffer.from(raw, "base64url").toString());
  if (!m) throw ValidationError("before: is not a cursor from this API", "before");
  return { at: Number(m[1]), log: Number(m[2]), seq: Number(m[3]) };
}

/** Rows strictly older than the cursor in (time, log, seq) order, for a log of rank `log`. */
function olderThan(c: Cursor | null, log: number) {
  if (!c) return {};
  const at = new Date(c.at);
  const sameTime = log < c.log ? { createdAt: at } : log === c.log ? { createdAt: at, seq: { lt: c.seq } } : null;
  return { OR: [{ createdAt: { lt: at } }, ...(sameTime ? [sameTime] : [])] };
}

/** "member" matches member.joined, member.removed…; "annotation.created" matches itself. */
function typeFilter(types: string[] | undefined) {
  if (!types?.length) return {};
  return { OR: types.flatMap((t) => [{ type: t }, { type: { startsWith: `${t}.` } }]) };
}

type Scope = { documentId: string } | { workspaceId: string };

/** Who reads a page: the workspace log's entries are those their role reads (common/workspace-event-access.ts). */
export interface Reader {
  userId: string;
  role: Role;
}

/**
 * The workspace-log rows `reader` may read, as a query: the types their role reads, and the
 * member events about themselves (the payload's JSON names them: `"userId":"<id>"`, which no
 * string value can contain unescaped).
 */
function readableBy(reader: Reader) {
  return { OR: [{ type: { in: workspaceEventTypesFor(reader.role) } }, { type: { in: [...MEMBER_EVENT_TYPES] }, payload: { contains: `"userId":${JSON.stringify(reader.userId)}` } }] };
}

interface Merged {
  key: Cursor;
  doc?: DocumentEventDto;
  ws?: WorkspaceEventDto;
}

async function readPage(db: Db, scope: Scope, q: ActivityQuery, filter: { onlyTypes: readonly string[] } | { reader: Reader }): Promise<{ merged: Merged[]; more: boolean }> {
  const onlyTypes = "onlyTypes" in filter ? filter.onlyTypes : undefined;
  const cursor = decodeCursor(q.before);
  const take = q.limit + 1;
  const actor = q.actor ? { actorId: q.actor } : {};
  const types = typeFilter(q.type);
  const wsWhere = {
    ...("documentId" in scope ? { documentId: scope.documentId } : { workspaceId: scope.workspaceId }),
    ...actor,
    AND: [olderThan(cursor, WS), types, onlyTypes ? { type: { in: [...onlyTypes] } } : readableBy((filter as { reader: Reader }).reader)],
  };
  const orderBy = [{ createdAt: "desc" as const }, { seq: "desc" as const }];
  const [docRows, wsRows] = await Promise.all([
    onlyTypes ? Promise.resolve([]) : db.documentEvent.findMany({ where: { ...scope, ...actor, AND: [olderThan(cursor, DOC), types] }, orderBy, take }),
    db.workspaceEvent.findMany({ where: wsWhere, orderBy, take }),
  ]);
  const merged: Merged[] = [
    ...docRows.map((r) => ({ key: { at: r.createdAt.getTime(), log: DOC, seq: r.seq }, doc: presentEvent(r) })),
    ...wsRows.map((r) => ({ key: { at: r.createdAt.getTime(), log: WS, seq: r.seq }, ws: presentWorkspaceEvent(r) })),
  ].sort((a, b) => b.key.at - a.key.at || b.key.log - a.key.log || b.key.seq - a.key.seq);
  return { merged: merged.slice(0, q.limit), more: merged.length > q.limit };
}

async function namesOf(db: Db, merged: Merged[]) {
  const actorIds = [...new Set(merged.flatMap((m) => [m.doc?.actorId ?? m.ws?.actorId ?? null]).filter((x): x is string => x !== null))];
  const documentIds = [...new Set(merged.flatMap((m) => [m.doc?.documentId ?? m.ws?.documentId ?? null]).filter((x): x is string => x !== null))];
  const [users, docs] = await Promise.all([
    actorIds.length ? db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, displayName: true } }) : [],
    documentIds.length ? db.document.findMany({ where: { id: { in: documentIds } }, select: { id: true, title: true } }) : [],
  ]);
  return { users: new Map(users.map((u) => [u.id, u])), titles: new Map(docs.map((d) => [d.id, d.title])) };
}

function toEntry(m: Merged, names: Awaited<ReturnType<typeof namesOf>>): AuditEntryDto {
  const described = m.doc ? describeDocumentEvent(m.doc) : describeWorkspaceEvent(m.ws!);
  const e = (m.doc ?? m.ws)!;
  const documentId = m.doc ? m.doc.documentId : m.ws!.documentId;
  // A deleted document's entries keep the title the log recorded.
  const recordedTitle = m.ws && (m.ws.type === "document.deleted" || m.ws.type === "document.exported") ? m.ws.payload.title : null;
  return {
    id: m.doc ? `d.${m.doc.documentId}.${m.doc.seq}` : `w.${m.ws!.workspaceId}.${m.ws!.seq}`,
    type: e.type,
    actor: e.actorId ? (names.users.get(e.actorId) ?? null) : null,
    createdAt: e.createdAt,
    documentId,
    documentTitle: (documentId ? names.titles.get(documentId) : undefined) ?? recordedTitle,
    annotationId: described.annotationId,
    paragraphId: described.paragraphId,
    summary: described.summary,
    changes: described.changes,
  };
}

function page(merged: Merged[], more: boolean, entries: ActivityEntryDto[]): ActivityPageDto {
  const last = merged[merged.length - 1];
  return { entries, nextBefore: more && last ? encodeCursor(last.key) : null };
}

const withoutChanges = ({ changes: _changes, ...entry }: AuditEntryDto): ActivityEntryDto => entry;

/** A document's activity (the caller's access is checked by the route); workspace-log entries are those `reader` reads. */
export async function documentActivity(db: Db, documentId: string, q: ActivityQuery, reader: Reader): Promise<ActivityPageDto> {
  const { merged, more } = await readPage(db, { documentId }, q, { reader });
  const names = await namesOf(db, merged);
  return page(merged, more, merged.map((m) => withoutChanges(toEntry(m, names))));
}

/** A workspace's activity: every document's log and the part of the workspace's own that `reader` reads. */
export async function workspaceActivity(db: Db, workspaceId: string, q: ActivityQuery, reader: Reader): Promise<ActivityPageDto> {
  const { merged, more } = await readPage(db, { workspaceId }, q, { reader });
  const names = await namesOf(db, merged);
  return page(merged, more, merged.map((m) => withoutChanges(toEntry(m, names))));
}

/** The audit log: the workspace log's security-relevant entries, with what each changed. */
export async function workspaceAudit(db: Db, workspaceId: string, q: ActivityQuery): Promise<{ entries: AuditEntryDto[]; nextBefore: string | null }> {
  const { merged, more } = await readPage(db, { workspaceId }, q, { onlyTypes: AUDIT_EVENT_TYPES });
  const names = await namesOf(db, merged);
  const entries = merged.map((m) => toEntry(m, names));
  const last = merged[merged.length - 1];
  return { entries, nextBefore: more && last ? encodeCursor(last.key) : null };
}

/** What an edit changed in what a reader sees: the note, the kind, the tags. */
function editChanges(before: AnnotationDto | null, after: AnnotationDto): Record<string, { from: unknown; to: unknown }> {
  if (!before) return {};
  const out: Record<string, { from: unknown; to: unknown }> = {};
  if (before.body.text !== after.body.text) out.note = { from: before.body.text, to: after.body.text };
  if (before.kind !== after.kind) out.kind = { from: before.kind, to: after.kind };
  const tags = (a: AnnotationDto) => [...a.tagIds].sort().join(",");
  if (tags(before) !== tags(after)) out.tagIds = { from: before.tagIds, to: after.tagIds };
  return out;
}

/** An annotation's history from its own log (the caller's access is checked by the route). */
export async function annotationHistory(db: Db, annotationId: string): Promise<AnnotationHistoryEntryDto[]> {
  const events = await annotationEvents(db, annotationId);
  const actorIds = [...new Set(events.map((e) => e.actorId).filter((x): x is string => x !== null))];
  const users = new Map((actorIds.length ? await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, displayName: true } }) : []).map((u) => [u.id, u]));
  let last: AnnotationDto | null = null;
  return events.map((e) => {
    let changes = describeDocumentEvent(e).changes;
    if (e.type === "annotation.created" || e.type === "annotation.updated" || e.type === "annotation.deleted") {
      if (e.type === "annotation.updated") changes = editChanges(last, e.payload.annotation);
      last = e.payload.annotation;
    }
    return { seq: e.seq, type: e.type, actor: e.actorId ? (users.get(e.actorId) ?? null) : null, createdAt: e.createdAt, summary: describeDocumentEvent(e).summary, changes };
  });
}

/**
 * The durable event logs. Both appends must run inside the transaction that makes the change:
 * they bump the owner's lastSeq (a row lock on PostgreSQL, the write lock on SQLite), so seqs
 * are gap-free and commit in order, and the change and its event land together or not at all.
 * - the document log (`appendEvent`): what happens inside a document;
 * - the workspace log (`appendWorkspaceEvent`): what happens to the workspace (members, invites,
 *   vocabulary, deletions, exports); it outlives what it describes and is the audit trail.
 */
import type { Db, Tx } from "../../db/client.ts";
import { newId } from "../../lib/ids.ts";
import type {
  DocumentEventDto,
  DocumentEventPayloads,
  DocumentEventType,
  WorkspaceEventDto,
  WorkspaceEventPayloads,
  WorkspaceEventType,
} from "../../../common/events.ts";

export interface NewEvent<T extends DocumentEventType> {
  documentId: string;
  type: T;
  payload: DocumentEventPayloads[T];
  actorId: string | null;
  clientMutationId?: string | null | undefined;
}

export interface NewWorkspaceEvent<T extends WorkspaceEventType> {
  workspaceId: string;
  documentId?: string | null;
  type: T;
  payload: WorkspaceEventPayloads[T];
  actorId: string | null;
  clientMutationId?: string | null | undefined;
}

interface EventRow {
  seq: number;
  type: string;
  payload: string;
  actorId: string | null;
  clientMutationId: string | null;
  createdAt: Date;
}

/**
 * A stored row back to its wire shape. The type and payload were written together by the typed
 * appends below, so the pair is trusted as the union member it names.
 */
export function presentEvent(row: EventRow & { documentId: string }): DocumentEventDto {
  return { documentId: row.documentId, ...presentedFields(row) } as DocumentEventDto;
}

export function presentWorkspaceEvent(row: EventRow & { workspaceId: string; documentId: string | null }): WorkspaceEventDto {
  return { workspaceId: row.workspaceId, documentId: row.documentId, ...presentedFields(row) } as WorkspaceEventDto;
}

/** The wire fields both logs present alike (the reverse of storedFields). */
function presentedFields(row: EventRow) {
  return {
    seq: row.seq,
    type: row.type,
    actorId: row.actorId,
    clientMutationId: row.clientMutationId,
    createdAt: row.createdAt.toISOString(),
    payload: JSON.parse(row.payload) as unknown,
  };
}

/** An event's id across both logs: "d.<documentId>.<seq>" or "w.<workspaceId>.<seq>" (activity entries and webhook bodies use it). */
export function eventKey(e: DocumentEventDto | WorkspaceEventDto): string {
  return "workspaceId" in e ? `w.${e.workspaceId}.${e.seq}` : `d.${e.documentId}.${e.seq}`;
}

/** The annotation an event concerns, stored beside it so an annotation's history is one index range. */
export function annotationOfEvent(type: DocumentEventType, payload: DocumentEventPayloads[DocumentEventType]): string | null {
  if ("annotation" in payload) return payload.annotation.id;
  if ("reply" in payload) return payload.reply.annotationId;
  if (type === "claim.reviewed" || type === "claim.assigned") return "annotationId" in payload ? payload.annotationId : null;
  return null;
}

/** The columns both logs store alike. */
function storedFields(e: { type: string; payload: unknown; actorId: string | null; clientMutationId?: string | null | undefined }) {
  return { type: e.type, payload: JSON.stringify(e.payload), actorId: e.actorId, clientMutationId: e.clientMutationId ?? null };
}

export async function appendEvent<T extends DocumentEventType>(tx: Tx, e: NewEvent<T>): Promise<DocumentEventDto> {
  const { lastSeq, workspaceId } = await tx.document.update({
    where: { id: e.documentId },
    data: { lastSeq: { increment: 1 } },
    select: { lastSeq: true, workspaceId: true },
  });
  const row = await tx.documentEvent.create({
    data: {
      id: newId("ev"),
      documentId: e.documentId,
      workspaceId,
      annotationId: annotationOfEvent(e.type, e.payload),
      seq: lastSeq,
      ...storedFields(e),
    },
  });
  return presentEvent(row);
}

export async function appendWorkspaceEvent<T extends WorkspaceEventType>(tx: Tx, e: NewWorkspaceEvent<T>): Promise<WorkspaceEventDto> {
  const { lastSeq } = await tx.workspace.update({ where: { id: e.workspaceId }, data: { lastSeq: { increment: 1 } }, select: { lastSeq: true } });
  const row = await tx.workspaceEvent.create({
    data: {
      id: newId("we"),
      workspaceId: e.workspaceId,
      documentId: e.documentId ?? null,
      seq: lastSeq,
      ...storedFields(e),
    },
  });
  return presentWorkspaceEvent(row);
}

/** Document events with seq > afterSeq, oldest first, at most `limit`. */
export async function eventsAfter(db: Db | Tx, documentId: string, afterSeq: number, limit = 1000): Promise<DocumentEventDto[]> {
  const rows = await db.documentEvent.findMany({ where: { documentId, seq: { gt: afterSeq } }, orderBy: { seq: "asc" }, take: limit });
  return rows.map(presentEvent);
}

/** An annotation's own log: its creation, edits, replies and review changes, oldest first. */
export async function annotationEvents(db: Db | Tx, annotationId: string, limit = 500): Promise<DocumentEventDto[]> {
  const rows = await db.documentEvent.findMany({ where: { annotationId }, orderBy: { seq: "asc" }, take: limit });
  return rows.map(presentEvent);
}

/** Workspace events with seq > afterSeq, oldest first, at most `limit`. */
export async function workspaceEventsAfter(db: Db | Tx, workspaceId: string, afterSeq: number, limit = 1000): Promise<WorkspaceEventDto[]> {
  const rows = await db.workspaceEvent.findMany({ where: { workspaceId, seq: { gt: afterSeq } }, orderBy: { seq: "asc" }, take: limit });
  return rows.map(presentWorkspaceEvent);
}

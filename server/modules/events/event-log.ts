/**
 * The durable per-document event log. appendEvent must run inside the transaction that makes
 * the change: it bumps Document.lastSeq (a row lock on PostgreSQL, the write lock on SQLite),
 * so seqs are gap-free and commit in order, and the change and its event land together or not
 * at all.
 */
import type { Db, Tx } from "../../db/client.ts";
import { newId } from "../../lib/ids.ts";
import type { DocumentEventDto } from "../../../common/events.ts";

export interface NewEvent {
  documentId: string;
  type: string;
  payload: unknown;
  actorId: string | null;
  clientMutationId?: string | null;
}

export async function appendEvent(tx: Tx, e: NewEvent): Promise<DocumentEventDto> {
  const { lastSeq } = await tx.document.update({
    where: { id: e.documentId },
    data: { lastSeq: { increment: 1 } },
    select: { lastSeq: true },
  });
  const row = await tx.documentEvent.create({
    data: {
      id: newId("ev"),
      documentId: e.documentId,
      seq: lastSeq,
      type: e.type,
      payload: JSON.stringify(e.payload ?? null),
      actorId: e.actorId,
      clientMutationId: e.clientMutationId ?? null,
    },
  });
  return presentEvent(row);
}

export function presentEvent(row: {
  documentId: string;
  seq: number;
  type: string;
  actorId: string | null;
  clientMutationId: string | null;
  createdAt: Date;
  payload: string;
}): DocumentEventDto {
  return {
    documentId: row.documentId,
    seq: row.seq,
    type: row.type,
    actorId: row.actorId,
    clientMutationId: row.clientMutationId,
    createdAt: row.createdAt.toISOString(),
    payload: JSON.parse(row.payload) as unknown,
  };
}

/** Events with seq > afterSeq, oldest first, at most `limit`. */
export async function eventsAfter(db: Db | Tx, documentId: string, afterSeq: number, limit = 1000): Promise<DocumentEventDto[]> {
  const rows = await db.documentEvent.findMany({
    where: { documentId, seq: { gt: afterSeq } },
    orderBy: { seq: "asc" },
    take: limit,
  });
  return rows.map(presentEvent);
}

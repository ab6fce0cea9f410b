/**
 * What every mutation returns: its result and the events it committed. Idempotency: a mutation
 * with a clientMutationId records its result in the same transaction; a repeat returns the
 * recorded result and writes nothing.
 */
import type { Db, Tx } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/client.ts";
import type { DocumentEventDto } from "../../../common/events.ts";
import type { WorkspaceEventDto } from "../../../common/realtime.ts";

export interface Actor {
  userId: string;
  displayName: string;
}

export interface MutationOutcome<T> {
  result: T;
  events: DocumentEventDto[];
  workspaceEvents: WorkspaceEventDto[];
  /** True when this was a repeat of an earlier clientMutationId. */
  replayed: boolean;
}

/** Long enough for a 10,000-paragraph import; mutations themselves take milliseconds. */
const TX_OPTIONS = { maxWait: 20_000, timeout: 30_000 };

async function recorded<T>(db: Db, userId: string, clientMutationId: string): Promise<MutationOutcome<T> | null> {
  const row = await db.clientMutation.findUnique({ where: { userId_clientMutationId: { userId, clientMutationId } } });
  if (!row) return null;
  return { result: JSON.parse(row.result) as T, events: [], workspaceEvents: [], replayed: true };
}

/** Runs `work` in one transaction, exactly once per (user, clientMutationId). */
export async function runMutation<T>(
  db: Db,
  actor: Actor,
  clientMutationId: string | undefined,
  work: (tx: Tx) => Promise<{ result: T; events?: DocumentEventDto[]; workspaceEvents?: WorkspaceEventDto[] }>,
): Promise<MutationOutcome<T>> {
  if (clientMutationId) {
    const earlier = await recorded<T>(db, actor.userId, clientMutationId);
    if (earlier) return earlier;
  }
  try {
    return await db.$transaction(async (tx) => {
      // Checked again inside the transaction: on SQLite this closes the race completely.
      if (clientMutationId) {
        const row = await tx.clientMutation.findUnique({ where: { userId_clientMutationId: { userId: actor.userId, clientMutationId } } });
        if (row) return { result: JSON.parse(row.result) as T, events: [], workspaceEvents: [], replayed: true };
      }
      const out = await work(tx);
      if (clientMutationId) {
        await tx.clientMutation.create({ data: { userId: actor.userId, clientMutationId, result: JSON.stringify(out.result) } });
      }
      return { result: out.result, events: out.events ?? [], workspaceEvents: out.workspaceEvents ?? [], replayed: false };
    }, TX_OPTIONS);
  } catch (e) {
    // On PostgreSQL two simultaneous repeats both pass the first check; the loser lands here.
    if (clientMutationId && isUniqueViolation(e)) {
      const earlier = await recorded<T>(db, actor.userId, clientMutationId);
      if (earlier) return earlier;
    }
    throw e;
  }
}

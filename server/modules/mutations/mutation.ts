/**
 * What a mutation is: a definition (the shared schema of its input, and `run`, which writes the
 * change and its events inside the caller's transaction) and what running it returns.
 * Idempotency: a mutation with a clientMutationId records its result in the same transaction;
 * a repeat returns the recorded result and writes nothing.
 */
import type { z } from "zod";
import type { Db, Provider, Tx } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/client.ts";
import type { DocumentEventDto, WorkspaceEventDto } from "../../../common/events.ts";
import type { ParagraphCache } from "../documents/paragraph-cache.ts";
import type { Publisher } from "../../realtime/publisher.ts";

export interface Actor {
  userId: string;
  displayName: string;
}

/** What a definition may use besides its transaction: the running node's shared services. */
export interface MutationServices {
  provider: Provider;
  paragraphs: ParagraphCache;
  inviteTtlMs: number;
  publicOrigin: string;
}

/** Done after the commit, never on a replay: effects outside the database (sockets, caches). */
export type AfterCommit = (effects: { publisher: Publisher; paragraphs: ParagraphCache }) => Promise<void> | void;

/** What a definition's `run` writes: its result, the events of both logs, and effects to apply after commit. */
export interface Written<R> {
  result: R;
  events?: DocumentEventDto[];
  workspaceEvents?: WorkspaceEventDto[];
  afterCommit?: AfterCommit;
}

export interface Definition<S extends z.ZodType, R> {
  schema: S;
  run: (tx: Tx, actor: Actor, input: z.output<S>, services: MutationServices) => Promise<Written<R>>;
}

/** Declares a mutation: its input schema and what it writes. */
export function define<S extends z.ZodType, R>(schema: S, run: Definition<S, R>["run"]): Definition<S, R> {
  return { schema, run };
}

export interface MutationOutcome<T> {
  result: T;
  events: DocumentEventDto[];
  workspaceEvents: WorkspaceEventDto[];
  /** True when this was a repeat of an earlier clientMutationId. */
  replayed: boolean;
  afterCommit?: AfterCommit | undefined;
}

/** Long enough for a 10,000-paragraph import; mutations themselves take milliseconds. */
const TX_OPTIONS = { maxWait: 20_000, timeout: 60_000 };

async function recorded<T>(db: Db, userId: string, clientMutationId: string): Promise<MutationOutcome<T> | null> {
  const row = await db.clientMutation.findUnique({ where: { userId_clientMutationId: { userId, clientMutationId } } });
  if (!row) return null;
  return { result: JSON.parse(row.result) as T, events: [], workspaceEvents: [], replayed: true };
}

/** Runs `work` in one transaction, exactly once per (user, clientMutationId). */
export async function runMutation<T>(db: Db, actor: Actor, clientMutationId: string | undefined, work: (tx: Tx) => Promise<Written<T>>): Promise<MutationOutcome<T>> {
  if (clientMutationId) {
    const earlier = await recorded<T>(db, actor.userId, clientMutationId);
    if (earlier) return earlier;
  }
  try {
    return await db.$transaction(async (tx): Promise<MutationOutcome<T>> => {
      // Checked again inside the transaction: on SQLite this closes the race completely.
      if (clientMutationId) {
        const row = await tx.clientMutation.findUnique({ where: { userId_clientMutationId: { userId: actor.userId, clientMutationId } } });
        if (row) return { result: JSON.parse(row.result) as T, events: [], workspaceEvents: [], replayed: true };
      }
      const out = await work(tx);
      if (clientMutationId) {
        await tx.clientMutation.create({ data: { userId: actor.userId, clientMutationId, result: JSON.stringify(out.result) } });
      }
      return { result: out.result, events: out.events ?? [], workspaceEvents: out.workspaceEvents ?? [], replayed: false, afterCommit: out.afterCommit };
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

/**
 * What a mutation is: a definition (the shared schema of its input, and `run`, which writes the
 * change and its events inside the caller's transaction) and what running it returns.
 * Idempotency: a mutation with a clientMutationId records its result, and the fingerprint of
 * its request (fingerprint.ts), in the same transaction; a repeat with the same request returns
 * the recorded result and writes nothing, once the definition's `access` lets the caller make
 * that change to that target now (else the 404/403 a fresh attempt gets). A repeat of the id
 * with a different request is refused with a 409 naming `clientMutationId`.
 */
import type { z } from "zod";
import type { Db, Provider, Tx } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/client.ts";
import { transactionWithDriver } from "../../db/driver-transaction.ts";
import type { DocumentEventDto, WorkspaceEventDto } from "../../../common/events.ts";
import type { ParagraphCache } from "../documents/paragraph-cache.ts";
import type { Publisher } from "../../realtime/publisher.ts";
import type { FollowUps, RecordFollowUps } from "./follow-ups.ts";
import { assertSameRequest } from "./fingerprint.ts";

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
  /** Whether this node sends e-mail (notifications then queue their messages). */
  mailEnabled: boolean;
  /** Whether webhooks may point at loopback, private and other internal addresses. */
  webhookAllowPrivate: boolean;
}

/** Done after the commit, never on a replay: effects outside the database (sockets, caches). */
export type AfterCommit = (effects: { publisher: Publisher; paragraphs: ParagraphCache }) => Promise<void> | void;

/** What a definition's `run` writes: its result, the events of both logs, and effects to apply after commit. */
export interface Written<R> {
  result: R;
  events?: DocumentEventDto[];
  workspaceEvents?: WorkspaceEventDto[];
  afterCommit?: AfterCommit;
  /** It queued e-mails or webhook deliveries itself (the node's dispatchers are woken after the commit). */
  queued?: boolean;
}

/**
 * Whether the actor may make this change to its target now: throws the 404/403 a fresh attempt
 * would get (same error, same message), and nothing when allowed. Only who may act counts, not
 * whether the change would still apply (a stale version, a target the change itself removed):
 * it decides whether a repeated clientMutationId is answered with the recorded result.
 */
export type Access<S extends z.ZodType> = (db: Db | Tx, actor: Actor, input: z.output<S>) => Promise<void>;

export interface Definition<S extends z.ZodType, R> {
  schema: S;
  run: (tx: Tx, actor: Actor, input: z.output<S>, services: MutationServices) => Promise<Written<R>>;
  /** Checked before a recorded result is answered (`run` authorizes fresh attempts itself). */
  access: Access<S>;
  /**
   * Slow checks that must not hold a transaction open (a DNS lookup, say): run before it; throw to
   * refuse. A check answers only callers allowed to make the change: it authorizes the actor first
   * (the transaction authorizes again), so what it finds out is never told to anyone else.
   */
  check?: (db: Db, actor: Actor, input: z.output<S>, services: MutationServices) => Promise<void>;
  /**
   * What of the input identifies the request, for comparing a repeated clientMutationId with the
   * recorded one: the whole input unless given. Input the server prepared from the document as it
   * is now (an alignment, placements) differs on a repeat made after the change: only what the
   * client sent counts then.
   */
  request?: (input: z.output<S>) => unknown;
}

/** Declares a mutation: its input schema, what it writes, who may repeat it, and any check to run before the transaction. */
export function define<S extends z.ZodType, R>(schema: S, run: Definition<S, R>["run"], access: Access<S>, check?: Definition<S, R>["check"]): Definition<S, R> {
  return check ? { schema, run, access, check } : { schema, run, access };
}

/** The definition with `request` (what of its input identifies a request) set. */
export function identifiedBy<S extends z.ZodType, R>(def: Definition<S, R>, request: (input: z.output<S>) => unknown): Definition<S, R> {
  return { ...def, request };
}

export interface MutationOutcome<T> extends FollowUps {
  result: T;
  events: DocumentEventDto[];
  workspaceEvents: WorkspaceEventDto[];
  /** True when this was a repeat of an earlier clientMutationId. */
  replayed: boolean;
  afterCommit?: AfterCommit | undefined;
}

/** The outcome of a repeated clientMutationId: the first result, nothing written or published. */
export function replayOf<T>(result: T): MutationOutcome<T> {
  return { result, events: [], workspaceEvents: [], replayed: true, notifications: [], queued: false };
}

/** Long enough for a 10,000-paragraph import; mutations themselves take milliseconds. */
const TX_OPTIONS = { maxWait: 20_000, timeout: 60_000 };

/** A clientMutationId and the fingerprint of the request it came with. */
export interface ClientMutationKey {
  clientMutationId: string;
  request: string;
}

/**
 * The recorded outcome of (user, clientMutationId), if any, once `access` lets the caller have it
 * (it throws otherwise) and the request is the recorded one (409 otherwise).
 */
async function recorded<T>(db: Db | Tx, userId: string, key: ClientMutationKey, access: () => Promise<void>): Promise<MutationOutcome<T> | null> {
  const row = await db.clientMutation.findUnique({ where: { userId_clientMutationId: { userId, clientMutationId: key.clientMutationId } }, select: { result: true, request: true } });
  if (!row) return null;
  await access();
  assertSameRequest(row.request, key.request);
  return replayOf(JSON.parse(row.result) as T);
}

/**
 * Runs `work` in one transaction, exactly once per (user, clientMutationId), and records the
 * follow-ups of the events it wrote (notifications, e-mails, webhook deliveries) in the same
 * transaction. A repeat is answered with the recorded result only after `access` passes, and
 * only when it sends the recorded request.
 */
export async function runMutation<T>(
  db: Db,
  actor: Actor,
  key: ClientMutationKey | undefined,
  work: (tx: Tx) => Promise<Written<T>>,
  access: (db: Db | Tx) => Promise<void>,
  followUps: RecordFollowUps,
  provider?: Provider,
): Promise<MutationOutcome<T>> {
  if (key) {
    const earlier = await recorded<T>(db, actor.userId, key, () => access(db));
    if (earlier) return earlier;
  }
  try {
    // With the provider known, the transaction is also reachable as a driver Sql (driverSqlOf) for hot statements.
    const transaction = <R>(fn: (tx: Tx) => Promise<R>) => (provider ? transactionWithDriver(db, provider, fn, TX_OPTIONS) : db.$transaction(fn, TX_OPTIONS));
    return await transaction(async (tx): Promise<MutationOutcome<T>> => {
      // Checked again inside the transaction: on SQLite this closes the race completely.
      if (key) {
        const earlier = await recorded<T>(tx, actor.userId, key, () => access(tx));
        if (earlier) return earlier;
      }
      const out = await work(tx);
      const events = out.events ?? [];
      const workspaceEvents = out.workspaceEvents ?? [];
      const follow = await followUps(tx, events, workspaceEvents);
      if (key) {
        await tx.clientMutation.create({ data: { userId: actor.userId, clientMutationId: key.clientMutationId, request: key.request, result: JSON.stringify(out.result) } });
      }
      return { result: out.result, events, workspaceEvents, replayed: false, afterCommit: out.afterCommit, notifications: follow.notifications, queued: follow.queued || out.queued === true };
    });
  } catch (e) {
    // On PostgreSQL two simultaneous repeats both pass the first check; the loser lands here.
    if (key && isUniqueViolation(e)) {
      const earlier = await recorded<T>(db, actor.userId, key, () => access(db));
      if (earlier) return earlier;
    }
    throw e;
  }
}

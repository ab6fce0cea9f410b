/**
 * An interactive transaction on PostgreSQL holds one pooled connection, and a pg client runs one
 * query at a time: two queries sent at once on it (Prisma may issue an include's sub-queries
 * together; code may run `Promise.all` inside a transaction) are queued inside pg with a
 * deprecation warning today and will be an error in pg 9. This wrapper queues them itself, per
 * transaction, so a transaction's statements always go to its connection one after the other.
 * Queries outside transactions use the pool and are not affected.
 */
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction, IsolationLevel } from "@prisma/driver-adapter-utils";
import { Mutex } from "../lib/mutex.ts";

function queued(tx: Transaction): Transaction {
  const lock = new Mutex();
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (q: SqlQuery) => lock.run(() => tx.queryRaw(q)),
    executeRaw: (q: SqlQuery) => lock.run(() => tx.executeRaw(q)),
    commit: () => lock.run(() => tx.commit()),
    rollback: () => lock.run(() => tx.rollback()),
  };
}

function wrap(inner: SqlDriverAdapter): SqlDriverAdapter {
  const adapter: SqlDriverAdapter = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (q: SqlQuery) => inner.queryRaw(q),
    executeRaw: (q: SqlQuery) => inner.executeRaw(q),
    executeScript: (s: string) => inner.executeScript(s),
    dispose: () => inner.dispose(),
    startTransaction: async (level?: IsolationLevel) => queued(await inner.startTransaction(level)),
  };
  if (inner.getConnectionInfo) adapter.getConnectionInfo = () => inner.getConnectionInfo!();
  return adapter;
}

/** Wraps an adapter factory so each transaction's statements run one at a time. */
export function oneQueryPerTransaction(inner: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return { provider: inner.provider, adapterName: inner.adapterName, connect: async () => wrap(await inner.connect()) };
}

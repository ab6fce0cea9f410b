/**
 * Prisma's better-sqlite3 adapter runs every query on one connection and only serializes
 * transactions against each other: a plain query issued while an interactive transaction is
 * open would run inside it (and vanish if it rolls back). This wrapper makes plain queries
 * wait for open transactions too, so every statement runs either alone or inside its own
 * transaction.
 */
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction, IsolationLevel } from "@prisma/driver-adapter-utils";
import { Mutex } from "../lib/mutex.ts";
import { keepStatements, sqliteConnectionOf } from "./sqlite-statement-cache.ts";

function serialize(inner: SqlDriverAdapter): SqlDriverAdapter {
  const lock = new Mutex();
  const adapter: SqlDriverAdapter = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (q: SqlQuery) => lock.run(() => inner.queryRaw(q)),
    executeRaw: (q: SqlQuery) => lock.run(() => inner.executeRaw(q)),
    executeScript: (s: string) => lock.run(() => inner.executeScript(s)),
    dispose: () => lock.run(() => inner.dispose()),
    async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
      const release = await lock.acquire();
      let tx: Transaction;
      try {
        tx = await inner.startTransaction(isolationLevel);
      } catch (e) {
        release();
        throw e;
      }
      return {
        provider: tx.provider,
        adapterName: tx.adapterName,
        options: tx.options,
        queryRaw: (q: SqlQuery) => tx.queryRaw(q),
        executeRaw: (q: SqlQuery) => tx.executeRaw(q),
        commit: () => tx.commit().finally(release),
        rollback: () => tx.rollback().finally(release),
      };
    },
  };
  if (inner.getConnectionInfo) adapter.getConnectionInfo = () => inner.getConnectionInfo!();
  return adapter;
}

/** Wraps an adapter factory so the adapters it connects are serialized (and reuse prepared statements). */
export function serializedSqliteFactory(inner: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => {
      const adapter = await inner.connect();
      keepStatements(sqliteConnectionOf(adapter));
      return serialize(adapter);
    },
  };
}

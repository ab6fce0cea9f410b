/**
 * Times every statement a driver adapter runs (for the database latency histogram), and hands
 * each statement's text to a statement watcher when one is set (the query-plan test records
 * every distinct statement the server runs; nothing is done when none is set).
 */
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction, IsolationLevel } from "@prisma/driver-adapter-utils";

export type QueryObserver = (kind: "query" | "execute", seconds: number) => void;

/** Sees the text of every statement run through a timed adapter (with its placeholders, no values). */
export type StatementWatcher = (sql: string, provider: SqlDriverAdapter["provider"]) => void;

let statementWatcher: StatementWatcher | null = null;

/** Sets the one statement watcher (null: none). Returns the watcher it replaced. */
export function watchStatements(watcher: StatementWatcher | null): StatementWatcher | null {
  const previous = statementWatcher;
  statementWatcher = watcher;
  return previous;
}

function timed<T>(observe: QueryObserver, kind: "query" | "execute", run: () => Promise<T>, q: SqlQuery, provider: SqlDriverAdapter["provider"]): Promise<T> {
  if (statementWatcher) statementWatcher(q.sql, provider);
  const t0 = process.hrtime.bigint();
  return run().finally(() => observe(kind, Number(process.hrtime.bigint() - t0) / 1e9));
}

function wrapTx(tx: Transaction, observe: QueryObserver): Transaction {
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (q: SqlQuery) => timed(observe, "query", () => tx.queryRaw(q), q, tx.provider),
    executeRaw: (q: SqlQuery) => timed(observe, "execute", () => tx.executeRaw(q), q, tx.provider),
    commit: () => tx.commit(),
    rollback: () => tx.rollback(),
  };
}

function wrap(inner: SqlDriverAdapter, observe: QueryObserver): SqlDriverAdapter {
  const adapter: SqlDriverAdapter = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (q: SqlQuery) => timed(observe, "query", () => inner.queryRaw(q), q, inner.provider),
    executeRaw: (q: SqlQuery) => timed(observe, "execute", () => inner.executeRaw(q), q, inner.provider),
    executeScript: (s: string) => inner.executeScript(s),
    dispose: () => inner.dispose(),
    startTransaction: async (level?: IsolationLevel) => wrapTx(await inner.startTransaction(level), observe),
  };
  if (inner.getConnectionInfo) adapter.getConnectionInfo = () => inner.getConnectionInfo!();
  return adapter;
}

export function timedFactory(inner: SqlDriverAdapterFactory, observe: QueryObserver): SqlDriverAdapterFactory {
  return { provider: inner.provider, adapterName: inner.adapterName, connect: async () => wrap(await inner.connect(), observe) };
}

/** Times every statement a driver adapter runs (for the database latency histogram). */
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction, IsolationLevel } from "@prisma/driver-adapter-utils";

export type QueryObserver = (kind: "query" | "execute", seconds: number) => void;

function timed<T>(observe: QueryObserver, kind: "query" | "execute", run: () => Promise<T>): Promise<T> {
  const t0 = process.hrtime.bigint();
  return run().finally(() => observe(kind, Number(process.hrtime.bigint() - t0) / 1e9));
}

function wrapTx(tx: Transaction, observe: QueryObserver): Transaction {
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (q: SqlQuery) => timed(observe, "query", () => tx.queryRaw(q)),
    executeRaw: (q: SqlQuery) => timed(observe, "execute", () => tx.executeRaw(q)),
    commit: () => tx.commit(),
    rollback: () => tx.rollback(),
  };
}

function wrap(inner: SqlDriverAdapter, observe: QueryObserver): SqlDriverAdapter {
  const adapter: SqlDriverAdapter = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (q: SqlQuery) => timed(observe, "query", () => inner.queryRaw(q)),
    executeRaw: (q: SqlQuery) => timed(observe, "execute", () => inner.executeRaw(q)),
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

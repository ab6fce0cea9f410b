/**
 * Statements sent straight to the driver adapter inside a Prisma interactive transaction.
 * Prisma runs every call, raw SQL included, through its query compiler and interpreter; on the
 * annotation-create path that cost more than the statements themselves. Here the transaction
 * is still opened, committed and rolled back by Prisma, so model calls in the same callback
 * share it, but the hot statements go to the adapter's own transaction object directly.
 *
 * How the two meet: the adapter factory is wrapped (`handOverTransactions`) so that a
 * transaction opened while `inDriverTransaction` waits for one is handed to it.
 * AsyncLocalStorage carries that wait from the `$transaction` call down to the adapter's
 * `startTransaction`, which Prisma calls in the same asynchronous flow.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { ArgType, IsolationLevel, SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import type { Db, Provider, Tx } from "./client.ts";
import { placeholders, toParam, type Sql } from "./sql.ts";

interface Waiting {
  tx: Transaction | null;
}

const waiting = new AsyncLocalStorage<Waiting>();

function wrap(inner: SqlDriverAdapter): SqlDriverAdapter {
  const adapter: SqlDriverAdapter = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (q) => inner.queryRaw(q),
    executeRaw: (q) => inner.executeRaw(q),
    executeScript: (s) => inner.executeScript(s),
    dispose: () => inner.dispose(),
    async startTransaction(level?: IsolationLevel) {
      const tx = await inner.startTransaction(level);
      const w = waiting.getStore();
      if (w && !w.tx) w.tx = tx;
      return tx;
    },
  };
  if (inner.getConnectionInfo) adapter.getConnectionInfo = () => inner.getConnectionInfo!();
  return adapter;
}

/** Wraps an adapter factory so `inDriverTransaction` can reach the transactions it opens. */
export function handOverTransactions(inner: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return { provider: inner.provider, adapterName: inner.adapterName, connect: async () => wrap(await inner.connect()) };
}

const SCALAR: ArgType = { scalarType: "unknown", arity: "scalar" };
const DATETIME: ArgType = { scalarType: "datetime", arity: "scalar" };

/** The adapter's transaction as an `Sql`. Integers may come back as strings: read them with Number(). */
function driverSql(tx: Transaction, provider: Provider): Sql {
  const request = (sql: string, params: readonly unknown[]) => ({
    sql: placeholders(provider, sql),
    args: params.map((p) => toParam(provider, p)),
    argTypes: params.map((p) => (p instanceof Date ? DATETIME : SCALAR)),
  });
  return {
    provider,
    async query<T>(sql: string, params: readonly unknown[]): Promise<T[]> {
      const r = await tx.queryRaw(request(sql, params));
      return r.rows.map((row) => {
        const o: Record<string, unknown> = {};
        for (let i = 0; i < r.columnNames.length; i++) o[r.columnNames[i]!] = row[i];
        return o as T;
      });
    },
    execute: (sql: string, params: readonly unknown[]) => tx.executeRaw(request(sql, params)),
  };
}

/**
 * Runs `work` in one Prisma interactive transaction, giving it both the Prisma client of that
 * transaction and the same transaction as an `Sql` that skips Prisma's query compiler.
 * Needs a client opened by `openDb` (its adapter factory hands transactions over).
 */
export async function inDriverTransaction<T>(db: Db, provider: Provider, work: (tx: Tx, sql: Sql) => Promise<T>, options: { maxWait: number; timeout: number }): Promise<T> {
  const w: Waiting = { tx: null };
  return waiting.run(w, () =>
    db.$transaction(async (tx) => {
      if (!w.tx) throw new Error("inDriverTransaction: the database client was not opened by openDb (no transaction handed over)");
      return work(tx, driverSql(w.tx, provider));
    }, options),
  );
}

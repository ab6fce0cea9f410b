/**
 * Statements sent straight to the driver adapter inside a Prisma interactive transaction.
 * Prisma runs every call, raw SQL included, through its query compiler and interpreter; on the
 * annotation-create path that cost more than the statements themselves. Here the transaction
 * is still opened, committed and rolled back by Prisma, so model calls in the same callback
 * share it, but the hot statements go to the adapter's own transaction object directly.
 *
 * `inAdapterTransaction` goes one step further for work that usually needs no model call: it
 * opens, commits and rolls back the adapter's transaction itself (Prisma's interactive
 * transaction costs several times the statements of a small batch, and spreads it over more
 * turns of the event loop). Should the work reach for the Prisma client after all, that
 * attempt is rolled back and the work runs again in `inDriverTransaction`.
 *
 * How the two meet: the adapter factory is wrapped (`handOverTransactions`) so that a
 * transaction opened while `inDriverTransaction` waits for one is handed to it. On PostgreSQL
 * (a pool: several transactions open at once) AsyncLocalStorage carries that wait from the
 * `$transaction` call down to the adapter's `startTransaction`, which Prisma calls in the same
 * asynchronous flow. On SQLite the connection's transactions run one at a time
 * (sqlite-serialized-adapter.ts), so the one open while the work runs is the work's own, and no
 * AsyncLocalStorage is used: on Node 20 the first one run turns on async hooks for the whole
 * process for good, and from then on every promise and every socket write, timer or read calls
 * back into JavaScript (in the realtime bench, server and 100 receivers in one process, that was
 * about 0.4 ms of CPU per annotation create, of about 11).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { ArgType, IsolationLevel, SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import type { Db, Provider, Tx } from "./client.ts";
import { placeholders, toParam, type Sql } from "./sql.ts";

interface Waiting {
  tx: Transaction | null;
}

const waiting = new AsyncLocalStorage<Waiting>();

function wrap(inner: SqlDriverAdapter, connected: Connected): SqlDriverAdapter {
  const adapter: SqlDriverAdapter = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (q) => inner.queryRaw(q),
    executeRaw: (q) => inner.executeRaw(q),
    executeScript: (s) => inner.executeScript(s),
    dispose: () => inner.dispose(),
    async startTransaction(level?: IsolationLevel) {
      const tx = await inner.startTransaction(level);
      if (inner.provider === "sqlite") {
        connected.open = tx;
        const commit = tx.commit.bind(tx);
        const rollback = tx.rollback.bind(tx);
        const close = () => {
          if (connected.open === tx) connected.open = null;
        };
        tx.commit = () => (close(), commit());
        tx.rollback = () => (close(), rollback());
        return tx;
      }
      const w = waiting.getStore();
      if (w && !w.tx) w.tx = tx;
      return tx;
    },
  };
  if (inner.getConnectionInfo) adapter.getConnectionInfo = () => inner.getConnectionInfo!();
  return adapter;
}

/** The adapter a client's factory connected last (Prisma connects once per client, again after a disconnect). */
interface Connected {
  adapter: SqlDriverAdapter | null;
  /** SQLite: the transaction open on the connection (there is at most one), null when none. */
  open: Transaction | null;
}

const connectedBy = new WeakMap<SqlDriverAdapterFactory, Connected>();
const connectedOf = new WeakMap<object, Connected>();

/** Wraps an adapter factory so `inDriverTransaction` can reach the transactions it opens. */
export function handOverTransactions(inner: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  const connected: Connected = { adapter: null, open: null };
  const factory: SqlDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => {
      const adapter = wrap(await inner.connect(), connected);
      const dispose = adapter.dispose;
      adapter.dispose = () => {
        if (connected.adapter === adapter) connected.adapter = null;
        return dispose();
      };
      connected.adapter = adapter;
      return adapter;
    },
  };
  connectedBy.set(factory, connected);
  return factory;
}

/** Lets `inAdapterTransaction` open transactions on the adapter `factory` (made by handOverTransactions) connects for `db`. */
export function adapterTransactionsFor(db: Db, factory: SqlDriverAdapterFactory): void {
  const connected = connectedBy.get(factory);
  if (connected) connectedOf.set(db, connected);
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

/** The driver `Sql` of Prisma transactions opened here, by the transaction's client. */
const sqlOfTx = new WeakMap<object, Sql>();

/**
 * The same transaction as `tx` as an `Sql` that skips Prisma's query compiler, when `tx` was
 * opened by `inDriverTransaction` or `transactionWithDriver`; null otherwise.
 */
export function driverSqlOf(tx: Tx): Sql | null {
  return sqlOfTx.get(tx) ?? null;
}

/**
 * `db.$transaction(work)`, with the transaction also reachable as a driver `Sql` through
 * `driverSqlOf(tx)` when the client was opened by `openDb` (otherwise just the transaction).
 */
export async function transactionWithDriver<T>(db: Db, provider: Provider, work: (tx: Tx) => Promise<T>, options: { maxWait: number; timeout: number }): Promise<T> {
  return withHandOver(db, provider, async (tx, driverTx) => {
    if (driverTx) sqlOfTx.set(tx, driverSql(driverTx, provider));
    return work(tx);
  }, options);
}

/**
 * `db.$transaction(work)`, `work` also given the adapter's transaction Prisma opened for it
 * (null when the client was not opened by `openDb`).
 */
function withHandOver<T>(db: Db, provider: Provider, work: (tx: Tx, driverTx: Transaction | null) => Promise<T>, options: { maxWait: number; timeout: number }): Promise<T> {
  if (provider === "sqlite") {
    const connected = connectedOf.get(db);
    // Taken as the work starts: Prisma's own transaction holds the connection until it ends.
    return db.$transaction((tx) => work(tx, connected?.open ?? null), options);
  }
  const w: Waiting = { tx: null };
  return waiting.run(w, () => db.$transaction((tx) => work(tx, w.tx), options));
}

/**
 * Runs `work` in one Prisma interactive transaction, giving it both the Prisma client of that
 * transaction and the same transaction as an `Sql` that skips Prisma's query compiler.
 * Needs a client opened by `openDb` (its adapter factory hands transactions over).
 */
export async function inDriverTransaction<T>(db: Db, provider: Provider, work: (tx: Tx, sql: Sql) => Promise<T>, options: { maxWait: number; timeout: number }): Promise<T> {
  return withHandOver(db, provider, async (tx, driverTx) => {
    if (!driverTx) throw new Error("inDriverTransaction: the database client was not opened by openDb (no transaction handed over)");
    const sql = driverSql(driverTx, provider);
    sqlOfTx.set(tx, sql);
    return work(tx, sql);
  }, options);
}

/** Thrown by the stand-in for the Prisma client inside `inAdapterTransaction`. */
class PrismaClientNeeded extends Error {
  constructor() {
    super("the Prisma client is not available in an adapter transaction");
  }
}

/** A Prisma client that is not there: any use throws, and is remembered (in case the work swallowed the error). */
function absentClient(): { tx: Tx; used: () => boolean } {
  let used = false;
  const tx = new Proxy(
    {},
    {
      get() {
        used = true;
        throw new PrismaClientNeeded();
      },
    },
  ) as Tx;
  return { tx, used: () => used };
}

const statement = (sql: string) => ({ sql, args: [], argTypes: [] });

/** Ends an adapter transaction as Prisma does: the statement, then the adapter's own release. */
async function finish(tx: Transaction, outcome: "COMMIT" | "ROLLBACK"): Promise<void> {
  if (outcome === "COMMIT") {
    try {
      if (!tx.options.usePhantomQuery) await tx.executeRaw(statement("COMMIT"));
    } catch (e) {
      await finish(tx, "ROLLBACK").catch(() => {});
      throw e;
    }
    await tx.commit();
    return;
  }
  try {
    if (!tx.options.usePhantomQuery) await tx.executeRaw(statement("ROLLBACK"));
  } finally {
    await tx.rollback();
  }
}

/**
 * Runs `work` in a transaction of the driver adapter itself, without Prisma's interactive
 * transaction; `work` gets the transaction as an `Sql`. Its `tx` argument stands in for the
 * Prisma client: should `work` use it, that attempt is rolled back and `work` runs again, whole,
 * in `inDriverTransaction` (so it must have no effects outside the database before it commits).
 * A client not opened by `openDb` always takes that second way.
 */
export async function inAdapterTransaction<T>(db: Db, provider: Provider, work: (tx: Tx, sql: Sql) => Promise<T>, options: { maxWait: number; timeout: number }): Promise<T> {
  const adapter = connectedOf.get(db)?.adapter;
  if (!adapter) return inDriverTransaction(db, provider, work, options);
  const tx = await startWithin(adapter, options.maxWait);
  const started = performance.now();
  const absent = absentClient();
  let out: T;
  try {
    out = await work(absent.tx, driverSql(tx, provider));
  } catch (e) {
    await finish(tx, "ROLLBACK").catch(() => {});
    if (absent.used()) return inDriverTransaction(db, provider, work, options);
    throw e;
  }
  if (absent.used()) {
    await finish(tx, "ROLLBACK");
    return inDriverTransaction(db, provider, work, options);
  }
  // As Prisma's own transactions: work that outlived its time is not committed.
  if (performance.now() - started > options.timeout) {
    await finish(tx, "ROLLBACK");
    throw new TransactionTimeError(`The transaction ran longer than ${options.timeout} ms and was rolled back`);
  }
  await finish(tx, "COMMIT");
  return out;
}

/** A transaction that could not start in time, or ran past its time and was rolled back. */
export class TransactionTimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TransactionTimeError";
  }
}

/**
 * The adapter's transaction, if it starts within `maxWait` ms (the pool's connection or
 * SQLite's lock can be held by others). One that starts later is rolled back at once.
 */
async function startWithin(adapter: SqlDriverAdapter, maxWait: number): Promise<Transaction> {
  const starting = adapter.startTransaction();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), maxWait);
  });
  try {
    const tx = await Promise.race([starting, late]);
    if (tx) return tx;
  } finally {
    clearTimeout(timer);
  }
  void starting.then((tx) => finish(tx, "ROLLBACK")).catch(() => {});
  throw new TransactionTimeError(`The transaction could not start within ${maxWait} ms`);
}

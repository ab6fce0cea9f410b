/**
 * Opens the Prisma client for the configured database: SQLite (embedded default) or
 * PostgreSQL. Both generated clients come from one schema, so the SQLite client's type
 * serves as the type of either.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client.ts";
import { PrismaClient as PgClient } from "./generated/postgresql/client.ts";
import { serializedSqliteFactory } from "./sqlite-serialized-adapter.ts";
import { timedFactory, type QueryObserver } from "./timed-adapter.ts";
import { oneQueryPerTransaction } from "./pg-transaction-queue.ts";
import { adapterTransactionsFor, handOverTransactions } from "./driver-transaction.ts";
import { checkpointedFactory } from "./sqlite-checkpointer.ts";
import { searchMergedFactory } from "./sqlite-search-merge.ts";

export type Db = SqliteClient;
export type { Prisma } from "./generated/sqlite/client.ts";
/** The client inside an interactive transaction. */
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export type Provider = "sqlite" | "postgresql";

export function providerOf(url: string): Provider {
  return url.startsWith("file:") ? "sqlite" : "postgresql";
}

/** Filesystem path of a `file:` URL (relative paths resolve against the working directory). */
export function sqlitePath(url: string): string {
  return resolve(url.slice("file:".length).replace(/\?.*$/, ""));
}

/** Opens a client and applies the per-connection settings the app relies on. */
export async function openDb(url: string, observe: QueryObserver = () => {}): Promise<Db> {
  if (providerOf(url) === "sqlite") {
    const file = sqlitePath(url);
    mkdirSync(dirname(file), { recursive: true });
    // Checkpoints run on a worker thread (sqlite-checkpointer.ts), not inside this connection's commits.
    const checkpoints = checkpointedFactory(new PrismaBetterSQLite3({ url: `file:${file}`, timeout: 5000 }), file);
    // The search index's merges run when the connection is idle (sqlite-search-merge.ts), not inside commits.
    const factory = handOverTransactions(timedFactory(serializedSqliteFactory(searchMergedFactory(checkpoints.factory)), observe));
    const db = new SqliteClient({ adapter: factory });
    adapterTransactionsFor(db, factory);
    // WAL lets readers proceed during a write; NORMAL is durable across app crashes in WAL mode.
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
    await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
    checkpoints.start();
    return db;
  }
  const adapter = handOverTransactions(timedFactory(oneQueryPerTransaction(new PrismaPg({ connectionString: url, max: 10 })), observe));
  const db = new PgClient({ adapter }) as unknown as Db;
  adapterTransactionsFor(db, adapter);
  await db.$connect();
  return db;
}

/** True when the error is a unique-constraint violation (Prisma P2002). */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2002";
}

/**
 * Prepared statements kept and reused on the SQLite connection. Prisma's better-sqlite3 adapter
 * prepares every statement anew (`prepare(sql).bind(args)`), and on the hot paths (annotation
 * creates, each transaction's BEGIN and COMMIT) preparing cost as much as running. This wraps
 * the connection's `prepare` so the same SQL text gets the same compiled statement; the
 * adapter's `bind(args)` then passes the arguments to each run instead of binding the statement
 * for good (a better-sqlite3 statement can be bound only once).
 *
 * Everything runs synchronously on one connection, so one statement is never used by two
 * callers at once. Long texts (multi-row inserts, whose text changes with the row count) are
 * not kept; the cache holds at most `capacity` statements, oldest dropped first. SQLite
 * re-prepares a kept statement by itself when the schema changes.
 */
import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";

/** The part of a better-sqlite3 statement the adapter uses. */
interface Statement {
  readonly reader: boolean;
  run(...args: unknown[]): unknown;
  columns(): unknown[];
  raw(on?: boolean): Statement;
  all(...args: unknown[]): unknown[];
  bind(...args: unknown[]): Statement;
}

interface Connection {
  prepare(sql: string): Statement;
}

/** What the adapter gets back from `prepare`: the kept statement with arguments given per call. */
function reusable(stmt: Statement) {
  return {
    reader: stmt.reader,
    run: (...args: unknown[]) => stmt.run(...args),
    columns: () => stmt.columns(),
    bind(args: unknown[]) {
      return {
        reader: stmt.reader,
        run: () => stmt.run(args),
        columns: () => stmt.columns(),
        raw: () => ({ all: () => stmt.raw(true).all(args) }),
      };
    },
  };
}

const MAX_SQL_LENGTH = 4_000;

/** Makes `connection.prepare` reuse statements. Returns false when it is not a better-sqlite3 connection. */
export function keepStatements(connection: unknown, capacity = 256): boolean {
  if (!connection || typeof (connection as Connection).prepare !== "function") return false;
  const db = connection as Connection;
  const prepare = db.prepare.bind(db);
  const kept = new Map<string, Statement>();
  db.prepare = ((sql: string) => {
    if (sql.length > MAX_SQL_LENGTH) return prepare(sql);
    let stmt = kept.get(sql);
    if (!stmt) {
      stmt = prepare(sql);
      kept.set(sql, stmt);
      if (kept.size > capacity) kept.delete(kept.keys().next().value!);
    }
    return reusable(stmt);
  }) as unknown as Connection["prepare"];
  return true;
}

/** The better-sqlite3 connection inside Prisma's adapter (its `client` field), if it has one. */
export function sqliteConnectionOf(adapter: SqlDriverAdapter): unknown {
  return (adapter as unknown as { client?: unknown }).client;
}

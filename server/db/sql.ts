/**
 * A small SQL interface for hand-written statements: `?` placeholders (they become `$1..$n` on
 * PostgreSQL), values converted the way Prisma stores them, rows as plain objects. Two
 * implementations: through the Prisma client's raw path (`prismaSql`), and straight to the
 * driver adapter inside a Prisma transaction (`driver-transaction.ts`), for the hot path.
 */
import type { Provider, Tx } from "./client.ts";

export interface Sql {
  readonly provider: Provider;
  /** Runs a statement that returns rows. */
  query<T>(sql: string, params: readonly unknown[]): Promise<T[]>;
  /** Runs a statement; answers the number of rows it changed. */
  execute(sql: string, params: readonly unknown[]): Promise<number>;
}

/** Prisma's SQLite DateTime text: ISO 8601 with an explicit +00:00 offset. */
function sqliteDate(d: Date): string {
  return d.toISOString().replace("Z", "+00:00");
}

/** A value as the database column holds it (SQLite keeps dates as text and booleans as 0/1). */
export function toParam(provider: Provider, v: unknown): unknown {
  if (v instanceof Date) return provider === "sqlite" ? sqliteDate(v) : v;
  if (typeof v === "boolean" && provider === "sqlite") return v ? 1 : 0;
  return v ?? null;
}

/** The statement with its `?` placeholders numbered for PostgreSQL. */
export function placeholders(provider: Provider, sql: string): string {
  if (provider === "sqlite") return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** `?, ?, ?` for an IN list of `count` values. */
export function list(count: number): string {
  return Array.from({ length: count }, () => "?").join(", ");
}

/**
 * Most values given to one Prisma model query as an `in` list. Prisma refuses a SQLite query
 * with more than 999 parameters in all (P2029), so longer lists go in chunks (`inChunks`).
 * Hand-written statements (`list`) may take up to 30,000.
 */
export const MODEL_IN_MAX = 500;

/** Runs `run` over `values` in chunks of at most `size`, joining the rows. */
export async function inChunks<T, R>(values: readonly T[], run: (chunk: T[]) => Promise<R[]>, size = MODEL_IN_MAX): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < values.length; i += size) out.push(...(await run(values.slice(i, i + size))));
  return out;
}

/** Statements through the Prisma client's raw path (inside `tx` when it is a transaction). */
export function prismaSql(tx: Tx, provider: Provider): Sql {
  return {
    provider,
    query: <T>(sql: string, params: readonly unknown[]) => tx.$queryRawUnsafe<T[]>(placeholders(provider, sql), ...params.map((p) => toParam(provider, p))),
    execute: (sql: string, params: readonly unknown[]) => tx.$executeRawUnsafe(placeholders(provider, sql), ...params.map((p) => toParam(provider, p))),
  };
}

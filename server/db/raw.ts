/**
 * Hand-written SQL through the Prisma client's raw path, for the few hot statements where the
 * query compiler's per-call cost dominates. Write `?` placeholders; they become `$1..$n` on
 * PostgreSQL. Values are converted the way Prisma stores them, so Prisma reads them back.
 */
import type { Provider, Tx } from "./client.ts";

/** Prisma's SQLite DateTime text: ISO 8601 with an explicit +00:00 offset. */
function sqliteDate(d: Date): string {
  return d.toISOString().replace("Z", "+00:00");
}

export function toParam(provider: Provider, v: unknown): unknown {
  if (v instanceof Date) return provider === "sqlite" ? sqliteDate(v) : v;
  if (typeof v === "boolean" && provider === "sqlite") return v ? 1 : 0;
  return v ?? null;
}

function placeholders(provider: Provider, sql: string): string {
  if (provider === "sqlite") return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** `?, ?, ?` for an IN list of `count` values. */
export function list(count: number): string {
  return Array.from({ length: count }, () => "?").join(", ");
}

export async function rawQuery<T>(tx: Tx, provider: Provider, sql: string, params: unknown[]): Promise<T[]> {
  return tx.$queryRawUnsafe<T[]>(placeholders(provider, sql), ...params.map((p) => toParam(provider, p)));
}

export async function rawExecute(tx: Tx, provider: Provider, sql: string, params: unknown[]): Promise<number> {
  return tx.$executeRawUnsafe(placeholders(provider, sql), ...params.map((p) => toParam(provider, p)));
}

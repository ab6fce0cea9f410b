/**
 * Updating many rows by key in one statement per chunk, through the Prisma client's raw path:
 * `UPDATE t SET c = CAST(v.columnN AS type) FROM (VALUES (...), ...) AS v WHERE t.key = v.column1`.
 * Both databases name a VALUES list's columns column1, column2, ...; the casts give PostgreSQL
 * the column types its untyped parameters lack. Values are stored the way Prisma stores them.
 */
import type { Provider, Tx } from "./client.ts";
import { toParam } from "./raw.ts";

export type ColumnType = "TEXT" | "INTEGER" | "DOUBLE PRECISION";

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_PARAMS = 30_000;

/** Sets `columns` of the rows of `table` whose `key` (a text column) matches each row's. */
export async function bulkUpdate(tx: Tx, provider: Provider, table: string, key: string, columns: Record<string, ColumnType>, rows: Array<Record<string, unknown>>): Promise<void> {
  if (rows.length === 0) return;
  const names = Object.keys(columns);
  for (const name of [table, key, ...names]) if (!IDENT.test(name)) throw new Error(`bulkUpdate: bad identifier ${name}`);
  const set = names.map((c, i) => `"${c}" = CAST(v.column${i + 2} AS ${columns[c]})`).join(", ");
  const width = names.length + 1;
  const perChunk = Math.max(1, Math.floor(MAX_PARAMS / width));
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => {
      const marks = [key, ...names].map((c) => {
        params.push(toParam(provider, row[c]));
        return provider === "sqlite" ? "?" : `$${params.length}`;
      });
      return `(${marks.join(", ")})`;
    });
    const sql = `UPDATE "${table}" SET ${set} FROM (VALUES ${tuples.join(", ")}) AS v WHERE "${table}"."${key}" = CAST(v.column1 AS TEXT)`;
    await tx.$executeRawUnsafe(sql, ...params);
  }
}

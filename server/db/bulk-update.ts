/**
 * Updating many rows by key in one statement per chunk, through the Prisma client's raw path:
 * `UPDATE t SET c = CAST(v.columnN AS type) FROM (VALUES (...), ...) AS v WHERE t.key = v.column1`.
 * Both databases name a VALUES list's columns column1, column2, ...; the casts give PostgreSQL
 * the column types its untyped parameters lack. Values are stored the way Prisma stores them.
 */
import type { Provider, Tx } from "./client.ts";
import { prismaSql, type Sql } from "./sql.ts";

export type ColumnType = "TEXT" | "INTEGER" | "DOUBLE PRECISION";

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_PARAMS = 30_000;

/** Sets `columns` of the rows of `table` whose `key` (a text column) matches each row's, through `sql`. */
export async function updateRows(sql: Sql, table: string, key: string, columns: Record<string, ColumnType>, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  if (rows.length === 0) return;
  const names = Object.keys(columns);
  for (const name of [table, key, ...names]) if (!IDENT.test(name)) throw new Error(`bulkUpdate: bad identifier ${name}`);
  const set = names.map((c, i) => `"${c}" = CAST(v.column${i + 2} AS ${columns[c]})`).join(", ");
  const width = names.length + 1;
  const perChunk = Math.max(1, Math.floor(MAX_PARAMS / width));
  const tuple = `(${Array.from({ length: width }, () => "?").join(", ")})`;
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const params: unknown[] = [];
    for (const row of chunk) for (const c of [key, ...names]) params.push(row[c]);
    await sql.execute(`UPDATE "${table}" SET ${set} FROM (VALUES ${chunk.map(() => tuple).join(", ")}) AS v WHERE "${table}"."${key}" = CAST(v.column1 AS TEXT)`, params);
  }
}

/** Sets `columns` of the rows of `table` whose `key` (a text column) matches each row's, in `tx` through Prisma's raw path. */
export async function bulkUpdate(tx: Tx, provider: Provider, table: string, key: string, columns: Record<string, ColumnType>, rows: Array<Record<string, unknown>>): Promise<void> {
  await updateRows(prismaSql(tx, provider), table, key, columns, rows);
}

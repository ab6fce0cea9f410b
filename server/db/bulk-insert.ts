/**
 * Multi-row INSERT. Prisma's createMany compiles every row through its query compiler (about
 * a millisecond a row here); one parameterized INSERT of many rows costs about as much as one
 * row. Used on the hot write path only. Values are stored exactly as Prisma stores them, so
 * Prisma reads them back unchanged.
 */
import type { Provider, Tx } from "./client.ts";
import { prismaSql, type Sql } from "./sql.ts";

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Stay well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const MAX_PARAMS = 30_000;

/** Inserts `rows` (all with the same keys) into `table` through `sql`. */
export async function insertRows(sql: Sql, table: string, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  for (const name of [table, ...columns]) if (!IDENT.test(name)) throw new Error(`bulkInsert: bad identifier ${name}`);
  const perChunk = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `;
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const params: unknown[] = [];
    for (const row of chunk) for (const c of columns) params.push(row[c]);
    await sql.execute(head + Array.from({ length: chunk.length }, () => tuple).join(", "), params);
  }
}

/** Inserts `rows` (all with the same keys) into `table` in `tx` through Prisma's raw path. */
export async function bulkInsert(tx: Tx, provider: Provider, table: string, rows: Array<Record<string, unknown>>): Promise<void> {
  await insertRows(prismaSql(tx, provider), table, rows);
}

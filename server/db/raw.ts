/**
 * Hand-written SQL through the Prisma client's raw path, for the few hot statements where the
 * query compiler's per-model-call cost dominates. Write `?` placeholders; they become `$1..$n` on
 * PostgreSQL. Values are converted the way Prisma stores them, so Prisma reads them back.
 * (The same statements can go straight to the driver: see sql.ts and driver-transaction.ts.)
 */
import type { Provider, Tx } from "./client.ts";
import { prismaSql } from "./sql.ts";

export { inChunks, list, toParam } from "./sql.ts";

export async function rawQuery<T>(tx: Tx, provider: Provider, sql: string, params: unknown[]): Promise<T[]> {
  return prismaSql(tx, provider).query<T>(sql, params);
}

export async function rawExecute(tx: Tx, provider: Provider, sql: string, params: unknown[]): Promise<number> {
  return prismaSql(tx, provider).execute(sql, params);
}

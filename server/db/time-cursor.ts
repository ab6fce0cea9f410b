/**
 * Cursors for lists read newest first by (createdAt, id): the last row's key, opaque to clients,
 * so a page never repeats or skips a row while new ones arrive.
 */
import { ValidationError } from "../http/errors.ts";

export interface TimeCursor {
  at: Date;
  id: string;
}

export function encodeTimeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.getTime()}.${row.id}`).toString("base64url");
}

/** The cursor in `raw` (the query's `before`); 400 naming `before` when it is not one of ours. */
export function decodeTimeCursor(raw: string | undefined): TimeCursor | null {
  if (raw === undefined) return null;
  const m = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/.exec(Buffer.from(raw, "base64url").toString());
  if (!m) throw ValidationError("before: is not a cursor from this API", "before");
  return { at: new Date(Number(m[1])), id: m[2]! };
}

/** A Prisma `where` for rows strictly older than the cursor (nothing when there is none). */
export function olderThan(c: TimeCursor | null) {
  return c ? { OR: [{ createdAt: { lt: c.at } }, { createdAt: c.at, id: { lt: c.id } }] } : {};
}

/** A page of `limit` rows out of `limit + 1` read, and the cursor of the next one. */
export function pageOf<T extends { createdAt: Date; id: string }>(rows: T[], limit: number): { page: T[]; nextBefore: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, nextBefore: rows.length > limit && last ? encodeTimeCursor(last) : null };
}

/** Opaque random identifiers: never derived from content, never reused. */
import { randomBytes, randomFillSync } from "node:crypto";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
/** Bytes at or above this would make some letters likelier than others (252 = 7 * 36). */
const UNBIASED_BELOW = 252;

// Random bytes are drawn 4 KB at a time: one system call per ~200 ids instead of one per id
// (an import of 10,000 paragraphs makes 10,000 ids at once).
const pool = Buffer.alloc(4096);
let next = pool.length;

function randomByte(): number {
  if (next === pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  return pool[next++]!;
}

/** A 20-character base-36 id (~103 bits) with a readable prefix, e.g. `p_...` for paragraphs. */
export function newId(prefix: string): string {
  let out = "";
  while (out.length < 20) {
    const b = randomByte();
    if (b < UNBIASED_BELOW) out += ALPHABET[b % 36];
  }
  return `${prefix}_${out}`;
}

/** A URL-safe secret token (256 bits). */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Opaque random identifiers: never derived from content, never reused. */
import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** A 20-character base-36 id (~103 bits) with a readable prefix, e.g. `p_...` for paragraphs. */
export function newId(prefix: string): string {
  const bytes = randomBytes(20);
  let out = "";
  for (const b of bytes) out += ALPHABET[b % 36];
  return `${prefix}_${out}`;
}

/** A URL-safe secret token (256 bits). */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * The sign-in form's check without zod, so that signing in never loads it: it accepts exactly what
 * the shared LoginSchema accepts, with the same result (e-mail trimmed and lower-cased), and its
 * test holds it to that. Only when it refuses does the form load the schema, for the wording of
 * what is wrong.
 */
import { EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH } from "../../../../common/auth-limits.ts";

/** The e-mail pattern of zod's z.email(), which LoginSchema uses. */
const EMAIL = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

export interface LoginFields {
  email: unknown;
  password: unknown;
}

/** A string's length as zod's length checks count it: in code points, not UTF-16 units. */
function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** What LoginSchema would make of the fields, or null when they may be refused. */
export function checkLogin({ email, password }: LoginFields): { email: string; password: string } | null {
  if (typeof email !== "string" || typeof password !== "string") return null;
  const trimmed = email.trim();
  if (codePoints(trimmed) > EMAIL_MAX_LENGTH || !EMAIL.test(trimmed)) return null;
  if (password.length < 1 || codePoints(password) > PASSWORD_MAX_LENGTH) return null;
  return { email: trimmed.toLowerCase(), password };
}

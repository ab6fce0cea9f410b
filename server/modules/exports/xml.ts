/**
 * Text for XML element content and double-quoted attribute values: characters XML 1.0 cannot
 * hold become U+FFFD (visible-text.ts), and `& < > "` become entities, so user content can
 * never become markup. Most strings have nothing to escape and are returned as they are.
 */
import { visibleText } from "./visible-text.ts";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
const SPECIAL = /[&<>"]/;
const SPECIALS = /[&<>"]/g;

/** The string as XML text (content or attribute value). */
export function xmlText(s: string): string {
  const v = visibleText(s);
  return SPECIAL.test(v) ? v.replace(SPECIALS, (c) => ESCAPES[c]!) : v;
}

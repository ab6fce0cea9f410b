/**
 * Text for XML element content and double-quoted attribute values: characters XML 1.0 cannot
 * hold become U+FFFD (visible-text.ts), and `& < > "` become entities, so user content can
 * never become markup. Most strings have nothing to escape and are returned as they are.
 */
import { visibleText } from "./visible-text.ts";

const SPECIAL = /[&<>"]/;

/**
 * Any character xmlText might change (visibleText's, `& < > "`) or a line feed: a string without
 * one is one line of XML text as it is, the common case, found in one scan instead of three.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_PLAIN = /[\n\r&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFDD0-\uFDEF\uFFFE\uFFFF]/;

/** Whether the string is one line of XML text as it is: xmlText returns it unchanged, and it holds no line feed. */
export function isPlainLine(s: string): boolean {
  return !NOT_PLAIN.test(s);
}

/** NOT_PLAIN but for `& < > "`: the characters visibleText might change, and the line feed. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_VISIBLE_LINE = /[\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFDD0-\uFDEF\uFFFE\uFFFF]/;

/** Whether the string is one line of visible text (visibleText returns it unchanged, no line feed): xmlText only escapes its markup characters. */
export function isVisibleLine(s: string): boolean {
  return !NOT_VISIBLE_LINE.test(s);
}

/** The string as XML text (content or attribute value). */
export function xmlText(s: string): string {
  return markupEscaped(visibleText(s));
}

/**
 * Text that is already visible text (visibleText) with `& < > "` as entities: one scan, the
 * untouched stretches copied as slices.
 */
export function markupEscaped(v: string): string {
  if (!SPECIAL.test(v)) return v;
  let out = "";
  let from = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    let entity: string;
    if (c === 38) entity = "&amp;";
    else if (c === 60) entity = "&lt;";
    else if (c === 62) entity = "&gt;";
    else if (c === 34) entity = "&quot;";
    else continue;
    out += v.slice(from, i) + entity;
    from = i + 1;
  }
  return out + v.slice(from);
}

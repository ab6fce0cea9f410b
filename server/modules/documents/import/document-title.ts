/**
 * The title block and title field, shared by all parsers.
 */
import type { ImportedBlock } from "./types.ts";

/** The document title field is a label, not content: cap it (the title block keeps the full text). */
const MAX_TITLE_LENGTH = 500;

/**
 * A character that shows: not white space, not a format or filler character (soft hyphen,
 * zero-width space and joiners, directional marks and controls, word joiner, BOM, Hangul and
 * Braille blanks), not a combining mark (a variation selector among them) standing for nothing on its own.
 * The same set the name policy counts as invisible (common/text-policy.ts).
 */
const VISIBLE_RE = /[^\s\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202f\u205f-\u2064\u206a-\u206f\u2800\u3000\u3164\ufeff\uffa0\p{M}]/u;

/** Does `text` hold anything a reader sees? A line of zero-width spaces and soft hyphens does not. */
export function hasVisibleText(text: string): boolean {
  return VISIBLE_RE.test(text);
}

/**
 * What a label may not carry (the name policy, common/text-policy.ts): control characters (a
 * line break, a tab: a space instead) and the bidirectional embeddings, overrides and isolates,
 * which make a name display as something else or reorder what follows it in a list. The title
 * block keeps them as the source has them.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this takes out
const NOT_IN_LABELS_RE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;
const SPACING_CONTROL_RE = /[\t\n\v\f\r\u0085]/u;

export function titleField(title: string): string {
  const text = title.replace(NOT_IN_LABELS_RE, (c) => (SPACING_CONTROL_RE.test(c) ? " " : ""));
  if (text.length <= MAX_TITLE_LENGTH) return text;
  // Do not cut a surrogate pair in half.
  const end = /[\uD800-\uDBFF]/.test(text[MAX_TITLE_LENGTH - 1] ?? "") ? MAX_TITLE_LENGTH - 1 : MAX_TITLE_LENGTH;
  return text.slice(0, end);
}

/** Do two titles read the same (case and spacing aside)? */
export function sameText(a: string, b: string): boolean {
  return a.replace(/\s+/g, " ").trim().toLowerCase() === b.replace(/\s+/g, " ").trim().toLowerCase();
}

export function makeTitleBlock(text: string): ImportedBlock {
  return { kind: "heading", level: 1, role: "title", text };
}

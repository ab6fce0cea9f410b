/**
 * The title block and title field, shared by all parsers.
 */
import type { ImportedBlock } from "./types.ts";

/** The document title field is a label, not content: cap it (the title block keeps the full text). */
const MAX_TITLE_LENGTH = 500;

export function titleField(text: string): string {
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

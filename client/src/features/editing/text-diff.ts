/**
 * One paragraph's text changing, as the browser needs it while someone edits: the single
 * stretch that differs between two texts, and putting another person's change into the text
 * being typed (when the two touch different characters).
 */

/** `remove` characters at `at` replaced by `insert`. */
export interface Splice {
  at: number;
  remove: number;
  insert: string;
}

/** The one stretch that differs between `a` and `b` (common start and end kept), or null when equal. */
export function spliceBetween(a: string, b: string): Splice | null {
  if (a === b) return null;
  const max = Math.min(a.length, b.length);
  let p = 0;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return { at: p, remove: a.length - p - s, insert: b.slice(p, b.length - s) };
}

export function applySplice(text: string, s: Splice): string {
  return text.slice(0, s.at) + s.insert + text.slice(s.at + s.remove);
}

/**
 * `mine` (made from `base`) with `theirs` (also made from `base`) put in, when the two changed
 * different characters; null when they overlap and a person has to choose.
 */
export function rebase(base: string, theirs: string, mine: string): string | null {
  const t = spliceBetween(base, theirs);
  const m = spliceBetween(base, mine);
  if (!t) return mine;
  if (!m) return theirs;
  if (t.at === m.at && t.remove === m.remove && t.insert === m.insert) return mine;
  const tEnd = t.at + t.remove;
  const mEnd = m.at + m.remove;
  // Two insertions at one point cannot be ordered safely: ask.
  if (t.at === m.at && t.remove === 0 && m.remove === 0) return null;
  if (mEnd <= t.at) return applySplice(applySplice(base, t), m);
  if (tEnd <= m.at) return applySplice(applySplice(base, m), t);
  return null;
}

/** Where `offset` of the text before `s` is after it (`bias` -1 keeps it before an insertion at that point). */
export function mapOffset(s: Splice | null, offset: number, bias: 1 | -1): number {
  if (!s || offset < s.at) return offset;
  const end = s.at + s.remove;
  if (offset > end) return offset - s.remove + s.insert.length;
  if (offset === s.at && (s.remove > 0 || bias < 0)) return s.at;
  return s.at + s.insert.length;
}

/**
 * Mapping positions through a text change. A change is the character diff between the old and
 * the new text (diff-match-patch, UTF-16 code units); a position (a boundary between characters)
 * outside every changed run moves exactly, one inside a deleted run is "lost" and lands where the
 * run was. `assoc` picks the side at an insertion point: -1 stays before inserted text (an
 * annotation's end), +1 goes after it (an annotation's start), so text typed at either edge of a
 * span stays outside it.
 */
import { cleanupSemantic, DIFF_DELETE, DIFF_EQUAL, DIFF_INSERT, makeDiff, type Diff } from "@sanity/diff-match-patch";

export type Assoc = -1 | 1;

export interface MappedOffset {
  offset: number;
  /** The position was strictly inside deleted text. */
  lost: boolean;
}

/**
 * The character diff from `before` to `after` (bounded: at most one second of work), cleaned of
 * coincidental equalities: in a rewritten sentence the letters a new word happens to share with
 * the old one are not "kept text", so no anchor is carried on them.
 */
export function textDiff(before: string, after: string): Diff[] {
  if (before === after) return before ? [[DIFF_EQUAL, before]] : [];
  return cleanupSemantic(makeDiff(before, after, { timeout: 1, checkLines: before.length > 2_000 }));
}

export function mapOffset(diffs: Diff[], offset: number, assoc: Assoc): MappedOffset {
  let o = 0;
  let n = 0;
  for (const [op, text] of diffs) {
    const len = text.length;
    if (op === DIFF_EQUAL) {
      if (offset < o + len) return { offset: n + offset - o, lost: false };
      o += len;
      n += len;
    } else if (op === DIFF_DELETE) {
      if (offset < o + len) return { offset: n, lost: offset > o };
      o += len;
    } else if (op === DIFF_INSERT) {
      if (offset === o && assoc < 0) return { offset: n, lost: false };
      n += len;
    }
  }
  return { offset: n + (offset - o), lost: false };
}

/**
 * Where the old text's [start, end) is in the new text when the diff keeps all of it in one
 * equal run (its characters unchanged and side by side), or null when any of it changed.
 */
export function keptSpan(diffs: Diff[], start: number, end: number): number | null {
  let o = 0;
  let n = 0;
  for (const [op, text] of diffs) {
    const len = text.length;
    if (op === DIFF_EQUAL) {
      if (start >= o && end <= o + len) return n + start - o;
      o += len;
      n += len;
    } else if (op === DIFF_DELETE) o += len;
    else n += len;
    if (o > start) return null;
  }
  return null;
}

/** The diff's old text and new text, rebuilt (for checks). */
export function sides(diffs: Diff[]): { before: string; after: string } {
  let before = "";
  let after = "";
  for (const [op, text] of diffs) {
    if (op !== DIFF_INSERT) before += text;
    if (op !== DIFF_DELETE) after += text;
  }
  return { before, after };
}

/** The old-text ranges a diff changes: [from, to) for deletions, [at, at) for insertions. */
export function changedRanges(diffs: Diff[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let o = 0;
  for (const [op, text] of diffs) {
    if (op === DIFF_EQUAL) o += text.length;
    else if (op === DIFF_DELETE) {
      out.push([o, o + text.length]);
      o += text.length;
    } else out.push([o, o]);
  }
  return out;
}

const WORD = /[\p{L}\p{N}\p{M}'’_-]/u;

/** A changed range widened to the whole words it touches. */
function toWords(text: string, [from, to]: [number, number]): [number, number] {
  let f = from;
  let t = to;
  while (f > 0 && WORD.test(text[f - 1]!)) f--;
  while (t < text.length && WORD.test(text[t]!)) t++;
  return [f, t];
}

/**
 * Three-way merge of a paragraph's text: `base` is what the editor started from, `theirs` what
 * the paragraph holds now, `mine` what the editor wants. When the two changes touch different
 * words of `base`, the result has both; when they touch the same word, null: a conflict for the
 * person to resolve.
 */
export function mergeTexts(base: string, theirs: string, mine: string): string | null {
  if (theirs === base) return mine;
  if (mine === base || mine === theirs) return theirs;
  const a = changedRanges(textDiff(base, theirs)).map((r) => toWords(base, r));
  const b = textDiff(base, mine);
  const rb = changedRanges(b).map((r) => toWords(base, r));
  for (const [af, at] of a) for (const [bf, bt] of rb) if (af <= bt && bf <= at) return null;
  // Replay my changes onto their text: every position of base maps into theirs exactly outside their changes.
  const theirsDiff = textDiff(base, theirs);
  let out = "";
  let consumed = 0; // position in `theirs` copied so far
  let o = 0;
  for (const [op, text] of b) {
    if (op === DIFF_EQUAL) {
      o += text.length;
      continue;
    }
    const at = mapOffset(theirsDiff, o, op === DIFF_INSERT ? -1 : 1).offset;
    out += theirs.slice(consumed, at);
    consumed = at;
    if (op === DIFF_DELETE) {
      const end = mapOffset(theirsDiff, o + text.length, -1).offset;
      consumed = end;
      o += text.length;
    } else out += text;
  }
  return out + theirs.slice(consumed);
}

/**
 * How much of `before` is still in `after`, as the share of its characters kept by the diff
 * (0..1), and how many characters changed (deleted + inserted).
 */
export function survival(before: string, after: string): { kept: number; changed: number } {
  if (before.length === 0) return { kept: after.length === 0 ? 1 : 0, changed: after.length };
  let equal = 0;
  let changed = 0;
  for (const [op, text] of textDiff(before, after)) {
    if (op === DIFF_EQUAL) equal += text.length;
    else changed += text.length;
  }
  return { kept: equal / before.length, changed };
}

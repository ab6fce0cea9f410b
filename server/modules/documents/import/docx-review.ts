/**
 * A Word file's review on the imported blocks: each comment with the passage its range marks,
 * each tracked change with the text it inserted (or the word beside the text it deleted). A
 * span is only given when its markers were found exactly (marker-spans.ts); otherwise
 * `notPlaced` says why, and the passage is not guessed.
 */
import type { WordComment } from "./types.ts";
import type { MarkedDocument } from "./docx-markers.ts";
import type { BlockPoint, BlockSpan, ImportedChange, ImportedComment, ImportedReview } from "./types.ts";

const isSpace = (ch: string | undefined) => ch !== undefined && /\s/.test(ch);

const OUTSIDE = "its passage is not in the main text (a header, footer or note the import leaves out)";
const NOT_FOUND = "its passage was not found exactly in the imported text";
const EMPTY = "its passage holds no text in the imported document";

const before = (a: BlockPoint, b: BlockPoint) => a.block < b.block || (a.block === b.block && a.offset < b.offset);

/**
 * `start`..`end` without leading or trailing whitespace or paragraph ends (a range Word closes at
 * the start of the next paragraph ends with the previous one); null when nothing is left.
 */
export function tidySpan(blocks: readonly string[], start: BlockPoint, end: BlockPoint): BlockSpan | null {
  let s = { ...start };
  let e = { ...end };
  if (!before(s, e)) return null;
  while (before(s, e)) {
    const text = blocks[s.block]!;
    if (s.offset >= text.length) s = { block: s.block + 1, offset: 0 };
    else if (isSpace(text[s.offset])) s.offset++;
    else break;
  }
  while (before(s, e)) {
    if (e.offset === 0) e = { block: e.block - 1, offset: blocks[e.block - 1]!.length };
    else if (isSpace(blocks[e.block]![e.offset - 1])) e.offset--;
    else break;
  }
  return before(s, e) ? { start: s, end: e } : null;
}

/**
 * A word is taken this long at most: a point comment on a run of 400,000 letters takes the
 * letters before it, not the whole run (each of thousands of comments scanning it was quadratic).
 */
const MAX_WORD_CHARS = 100;

/** The word ending at `p` (spaces before `p` skipped), or else the word starting there; at most MAX_WORD_CHARS of it. */
export function wordBeside(blocks: readonly string[], p: BlockPoint): BlockSpan | null {
  const text = blocks[p.block]!;
  let e = p.offset;
  while (e > 0 && p.offset - e < MAX_WORD_CHARS && isSpace(text[e - 1])) e--;
  let s = e;
  while (s > 0 && e - s < MAX_WORD_CHARS && !isSpace(text[s - 1])) s--;
  if (s < e) return { start: { block: p.block, offset: s }, end: { block: p.block, offset: e } };
  s = p.offset;
  while (s < text.length && s - p.offset < MAX_WORD_CHARS && isSpace(text[s])) s++;
  e = s;
  while (e < text.length && e - s < MAX_WORD_CHARS && !isSpace(text[e])) e++;
  return s < e ? { start: { block: p.block, offset: s }, end: { block: p.block, offset: e } } : null;
}

type Placed = { span: BlockSpan } | { span: null; notPlaced: string };

export function buildReview(
  comments: readonly WordComment[],
  commentsLeftOut: number,
  marked: MarkedDocument,
  points: ReadonlyArray<BlockPoint | null>,
  blocks: readonly string[],
): ImportedReview {
  const byComment = new Map<string, { start?: number; end?: number; ref?: number }>();
  const byChange = new Map<number, { start?: number; end?: number; del?: number }>();
  marked.markers.forEach((m, i) => {
    if ("id" in m) {
      const at = byComment.get(m.id) ?? {};
      const key = m.kind === "commentStart" ? "start" : m.kind === "commentEnd" ? "end" : "ref";
      at[key] ??= i;
      byComment.set(m.id, at);
    } else {
      const at = byChange.get(m.change) ?? {};
      at[m.kind === "insStart" ? "start" : m.kind === "insEnd" ? "end" : "del"] ??= i;
      byChange.set(m.change, at);
    }
  });
  const point = (i: number | undefined) => (i === undefined ? null : points[i] ?? null);

  const placeComment = (id: string): Placed => {
    const m = byComment.get(id);
    if (!m) return { span: null, notPlaced: OUTSIDE };
    if (m.start === undefined && m.end === undefined) {
      // A comment on a point (no range): the word at its reference.
      const p = point(m.ref);
      const span = p && wordBeside(blocks, p);
      return span ? { span } : { span: null, notPlaced: p ? EMPTY : NOT_FOUND };
    }
    const s = point(m.start);
    const e = point(m.end ?? m.ref);
    if (!s || !e) return { span: null, notPlaced: NOT_FOUND };
    const span = tidySpan(blocks, s, e);
    return span ? { span } : { span: null, notPlaced: EMPTY };
  };

  const imported: ImportedComment[] = comments.map((c) => {
    const base = { id: c.id, author: c.author, initials: c.initials, date: c.date, text: c.text, truncated: c.truncated, parentId: c.parentId, done: c.done };
    if (c.parentId !== null) return { ...base, span: null };
    const placed = placeComment(c.id);
    return placed.span ? { ...base, span: placed.span } : { ...base, span: null, notPlaced: placed.notPlaced };
  });

  const changes: ImportedChange[] = [];
  marked.changes.forEach((c, n) => {
    // A change of formatting, a paragraph mark or an image has no text to review.
    if (c.text.trim() === "") return;
    const m = byChange.get(n) ?? {};
    let placed: Placed;
    if (c.kind === "insertion") {
      const s = point(m.start);
      const e = point(m.end);
      const span = s && e ? tidySpan(blocks, s, e) : null;
      placed = span ? { span } : { span: null, notPlaced: s && e ? EMPTY : NOT_FOUND };
    } else {
      const p = point(m.del);
      const span = p && wordBeside(blocks, p);
      placed = span ? { span } : { span: null, notPlaced: p ? EMPTY : NOT_FOUND };
    }
    const base = { kind: c.kind, author: c.author, date: c.date, text: c.text };
    changes.push(placed.span ? { ...base, span: placed.span } : { ...base, span: null, notPlaced: placed.notPlaced });
  });

  return { comments: imported, changes, commentsLeftOut, changesLeftOut: marked.changesLeftOut };
}

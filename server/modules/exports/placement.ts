/**
 * Where each annotation of an export goes, decided once for every format: on the text of the
 * exported version, or in the "not placed" list. An annotation is placed only when it is
 * anchored at that version and the text between its two points is exactly its quote; anything
 * else (an orphan, a dismissed orphan, a span whose paragraphs that version does not hold) is
 * listed with its quote rather than put where it might be wrong. Also decides which open
 * suggestions are shown as changes: a change cannot overlap another change, so where open
 * suggestions overlap, the first in reading order is the change and the later ones are notes.
 */
import { quoteOf } from "../../../common/anchoring.ts";
import type { SuggestionState } from "../../../common/annotations.ts";

export interface Point {
  index: number;
  offset: number;
}

/** The anchor of a note as stored, by paragraph id. */
export interface StoredSpan {
  startPid: string;
  startOffset: number;
  endPid: string;
  endOffset: number;
  quote: string;
  anchorState: string;
}

/**
 * Where a stored span lies in `paragraphs` (the exported version's, in order, `indexOf` their
 * positions by id), or null when it cannot be placed there exactly.
 */
export function placeSpan(span: StoredSpan, paragraphs: readonly { text: string }[], indexOf: ReadonlyMap<string, number>): { start: Point; end: Point } | null {
  if (span.anchorState !== "anchored") return null;
  const s = indexOf.get(span.startPid);
  const e = indexOf.get(span.endPid);
  if (s === undefined || e === undefined || s > e) return null;
  const first = paragraphs[s]!.text;
  const last = paragraphs[e]!.text;
  if (span.startOffset < 0 || span.startOffset > first.length || span.endOffset < 0 || span.endOffset > last.length) return null;
  if (s === e && span.startOffset >= span.endOffset) return null;
  if (quoteOf(paragraphs.slice(s, e + 1), span.startOffset, span.endOffset) !== span.quote) return null;
  return { start: { index: s, offset: span.startOffset }, end: { index: e, offset: span.endOffset } };
}

/**
 * A suggestion's state as of a version: accepted once the version its acceptance made is
 * reached; rejected when the rejection came before the next version was made (`until`; null
 * for the current version, where every decision counts); open otherwise.
 */
export function suggestionStateAt(
  s: { state: string; appliedVersion: number | null; decidedAt: Date | null },
  version: number,
  until: Date | null,
): SuggestionState {
  if (s.state === "accepted" && s.appliedVersion !== null) return s.appliedVersion <= version ? "accepted" : "open";
  if (s.state === "rejected" && s.decidedAt && (until === null || s.decidedAt.getTime() <= until.getTime())) return "rejected";
  return "open";
}

const before = (a: Point, b: Point) => a.index < b.index || (a.index === b.index && a.offset < b.offset);

/**
 * Of the open suggestions, in reading order, the ones shown as changes: each that starts at or
 * after the end of the last change kept. Returns their positions in `notes`.
 */
export function trackedChanges(notes: ReadonlyArray<{ start: Point; end: Point; open: boolean }>): Set<number> {
  const out = new Set<number>();
  let end: Point | null = null;
  notes.forEach((n, i) => {
    if (!n.open) return;
    if (end && before(n.start, end)) return;
    out.add(i);
    end = n.end;
  });
  return out;
}

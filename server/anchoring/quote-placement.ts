/**
 * Re-anchoring an exported annotation onto another copy of the article, by quote and context.
 * In order of trust:
 *   1. position  - the TextPositionSelector still selects exactly the quote;
 *   2. quote     - the exact quote occurs once;
 *   3. context   - it occurs several times and prefix/suffix (then nearness to the old
 *                  position) single out one occurrence; a tie is refused as ambiguous;
 *   4. approximate - no exact occurrence: the best fuzzy alignment, scored on quote, prefix
 *                  and suffix similarity, is accepted only above a confidence threshold and
 *                  only when no other candidate comes close. Anything else is reported as
 *                  not placed: a lookalike is never glued on.
 * Cost is bounded: exact searches stop at 1,000 occurrences, a fuzzy search scans the text for
 * at most 16 seeds and aligns at most 6 candidate regions, each in ceil(m/32) * region steps.
 * Offsets here are UTF-16 code units in the joined text (paragraphs joined with "\n"); the
 * selector's positions arrive in code points and are converted.
 */

import { bestMatch } from "./approximate-match.ts";
import { joinParagraphs, PARAGRAPH_SEPARATOR } from "../../common/anchoring.ts";

export interface TextIndex {
  text: string;
  paragraphs: Array<{ id: string; start: number; length: number }>;
  /** Code-unit offset of each code point, or null when the text has no surrogate pairs. */
  cuOfCp: Int32Array | null;
}

export interface QuoteTarget {
  exact: string;
  prefix: string;
  suffix: string;
  /** TextPositionSelector, in code points. */
  start?: number | undefined;
  end?: number | undefined;
}

export type PlaceMethod = "position" | "quote" | "context" | "approximate";

export type Placement =
  | { ok: true; start: { paragraphId: string; offset: number }; end: { paragraphId: string; offset: number }; quote: string; method: PlaceMethod; confidence: number }
  | { ok: false; reason: string };

/** Below this combined score an approximate match is not placed. */
export const APPROX_THRESHOLD = 0.8;
/** The quote alone must be at least this similar. */
const APPROX_QUOTE_MIN = 0.75;
/** A runner-up this close to the best makes an approximate match ambiguous. */
const AMBIGUITY_MARGIN = 0.05;
const MAX_APPROX_QUOTE = 2_000;
const MIN_APPROX_QUOTE = 8;
const MAX_OCCURRENCES = 1_000;
const MAX_SEEDS = 16;

export function buildTextIndex(paragraphs: Array<{ id: string; text: string }>): TextIndex {
  const out: TextIndex["paragraphs"] = [];
  let at = 0;
  for (const p of paragraphs) {
    out.push({ id: p.id, start: at, length: p.text.length });
    at += p.text.length + PARAGRAPH_SEPARATOR.length;
  }
  const text = joinParagraphs(paragraphs.map((p) => p.text));
  let cuOfCp: Int32Array | null = null;
  if (/[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(text)) {
    const map: number[] = [];
    for (let i = 0; i < text.length; i++) {
      map.push(i);
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) i++;
      }
    }
    map.push(text.length);
    cuOfCp = Int32Array.from(map);
  }
  return { text, paragraphs: out, cuOfCp };
}

function cuOf(index: TextIndex, cp: number): number | null {
  if (!Number.isInteger(cp) || cp < 0) return null;
  if (!index.cuOfCp) return cp <= index.text.length ? cp : null;
  return cp < index.cuOfCp.length ? index.cuOfCp[cp]! : null;
}

/** The paragraph point of a joined-text offset: the first paragraph whose span (end inclusive) holds it. */
function pointAt(index: TextIndex, at: number): { paragraphId: string; offset: number } {
  let lo = 0;
  let hi = index.paragraphs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const p = index.paragraphs[mid]!;
    if (at <= p.start + p.length) hi = mid;
    else lo = mid + 1;
  }
  const p = index.paragraphs[lo]!;
  return { paragraphId: p.id, offset: Math.max(0, Math.min(at - p.start, p.length)) };
}

function placed(index: TextIndex, from: number, to: number, method: PlaceMethod, confidence: number): Placement {
  return { ok: true, start: pointAt(index, from), end: pointAt(index, to), quote: index.text.slice(from, to), method, confidence: Math.round(confidence * 1000) / 1000 };
}

/** Length of the common ending of a and b. */
function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** How well the text around [from, to) agrees with the expected prefix and suffix, 0..1 (1 when there is no context to compare). */
function contextAgreement(text: string, from: number, to: number, prefix: string, suffix: string): number {
  const total = prefix.length + suffix.length;
  if (total === 0) return 1;
  const before = text.slice(Math.max(0, from - prefix.length), from);
  const after = text.slice(to, to + suffix.length);
  return (commonSuffix(prefix, before) + commonPrefix(suffix, after)) / total;
}

function occurrences(text: string, needle: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(needle); i >= 0 && out.length < MAX_OCCURRENCES; i = text.indexOf(needle, i + 1)) out.push(i);
  return out;
}

/** Levenshtein distance (two rows). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = new Int32Array(b.length + 1).map((_, j) => j);
  let cur = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** Similarity 0..1 of two strings of comparable length. */
function similarity(a: string, b: string): number {
  const len = Math.max(a.length, b.length);
  return len === 0 ? 1 : 1 - editDistance(a, b) / len;
}

/**
 * Best alignment of `pattern` inside `region` with free start and end: the region span and its
 * edit distance (bit-parallel, so a 2,000-character quote costs milliseconds, not seconds).
 */
export const alignIn = bestMatch;

/** Candidate starts for a fuzzy match: where sampled k-grams of the quote occur, by votes. */
function candidateStarts(text: string, quote: string): number[] {
  const k = Math.min(12, Math.max(4, Math.floor(quote.length / 4)));
  const votes = new Map<number, number>();
  const bucket = Math.max(4, Math.floor(quote.length / 4));
  // At most MAX_SEEDS seeds, spread over the quote: each costs a scan of the text.
  const step = Math.max(k, Math.floor((quote.length - k) / (MAX_SEEDS - 1)) || k);
  for (let off = 0; off + k <= quote.length; off += step) {
    const seed = quote.slice(off, off + k);
    let seen = 0;
    for (let i = text.indexOf(seed); i >= 0 && seen < 50; i = text.indexOf(seed, i + 1), seen++) {
      const b = Math.round((i - off) / bucket);
      votes.set(b, (votes.get(b) ?? 0) + 1);
    }
  }
  return [...votes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([b]) => Math.max(0, b * bucket));
}

/**
 * What one import may spend on approximate matching, in block-steps of the bit-parallel search
 * (about 17 ns each here): beyond it, the remaining notes are reported as not placed rather than
 * holding a worker for minutes.
 */
export interface FuzzyBudget {
  steps: number;
}

export const IMPORT_FUZZY_STEPS = 300_000_000;

const BUDGET_SPENT = "quote not found exactly, and this import has used up its time for approximate matching; import the remaining notes separately";

function approximate(index: TextIndex, t: QuoteTarget, budget: FuzzyBudget): Placement {
  const { text } = index;
  if (t.exact.length < MIN_APPROX_QUOTE) return { ok: false, reason: "quote not found, and too short to match approximately" };
  if (t.exact.length > MAX_APPROX_QUOTE) return { ok: false, reason: "quote not found, and too long to match approximately" };
  const slack = Math.max(8, Math.ceil(t.exact.length * 0.25));
  const scored: Array<{ from: number; to: number; score: number; quoteSim: number }> = [];
  for (const c of candidateStarts(text, t.exact)) {
    const regionStart = Math.max(0, c - slack);
    const region = text.slice(regionStart, c + t.exact.length + slack);
    const cost = 2 * Math.ceil(t.exact.length / 32) * region.length;
    if (cost > budget.steps) return { ok: false, reason: BUDGET_SPENT };
    budget.steps -= cost;
    const a = alignIn(t.exact, region);
    const from = regionStart + a.from;
    const to = regionStart + a.to;
    if (to <= from) continue;
    const quoteSim = 1 - a.distance / Math.max(t.exact.length, to - from);
    const parts: Array<[number, number]> = [[quoteSim, 0.6]];
    if (t.prefix) parts.push([similarity(t.prefix, text.slice(Math.max(0, from - t.prefix.length), from)), 0.2]);
    if (t.suffix) parts.push([similarity(t.suffix, text.slice(to, to + t.suffix.length)), 0.2]);
    const weight = parts.reduce((s, [, w]) => s + w, 0);
    const score = parts.reduce((s, [v, w]) => s + v * w, 0) / weight;
    if (!scored.some((x) => x.from === from && x.to === to)) scored.push({ from, to, score, quoteSim });
  }
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (!best || best.quoteSim < APPROX_QUOTE_MIN || best.score < APPROX_THRESHOLD) {
    return { ok: false, reason: `quote not found; the closest text scores ${best ? best.score.toFixed(2) : "0"} (needs ${APPROX_THRESHOLD})` };
  }
  const rival = scored.slice(1).find((x) => x.to <= best.from || x.from >= best.to);
  if (rival && best.score - rival.score < AMBIGUITY_MARGIN) return { ok: false, reason: "quote not found, and two places match it about equally well" };
  return placed(index, best.from, best.to, "approximate", best.score);
}

/** Context nearer the quote than this is compared; farther context adds cost, not evidence. */
const MAX_CONTEXT = 64;

/**
 * `wholeSide` makes the search strict, for quotes whose own paragraph is gone: a place is
 * accepted only when the whole stored prefix or the whole stored suffix (at least
 * MIN_SIDE_CHARS of it) sits exactly next to it — the passage moved with its words — and, among
 * several occurrences, only when no other one has that too.
 */
export interface PlaceOptions {
  wholeSide?: boolean;
  /** With wholeSide: occurrences [from, to) of the joined text that cannot be the passage (they were already there). */
  exclude?: (from: number, to: number) => boolean;
}

const MIN_SIDE_CHARS = 8;

/** True when the text around [from, to) carries the whole stored prefix or the whole stored suffix. */
function keepsOneSide(text: string, from: number, to: number, prefix: string, suffix: string): boolean {
  const before = text.slice(Math.max(0, from - prefix.length), from);
  const after = text.slice(to, to + suffix.length);
  return (prefix.length >= MIN_SIDE_CHARS && before === prefix) || (suffix.length >= MIN_SIDE_CHARS && after === suffix);
}

export function placeQuote(index: TextIndex, target: QuoteTarget, budget: FuzzyBudget = { steps: IMPORT_FUZZY_STEPS }, options: PlaceOptions = {}): Placement {
  const t = { ...target, prefix: target.prefix.slice(-MAX_CONTEXT), suffix: target.suffix.slice(0, MAX_CONTEXT) };
  if (options.wholeSide) {
    const sided = occurrences(index.text, t.exact).filter((at) => keepsOneSide(index.text, at, at + t.exact.length, t.prefix, t.suffix) && !options.exclude?.(at, at + t.exact.length));
    if (sided.length !== 1) return { ok: false, reason: sided.length ? "the quote and its context occur more than once" : "the quote no longer stands with its context" };
    const at = sided[0]!;
    return placed(index, at, at + t.exact.length, "context", 0.8 + 0.2 * contextAgreement(index.text, at, at + t.exact.length, t.prefix, t.suffix));
  }
  return placeQuoteLoosely(index, target, budget);
}

function placeQuoteLoosely(index: TextIndex, target: QuoteTarget, budget: FuzzyBudget): Placement {
  if (!target.exact) return { ok: false, reason: "no quote to place" };
  const t = { ...target, prefix: target.prefix.slice(-MAX_CONTEXT), suffix: target.suffix.slice(0, MAX_CONTEXT) };
  const { text } = index;
  const hintFrom = t.start !== undefined ? cuOf(index, t.start) : null;
  const hintTo = t.end !== undefined ? cuOf(index, t.end) : null;
  if (hintFrom !== null && hintTo !== null && text.slice(hintFrom, hintTo) === t.exact) return placed(index, hintFrom, hintTo, "position", 1);

  const found = occurrences(text, t.exact);
  if (found.length === 1) {
    const at = found[0]!;
    return placed(index, at, at + t.exact.length, "quote", 0.9 + 0.1 * contextAgreement(text, at, at + t.exact.length, t.prefix, t.suffix));
  }
  if (found.length > 1) {
    const ranked = found
      .map((at) => ({ at, agree: contextAgreement(text, at, at + t.exact.length, t.prefix, t.suffix), distance: hintFrom === null ? 0 : Math.abs(at - hintFrom) }))
      .sort((a, b) => b.agree - a.agree || a.distance - b.distance);
    const [first, second] = [ranked[0]!, ranked[1]!];
    const tied = first.agree === second.agree && (hintFrom === null || first.distance === second.distance);
    if (tied) return { ok: false, reason: `the quote occurs ${found.length} times and its context does not tell them apart` };
    return placed(index, first.at, first.at + t.exact.length, "context", 0.8 + 0.2 * first.agree);
  }
  return approximate(index, t, budget);
}

/**
 * Carrying annotations through an edit. Each anchor's two points are mapped through the edit's
 * own steps (exact, no searching); the text between the mapped points is its new quote:
 * - the same text (paragraph breaks aside): carried exactly;
 * - most of the old quote still there (at least half of its characters): carried with the new
 *   quote, its confidence lowered in proportion to what changed;
 * - otherwise, or when its paragraphs are gone or the points cross: orphaned — it keeps its old
 *   quote, context, thread and review, and waits to be re-attached. Never glued elsewhere.
 * A revised draft can also leave it unsettled which of two look-alike paragraphs is the
 * annotation's own (doubted): then it is carried, but flagged as changed, below certain.
 */
import { contextOf, PARAGRAPH_SEPARATOR, quoteOf, splitsSurrogatePair } from "../../common/anchoring.ts";
import type { CarryOutcome } from "../../common/editing.ts";
import type { EditSession } from "../modules/editing/edit-session.ts";
import { DIFF_EQUAL, makeDiff } from "@sanity/diff-match-patch";
import type { ResolvedAnchor } from "./resolve.ts";
import { survival } from "./text-map.ts";

/** An annotation's anchor before the edit. */
export interface StoredAnchor extends ResolvedAnchor {
  id: string;
  confidence: number;
}

/** An annotation's anchor after the edit, and how it got there. */
export interface CarriedAnchor extends ResolvedAnchor {
  id: string;
  outcome: CarryOutcome;
  anchorState: "anchored" | "orphaned";
  confidence: number;
}

/** Keep an anchor when at least this share of its quote's characters survives. */
export const MIN_SURVIVAL = 0.5;

const flat = (s: string) => s.split(PARAGRAPH_SEPARATOR).join("");
const round = (x: number) => Math.round(x * 1000) / 1000;

export function orphaned(a: StoredAnchor): CarriedAnchor {
  return { ...a, outcome: "orphaned", anchorState: "orphaned", confidence: 0 };
}

/** Where one anchor stands after the edit. */
export function carry(session: EditSession, a: StoredAnchor): CarriedAnchor {
  const s = session.map({ paragraphId: a.startPid, offset: a.startOffset }, 1);
  const e = session.map({ paragraphId: a.endPid, offset: a.endOffset }, -1);
  const si = session.position(s.paragraphId);
  const ei = session.position(e.paragraphId);
  if (si < 0 || ei < 0 || si > ei || (si === ei && s.offset >= e.offset)) return orphaned(a);
  const span = session.order.slice(si, ei + 1);
  if (span.length > 1 && !sameStretch(session, a, span)) return orphaned(a);
  const first = span[0]!;
  const last = span[span.length - 1]!;
  if (splitsSurrogatePair(first.text, s.offset) || splitsSurrogatePair(last.text, e.offset)) return orphaned(a);
  const quote = quoteOf(span, s.offset, e.offset);
  const points = { startPid: s.paragraphId, startOffset: s.offset, endPid: e.paragraphId, endOffset: e.offset };
  const context = contextOf(first.text, s.offset, last.text, e.offset);
  if (flat(quote) === flat(a.quote)) return { id: a.id, outcome: "exact", ...points, quote, ...context, anchorState: "anchored", confidence: a.confidence };
  const realigned = realign(session, a, s.paragraphId, e.paragraphId, s.offset, e.offset);
  if (realigned !== null) {
    const at = { startPid: s.paragraphId, startOffset: realigned, endPid: s.paragraphId, endOffset: realigned + a.quote.length };
    return { id: a.id, outcome: "exact", ...at, quote: a.quote, ...contextOf(first.text, realigned, first.text, realigned + a.quote.length), anchorState: "anchored", confidence: a.confidence };
  }
  const before = flat(a.quote);
  const { kept, changed } = survival(before, flat(quote));
  // Mostly gone, or grown past twice its size with text that was not there: no longer that passage.
  if (kept < MIN_SURVIVAL || changed >= before.length || quote.trim().length === 0) return orphaned(a);
  // Always below what it had (a character changed in a quote of thousands rounds to no change), down to 0.05.
  const confidence = Math.max(0.05, Math.min(round(a.confidence * (1 - changed / Math.max(1, before.length))), round(a.confidence - 0.001)));
  return { id: a.id, outcome: "changed", ...points, quote, ...context, anchorState: "anchored", confidence };
}

/**
 * The most an anchor may claim when a revised draft left it unsettled which paragraph continues
 * its own (look-alike paragraphs: align.ts plan.doubtful): it is shown as needing a check.
 */
export const DOUBTFUL_CONFIDENCE = 0.5;

/**
 * An anchor carried (or found) on a paragraph the text could not settle: kept, but not as
 * certain — below what it had, at most DOUBTFUL_CONFIDENCE, and reported with the ones to check.
 */
export function doubted(a: StoredAnchor, c: CarriedAnchor): CarriedAnchor {
  if (c.anchorState !== "anchored") return c;
  // At the floor already, it keeps its confidence, but is still reported with the ones to check.
  const confidence = Math.max(0.05, Math.min(c.confidence, DOUBTFUL_CONFIDENCE, round(a.confidence - 0.001)));
  return { ...c, outcome: "changed", confidence };
}

/**
 * An anchor over several paragraphs may only cover paragraphs it covered before, or ones the
 * edit added among them (a split, a new paragraph typed inside the passage): a paragraph moved
 * in from elsewhere, or a move that put its ends far apart, means the span is no longer it.
 */
function sameStretch(session: EditSession, a: StoredAnchor, span: readonly { id: string }[]): boolean {
  const from = session.beforeOrder.get(a.startPid);
  const to = session.beforeOrder.get(a.endPid);
  if (from === undefined || to === undefined) return false;
  return span.every((p) => {
    const was = session.beforeOrder.get(p.id);
    return was === undefined ? session.added.has(p.id) : was >= from && was <= to;
  });
}

/**
 * Characters an edit from `before` to `after` changes at the least: the raw character diff, not
 * the one cleaned for mapping (cleaning trades a few more changed characters for whole words, and
 * that slack would let a costlier reading of the edit pass as an equally cheap one).
 */
const cost = (before: string, after: string) => {
  let n = 0;
  if (before === after) return 0;
  for (const [op, text] of makeDiff(before, after, { timeout: 1, checkLines: false })) if (op !== DIFF_EQUAL) n += text.length;
  return n;
};

/**
 * A character diff is ambiguous where inserted or deleted text repeats its neighbours ("X. The
 * a" + "The b" can be read as an insertion before "The b" or after its "The "), and the mapping
 * may then put part of the change inside an annotation whose words were not touched. For an
 * anchor within one paragraph whose mapped quote differs, this looks for the old quote near the
 * mapped span and accepts an occurrence only when reading the edit as "everything changed around
 * the quote, nothing inside it" costs no more than the diff itself — the same edit, explained
 * differently — and only when exactly one occurrence qualifies. Answers its start, or null.
 */
function realign(session: EditSession, a: StoredAnchor, startPid: string, endPid: string, start: number, end: number): number | null {
  if (a.startPid !== a.endPid || startPid !== a.startPid || endPid !== a.startPid || a.quote.length === 0) return null;
  const old = session.textBefore(a.startPid);
  const now = session.paragraph(a.startPid)?.text;
  if (old === undefined || now === undefined || old.slice(a.startOffset, a.endOffset) !== a.quote) return null;
  const total = cost(old, now);
  if (total > REALIGN_MAX_CHANGE) return null;
  const head = old.slice(0, a.startOffset);
  const tail = old.slice(a.endOffset);
  let found: number | null = null;
  for (let x = now.indexOf(a.quote, Math.max(0, start - total)); x >= 0 && x <= end + total; x = now.indexOf(a.quote, x + 1)) {
    if (cost(head, now.slice(0, x)) + cost(tail, now.slice(x + a.quote.length)) > total) continue;
    if (found !== null) return null;
    found = x;
  }
  return found;
}

/** Edits changing more characters than this are not re-read (a rewrite, not a slip of the diff). */
const REALIGN_MAX_CHANGE = 2_000;

/**
 * Where an edit disturbed the old order of paragraphs, by old position: the paragraphs it
 * changed or retired ("hits"), and the joints between old neighbours that no longer stand side
 * by side (a paragraph moved, retired or inserted between them; joint k is between old
 * positions k and k + 1). Counts are kept as running totals, so any stretch is checked at once.
 */
export interface Disturbance {
  hits: number[];
  broken: number[];
  /** hitsBefore[i]: hits at old positions below i; jointsBefore[i]: broken joints below i. */
  hitsBefore: Int32Array;
  jointsBefore: Int32Array;
}

const disturbances = new WeakMap<EditSession, Disturbance>();

export function disturbance(session: EditSession, oldOrder: Map<string, number>): Disturbance {
  const known = disturbances.get(session);
  if (known) return known;
  const n = oldOrder.size;
  const ids: string[] = new Array<string>(n);
  for (const [id, at] of oldOrder) ids[at] = id;
  const hit = (id: string) => session.edited.has(id) || session.retired.has(id);
  const hits: number[] = [];
  const broken: number[] = [];
  const hitsBefore = new Int32Array(n + 1);
  const jointsBefore = new Int32Array(n + 1);
  const now = session.structural ? new Map(session.order.map((p, i) => [p.id, i])) : null;
  for (let k = 0; k < n; k++) {
    const isHit = hit(ids[k]!);
    if (isHit) hits.push(k);
    let isBroken = false;
    if (now && k + 1 < n) {
      const a = now.get(ids[k]!);
      const b = now.get(ids[k + 1]!);
      isBroken = a === undefined || b === undefined || b !== a + 1;
    }
    if (isBroken) broken.push(k);
    hitsBefore[k + 1] = hitsBefore[k]! + (isHit ? 1 : 0);
    jointsBefore[k + 1] = jointsBefore[k]! + (isBroken ? 1 : 0);
  }
  const d = { hits, broken, hitsBefore, jointsBefore };
  disturbances.set(session, d);
  return d;
}

/**
 * True when an edit can have changed the anchor: one of its paragraphs (or one between) changed,
 * or the stretch it covers no longer stands together in the same order. An anchor over
 * paragraphs that all kept their text, order and neighbours has the same quote and context.
 */
export function touchedBy(session: EditSession, a: StoredAnchor, oldOrder: Map<string, number>): boolean {
  const hit = (id: string) => session.edited.has(id) || session.retired.has(id);
  if (hit(a.startPid) || hit(a.endPid)) return true;
  if (a.startPid === a.endPid) return false;
  const from = oldOrder.get(a.startPid);
  const to = oldOrder.get(a.endPid);
  if (from === undefined || to === undefined || to < from) return true;
  const d = disturbance(session, oldOrder);
  return d.hitsBefore[to + 1]! - d.hitsBefore[from]! > 0 || d.jointsBefore[to]! - d.jointsBefore[from]! > 0;
}

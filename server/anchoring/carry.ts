/**
 * Carrying annotations through an edit. Each anchor's two points are mapped through the edit's
 * own steps (exact, no searching); the text between the mapped points is its new quote:
 * - the same text (paragraph breaks aside): carried exactly;
 * - most of the old quote still there (at least half of its characters): carried with the new
 *   quote, its confidence lowered in proportion to what changed;
 * - otherwise, or when its paragraphs are gone or the points cross: orphaned — it keeps its old
 *   quote, context, thread and review, and waits to be re-attached. Never glued elsewhere.
 */
import { contextOf, PARAGRAPH_SEPARATOR, quoteOf, splitsSurrogatePair } from "../../common/anchoring.ts";
import type { CarryOutcome } from "../../common/editing.ts";
import type { EditSession } from "../modules/editing/edit-session.ts";
import { survival } from "./text-map.ts";

export interface StoredAnchor {
  id: string;
  startPid: string;
  startOffset: number;
  endPid: string;
  endOffset: number;
  quote: string;
  prefix: string;
  suffix: string;
  confidence: number;
}

export interface CarriedAnchor {
  id: string;
  outcome: CarryOutcome;
  startPid: string;
  startOffset: number;
  endPid: string;
  endOffset: number;
  quote: string;
  prefix: string;
  suffix: string;
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
  const first = span[0]!;
  const last = span[span.length - 1]!;
  if (splitsSurrogatePair(first.text, s.offset) || splitsSurrogatePair(last.text, e.offset)) return orphaned(a);
  const quote = quoteOf(span, s.offset, e.offset);
  const points = { startPid: s.paragraphId, startOffset: s.offset, endPid: e.paragraphId, endOffset: e.offset };
  const context = contextOf(first.text, s.offset, last.text, e.offset);
  if (flat(quote) === flat(a.quote)) return { id: a.id, outcome: "exact", ...points, quote, ...context, anchorState: "anchored", confidence: a.confidence };
  const before = flat(a.quote);
  const { kept, changed } = survival(before, flat(quote));
  if (kept < MIN_SURVIVAL || quote.trim().length === 0) return orphaned(a);
  const confidence = round(Math.max(0.05, a.confidence * Math.max(0, 1 - changed / Math.max(1, before.length))));
  return { id: a.id, outcome: "changed", ...points, quote, ...context, anchorState: "anchored", confidence };
}

/** True when an edit can have changed the anchor: one of its paragraphs (or one between) changed. */
export function touchedBy(session: EditSession, a: StoredAnchor, oldOrder: Map<string, number>): boolean {
  const hit = (id: string) => session.edited.has(id) || session.retired.has(id);
  if (hit(a.startPid) || hit(a.endPid)) return true;
  if (a.startPid === a.endPid) return false;
  if (session.structural) return true;
  const from = oldOrder.get(a.startPid);
  const to = oldOrder.get(a.endPid);
  if (from === undefined || to === undefined) return true;
  for (const [id, at] of oldOrder) if (at > from && at < to && hit(id)) return true;
  return false;
}

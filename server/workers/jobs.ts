/**
 * The CPU-heavy jobs that run off the event loop, in worker threads (pool.ts). Each is a pure
 * function of plain, structured-cloneable data: the worker cannot reach the database, sockets
 * or the request, only compute.
 */
import { parseImport } from "../modules/documents/import/index.ts";
import type { ImportedDocument, ImportFormat } from "../modules/documents/import/types.ts";
import { buildTextIndex, IMPORT_FUZZY_STEPS, placeQuote, type Placement, type QuoteTarget } from "../anchoring/quote-placement.ts";
import { alignParagraphs, MIN_PAIR_SHARE_OF_NEW, type AlignPlan } from "../anchoring/align.ts";
import { keptSpan, textDiff } from "../anchoring/text-map.ts";
import { DIFF_DELETE, DIFF_EQUAL } from "@sanity/diff-match-patch";
import type { DraftPlacement } from "../modules/editing/revision.service.ts";
import { render } from "../modules/exports/render.ts";
import { unpackSnapshot, type PackedSnapshot } from "../modules/exports/packed-snapshot.ts";
import { docxHalf, type DocxHalf } from "../modules/exports/docx.ts";
import type { ExportQuery } from "../../common/review.ts";

/** A revised draft places a lost quote only this confidently (the exact quote found once scores 0.9 or more). */
const PLACEMENT_MIN_CONFIDENCE = 0.85;
/** A quote found only by its words in the rewritten paragraph's place: kept, flagged as changed. */
const SLOT_CONFIDENCE = 0.5;

export interface Jobs {
  /** Aligns a revised draft with the current paragraphs and looks for the quotes that may lose their paragraph. */
  alignRevision(input: {
    old: Array<{ id: string; text: string }>;
    next: string[];
    anchors: Array<{ id: string; startPid: string; startOffset: number; endPid: string; endOffset: number; quote: string; prefix: string; suffix: string }>;
  }): { plan: AlignPlan; placements: DraftPlacement[] };
  /** Parses an uploaded file into an ImportedDocument. */
  parseImport(input: { format: ImportFormat; bytes: Uint8Array }): Promise<ImportedDocument>;
  /** Places exported quotes onto a document's paragraphs (JSON-LD import). */
  placeQuotes(input: { paragraphs: Array<{ id: string; text: string }>; targets: QuoteTarget[] }): Placement[];
  /** Renders a large export from its snapshot (packed for the trip: packed-snapshot.ts) into the file's bytes. */
  renderExport(input: { snapshot: PackedSnapshot; query: ExportQuery }): Promise<Uint8Array>;
  /** One of the two halves of a large Word export, written side by side on two threads (docx.ts docxHalf). */
  docxHalf(input: { snapshot: PackedSnapshot; from: number; to: number; first: boolean }): Promise<DocxHalf>;
}

export type JobName = keyof Jobs;
export type JobInput<K extends JobName> = Parameters<Jobs[K]>[0];
export type JobOutput<K extends JobName> = Awaited<ReturnType<Jobs[K]>>;

function occurrencesOf(text: string, quote: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(quote); i >= 0 && out.length < 2; i = text.indexOf(quote, i + 1)) out.push(i);
  return out;
}

/** True when the new text's [start, end) lies in one run the diff keeps from the old text. */
function keptInNew(diffs: ReturnType<typeof textDiff>, start: number, end: number): boolean {
  let n = 0;
  for (const [op, text] of diffs) {
    if (op === DIFF_DELETE) continue;
    if (op === DIFF_EQUAL && start >= n && end <= n + text.length) return true;
    n += text.length;
    if (n > start) return false;
  }
  return false;
}

export const JOBS: Jobs = {
  alignRevision: ({ old, next, anchors }) => {
    const plan = alignParagraphs(old, next);
    const oldText = new Map(old.map((p) => [p.id, p.text]));
    // Character diffs of a rewritten paragraph with the new ones in its place, made once each.
    const diffs = new Map<string, ReturnType<typeof textDiff>>();
    const diffOf = (pid: string, i: number) => {
      const key = `${pid}:${i}`;
      let d = diffs.get(key);
      if (!d) diffs.set(key, (d = textDiff(oldText.get(pid) ?? "", next[i]!)));
      return d;
    };
    /**
     * The quote's words occur several times where its paragraph was rewritten (new words can
     * repeat old ones): the one occurrence whose characters the diff keeps, side by side, as the
     * very characters the anchor covered — the same exact mapping an aligned paragraph gets —
     * or none when no single occurrence is kept so.
     */
    const keptBy = (hits: Array<{ index: number; offset: number }>, a: (typeof anchors)[number]) => {
      const kept = hits.filter((h) => keptSpan(diffOf(a.startPid, h.index), a.startOffset, a.endOffset) === h.offset);
      return kept.length === 1 ? kept[0]! : null;
    };
    const gone = new Set(plan.retired);
    const index = buildTextIndex(next.map((text, i) => ({ id: String(i), text })));
    /**
     * Words of a draft paragraph that continues an old one, where the diff keeps them from that
     * paragraph's own text: they were there before, so they are not where a lost passage went
     * (a phrase that recurs in a kept paragraph is not the passage of a paragraph rewritten away).
     */
    const alreadyThere = (from: number, to: number) => {
      const at = index.paragraphs.findIndex((p) => from >= p.start && from <= p.start + p.length);
      const p = index.paragraphs[at];
      const continues = plan.matchOf[at];
      if (!p || !continues || to > p.start + p.length) return false;
      return keptInNew(diffOf(continues, at), from - p.start, to - p.start);
    };
    const budget = { steps: IMPORT_FUZZY_STEPS };
    /**
     * The quote stood beside its whole context elsewhere in the current text too (a look-alike
     * passage): where the draft has it, it may be the other passage's words, so it is placed
     * flagged, not as certain.
     */
    let oldIndex: ReturnType<typeof buildTextIndex> | null = null;
    const lookAlike = (a: (typeof anchors)[number]) => {
      oldIndex ??= buildTextIndex(old);
      return !placeQuote(oldIndex, { exact: a.quote, prefix: a.prefix, suffix: a.suffix }, budget, { wholeSide: true }).ok;
    };
    /**
     * A new draft paragraph holding the whole text of an old one that continues elsewhere in the
     * draft: it may be a pasted copy, so what is found in it is not certain either.
     */
    const continuing = new Set(plan.matchOf.filter((id) => id !== null));
    const copies = new Map<number, boolean>();
    const copyOfKept = (i: number) => {
      let v = copies.get(i);
      if (v === undefined) {
        const text = next[i]!;
        v = plan.matchOf[i] === null && old.some((p) => continuing.has(p.id) && p.text.trim().length > 0 && p.text.length >= MIN_PAIR_SHARE_OF_NEW * text.length && text.includes(p.text));
        copies.set(i, v);
      }
      return v;
    };
    const placements: DraftPlacement[] = [];
    for (const a of anchors) {
      if (!gone.has(a.startPid) && !gone.has(a.endPid)) continue;
      // The passage moved with its words: the quote stands next to its whole stored prefix or suffix, once.
      const p = placeQuote(index, { exact: a.quote, prefix: a.prefix, suffix: a.suffix }, budget, { wholeSide: true, exclude: alreadyThere });
      if (p.ok && p.confidence >= PLACEMENT_MIN_CONFIDENCE) {
        const confidence = lookAlike(a) || copyOfKept(Number(p.start.paragraphId)) || copyOfKept(Number(p.end.paragraphId)) ? SLOT_CONFIDENCE : p.confidence;
        placements.push({ annotationId: a.id, start: { index: Number(p.start.paragraphId), offset: p.start.offset }, end: { index: Number(p.end.paragraphId), offset: p.end.offset }, confidence });
        continue;
      }
      // The paragraph was rewritten in place: its words, found once among the new paragraphs in its place.
      const slot = a.startPid === a.endPid ? plan.slots[a.startPid] : undefined;
      const hits = (slot ?? []).flatMap((i) => occurrencesOf(next[i]!, a.quote).map((offset) => ({ index: i, offset })));
      const h = hits.length === 1 ? hits[0]! : hits.length > 1 ? keptBy(hits, a) : null;
      if (h) placements.push({ annotationId: a.id, start: h, end: { index: h.index, offset: h.offset + a.quote.length }, confidence: SLOT_CONFIDENCE });
    }
    return { plan, placements };
  },
  parseImport: ({ format, bytes }) => parseImport(format, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
  placeQuotes: ({ paragraphs, targets }) => {
    const index = buildTextIndex(paragraphs);
    // One budget for the whole import: a file of many near-miss quotes cannot buy unbounded work.
    const budget = { steps: IMPORT_FUZZY_STEPS };
    return targets.map((t) => placeQuote(index, t, budget));
  },
  renderExport: ({ snapshot, query }) => render(unpackSnapshot(snapshot), query),
  docxHalf: ({ snapshot, from, to, first }) => docxHalf(snapshot, from, to, first),
};

/**
 * Aligning a revised draft's paragraphs with the current ones, in order. First the paragraphs
 * whose text is the same (after collapsing white space) are matched as the longest common run
 * (a character diff over one symbol per distinct text); between two such runs, the remaining
 * paragraphs are paired greedily, in order, when at least half of the old text survives in the
 * new and makes at least a quarter of it (a reworded paragraph keeps its id and its annotations
 * move through the exact diff; a short one whose words recur in a long new one does not).
 * What stays unmatched is retired (old) or new. Pure, and bounded: the pairing compares within
 * the gaps between matched runs only.
 *
 * Where the text alone leaves a choice, it is made by the neighbours and, failing them, said:
 * - a draft paragraph identical to several old ones (copies) continues the copy whose choice
 *   lets the paragraphs around it, between the same two matched neighbours, pair best (a copy
 *   merged into its neighbour or moved leaves its words there); when copies do equally well,
 *   which one continues is a guess, and all of them are doubtful;
 * - copies that differ only in white space are doubtful when a draft paragraph matched to one
 *   has the other's exact text (they were swapped);
 * - a reworded paragraph is doubtful, with its copy, when an identical copy right next to it is
 *   matched beside its gap (nothing in between says which of the two was reworded);
 * - a pair of reworded paragraphs is doubtful when another paragraph would pair as well: the
 *   old one also pairs with another new one in the gap, or its whole text stands in a draft
 *   paragraph elsewhere (moved), or the new one also pairs with, or holds the whole text of,
 *   another old paragraph that is not matched (or has an identical copy that is not).
 * Annotations on doubtful paragraphs are carried, but not as certain (plan.doubtful).
 */
import { DIFF_DELETE, DIFF_EQUAL, makeDiff } from "@sanity/diff-match-patch";
import { survival } from "./text-map.ts";

export interface AlignPlan {
  /** For each new paragraph (by index): the old paragraph id it continues, or null (new). */
  matchOf: Array<string | null>;
  /** Old paragraph ids that have no place in the draft. */
  retired: string[];
  /**
   * For each retired paragraph, the new paragraphs left unpaired in the same place of the draft
   * (between the same two matched runs): where a rewritten paragraph's surviving words are.
   */
  slots: Record<string, number[]>;
  /**
   * Old paragraph ids whose place in the draft the text could not settle (look-alike paragraphs
   * that could each be the one kept, reworded or moved): their annotations are not carried as
   * certain. Absent in plans made before it existed.
   */
  doubtful?: string[];
}

/** A pair needs at least this share of the old text in the new one. */
export const MIN_PAIR_SURVIVAL = 0.5;
/** ...and the kept text must be at least this share of the new paragraph. */
export const MIN_PAIR_SHARE_OF_NEW = 0.25;
/** Gaps wider than this are not paired (each side is compared with each other). */
const MAX_GAP_PAIRS = 200_000;
/** Copies of one text weighed against each other for one draft paragraph, at most. */
const MAX_COPIES = 8;

const normal = (s: string) => s.replace(/\s+/g, " ").trim();

type Paragraphs = Array<{ id: string; text: string }>;

export function alignParagraphs(old: Paragraphs, next: string[]): AlignPlan {
  // One symbol per distinct normalized text: the diff of the two symbol strings is the longest common run.
  const symbols = new Map<string, string>();
  const symbolOf = (t: string) => {
    const key = normal(t);
    let s = symbols.get(key);
    if (!s) {
      s = String.fromCharCode(0x100 + symbols.size);
      symbols.set(key, s);
    }
    return s;
  };
  const oldSymbols = old.map((p) => symbolOf(p.text));
  const a = oldSymbols.join("");
  const b = next.map(symbolOf).join("");
  // The matched (old, new) index pairs, in order.
  const mOld: number[] = [];
  const mNew: number[] = [];
  let i = 0;
  let j = 0;
  for (const [op, run] of makeDiff(a, b, { timeout: 2, checkLines: false })) {
    for (let k = 0; k < run.length; k++) {
      if (op === DIFF_EQUAL) {
        mOld.push(i++);
        mNew.push(j++);
      } else if (op === DIFF_DELETE) i++;
      else j++;
    }
  }
  const gauge = new Gauge(old, next);
  const doubtful = new Set<string>();
  settleCopies(old, next, oldSymbols, mOld, mNew, gauge, doubtful);
  for (const oi of swappedCopies(old, next, mOld, mNew)) doubtful.add(old[oi]!.id);

  const matchOf: Array<string | null> = next.map(() => null);
  const retired: string[] = [];
  const slots: Record<string, number[]> = {};
  const paired: Array<[number, number]> = [];
  for (let k = 0; k <= mOld.length; k++) {
    const fromOld = k > 0 ? mOld[k - 1]! + 1 : 0;
    const fromNew = k > 0 ? mNew[k - 1]! + 1 : 0;
    const toOld = k < mOld.length ? mOld[k]! : old.length;
    const toNew = k < mNew.length ? mNew[k]! : next.length;
    if (fromOld < toOld || fromNew < toNew) {
      const gapOld = range(fromOld, toOld);
      const gapNew = range(fromNew, toNew);
      const found = pairGap(gapOld, gapNew, gauge);
      for (const [oi, nj] of found) matchOf[nj] = old[oi]!.id;
      paired.push(...found);
      const kept = new Set(found.map(([oi]) => oi));
      const gone = gapOld.filter((oi) => !kept.has(oi)).map((oi) => old[oi]!.id);
      const unpaired = gapNew.filter((nj) => matchOf[nj] === null);
      for (const id of gone) slots[id] = unpaired;
      retired.push(...gone);
      for (const pair of found) for (const oi of contenders(pair, gapOld, gapNew, gauge)) doubtful.add(old[oi]!.id);
      // An identical copy right next to it, matched beside the gap: nothing between them says
      // which of the two was reworded (they could have traded places).
      for (const [oi] of found) {
        for (const side of [k - 1, k]) {
          const twin = side >= 0 && side < mOld.length ? mOld[side]! : -1;
          if (twin >= 0 && Math.abs(twin - oi) === 1 && oldSymbols[twin] === oldSymbols[oi]) doubtful.add(old[oi]!.id).add(old[twin]!.id);
        }
      }
    }
    if (k < mOld.length) matchOf[mNew[k]!] = old[mOld[k]!]!.id;
  }
  for (const oi of movedContenders(paired, old, next, oldSymbols, mOld, matchOf, gauge)) doubtful.add(old[oi]!.id);
  return { matchOf, retired, slots, doubtful: [...doubtful] };
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);

/** Whether an old paragraph pairs with a new one (by index), each comparison made once. */
class Gauge {
  private known = new Map<number, boolean>();
  readonly oldText: string[];
  readonly newText: string[];
  constructor(old: Paragraphs, next: string[]) {
    this.oldText = old.map((p) => normal(p.text));
    this.newText = next.map(normal);
  }
  pairs(oi: number, nj: number): boolean {
    const key = oi * (this.newText.length + 1) + nj;
    let v = this.known.get(key);
    if (v === undefined) {
      const before = this.oldText[oi]!;
      const after = this.newText[nj]!;
      // Cheap bounds first: the kept text is at most the shorter side.
      v = after.length >= MIN_PAIR_SURVIVAL * before.length && before.length >= MIN_PAIR_SHARE_OF_NEW * after.length && pairs(before, after);
      this.known.set(key, v);
    }
    return v;
  }
  private grams = new Map<string, Set<number>>();
  /** The text's pieces of GRAM characters, as rolling hashes (made once per paragraph). */
  private gramsOf(key: string, text: string): Set<number> {
    let g = this.grams.get(key);
    if (!g) {
      g = new Set<number>();
      // h = sum of c[k] * B^(GRAM-1-k) over the window, modulo 2^32.
      const B = 0x01000193;
      let top = 1;
      for (let k = 1; k < GRAM; k++) top = Math.imul(top, B);
      let h = 0;
      for (let k = 0; k < text.length; k++) {
        if (k >= GRAM) h = (h - Math.imul(text.charCodeAt(k - GRAM), top)) | 0;
        h = (Math.imul(h, B) + text.charCodeAt(k)) | 0;
        if (k >= GRAM - 1) g.add(h);
      }
      this.grams.set(key, g);
    }
    return g;
  }
  /**
   * A cheap first look before pairs() when looking for rivals (a diff of unlike texts is slow):
   * a new paragraph keeping half of an old one in runs of words shares a good part of its pieces
   * of GRAM characters. Short texts are always compared.
   */
  mayPair(oi: number, nj: number): boolean {
    const before = this.oldText[oi]!;
    if (before.length < 4 * GRAM) return true;
    const a = this.gramsOf(`o${oi}`, before);
    const b = this.gramsOf(`n${nj}`, this.newText[nj]!);
    let shared = 0;
    for (const g of a) if (b.has(g)) shared++;
    return shared >= RIVAL_MIN_SHARED_GRAMS * a.size;
  }
  /** Whether two old paragraphs (by index) share most of one's text: either could be the other reworded. */
  alike(o1: number, o2: number): boolean {
    const a = this.oldText[o1]!;
    const b = this.oldText[o2]!;
    if (a === b) return true;
    return survival(a, b).kept >= MIN_PAIR_SURVIVAL || survival(b, a).kept >= MIN_PAIR_SURVIVAL;
  }
  /** Characters of old text the pairs keep, roughly: how much of the neighbourhood a choice explains. */
  weight(found: Array<[number, number]>): number {
    return found.reduce((s, [oi]) => s + this.oldText[oi]!.length, 0);
  }
}

/**
 * A new paragraph continues an old one when it keeps at least half of the old text, and that
 * kept text is at least a quarter of the new one: a short paragraph (a heading, one word, an
 * emoji) whose words merely recur in a long new one is not that paragraph.
 */
function pairs(before: string, after: string): boolean {
  const { kept } = survival(before, after);
  return kept >= MIN_PAIR_SURVIVAL && kept * before.length >= MIN_PAIR_SHARE_OF_NEW * after.length;
}

/** Pairs reworded paragraphs inside one gap, in order: answers the (old, new) index pairs. */
function pairGap(gapOld: number[], gapNew: number[], gauge: Gauge): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (gapOld.length * gapNew.length > MAX_GAP_PAIRS) return out;
  let from = 0;
  for (const oi of gapOld) {
    for (let k = from; k < gapNew.length; k++) {
      if (gauge.pairs(oi, gapNew[k]!)) {
        out.push([oi, gapNew[k]!]);
        from = k + 1;
        break;
      }
    }
  }
  return out;
}

/**
 * For a draft paragraph matched to one of several identical old paragraphs, picks the copy by
 * its neighbours: each copy between the same two matched neighbours is tried, and the one whose
 * gaps pair the most old text wins; a tie leaves the first choice and makes the tied copies doubtful.
 */
function settleCopies(old: Paragraphs, next: string[], oldSymbols: string[], mOld: number[], mNew: number[], gauge: Gauge, doubtful: Set<string>) {
  const copies = new Map<string, number[]>();
  oldSymbols.forEach((s, oi) => {
    const list = copies.get(s);
    if (list) list.push(oi);
    else copies.set(s, [oi]);
  });
  const matched = new Set(mOld);
  for (let k = 0; k < mOld.length; k++) {
    const all = copies.get(oldSymbols[mOld[k]!]!)!;
    if (all.length < 2) continue;
    const lo = k > 0 ? mOld[k - 1]! : -1;
    const hi = k + 1 < mOld.length ? mOld[k + 1]! : old.length;
    const choices = all.filter((oi) => oi > lo && oi < hi && (oi === mOld[k] || !matched.has(oi)));
    if (choices.length < 2) continue;
    if (choices.length > MAX_COPIES) {
      for (const oi of choices) doubtful.add(old[oi]!.id);
      continue;
    }
    const jlo = k > 0 ? mNew[k - 1]! : -1;
    const jhi = k + 1 < mNew.length ? mNew[k + 1]! : next.length;
    const nj = mNew[k]!;
    const score = (oi: number) => gauge.weight([...pairGap(range(lo + 1, oi), range(jlo + 1, nj), gauge), ...pairGap(range(oi + 1, hi), range(nj + 1, jhi), gauge)]);
    const scored = choices.map((oi) => ({ oi, score: score(oi) }));
    const best = Math.max(...scored.map((c) => c.score));
    const tied = scored.filter((c) => c.score === best).map((c) => c.oi);
    const pick = tied.includes(mOld[k]!) ? mOld[k]! : tied[0]!;
    if (tied.length > 1) for (const oi of tied) doubtful.add(old[oi]!.id);
    matched.delete(mOld[k]!);
    matched.add(pick);
    mOld[k] = pick;
  }
}

/**
 * Copies told apart only by their white space: a draft paragraph matched to one copy whose text,
 * spaces and all, is another copy's (two copies swapped, which an alignment in order cannot
 * say). Answers both copies of each such match.
 */
function swappedCopies(old: Paragraphs, next: string[], mOld: number[], mNew: number[]): number[] {
  const byText = new Map<string, number[]>();
  old.forEach((p, oi) => {
    const list = byText.get(p.text);
    if (list) list.push(oi);
    else byText.set(p.text, [oi]);
  });
  const out: number[] = [];
  mOld.forEach((oi, k) => {
    const text = next[mNew[k]!]!;
    if (old[oi]!.text === text) return;
    const others = (byText.get(text) ?? []).filter((o) => o !== oi);
    if (others.length) out.push(oi, ...others);
  });
  return out;
}

/** How far along a gap rivals of a pair are looked for (each side): look-alikes stand close. */
const RIVAL_REACH = 2;
/** Rivals are first compared by their pieces of this many characters... */
const GRAM = 12;
/** ...and share at least this part of the old text's pieces (half of it kept in runs of words shares more). */
const RIVAL_MIN_SHARED_GRAMS = 0.35;

/**
 * The old paragraphs that pair as well as a pair made in a gap: itself and its rivals there
 * (another old one, a look-alike, pairing with the new one; or another new one pairing with the
 * old one), or none. Rivals are looked for within RIVAL_REACH places, so the cost stays linear.
 */
function contenders([oi, nj]: [number, number], gapOld: number[], gapNew: number[], gauge: Gauge): number[] {
  const near = (gap: number[], at: number) => gap.slice(Math.max(0, at - gap[0]! - RIVAL_REACH), at - gap[0]! + RIVAL_REACH + 1);
  const rivals = near(gapOld, oi).filter((o) => o !== oi && gauge.mayPair(o, nj) && gauge.pairs(o, nj) && gauge.alike(o, oi));
  if (rivals.length || near(gapNew, nj).some((n) => n !== nj && gauge.mayPair(oi, n) && gauge.pairs(oi, n))) return [oi, ...rivals];
  return [];
}

/**
 * Pairs made in gaps that a paragraph outside the gap contests: the old text stands whole in a
 * draft paragraph that is not matched (it moved there), or the new paragraph holds the whole text
 * of an old one that is not matched (or the old one has an identical copy that is not).
 */
function movedContenders(paired: Array<[number, number]>, old: Paragraphs, next: string[], oldSymbols: string[], mOld: number[], matchOf: Array<string | null>, gauge: Gauge): number[] {
  if (paired.length === 0) return [];
  const lcs = new Set(mOld);
  const loose = range(0, old.length).filter((oi) => !lcs.has(oi));
  const open = range(0, next.length).filter((nj) => matchOf[nj] === null);
  if (paired.length * (loose.length + open.length) > MAX_GAP_PAIRS) return [];
  const oldText = old.map((p) => normal(p.text));
  const newText = next.map(normal);
  // Holds the whole of `part`, and `part` is enough of it to pair.
  const holds = (whole: string, part: string) => part.length > 0 && part.length >= MIN_PAIR_SHARE_OF_NEW * whole.length && whole.includes(part);
  const out: number[] = [];
  for (const [oi, nj] of paired) {
    const rivals = loose.filter((o) => o !== oi && (oldSymbols[o] === oldSymbols[oi] || (holds(newText[nj]!, oldText[o]!) && gauge.alike(o, oi))));
    if (rivals.length || open.some((n) => holds(newText[n]!, oldText[oi]!))) out.push(oi, ...rivals);
  }
  return out;
}

/**
 * Aligning a revised draft's paragraphs with the current ones, in order. First the paragraphs
 * whose text is the same (after collapsing white space) are matched as the longest common run
 * (a character diff over one symbol per distinct text); between two such runs, the remaining
 * paragraphs are paired greedily, in order, when at least half of the old text survives in the
 * new and makes at least a quarter of it (a reworded paragraph keeps its id and its annotations
 * move through the exact diff; a short one whose words recur in a long new one does not).
 * What stays unmatched is retired (old) or new. Pure, and bounded: the pairing compares within
 * the gaps between matched runs only.
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
}

/** A pair needs at least this share of the old text in the new one. */
export const MIN_PAIR_SURVIVAL = 0.5;
/** ...and the kept text must be at least this share of the new paragraph. */
export const MIN_PAIR_SHARE_OF_NEW = 0.25;
/** Gaps wider than this are not paired (each side is compared with each other). */
const MAX_GAP_PAIRS = 200_000;

const normal = (s: string) => s.replace(/\s+/g, " ").trim();

export function alignParagraphs(old: Array<{ id: string; text: string }>, next: string[]): AlignPlan {
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
  const a = old.map((p) => symbolOf(p.text)).join("");
  const b = next.map(symbolOf).join("");
  const matchOf: Array<string | null> = next.map(() => null);
  const retired: string[] = [];
  const slots: Record<string, number[]> = {};
  let i = 0;
  let j = 0;
  let gapOld: number[] = [];
  let gapNew: number[] = [];
  const closeGap = () => {
    pairGap(old, next, gapOld, gapNew, matchOf, retired, slots);
    gapOld = [];
    gapNew = [];
  };
  for (const [op, run] of makeDiff(a, b, { timeout: 2, checkLines: false })) {
    for (let k = 0; k < run.length; k++) {
      if (op === DIFF_EQUAL) {
        if (gapOld.length || gapNew.length) closeGap();
        matchOf[j] = old[i]!.id;
        i++;
        j++;
      } else if (op === DIFF_DELETE) gapOld.push(i++);
      else gapNew.push(j++);
    }
  }
  closeGap();
  return { matchOf, retired, slots };
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

/** Pairs reworded paragraphs inside one gap, in order; the rest are retired or new. */
function pairGap(old: Array<{ id: string; text: string }>, next: string[], gapOld: number[], gapNew: number[], matchOf: Array<string | null>, retired: string[], slots: Record<string, number[]>) {
  let from = 0;
  const gone: string[] = [];
  const tooWide = gapOld.length * gapNew.length > MAX_GAP_PAIRS;
  for (const oi of gapOld) {
    let found = -1;
    if (!tooWide) {
      for (let k = from; k < gapNew.length; k++) {
        if (pairs(normal(old[oi]!.text), normal(next[gapNew[k]!]!))) {
          found = k;
          break;
        }
      }
    }
    if (found < 0) gone.push(old[oi]!.id);
    else {
      matchOf[gapNew[found]!] = old[oi]!.id;
      from = found + 1;
    }
  }
  const unpaired = gapNew.filter((j) => matchOf[j] === null);
  for (const id of gone) slots[id] = unpaired;
  retired.push(...gone);
}

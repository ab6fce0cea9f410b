/**
 * A manuscript's line numbers in a PDF's text, found on each page and by the edge the document's
 * other pages number their lines at (withoutLineNumbersIn), left out before its lines are built.
 */
import type { PdfPage, PdfTextItem } from "./pdf-document.ts";

/** The least and the greatest of the values (no spreading: a page can hold more items than a call takes arguments). */
const least = (values: readonly number[]) => values.reduce((m, v) => (v < m ? v : m), Infinity);
const greatest = (values: readonly number[]) => values.reduce((m, v) => (v > m ? v : m), -Infinity);

/** A margin's line numbers: at least this many on a page, or fewer (down to three) by one step each time. */
const MIN_LINE_NUMBERS = 5;
const MIN_STEPPED_LINE_NUMBERS = 3;
/** Line numbers stand at least this many of their font sizes outside the text beside them. */
const LINE_NUMBER_GAP = 0.5;
/** Runs of numbers sharing an edge looked at per side of a page, longest first. */
const MAX_RUNS = 4;
/** Pieces of text looked at on a number's line. */
const MAX_ROW_SCAN = 400;
/** On its own line, the text starts at least this many text sizes after a line number (a note's number is followed by a space). */
const LINE_NUMBER_TEXT_GAP = 0.8;

/**
 * A manuscript's line numbers (LaTeX's lineno, a word processor's line numbering, a journal's
 * review copy): figures alone, one a line, set in a margin outside all the page's other text,
 * right-aligned on the left (or left-aligned on the right), growing down the page. Read with the
 * text, each line started with its number and every paragraph ran into the next; they are left
 * out. A table's first column of numbers sits inside the text, and stays.
 */
function withoutLineNumbers(items: readonly PdfTextItem[], known: ReadonlySet<string> = new Set()): { items: readonly PdfTextItem[]; edges: Set<string> } {
  const edgesFound = new Set<string>();
  const numbers = items.filter((i) => /^\d{1,5}$/.test(i.text.trim()));
  if (numbers.length === 0 || (numbers.length < MIN_STEPPED_LINE_NUMBERS && known.size === 0)) return { items, edges: edgesFound };
  const others = items.filter((i) => i.text.trim() !== "" && !/^\d{1,5}$/.test(i.text.trim()));
  if (others.length === 0) return { items, edges: edgesFound };
  const textLeft = least(others.map((i) => i.x));
  const textRight = greatest(others.map((i) => i.x + i.width));
  const sizes = others.map((i) => i.size).sort((a, b) => a - b);
  const textSize = sizes[Math.floor(sizes.length / 2)] ?? 0;
  const drop = new Set<PdfTextItem>();
  /**
   * Numbers set outside all the page's text; or, smaller than the text, in a band no other text
   * prints in beside them (between two columns, where two-column line numbering sets the right
   * column's).
   */
  // The other text by baseline, to find what stands beside a number on its line.
  const byY = [...others].sort((a, b) => a.y - b.y);
  /** Text on the number's line starts well after it (or the line has none): a number set off in a margin, not one opening its line ("1 See …", a note's). */
  const setOff = (n: PdfTextItem) => {
    const right = n.x + n.width;
    const reach = Math.max(n.size, textSize) * 0.5;
    let lo = 0;
    let hi = byY.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byY[mid]!.y < n.y - reach) lo = mid + 1;
      else hi = mid;
    }
    let next = Infinity;
    for (let k = lo, seen = 0; k < byY.length && byY[k]!.y <= n.y + reach; k++, seen++) {
      // A crafted line of many thousand pieces: a number beside it is not a margin's.
      if (seen > MAX_ROW_SCAN) return false;
      const i = byY[k]!;
      if (i.x + i.width > right) next = Math.min(next, i.x);
    }
    return next - right >= LINE_NUMBER_TEXT_GAP * textSize;
  };
  const aside = (run: readonly PdfTextItem[]) => {
    if (run.filter(setOff).length < run.length * 0.9) return false;
    if (run.every((i) => i.x + i.width < textLeft - LINE_NUMBER_GAP * i.size || i.x > textRight + LINE_NUMBER_GAP * i.size)) return true;
    if (!run.every((i) => i.size < textSize * 0.8)) return false;
    const from = least(run.map((i) => i.x));
    const to = greatest(run.map((i) => i.x + i.width));
    const top = greatest(run.map((i) => i.y + i.size));
    const bottom = least(run.map((i) => i.y));
    // Over the numbers' own height: a title or an abstract across both columns above them does not count.
    return !others.some((i) => i.x < to && i.x + i.width > from && i.y <= top && i.y + i.size >= bottom);
  };
  // One edge at a time: a margin's numbers share one (the right one on the left, the left one on the right).
  const edges: Array<[string, (i: PdfTextItem) => number]> = [
    ["right", (i) => i.x + i.width],
    ["left", (i) => i.x],
  ];
  for (const [side, edge] of edges) {
    const byEdge = new Map<string, PdfTextItem[]>();
    for (const item of numbers) {
      if (drop.has(item)) continue;
      const key = `${side}:${Math.round(edge(item) / 2)}`;
      const run = byEdge.get(key);
      if (run) run.push(item);
      else byEdge.set(key, [item]);
    }
    // The longest runs only (a margin's numbers share one edge): a page of numbers scattered at many edges costs no more.
    const runs = [...byEdge].filter(([key, run]) => run.length >= MIN_STEPPED_LINE_NUMBERS || known.has(key));
    runs.sort((a, b) => b[1].length - a[1].length);
    for (const [key, run] of runs.slice(0, MAX_RUNS)) {
      if (!aside(run)) continue;
      // Top to bottom, the numbers grow (by one a line, or by five where every fifth is set); a short
      // run (a page with few numbered lines) by the same step each time, or at an edge other pages number their lines at.
      const sorted = [...run].sort((a, b) => b.y - a.y);
      const steps = sorted.slice(1).map((item, k) => Number(item.text) - Number(sorted[k]!.text));
      const growing = steps.filter((d) => d > 0).length;
      const even = steps.every((d) => d > 0 && d === steps[0]);
      const numbered =
        run.length >= MIN_LINE_NUMBERS ? growing >= steps.length * 0.9 : run.length >= MIN_STEPPED_LINE_NUMBERS ? even : known.has(key) && growing === steps.length;
      if (!numbered) continue;
      edgesFound.add(key);
      for (const item of run) drop.add(item);
    }
  }
  return { items: drop.size === 0 ? items : items.filter((i) => !drop.has(i)), edges: edgesFound };
}

/**
 * The pages without their line numbers: each page's own, then, on a page with too few numbered lines
 * to tell, the numbers at an edge the document's other pages number their lines at.
 */
export function withoutLineNumbersIn(pages: readonly PdfPage[]): PdfPage[] {
  const first = pages.map((page) => withoutLineNumbers(page.items));
  const known = new Set<string>();
  for (const { edges } of first) for (const key of edges) known.add(key);
  return pages.map((page, i) => {
    const own = first[i]!;
    // Only a page missing one of the document's edges can have more to drop.
    const again = [...known].some((key) => !own.edges.has(key)) ? withoutLineNumbers(page.items, known) : own;
    return again.items === page.items ? page : { ...page, items: [...again.items] };
  });
}

/**
 * Lines of a PDF page rebuilt from its text items, in reading order.
 *
 * Items on one baseline (a raised footnote marker included) form a row;
 * a row splits where a gap wider than a column gutter opens, so each line
 * belongs to one column. A page whose lines fall on both sides of its
 * middle, several on each, is read column by column: full-width lines
 * (a title, front matter, a footer) separate the bands, and within a band
 * the left column is read before the right.
 */
import type { PdfPage, PdfTextItem } from "./pdf-document.ts";

export type Column = "full" | "left" | "right";

export interface PdfLine {
  page: number;
  text: string;
  x0: number;
  x1: number;
  /** Baseline of the line's main text. */
  y: number;
  /** The size most of the line's characters have. */
  size: number;
  column: Column;
  /** Left and right edge of the frame the line sits in (its column, or the page's text area). */
  frameLeft: number;
  frameRight: number;
}

/** A gap wider than this many font sizes separates columns, not words. */
const GUTTER_GAP = 1.4;
/** A gap wider than this share of the font size is a space between words. */
const SPACE_GAP = 0.15;
/** Items whose baselines differ by at most this share of the larger size share a row. */
const ROW_TOLERANCE = 0.5;
/** A page reads in two columns when at least this many lines sit on each side of its middle. */
const MIN_COLUMN_LINES = 3;

const minOf = (values: Iterable<number>) => {
  let m = Infinity;
  for (const v of values) if (v < m) m = v;
  return m;
};
const maxOf = (values: Iterable<number>) => {
  let m = -Infinity;
  for (const v of values) if (v > m) m = v;
  return m;
};

interface Row {
  y: number;
  size: number;
  items: PdfTextItem[];
}

/** Group items into rows by baseline, top to bottom. */
function rows(items: readonly PdfTextItem[]): Row[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const out: Row[] = [];
  for (const item of sorted) {
    const row = out[out.length - 1];
    if (row && Math.abs(row.y - item.y) <= ROW_TOLERANCE * Math.max(row.size, item.size)) {
      row.items.push(item);
      // The row's baseline is its largest text's: a raised marker does not move it.
      if (item.size > row.size) {
        row.size = item.size;
        row.y = item.y;
      }
      continue;
    }
    out.push({ y: item.y, size: item.size, items: [item] });
  }
  return out;
}

/** The size most characters of `items` have. */
function mainSize(items: readonly PdfTextItem[]): number {
  const weight = new Map<number, number>();
  for (const item of items) {
    const key = Math.round(item.size * 10) / 10;
    weight.set(key, (weight.get(key) ?? 0) + item.text.trim().length);
  }
  let best = items[0]?.size ?? 0;
  let most = -1;
  for (const [size, count] of weight) {
    if (count > most || (count === most && size > best)) {
      best = size;
      most = count;
    }
  }
  return best;
}

interface Fragment {
  items: PdfTextItem[];
  y: number;
}

/** Split a row where a gutter-wide gap opens; each part is one line of text. */
function fragments(row: Row): Fragment[] {
  const items = [...row.items].sort((a, b) => a.x - b.x);
  const out: Fragment[] = [];
  let current: PdfTextItem[] = [];
  let right = -Infinity;
  for (const item of items) {
    if (item.text.trim() === "") {
      // Spaces carry no ink; the gap they leave is measured from the items around them.
      continue;
    }
    if (current.length > 0 && item.x - right > GUTTER_GAP * Math.max(row.size, item.size)) {
      out.push({ items: current, y: baseline(current) });
      current = [];
    }
    current.push(item);
    right = Math.max(right, item.x + item.width);
  }
  if (current.length > 0) out.push({ items: current, y: baseline(current) });
  return out;
}

/** The baseline of a fragment's largest text (columns side by side need not share baselines). */
function baseline(items: readonly PdfTextItem[]): number {
  let best = items[0];
  for (const item of items) if (best === undefined || item.size > best.size) best = item;
  return best?.y ?? 0;
}

/** The text of a line: items in order, a space where a word gap opens. */
function lineText(items: readonly PdfTextItem[]): string {
  let text = "";
  let right = -Infinity;
  let previousSize = 0;
  for (const [i, item] of items.entries()) {
    const gap = item.x - right;
    // Measured against the larger neighbour, so a small raised marker sits close to its word.
    const size = Math.max(item.size, previousSize, 1);
    // A justified line may set its end-of-line hyphen apart from the broken word.
    const lineEndHyphen = i === items.length - 1 && /^[-\u00ad\u2010]$/u.test(item.text) && gap < size;
    if (text !== "" && gap > SPACE_GAP * size && !lineEndHyphen && !/\s$/.test(text) && !/^\s/.test(item.text)) text += " ";
    text += item.text;
    right = Math.max(right, item.x + item.width);
    previousSize = item.size;
  }
  return text.replace(/\s+/g, " ").trim();
}

interface Placed {
  line: Omit<PdfLine, "column" | "frameLeft" | "frameRight">;
}

/** Assign columns and frames, and order the page's lines for reading. */
function order(page: number, placed: readonly Placed[]): PdfLine[] {
  const lines = placed.map((p) => p.line);
  if (lines.length === 0) return [];
  const left = minOf(lines.map((l) => l.x0));
  const right = maxOf(lines.map((l) => l.x1));
  const middle = (left + right) / 2;
  const side = (l: { x0: number; x1: number }): Column => (l.x1 <= middle ? "left" : l.x0 >= middle ? "right" : "full");
  const twoColumns =
    lines.filter((l) => side(l) === "right").length >= MIN_COLUMN_LINES &&
    lines.filter((l) => side(l) === "left").length >= MIN_COLUMN_LINES;
  if (!twoColumns) {
    return lines.map((l) => ({ ...l, page, column: "full", frameLeft: left, frameRight: right }));
  }
  const leftRight = maxOf(lines.filter((l) => side(l) === "left").map((l) => l.x1));
  const rightLeft = minOf(lines.filter((l) => side(l) === "right").map((l) => l.x0));
  const out: PdfLine[] = [];
  let leftBand: PdfLine[] = [];
  let rightBand: PdfLine[] = [];
  const flush = () => {
    // Loops, not push(...spread): a hostile page can hold more lines than a call takes arguments.
    for (const l of leftBand) out.push(l);
    for (const l of rightBand) out.push(l);
    leftBand = [];
    rightBand = [];
  };
  for (const l of lines) {
    const column = side(l);
    if (column === "full") {
      flush();
      out.push({ ...l, page, column, frameLeft: left, frameRight: right });
    } else if (column === "left") {
      leftBand.push({ ...l, page, column, frameLeft: left, frameRight: leftRight });
    } else {
      rightBand.push({ ...l, page, column, frameLeft: rightLeft, frameRight: right });
    }
  }
  flush();
  return out;
}

/** The page's lines in reading order (page numbers from 0). */
export function pageLines(page: PdfPage, index: number): PdfLine[] {
  const placed: Placed[] = [];
  for (const row of rows(page.items)) {
    for (const fragment of fragments(row)) {
      const text = lineText(fragment.items);
      if (text === "") continue;
      const x0 = minOf(fragment.items.map((i) => i.x));
      const x1 = maxOf(fragment.items.map((i) => i.x + i.width));
      placed.push({ line: { page: index, text, x0, x1, y: fragment.y, size: mainSize(fragment.items) } });
    }
  }
  return order(index, placed);
}

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
import { joinAccent, noteMark } from "./pdf-glyphs.ts";

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
  /** Opens with a note mark the PDF gives no character for (left out of `text`). */
  marked?: boolean;
  /** Note numbers set small and raised inside the line (references to notes: "rivalry²"). */
  refs?: string[];
  /** A note number set small and raised opening the line (a note's own number, as Word sets it). */
  lead?: string;
}

/** A gap wider than this many font sizes separates columns, not words. */
const GUTTER_GAP = 1.4;
/** Share of the page height at the top and at the bottom where page numbers and running heads sit. */
export const EDGE_BAND = 0.1;
/** On a page whose gutter is known, a gap wider than this many font sizes still parts two frames. */
const WIDE_GAP = 3;
/** A gap wider than this share of the font size is a space between words. */
const SPACE_GAP = 0.15;
/** Items whose baselines differ by at most this share of the larger size share a row. */
const ROW_TOLERANCE = 0.5;
/** A page reads in two columns when at least this many lines sit on each side of its middle. */
const MIN_COLUMN_LINES = 3;

export const minOf = (values: Iterable<number>) => {
  let m = Infinity;
  for (const v of values) if (v < m) m = v;
  return m;
};
export const maxOf = (values: Iterable<number>) => {
  let m = -Infinity;
  for (const v of values) if (v > m) m = v;
  return m;
};

interface Row {
  y: number;
  size: number;
  items: PdfTextItem[];
}

/** Rows longer than this are not checked for overlapping items (a bound on hostile pages). */
const OVERLAP_CHECK_ITEMS = 200;

/**
 * Does `item` print over a run of text already in the row? Then it is the next line, not the
 * same one. Only runs of a few characters count: an accent or a mark drawn over its letter is
 * the same line.
 */
function overlapsRow(row: Row, item: PdfTextItem): boolean {
  if (row.items.length > OVERLAP_CHECK_ITEMS || item.width < item.size * 2) return false;
  for (const other of row.items) {
    if (other.width < other.size * 2) continue;
    const overlap = Math.min(other.x + other.width, item.x + item.width) - Math.max(other.x, item.x);
    if (overlap > 0.5 * Math.min(other.width, item.width)) return true;
  }
  return false;
}

/**
 * Group items into rows by baseline, top to bottom. A larger heading beside a column's lines
 * (baselines of the two columns need not line up) would otherwise pull two lines of the other
 * column into one row.
 */
function rows(items: readonly PdfTextItem[]): Row[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const out: Row[] = [];
  for (const item of sorted) {
    const row = out[out.length - 1];
    if (row && Math.abs(row.y - item.y) <= ROW_TOLERANCE * Math.max(row.size, item.size) && !overlapsRow(row, item)) {
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

/** A gutter: the page's columns part around `center`, with `width` of unprinted space between them. */
interface Gutter {
  center: number;
  width: number;
}

/** Share of the rows that may cross a gutter (a title page's title, authors and abstract set across both columns). */
const GUTTER_CROSSINGS = 0.5;
/** Share of the rows that must print right beside a gutter on each side, besides those crossing it. */
const GUTTER_SIDES = 0.25;

/**
 * Where the page's two columns part, found from the ink rather than from one row's gap: a band
 * near the middle of the text area that few rows print in, with most rows printing right
 * beside it on both sides. A narrow gutter (LaTeX sets 10 pt between columns of 10 pt text)
 * is narrower than some word gaps in a title, so one row cannot tell; the page can.
 */
function findGutter(rowsOfPage: readonly Row[]): Gutter | null {
  if (rowsOfPage.length < MIN_COLUMN_LINES * 2) return null;
  let left = Infinity;
  let right = -Infinity;
  for (const row of rowsOfPage) {
    for (const item of row.items) {
      if (item.text.trim() === "") continue;
      left = Math.min(left, item.x);
      right = Math.max(right, item.x + item.width);
    }
  }
  const width = Math.ceil(right - left);
  if (!Number.isFinite(width) || width < 50 || width > 5_000) return null;
  // How many rows print in each 1-unit bin (a difference array: one pass per row).
  const diff = new Int32Array(width + 2);
  const mark = (start: number, end: number) => {
    if (end <= start) return;
    diff[Math.max(0, start)]! += 1;
    diff[Math.min(width + 1, end)]! -= 1;
  };
  for (const row of rowsOfPage) {
    const spans = row.items.filter((i) => i.text.trim() !== "").map((i) => [Math.floor(i.x - left), Math.ceil(i.x + i.width - left)] as const);
    spans.sort((a, b) => a[0] - b[0]);
    let start = -1;
    let end = -1;
    for (const [a, b] of spans) {
      if (a > end) {
        mark(start, end);
        start = a;
        end = b;
      } else end = Math.max(end, b);
    }
    mark(start, end);
  }
  const ink = new Int32Array(width + 1);
  let running = 0;
  for (let b = 0; b <= width; b++) ink[b] = running += diff[b]!;
  const rowsCount = rowsOfPage.length;
  const from = Math.floor(width * 0.3);
  const to = Math.ceil(width * 0.7);
  // The least-printed bin near the middle, and the run of bins about as empty around it.
  let low = from;
  for (let b = from; b <= to; b++) if (ink[b]! < ink[low]!) low = b;
  const crossing = ink[low]!;
  if (crossing > rowsCount * GUTTER_CROSSINGS) return null;
  const tolerance = Math.max(1, Math.round(rowsCount * 0.03));
  let start = low;
  let end = low;
  while (start > 0 && ink[start - 1]! <= crossing + tolerance) start--;
  while (end < width && ink[end + 1]! <= crossing + tolerance) end++;
  // Columns on both sides: rows printing right beside the gutter, besides those that cross it.
  const columnRows = Math.max(MIN_COLUMN_LINES, rowsCount * GUTTER_SIDES);
  if (start === 0 || end === width || ink[start - 1]! - crossing < columnRows || ink[end + 1]! - crossing < columnRows) return null;
  const best = { start, end };
  return { center: left + (best.start + best.end + 1) / 2, width: best.end - best.start + 1 };
}

/**
 * Split a row where a gutter-wide gap opens, or where a gap spans the page's gutter; each part
 * is one line of text.
 */
function fragments(row: Row, gutter: Gutter | null): Fragment[] {
  const items = [...row.items].sort((a, b) => a.x - b.x);
  const out: Fragment[] = [];
  let current: PdfTextItem[] = [];
  let right = -Infinity;
  for (const item of items) {
    if (item.text.trim() === "") {
      // Spaces carry no ink; the gap they leave is measured from the items around them.
      continue;
    }
    const gap = item.x - right;
    const size = Math.max(row.size, item.size);
    const acrossGutter = gutter !== null && right < gutter.center && item.x > gutter.center && gap >= gutter.width * 0.8 && gap >= size * 0.6;
    // With the page's gutter known, a wide gap elsewhere is a stretched space (a justified line
    // with a sentence ending in it), not another column.
    const splitGap = gutter === null ? GUTTER_GAP : WIDE_GAP;
    if (current.length > 0 && (gap > splitGap * size || acrossGutter)) {
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

/**
 * Glyphs the PDF gives no Unicode for: pdfjs passes on the raw character code (a C1 control
 * character, as TeX's symbol fonts give for a bullet or a dagger) or a private-use code point
 * (Word's Symbol and Wingdings bullets, U+F0B7, U+F0A7…). Neither is text.
 */
const UNMAPPED_GLYPHS_RE = /[\u0080-\u009f\ue000-\uf8ff]/gu;
const isUnmappedGlyph = (text: string) => text !== "" && text.replace(UNMAPPED_GLYPHS_RE, "") === "";

/**
 * The text of a line: items in order, a space where a word gap opens. An unmapped glyph
 * opening a line at the text's own size is its bullet ("• "); set smaller there, a note mark
 * (left out, and the line is `marked`); anywhere else (a raised mark, an icon) left out.
 */
function lineText(items: readonly PdfTextItem[], baseline: number): { text: string; marked: boolean; refs: string[]; lead?: string } {
  let text = "";
  let right = -Infinity;
  let previousSize = 0;
  let marked = false;
  const refs: string[] = [];
  let lead: string | undefined;
  let lineSize = 0;
  for (const item of items) lineSize = Math.max(lineSize, item.size);
  for (const [i, raw] of items.entries()) {
    let item = raw;
    const raised = raw.size < lineSize * 0.85 && raw.y - baseline > lineSize * 0.2;
    if (isUnmappedGlyph(raw.text.trim())) {
      const opens = text === "" && i < items.length - 1;
      if (opens && raw.size < lineSize * 0.8) marked = true;
      if (!opens || raw.size < lineSize * 0.8) continue;
      item = { ...raw, text: "•" };
    } else if (UNMAPPED_GLYPHS_RE.test(raw.text)) {
      item = { ...raw, text: raw.text.replace(UNMAPPED_GLYPHS_RE, "") };
    }
    const mark = raised ? noteMark(item.text) : null;
    if (mark !== null) {
      item = { ...item, text: mark };
      const numbers = mark.split(",").filter((m) => /^\d{1,3}$/.test(m));
      if (text.trim() === "") lead ??= numbers[0];
      else for (const n of numbers) refs.push(n);
    }
    const gap = item.x - right;
    // An accent drawn as a glyph of its own over its letter: one letter.
    const accented = gap < 0 && text !== "" ? joinAccent(text, item.text) : null;
    if (accented !== null) {
      text = accented;
      right = Math.max(right, item.x + item.width);
      previousSize = item.size;
      continue;
    }
    // Measured against the larger neighbour, so a small raised marker sits close to its word.
    const size = Math.max(item.size, previousSize, 1);
    // A justified line may set its end-of-line hyphen apart from the broken word.
    const lineEndHyphen = i === items.length - 1 && /^[-\u00ad\u2010]$/u.test(item.text) && gap < size;
    if (text !== "" && gap > SPACE_GAP * size && !lineEndHyphen && !/\s$/.test(text) && !/^\s/.test(item.text)) text += " ";
    text += item.text;
    right = Math.max(right, item.x + item.width);
    previousSize = item.size;
  }
  return { text: text.replace(/\s+/g, " ").trim(), marked, refs, ...(lead === undefined ? {} : { lead }) };
}

interface Placed {
  line: Omit<PdfLine, "column" | "frameLeft" | "frameRight">;
}

/** Assign columns and frames, and order the page's lines for reading. */
function order(page: number, placed: readonly Placed[], gutter: Gutter | null, height: number): PdfLine[] {
  const lines = placed.map((p) => p.line);
  if (lines.length === 0) return [];
  // The text area's edges from the lines between the margins: a page number or running head out
  // in a corner would widen the frame and make every line of the text look short.
  const inner = lines.filter((l) => l.y < height * (1 - EDGE_BAND) && l.y > height * EDGE_BAND);
  const framed = inner.length >= MIN_COLUMN_LINES ? inner : lines;
  const left = minOf(framed.map((l) => l.x0));
  const right = maxOf(framed.map((l) => l.x1));
  const middle = gutter?.center ?? (left + right) / 2;
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
  const pageRows = rows(page.items);
  const gutter = findGutter(pageRows);
  for (const row of pageRows) {
    for (const fragment of fragments(row, gutter)) {
      const { text, marked, refs, lead } = lineText(fragment.items, fragment.y);
      if (text === "") continue;
      const x0 = minOf(fragment.items.map((i) => i.x));
      const x1 = maxOf(fragment.items.map((i) => i.x + i.width));
      const notes = { ...(refs.length > 0 ? { refs } : {}), ...(lead === undefined ? {} : { lead }) };
      placed.push({ line: { page: index, text, x0, x1, y: fragment.y, size: mainSize(fragment.items), ...(marked ? { marked } : {}), ...notes } });
    }
  }
  return order(index, placed, gutter, page.height);
}

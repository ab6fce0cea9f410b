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
import { cellSeparator } from "./html-blocks.ts";
import { CONTENTS_LABEL_RE } from "./contents-list.ts";
import { classifyMetaLine } from "./meta-lines.ts";
import { parseNameLine } from "./names.ts";
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
  /** Length of the raised note mark that ends `text` ("…alliances.¹"), when one does. */
  markEnd?: number;
  /** A row of a table, its cells joined "cell | cell". */
  tableRow?: boolean;
  /** A cell of an authors' grid (a name, an institution, a place, an e-mail): one fact, never wrapped into the next. */
  gridCell?: boolean;
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

/** A raised mark is set at most this share of its line's size. */
const RAISED_SIZE = 0.85;
/** A raised mark's baseline sits above its line's by more than nothing and at most this many of the line's sizes. */
const RAISED_RISE = 0.9;
/** A lowered (subscript) run sits below its line's baseline by at most this many of the line's sizes. */
const LOWERED_DROP = 0.35;
/** A raised or lowered mark holds at most this many characters. */
const MARK_CHARS = 16;
/** How many items above or below a small item are looked at for its line (a bound on hostile pages). */
const HOST_SEARCH_ITEMS = 400;

/**
 * The item of full-size text a small run belongs with: the one whose baseline it sits just above
 * (a superscript: a note mark, an author's affiliation number) or just below (a subscript), and
 * beside or over which it is set. A raised mark on an author line under a large title is nearer
 * the title's baseline than the line's own allowance, yet it is the author line's. Null when no
 * such text is there.
 */
function hostOf(item: PdfTextItem, sorted: readonly PdfTextItem[], at: number): PdfTextItem | null {
  let best: PdfTextItem | null = null;
  let bestDistance = Infinity;
  const consider = (other: PdfTextItem) => {
    if (other === item || item.size >= other.size * RAISED_SIZE || other.text.trim() === "") return;
    const slack = other.size * 0.6;
    if (item.x + item.width < other.x - slack || item.x > other.x + other.width + slack) return;
    const rise = (item.y - other.y) / other.size;
    // Raised, the mark's middle stays within the em of the text it marks: a small line of its own
    // above a large title (a journal's banner) is set higher.
    const fits = rise > 0 ? rise <= RAISED_RISE && item.y + item.size * 0.5 - other.y <= other.size : -rise <= LOWERED_DROP;
    if (fits && Math.abs(rise) < bestDistance) {
      best = other;
      bestDistance = Math.abs(rise);
    }
  };
  // `sorted` runs top to bottom: a host below the item comes after it, one a little above before it.
  for (let i = at + 1; i < sorted.length && i <= at + HOST_SEARCH_ITEMS; i++) {
    const other = sorted[i]!;
    if (item.y - other.y > other.size * RAISED_RISE && item.y - other.y > item.size * 4) break;
    consider(other);
  }
  for (let i = at - 1; i >= 0 && i >= at - HOST_SEARCH_ITEMS; i--) {
    const other = sorted[i]!;
    if (other.y - item.y > item.size * 4) break;
    consider(other);
  }
  return best;
}

/**
 * Group items into rows by baseline, top to bottom. A larger heading beside a column's lines
 * (baselines of the two columns need not line up) would otherwise pull two lines of the other
 * column into one row. A small raised or lowered run joins the row of the text it is set
 * against, whichever row is nearer.
 */
function rows(items: readonly PdfTextItem[]): Row[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const hosts = new Map<PdfTextItem, PdfTextItem>();
  for (const [i, item] of sorted.entries()) {
    // A mark is a few characters; a longer run of small text is a line of its own.
    if (item.text.trim().length > MARK_CHARS) continue;
    const host = hostOf(item, sorted, i);
    if (host) hosts.set(item, host);
  }
  const out: Row[] = [];
  const rowOf = new Map<PdfTextItem, Row>();
  for (const item of sorted) {
    if (hosts.has(item)) continue;
    const row = out[out.length - 1];
    if (row && Math.abs(row.y - item.y) <= ROW_TOLERANCE * Math.max(row.size, item.size) && !overlapsRow(row, item)) {
      row.items.push(item);
      rowOf.set(item, row);
      // The row's baseline is its largest text's: a raised marker does not move it.
      if (item.size > row.size) {
        row.size = item.size;
        row.y = item.y;
      }
      continue;
    }
    const added: Row = { y: item.y, size: item.size, items: [item] };
    rowOf.set(item, added);
    out.push(added);
  }
  for (const [item, host] of hosts) {
    // A host may itself be set against larger text (a mark over small capitals beside full-size
    // words): the row is its host's. Each host is larger than what it holds, so the chain ends.
    let row = host;
    for (let next = hosts.get(row); next !== undefined; next = hosts.get(row)) row = next;
    rowOf.get(row)?.items.push(item);
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
/** Share of the rows that may print in a gutter's band besides the fewest that cross it: strictly, then loosely. */
const GUTTER_TOLERANCE = 0.03;
const GUTTER_TOLERANCE_LOOSE = 0.12;
/** Share of the rows not crossing a gutter that must print right beside it on each side. */
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
  // Columns on both sides: rows printing right beside the gutter, besides those that cross it,
  // a share of the rows that do not (a title block set across the page is no column's).
  const columnRows = Math.max(MIN_COLUMN_LINES, (rowsCount - crossing) * GUTTER_SIDES);
  // The band about as empty as its emptiest bin; failing that, one that a few short lines print
  // in (a title block's centred lines, a page number, ending or starting inside LaTeX's narrow gutter).
  for (const share of [GUTTER_TOLERANCE, GUTTER_TOLERANCE_LOOSE]) {
    const tolerance = Math.max(1, Math.round(rowsCount * share));
    let start = low;
    let end = low;
    while (start > 0 && ink[start - 1]! <= crossing + tolerance) start--;
    while (end < width && ink[end + 1]! <= crossing + tolerance) end++;
    if (start === 0 || end === width || ink[start - 1]! - crossing < columnRows || ink[end + 1]! - crossing < columnRows) continue;
    return { center: left + (start + end + 1) / 2, width: end - start + 1 };
  }
  return null;
}

/** A list item's label stands at most this many font sizes before its text. */
const LABEL_GAP = 5;
/** A list item's label: a bullet (a glyph with no Unicode included), "1.", "a)", "(iv)", "ii.". */
const LIST_LABEL_RE = /^(?:[•‣◦▪●○■\-–—*]|\(?(?:\d{1,3}|[a-zA-Z]|[ivxlcdm]{1,6}|[IVXLCDM]{1,6})[.)])$/u;
function isListLabel(items: readonly PdfTextItem[]): boolean {
  if (items.length === 0 || items.length > 4) return false;
  const text = items.map((i) => i.text).join("").trim();
  return text !== "" && (LIST_LABEL_RE.test(text) || isUnmappedGlyph(text));
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
    // A list item's label ("•", "1.", "a)") is set apart from its text by a tab: one line still.
    const afterLabel = !acrossGutter && gap <= LABEL_GAP * size && isListLabel(current);
    if (current.length > 0 && (gap > splitGap * size || acrossGutter) && !afterLabel) {
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

/** Raised affiliation letters: one letter or several with commas, a note symbol among them ("a", "a,∗", "b,c"). */
const LETTER_MARKS_RE = /^[a-h](?:\s*,\s*(?:[a-h]|[*∗†‡§¶]|\d{1,2}))*,?$/u;

/**
 * The text of a line: items in order, a space where a word gap opens. An unmapped glyph
 * opening a line at the text's own size is its bullet ("• "); set smaller there, a note mark
 * (left out, and the line is `marked`); anywhere else (a raised mark, an icon) left out.
 */
function lineText(items: readonly PdfTextItem[], baseline: number): { text: string; marked: boolean; markEnd: number; refs: string[]; lead?: string } {
  // The line's pieces, joined at the end: a string grown piece by piece and read at its end
  // after each piece would be copied whole each time, on a hostile row of many thousand items.
  const parts: string[] = [];
  /** How many pieces come before the run of raised marks that ends the line so far, or null. */
  let beforeMark: number | null = null;
  /** Whether a piece with text has been written yet (a raised number before any opens the line: its own note number). */
  let written = false;
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
      const opens = parts.length === 0 && i < items.length - 1;
      if (opens && raw.size < lineSize * 0.8) marked = true;
      if (!opens || raw.size < lineSize * 0.8) continue;
      item = { ...raw, text: "•" };
    } else if (UNMAPPED_GLYPHS_RE.test(raw.text)) {
      item = { ...raw, text: raw.text.replace(UNMAPPED_GLYPHS_RE, "") };
    }
    const mark = raised ? noteMark(item.text) : null;
    // Raised affiliation letters after a name ("Ana Souza^{a,∗}", as Elsevier's template sets them):
    // written apart from the name, "Ana Souza a,*", as a by-line with letter markers is typed.
    if (raised && mark === null && LETTER_MARKS_RE.test(item.text.trim()) && /\p{L}$/u.test(parts[parts.length - 1] ?? "")) {
      item = { ...item, text: ` ${item.text.trim().replace(/∗/g, "*")}` };
    }
    if (mark !== null) {
      item = { ...item, text: mark };
      const numbers = mark.split(",").filter((m) => /^\d{1,3}$/.test(m));
      if (!written) lead ??= numbers[0];
      else for (const n of numbers) refs.push(n);
    }
    const gap = item.x - right;
    const last = parts[parts.length - 1];
    // An accent drawn as a glyph of its own over its letter: one letter.
    const accented = gap < 0 && last !== undefined ? joinAccent(last, item.text) : null;
    if (accented !== null) {
      parts[parts.length - 1] = accented;
      beforeMark = null;
      right = Math.max(right, item.x + item.width);
      previousSize = item.size;
      continue;
    }
    // Measured against the larger neighbour, so a small raised marker sits close to its word.
    const size = Math.max(item.size, previousSize, 1);
    // A justified line may set its end-of-line hyphen apart from the broken word.
    const lineEndHyphen = i === items.length - 1 && /^[-\u00ad\u2010]$/u.test(item.text) && gap < size;
    if (last !== undefined && gap > SPACE_GAP * size && !lineEndHyphen && !/\s$/.test(last) && !/^\s/.test(item.text)) parts.push(" ");
    if (mark === null) beforeMark = null;
    else beforeMark ??= parts.length;
    parts.push(item.text);
    if (/\S/.test(item.text)) written = true;
    right = Math.max(right, item.x + item.width);
    previousSize = item.size;
  }
  const clean = (t: string) => t.replace(/\s+/g, " ").trim();
  const text = clean(parts.join(""));
  const before = beforeMark === null ? "" : clean(parts.slice(0, beforeMark).join(""));
  return { text, marked, markEnd: before === "" ? 0 : text.length - before.length, refs, ...(lead === undefined ? {} : { lead }) };
}

interface Placed {
  line: Omit<PdfLine, "column" | "frameLeft" | "frameRight">;
  /** Read where it stands in the order given, across the page (a cell of the authors' grid). */
  across?: true;
}

/** Cells of an authors' grid part where a gap this many font sizes wide opens (LaTeX's "\\and" leaves about two). */
const GRID_CELL_GAP = 0.8;
/** Rows of an authors' grid follow each other at most this many font sizes apart. */
const GRID_ROW_PITCH = 2.5;
/** Authors set side by side: at least two, and no more than a row can hold. */
const GRID_MIN_COLUMNS = 2;
const GRID_MAX_COLUMNS = 6;
/** A row of names alone is a by-line only in this top share of the page (where a title block is). */
const TITLE_AREA = 0.4;
/** A detail's middle is within this share of the distance between two authors' middles from its author's. */
const GRID_ALIGNMENT = 0.3;

type GridCell = Omit<PdfLine, "page" | "column" | "frameLeft" | "frameRight">;

/** A row's items in pieces between gaps wider than GRID_CELL_GAP font sizes, each as a line. */
function gridCells(row: Row): GridCell[] {
  const items = row.items.filter((i) => i.text.trim() !== "").sort((a, b) => a.x - b.x);
  const pieces: PdfTextItem[][] = [];
  let right = -Infinity;
  for (const item of items) {
    const last = pieces[pieces.length - 1];
    if (last && item.x - right <= GRID_CELL_GAP * Math.max(row.size, item.size)) last.push(item);
    else pieces.push([item]);
    right = Math.max(right, item.x + item.width);
  }
  return pieces.map((piece) => {
    const y = baseline(piece);
    const { text, marked, markEnd, refs, lead } = lineText(piece, y);
    const notes = { ...(refs.length > 0 ? { refs } : {}), ...(lead === undefined ? {} : { lead }) };
    return { text, x0: minOf(piece.map((i) => i.x)), x1: maxOf(piece.map((i) => i.x + i.width)), y, size: mainSize(piece), ...(marked ? { marked } : {}), ...(markEnd > 0 ? { markEnd } : {}), ...notes };
  });
}

/** A grid cell naming a person and nothing else ("Ana Souza", "J. Smith"): no label, number, address or institution. */
const isGridName = (text: string) => {
  if (/[\d@:/]/u.test(text) || classifyMetaLine(text) !== null) return false;
  const line = parseNameLine(text);
  return line !== null && line.names.length === 1;
};

/**
 * Authors set side by side on the first page, as LaTeX's "\\and" and the IEEE and ACM title
 * blocks set them: a row of two to six names, each centred over its own column of details
 * (institution, place, e-mail) in the rows right under it. Read row by row, the names ran
 * together and each institution went to the wrong author; read down each column, every author
 * comes with their own. Rows from `start` to `end` (exclusive), and each column's cells top to
 * bottom, by the row each grid starts at (a second row of authors is a grid of its own).
 */
function authorGrids(pageRows: readonly Row[], height: number): Map<number, { end: number; columns: GridCell[][] }> {
  const grids = new Map<number, { end: number; columns: GridCell[][] }>();
  for (let i = 0; i < pageRows.length; i++) {
    const names = gridCells(pageRows[i]!);
    if (names.length < GRID_MIN_COLUMNS || names.length > GRID_MAX_COLUMNS || !names.every((c) => isGridName(c.text))) continue;
    const middles = names.map((c) => (c.x0 + c.x1) / 2);
    let spacing = Infinity;
    for (let k = 1; k < middles.length; k++) spacing = Math.min(spacing, middles[k]! - middles[k - 1]!);
    const columns: GridCell[][] = names.map((c) => [c]);
    let end = i + 1;
    let details = 0;
    for (; end < pageRows.length; end++) {
      const row = pageRows[end]!;
      const above = pageRows[end - 1]!;
      if (above.y - row.y > GRID_ROW_PITCH * Math.max(row.size, above.size)) break;
      const cells = gridCells(row);
      const owners = cells.map((c) => {
        const middle = (c.x0 + c.x1) / 2;
        const k = middles.findIndex((m) => Math.abs(m - middle) <= GRID_ALIGNMENT * spacing);
        return k;
      });
      if (cells.length === 0 || owners.some((k) => k < 0) || new Set(owners).size !== owners.length) break;
      // The next row of authors under the first: a grid of its own.
      if (cells.length >= GRID_MIN_COLUMNS && cells.every((c) => isGridName(c.text))) break;
      cells.forEach((c, n) => columns[owners[n]!]!.push(c));
      if (cells.some((c) => c.text.includes("@") || classifyMetaLine(c.text) !== null)) details++;
    }
    // The names' details say it is a title block (an institution, an address, an e-mail), not a table of names.
    if (details === 0) {
      // Names alone, side by side near the top of the page ("Ana Souza    Wei Zhang"): one by-line,
      // kept whole across a two-column page's gutter.
      if (end === i + 1 && names[0]!.y >= height * (1 - TITLE_AREA)) {
        const line = { ...names[0]!, text: names.map((c) => c.text).join(", "), x1: names[names.length - 1]!.x1 };
        grids.set(i, { end, columns: [[line]] });
      }
      continue;
    }
    grids.set(i, { end, columns });
    i = end - 1;
  }
  return grids;
}

/** A contents entry that has its dot leader: title, three dots or more, page. */
const LEADER_ENTRY_RE = /(?:\.\s?){3,}\s*(?:\d{1,4}|[ivxlc]{1,7})$/u;
/** A contents entry's page number: arabic, or roman for front pages. */
const ENTRY_PAGE_RE = /^(?:\d{1,4}|[ivxlc]{1,7})$/u;

/**
 * A contents list set as LaTeX sets it: each entry's title, then its page number at the right
 * edge, with nothing between them for a section (its subsections have dot leaders). The wide gap
 * parts the two, and the numbers, one under another, read as a column of their own: the entries
 * fell apart and a page number ran into the first paragraph. Under a "Contents" line, each row
 * whose last cell is a page number is made one cell again, its gap written as a leader
 * ("1 Introduction . . . 1"), as a word processor's contents list reads (contents-list.ts then
 * leaves the list out). A title that wrapped onto a second row is joined to its entry.
 */
function joinContentsEntries(cellsOfRows: Cell[][]): void {
  const label = cellsOfRows.findIndex((cells) => cells.length === 1 && CONTENTS_LABEL_RE.test(cells[0]!.text.trim()));
  if (label < 0) return;
  const endsInPage = (cells: readonly Cell[]) => cells.length >= 2 && ENTRY_PAGE_RE.test(cells[cells.length - 1]!.text.trim());
  // The first row of a title that wrapped, waiting for the row that ends it with its page.
  let before: Cell | null = null;
  for (let i = label + 1; i < cellsOfRows.length; i++) {
    const cells = cellsOfRows[i]!;
    // An entry with its own dot leader ("2.1 Data and method . . . . 2") is one cell already.
    if (cells.length === 1 && LEADER_ENTRY_RE.test(cells[0]!.text)) {
      before = null;
      continue;
    }
    if (!endsInPage(cells)) {
      const wrapped = before === null && cells.length === 1 && i + 1 < cellsOfRows.length && endsInPage(cellsOfRows[i + 1]!);
      if (!wrapped) return;
      before = cells[0]!;
      continue;
    }
    const page = cells[cells.length - 1]!;
    const title = cells.slice(0, -1);
    const text = [...(before ? [before.text] : []), ...title.map((c) => c.text)].join(" ").replace(/(?:\s*\.)+\s*$/u, "");
    const joined: Cell = { ...title[0]!, items: [...(before?.items ?? []), ...title.flatMap((c) => c.items), ...page.items], text: `${text} . . . ${page.text.trim()}`, x1: page.x1 };
    if (before) cellsOfRows[i - 1] = [];
    cellsOfRows[i] = [joined];
    before = null;
  }
}

/** Assign columns and frames, and order the page's lines for reading. */
function order(page: number, placed: readonly Placed[], gutter: Gutter | null, height: number): PdfLine[] {
  const lines = placed.map((p) => p.line);
  if (lines.length === 0) return [];
  const across = new Set(placed.filter((p) => p.across).map((p) => p.line));
  // The text area's edges from the lines between the margins: a page number or running head out
  // in a corner would widen the frame and make every line of the text look short.
  const inner = lines.filter((l) => l.y < height * (1 - EDGE_BAND) && l.y > height * EDGE_BAND);
  const framed = inner.length >= MIN_COLUMN_LINES ? inner : lines;
  const left = minOf(framed.map((l) => l.x0));
  const right = maxOf(framed.map((l) => l.x1));
  const middle = gutter?.center ?? (left + right) / 2;
  const side = (l: Placed["line"]): Column => (across.has(l) ? "full" : l.x1 <= middle ? "left" : l.x0 >= middle ? "right" : "full");
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

/** A piece of a row between gutter-wide gaps, with its text. */
interface Cell {
  items: readonly PdfTextItem[];
  text: string;
  marked: boolean;
  markEnd: number;
  refs: string[];
  lead?: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

/**
 * The cells of a table's columns (but the last) fill at most this share of their column's width
 * on average; lines of a column of text fill nearly all of it.
 */
const TABLE_CELL_FILL = 0.75;
/** A table's cells (but its last column's) hold at most this many words on average; a column of text holds more. */
const TABLE_CELL_WORDS = 6;
/** A table has at most this many columns. */
const MAX_TABLE_COLUMNS = 40;
/** Rows of one table follow each other within this many font sizes, baseline to baseline. */
const TABLE_ROW_PITCH = 2.5;

const wordCount = (text: string) => text.split(" ").filter((w) => w !== "").length;

/**
 * The columns of a run of rows split into cells: the cells' spans merged where they overlap,
 * left to right. Null when one row has two cells in one column (the run is not a grid).
 */
function gridColumns(run: readonly Cell[][]): { x0: number; x1: number }[] | null {
  const spans = run.flat().map((c) => ({ x0: c.x0, x1: c.x1 }));
  spans.sort((a, b) => a.x0 - b.x0);
  const columns: { x0: number; x1: number }[] = [];
  for (const span of spans) {
    const last = columns[columns.length - 1];
    if (last && span.x0 <= last.x1) last.x1 = Math.max(last.x1, span.x1);
    else columns.push({ ...span });
  }
  if (columns.length > MAX_TABLE_COLUMNS) return null;
  for (const cells of run) {
    let previous = -1;
    for (const cell of cells) {
      const at = columns.findIndex((c) => cell.x0 >= c.x0 && cell.x1 <= c.x1);
      if (at <= previous) return null;
      previous = at;
    }
  }
  return columns;
}

/**
 * Is this run of rows, each parted into cells, a table rather than columns of text? Its cells
 * line up in columns, not across the page's gutter, and those before the last hold a few words
 * each and leave much of their column empty, where a column of running text fills its lines.
 */
function isTable(run: readonly Cell[][], gutter: Gutter | null): boolean {
  if (run.length < 2) return false;
  const columns = gridColumns(run);
  if (!columns || columns.length < 2) return false;
  for (let i = 1; i < columns.length; i++) {
    if (gutter !== null && columns[i - 1]!.x1 < gutter.center && columns[i]!.x0 > gutter.center) return false;
  }
  let cells = 0;
  let words = 0;
  let fill = 0;
  for (const cell of run.flat()) {
    const next = columns.find((c) => c.x0 > cell.x0);
    if (!next) continue;
    const column = columns.findLast((c) => c.x0 <= cell.x0)!;
    cells++;
    words += wordCount(cell.text);
    fill += (cell.x1 - cell.x0) / Math.max(1, next.x0 - column.x0);
  }
  return cells > 0 && words / cells <= TABLE_CELL_WORDS && fill / cells <= TABLE_CELL_FILL;
}

/** One row of a table as one line: its cells' text, a cell wrapped over several lines joined up. */
interface TableLine {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

/** A line of front matter: an institution, an e-mail, a date or an identifier, labelled or not (a country's name alone is not). */
function isFrontMatter(text: string): boolean {
  const meta = classifyMetaLine(text);
  return meta !== null && !meta.prose && (meta.labelled || meta.strong || meta.role !== "address");
}

const near = (above: Cell | undefined, here: Cell | undefined) =>
  above !== undefined && here !== undefined && above.y - here.y <= TABLE_ROW_PITCH * Math.max(above.size, here.size) && Math.abs(above.size - here.size) <= 0.3 * here.size;

function cellOf(items: readonly PdfTextItem[], y: number): Cell {
  const { text, marked, markEnd, refs, lead } = lineText(items, y);
  return { items, text, marked, markEnd, refs, ...(lead === undefined ? {} : { lead }), x0: minOf(items.map((i) => i.x)), x1: maxOf(items.map((i) => i.x + i.width)), y, size: mainSize(items) };
}

/** Where cells of two rows or more start (left-aligned columns), left to right. */
function sharedStarts(rowsOfCells: readonly Cell[][]): number[] {
  const starts = rowsOfCells.flatMap((cells, row) => cells.map((c) => ({ x: c.x0, row })));
  starts.sort((a, b) => a.x - b.x);
  const out: number[] = [];
  for (let i = 0; i < starts.length; ) {
    let j = i;
    const rowsAt = new Set<number>();
    while (j < starts.length && starts[j]!.x - starts[i]!.x <= 1) rowsAt.add(starts[j++]!.row);
    if (rowsAt.size >= 2) out.push(starts[i]!.x);
    i = j;
  }
  // More than a table has: not columns (and each piece is not compared with thousands of them).
  return out.length > MAX_TABLE_COLUMNS ? [] : out;
}

/**
 * A cell split where one of its pieces starts exactly where cells of other rows start: two cells
 * whose text came too close to part by the gap alone (a wrapped column's line ending just before
 * the next column).
 */
function splitAtStarts(cell: Cell, starts: readonly number[]): Cell[] {
  const items = cell.items.filter((i) => i.text.trim() !== "");
  const out: Cell[] = [];
  let from = 0;
  for (let k = 1; k < items.length; k++) {
    const item = items[k]!;
    const before = items[k - 1]!;
    if (item.x > before.x + before.width && starts.some((x) => Math.abs(item.x - x) <= 1)) {
      out.push(cellOf(items.slice(from, k), cell.y));
      from = k;
    }
  }
  if (from === 0) return [cell];
  out.push(cellOf(items.slice(from), cell.y));
  return out.filter((c) => c.text !== "");
}

/**
 * The rows of a table that starts at row `start`: the physical rows parted into two cells or more
 * (its seed) fix the columns; a row after one of them whose cells each continue a cell that ran
 * out of room in its column (a wrapped cell) is part of the same table row. With the row after
 * the table's last; no lines when the rows there do not make a table.
 */
function tableAt(cellsOfRows: readonly Cell[][], start: number, gutter: Gutter | null): { lines: TableLine[]; end: number } {
  let end = start + 1;
  while (end < cellsOfRows.length && (cellsOfRows[end]?.length ?? 0) > 0 && near(cellsOfRows[end - 1]?.[0], cellsOfRows[end]?.[0])) end++;
  const found = cellsOfRows.slice(start, end);
  const starts = sharedStarts(found.filter((cells) => cells.length >= 2));
  const run = found.map((cells) => cells.flatMap((c) => splitAtStarts(c, starts)));
  const seed = run.filter((cells) => cells.length >= 2);
  // Authors side by side (name, institution, e-mail), or "Received: …" beside "Accepted: …": a
  // grid of front matter, read column by column or fact by fact as before, not a table.
  const frontMatter = seed.some((cells) => cells.every((cell) => isFrontMatter(cell.text)));
  const columns = !frontMatter && isTable(seed, gutter) ? gridColumns(seed) : null;
  // Not a table: the rows of the run are looked at no more (a long run is not read again from each of its rows).
  if (!columns) return { lines: [], end };
  const right = maxOf(run.flatMap((cells) => cells.map((c) => c.x1)));
  const columnOf = (cell: Cell): number => {
    let at = -1;
    for (const [i, column] of columns.entries()) if (cell.x0 >= column.x0 - cell.size * 0.3) at = i;
    const next = columns[at + 1];
    return at >= 0 && (next === undefined || cell.x1 <= next.x0) ? at : -1;
  };
  /** Would `cell`'s first word have fitted after `previous` in its column? Then `cell` does not continue it. */
  const fits = (previous: Cell, cell: Cell, column: number): boolean => {
    // A cell's text stops short of the next column by the cells' padding, about half a font size.
    const next = columns[column + 1];
    const limit = next ? next.x0 - cell.size * 0.5 : right;
    const first = /^\S+/u.exec(cell.text)?.[0] ?? "";
    const perChar = (cell.x1 - cell.x0) / Math.max(1, cell.text.length);
    return previous.x1 + (first.length + 1) * perChar <= limit;
  };
  const lines: TableLine[] = [];
  let texts: string[][] = [];
  let previous: (Cell | undefined)[] = [];
  let line: TableLine | null = null;
  const close = () => {
    const cells = texts.map((t) => t.join(" ")).filter((t) => t !== "");
    if (line) lines.push({ ...line, text: cells.map((cell, i) => (i === 0 ? cell : cellSeparator(cells[i - 1]!) + cell)).join("") });
  };
  let row = start;
  for (; row < end; row++) {
    const cells = run[row - start]!;
    const at = cells.map(columnOf);
    if (at.some((c, i) => c < 0 || (i > 0 && c <= at[i - 1]!))) break;
    const continues = line !== null && cells.every((cell, i) => {
      const before = previous[at[i]!];
      return before !== undefined && !fits(before, cell, at[i]!);
    });
    if (continues && line) {
      for (const [i, cell] of cells.entries()) texts[at[i]!]!.push(cell.text);
      line.x1 = Math.max(line.x1, maxOf(cells.map((c) => c.x1)));
    } else {
      if (cells.length < 2) break;
      close();
      texts = columns.map(() => []);
      for (const [i, cell] of cells.entries()) texts[at[i]!]!.push(cell.text);
      line = { text: "", x0: cells[0]!.x0, x1: maxOf(cells.map((c) => c.x1)), y: maxOf(cells.map((c) => c.y)), size: maxOf(cells.map((c) => c.size)) };
    }
    previous = columns.map((_, c) => cells[at.indexOf(c)]);
  }
  close();
  return lines.length >= 2 ? { lines, end: row } : { lines: [], end };
}

/**
 * The tables of the page, by the row each starts at: runs of rows parted into cells that
 * `isTable` accepts, each table row (wrapped cells joined) as one line.
 */
function tables(cellsOfRows: readonly Cell[][], gutter: Gutter | null): Map<number, { lines: TableLine[]; end: number }> {
  const out = new Map<number, { lines: TableLine[]; end: number }>();
  let start = 0;
  while (start < cellsOfRows.length) {
    if ((cellsOfRows[start]?.length ?? 0) < 2) {
      start++;
      continue;
    }
    const table = tableAt(cellsOfRows, start, gutter);
    if (table.lines.length > 0) out.set(start, table);
    start = Math.max(table.end, start + 1);
  }
  return out;
}

/** The page's lines in reading order (page numbers from 0). */
export function pageLines(page: PdfPage, index: number): PdfLine[] {
  const placed: Placed[] = [];
  const pageRows = rows(page.items);
  const gutter = findGutter(pageRows);
  const cellsOfRows = pageRows.map((row) =>
    fragments(row, gutter)
      .map((fragment): Cell => {
        const { text, marked, markEnd, refs, lead } = lineText(fragment.items, fragment.y);
        const x0 = minOf(fragment.items.map((i) => i.x));
        const x1 = maxOf(fragment.items.map((i) => i.x + i.width));
        return { items: fragment.items, text, marked, markEnd, refs, ...(lead === undefined ? {} : { lead }), x0, x1, y: fragment.y, size: mainSize(fragment.items) };
      })
      .filter((cell) => cell.text !== ""),
  );
  joinContentsEntries(cellsOfRows);
  const found = tables(cellsOfRows, gutter);
  const grids = index === 0 ? authorGrids(pageRows, page.height) : new Map<number, { end: number; columns: GridCell[][] }>();
  for (let i = 0; i < cellsOfRows.length; i++) {
    const grid = grids.get(i);
    if (grid) {
      // Authors side by side: each one's name and details read down their column, one author after another.
      for (const column of grid.columns) for (const cell of column) placed.push({ line: { page: index, ...cell, gridCell: true }, across: true });
      i = grid.end - 1;
      continue;
    }
    const table = found.get(i);
    if (table) {
      // A table's row reads as one line, its cells in order, as the HTML and Word imports give it.
      for (const line of table.lines) placed.push({ line: { page: index, ...line, tableRow: true } });
      i = table.end - 1;
      continue;
    }
    const cells = cellsOfRows[i]!;
    for (const { text, marked, markEnd, refs, lead, x0, x1, y, size } of cells) {
      const notes = { ...(refs.length > 0 ? { refs } : {}), ...(lead === undefined ? {} : { lead }) };
      placed.push({ line: { page: index, text, x0, x1, y, size, ...(marked ? { marked } : {}), ...(markEnd > 0 ? { markEnd } : {}), ...notes } });
    }
  }
  return order(index, placed, gutter, page.height);
}

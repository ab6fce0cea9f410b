/**
 * Paragraphs rebuilt from the lines of a PDF.
 *
 * - Running headers and footers go: a line in the top or bottom margin
 *   band whose text (digits aside) repeats on several pages, or a bare page
 *   number there.
 * - Footnotes stay apart: lines smaller than the body text below a page's
 *   last body line, one note per leading number; and notes set at the
 *   body's own size at a page's foot, told by their numbers (see
 *   bodySizeNotes).
 * - A new paragraph starts at a change of font size, a vertical gap wider
 *   than the line pitch, a first-line indent, a bullet, or after a short
 *   line that ends a sentence (not among centred lines broken where the
 *   writer chose, as verse is: there only space ends one). A paragraph runs
 *   on across a column or page break unless its last line ended one
 *   (justified: ended a sentence short of the edge; ragged right: ended a
 *   sentence with room left for the next word).
 * - Within a paragraph, a line that reaches the right edge of its frame
 *   wraps into the next one (one logical line); other line breaks are kept,
 *   so a front-matter block keeps one fact per line. A word broken at a
 *   line end is joined, with its hyphen only when it is a real compound.
 */
import { joinHyphenated, Vocabulary } from "./dehyphenate.ts";
import { ABSTRACT_LABEL_ONLY_WORDS, KEYWORDS_WORDS } from "./label-words.ts";
import { classifyMetaLine, endsWithCountry, isSectionHeading, opensInstitution } from "./meta-lines.ts";
import { parseNameLine } from "./names.ts";
import type { PdfPage } from "./pdf-document.ts";
import { withoutLineNumbersIn } from "./pdf-line-numbers.ts";
import { EDGE_BAND, maxOf, minOf, pageLines, type Column, type PdfLine } from "./pdf-lines.ts";

export interface PdfParagraph {
  /** Logical lines: physical lines joined where the text wrapped. */
  lines: string[];
  size: number;
  page: number;
  /** A row of a table, "cell | cell": a paragraph of its own, never a heading or a list item. */
  tableRow?: boolean;
  /** How far the first line stands in from the left edge of its column. */
  indent: number;
  /** The first line is short and centred in its column: its indent says nothing of its nesting. */
  centred?: boolean;
}

export interface PdfText {
  paragraphs: PdfParagraph[];
  footnotes: string[];
  /** The size most body characters have. */
  bodySize: number;
}

/** A running head repeats on at least this share of the pages (and on two at least). */
const REPEAT_SHARE = 0.4;
const PAGE_NUMBER_RE = /^(?:(?:page|p\.|seite|стр\.?)\s*)?(?:\d{1,4}|[ivxlcdm]{1,6})(?:\s*(?:of|\/|из)\s*\d{1,4})?$/i;
/** Which of the sorted baseline distances is taken as the line pitch. */
const PITCH_QUANTILE = 0.2;
/** Extra space between baselines, in font sizes, that separates paragraphs. */
const PARAGRAPH_GAP = 0.2;
/** A title is set at least this much larger than the body text. */
export const TITLE_SIZE = 1.15;
/** Footnote text is at most this share of the body size. */
const FOOTNOTE_SIZE = 0.88;
const SENTENCE_END_RE = /[.!?…:]["'”’»)\]]*$/u;
/** The line ends a sentence, a raised note mark after its full stop ("…not alliances.¹") aside. */
const endsSentence = (line: PdfLine) => SENTENCE_END_RE.test(line.markEnd ? line.text.slice(0, -line.markEnd).trimEnd() : line.text);
const BULLET_RE = /^[•‣◦▪●○■]\s/u;
/** A dash as an item's bullet: "– ", "— ", "- " before the item's text. */
export const DASH_ITEM_RE = /^[–—-]\s+(?=\S)/u;
/** A numbered reference's label opening its entry: "[3]", "[12] ". */
export const REFERENCE_LABEL_RE = /^\[\d{1,4}\]\s/u;
/** The bullet Word sets for a list's second level: a letter "o" (in Courier New) before the item's text. */
export const LETTER_BULLET_RE = /^o\s+(?=\S)/u;
/** An abstract's or keywords' label opening a line, before its text or alone. */
const PROSE_LABEL_OPENING_RE = new RegExp(`^(?:${ABSTRACT_LABEL_ONLY_WORDS}|${KEYWORDS_WORDS})(?:[\\s:：.—–]+[\\p{Lu}\\p{N}"“«(]|\\s*[:：.]?$)`, "iu");
/** A numbered or lettered list item's label: "1.", "12)", "(3)", "a.", "b)", "(c)", "iv.", "(ii)". */
export const ITEM_LABEL_RE = /^(?:\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)]|\((?:\d{1,3}|[a-z]|[ivx]{1,5})\))\s+(?=\S)/u;
const NOTE_NUMBER_AGAINST_TEXT_RE = /^(\d{1,3}|[*†‡§¶])(?=\p{Lu}\p{Ll})/u;
const FOOTNOTE_START_RE = /^(?:\d{1,3}|[*†‡§¶])(?:\s|\.\s|(?=\p{Lu}))/u;


/** Running heads naming a section are no longer than a section heading. */
const SECTION_HEAD_CHARS = 120;
/** Running heads naming a section hold no more words than a heading. */
const SECTION_HEAD_WORDS = 12;
/**
 * Shaped like a section's running head: short, and not broken off mid-sentence (a page's first
 * line of text ending "…rival blocs, and" repeats another line, numbers aside, only by chance).
 */
const isHeadShaped = (text: string) =>
  text.length <= SECTION_HEAD_CHARS && text.split(/\s+/).length <= SECTION_HEAD_WORDS && !/[,;\-–—]$|\s(?:and|or|of|the|to|in|a|an)$/iu.test(text);
/** A section heading's words, whatever its number and case: "2 DATA", "2. Data" -> "data". */
function sectionKey(text: string): string {
  return text.replace(/[\d.]+/g, " ").replace(/\s+/g, " ").trim().toLowerCase();
}

function headKey(text: string): string {
  return text.replace(/\d+/g, "#").replace(/\s+/g, " ").trim().toLowerCase();
}

/** Beyond the margin band, a page's first or last row this far into the page is a head or foot when set apart from the text. */
const WIDE_EDGE_BAND = 0.2;
/** Space between such a row and the text, in its font sizes: more than a line's. */
const EDGE_GAP = 1.8;

/** Drop running headers, footers and page numbers. */
function withoutRunningHeads(pages: readonly PdfPage[], lines: readonly PdfLine[][], bodySize: number): PdfLine[][] {
  // The margin band, and beyond it a page's top or bottom row set apart from the text (LaTeX's
  // margins put a running head 100 pt below an A4 page's top, outside the band).
  const apart = new Set<PdfLine>();
  for (const pageLinesOf of lines) {
    const sorted = [...pageLinesOf].sort((a, b) => b.y - a.y);
    const height = pages[sorted[0]?.page ?? 0]?.height ?? 0;
    for (const top of [true, false]) {
      const edge = top ? sorted[0] : sorted[sorted.length - 1];
      if (!edge) continue;
      // Every line on the edge's row (a head and its page number share it), and the text's nearest line.
      const onRow = (l: PdfLine) => Math.abs(l.y - edge.y) <= l.size * 0.5;
      const neighbour = top ? sorted.find((l) => !onRow(l)) : sorted.findLast((l) => !onRow(l));
      const outer = top ? edge.y >= height * (1 - WIDE_EDGE_BAND) : edge.y <= height * WIDE_EDGE_BAND;
      if (neighbour && outer && Math.abs(edge.y - neighbour.y) >= EDGE_GAP * edge.size) for (const l of sorted) if (onRow(l)) apart.add(l);
    }
  }
  const inBand = (line: PdfLine) => {
    const height = pages[line.page]?.height ?? 0;
    return line.y >= height * (1 - EDGE_BAND) || line.y <= height * EDGE_BAND || apart.has(line);
  };
  const pagesWith = new Map<string, Set<number>>();
  for (const pageLinesOf of lines) {
    for (const line of pageLinesOf) {
      if (!inBand(line)) continue;
      const key = headKey(line.text);
      const set = pagesWith.get(key) ?? new Set<number>();
      set.add(line.page);
      pagesWith.set(key, set);
    }
  }
  const threshold = Math.max(2, Math.ceil(pages.length * REPEAT_SHARE));
  // A running head that names the current section ("2 DATA" above a page of section 2): the
  // text of a short line elsewhere in the document, numbers and case aside.
  const edgeLines = (pageLinesOf: readonly PdfLine[]) => {
    const top = maxOf(pageLinesOf.map((l) => l.y));
    const bottom = minOf(pageLinesOf.map((l) => l.y));
    return pageLinesOf.filter((l) => l.page > 0 && (top - l.y <= l.size * 0.5 || l.y - bottom <= l.size * 0.5) && inBand(l) && l.size <= bodySize * 1.05 && isHeadShaped(l.text));
  };
  // Only lines about as long as such a head are compared (a heading's number and case aside).
  let longest = -1;
  for (const pageLinesOf of lines) for (const l of edgeLines(pageLinesOf)) longest = Math.max(longest, l.text.length);
  const sectionKeys = new Set<string>();
  for (const pageLinesOf of longest < 0 ? [] : lines) {
    let previous: PdfLine | null = null;
    for (const line of pageLinesOf) {
      if (inBand(line)) continue;
      if (line.text.length <= longest + 8) sectionKeys.add(sectionKey(line.text));
      // A heading wrapped in a narrow column ("3 The geography of the net-" / "works").
      if (previous && previous.size === line.size && previous.text.length + line.text.length <= longest + 8) {
        sectionKeys.add(sectionKey(/\p{L}-$/u.test(previous.text) ? previous.text.slice(0, -1) + line.text : `${previous.text} ${line.text}`));
      }
      previous = line;
    }
  }
  sectionKeys.delete("");
  return lines.map((pageLinesOf) => {
    // Only the page's first or last row can hold such a head, set no larger than the body (a
    // section's own heading at the top of a page is larger).
    const edges = new Set(edgeLines(pageLinesOf));
    return pageLinesOf.filter((line) => {
      if (!inBand(line)) return true;
      // Set apart beyond the band and larger than the text: a first page's title, though the running heads repeat it.
      if (apart.has(line) && line.size > bodySize * 1.05) return true;
      if (PAGE_NUMBER_RE.test(line.text.trim())) return false;
      if (edges.has(line) && sectionKeys.has(sectionKey(line.text))) return false;
      return (pagesWith.get(headKey(line.text))?.size ?? 0) < threshold;
    });
  });
}

/** The size most characters have. */
function dominantSize(lines: readonly PdfLine[]): number {
  const weight = new Map<number, number>();
  for (const line of lines) {
    const key = Math.round(line.size * 10) / 10;
    weight.set(key, (weight.get(key) ?? 0) + line.text.length);
  }
  let best = 0;
  let most = -1;
  for (const [size, count] of weight) {
    if (count > most) {
      best = size;
      most = count;
    }
  }
  return best;
}

/** A note's own number opening its line: set raised, or written at the start ("3 See …", "3. See …"). */
function noteNumber(line: PdfLine): string | undefined {
  return line.lead ?? /^(\d{1,3})(?:\.?\s|(?=\p{Lu}))/u.exec(line.text)?.[1];
}

/** A body-size note starts in the lower part of the page, this share of its height from the foot. */
const BODY_NOTE_AREA = 0.5;
/** Space above a body-size note, in baselines of its size: more than a line's (a rule or a gap sets notes apart). */
const BODY_NOTE_GAP = 1.5;

/**
 * Notes set at the body's own size at the foot of a page (a word processor's notes with their
 * style left at the text's size), where size cannot tell them from the body. All of these must
 * hold: the first note's number is a note reference set small and raised in a line above it on
 * the page; it opens a line in the lower half of the page set apart from the line above it in
 * its column by more than a line; a number written out (not raised) does not open a section
 * heading ("3 Results"); and every line below it in its column is a note, a number opening one
 * of them being a new note only when the page refers to it too, each following the one before.
 */
function bodySizeNotes(pageLinesOf: readonly PdfLine[], height: number, bodySize: number): Set<PdfLine> {
  const referenced = new Map<string, number>();
  for (const line of pageLinesOf) for (const ref of line.refs ?? []) referenced.set(ref, Math.max(referenced.get(ref) ?? -Infinity, line.y));
  if (referenced.size === 0 || height <= 0) return new Set();
  for (const line of pageLinesOf) {
    if (line.y > height * BODY_NOTE_AREA || Math.abs(line.size - bodySize) > bodySize * 0.12) continue;
    const number = noteNumber(line);
    if (number === undefined || (referenced.get(number) ?? -Infinity) <= line.y) continue;
    if (line.lead === undefined && isSectionHeading(line.text)) continue;
    const inColumn = (l: PdfLine) => l !== line && l.x0 < line.frameRight && l.x1 > line.frameLeft;
    let above: PdfLine | undefined;
    for (const l of pageLinesOf) if (inColumn(l) && l.y > line.y && (above === undefined || l.y < above.y)) above = l;
    if (above === undefined || above.y - line.y < BODY_NOTE_GAP * line.size) continue;
    const below = pageLinesOf.filter((l) => inColumn(l) && l.y < line.y);
    let last = Number(number);
    let sequential = true;
    for (const l of [...below].sort((a, b) => b.y - a.y)) {
      const next = noteNumber(l);
      if (next === undefined || !referenced.has(next)) continue;
      if (Number(next) <= last) {
        sequential = false;
        break;
      }
      last = Number(next);
    }
    if (sequential) return new Set([line, ...below]);
  }
  return new Set();
}

/**
 * Split off each page's footnotes: small lines below the last body line of their column (a
 * two-column page sets a note at the foot of the column that calls it, level with the other
 * column's last lines), and notes at the body's size at its foot.
 */
function splitFootnotes(pages: readonly PdfPage[], lines: readonly PdfLine[][], bodySize: number): { body: PdfLine[][]; notes: PdfLine[] } {
  const notes: PdfLine[] = [];
  const body = lines.map((pageLinesOf, p) => {
    const atBody = pageLinesOf.filter((l) => l.size >= bodySize * 0.95);
    const lowestBody = minOf(atBody.map((l) => l.y));
    if (!Number.isFinite(lowestBody)) return [...pageLinesOf];
    // A column's lowest body line, lines across the page counted in every column's.
    // A column with no body line of its own (a figure's small print) goes by the page's.
    const lowestIn = (column: PdfLine["column"]) => {
      const y = minOf(atBody.filter((l) => l.column === column || l.column === "full").map((l) => l.y));
      return atBody.some((l) => l.column === column) ? y : lowestBody;
    };
    const lowest = { full: lowestBody, left: lowestIn("left"), right: lowestIn("right") };
    const kept: PdfLine[] = [];
    const small: PdfLine[] = [];
    for (const line of pageLinesOf) {
      if (line.y < lowest[line.column] && line.size <= bodySize * FOOTNOTE_SIZE) small.push(line);
      else kept.push(line);
    }
    // A page whose notes are set small has them all: a numbered line at its foot is body.
    const atBodySize = small.length > 0 ? new Set<PdfLine>() : bodySizeNotes(kept, pages[p]?.height ?? 0, bodySize);
    // The page's notes top to bottom: those at the body's size come first (the smaller ones were set below the body's last line).
    for (const line of kept) if (atBodySize.has(line)) notes.push(line);
    for (const line of small) notes.push(line);
    return atBodySize.size === 0 ? kept : kept.filter((line) => !atBodySize.has(line));
  });
  return { body, notes };
}

/**
 * One text per footnote: a line opening with a number or symbol (or a note mark the PDF gives
 * no character for) starts the next one.
 */
function footnoteTexts(notes: readonly PdfLine[], vocabulary: Vocabulary): string[] {
  const out: string[] = [];
  for (const line of notes) {
    const last = out.length - 1;
    // A note's number set right against its first word ("1See the communiqué") is set apart from it.
    if (out.length === 0 || FOOTNOTE_START_RE.test(line.text) || line.marked) out.push(line.text.replace(NOTE_NUMBER_AGAINST_TEXT_RE, "$1 "));
    else out[last] = joinWrapped(out[last] ?? "", line.text, vocabulary);
  }
  return out;
}

/**
 * The distance between consecutive baselines of same-size lines in one
 * column, per size: the low end of those distances (a fifth of them are
 * closer), not the median, which an article of short paragraphs (or front
 * matter of one line each) would push up to the gap between paragraphs.
 */
function linePitches(lines: readonly PdfLine[]): Map<number, number> {
  const gaps = new Map<number, number[]>();
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1] as PdfLine;
    const cur = lines[i] as PdfLine;
    if (prev.page !== cur.page || prev.column !== cur.column || Math.abs(prev.size - cur.size) > 0.3) continue;
    const gap = prev.y - cur.y;
    if (gap <= 0) continue;
    const key = Math.round(cur.size * 10) / 10;
    const list = gaps.get(key) ?? [];
    list.push(gap);
    gaps.set(key, list);
  }
  const out = new Map<number, number>();
  for (const [size, list] of gaps) {
    const sorted = [...list].sort((a, b) => a - b);
    out.set(size, sorted[Math.floor(sorted.length * PITCH_QUANTILE)] ?? size * 1.2);
  }
  return out;
}

const frameWidth = (l: PdfLine) => Math.max(1, l.frameRight - l.frameLeft);
/** Justified lines reach the frame's right edge. */
const isFull = (l: PdfLine) => l.x1 >= l.frameRight - 0.04 * frameWidth(l);
/** Exactly at the right edge, as only a justified (not a paragraph's last) line is. */
const isFlush = (l: PdfLine) => l.x1 >= l.frameRight - 0.005 * frameWidth(l);
/** A line that nearly reaches the edge, so the next word did not fit. */
const isNearlyFull = (l: PdfLine) => l.x1 >= l.frameRight - 0.18 * frameWidth(l);
/** Short and centred: well in from both edges of the frame, its middle near the frame's. */
const isCentred = (l: PdfLine) =>
  l.x0 > l.frameLeft + 4 * l.size && l.x1 < l.frameRight - 2 * l.size && Math.abs((l.x0 + l.x1) / 2 - (l.frameLeft + l.frameRight) / 2) <= 2 * l.size;
const middle = (l: PdfLine) => (l.x0 + l.x1) / 2;
/**
 * Two lines of one centred paragraph: both centred on one middle near the frame's, the first set
 * in from the left edge (a centred line as wide as the measure stands in by a little; a
 * left-aligned one not at all). The short line under it is the paragraph's next, not a first line
 * set in.
 */
const centredTogether = (prev: PdfLine, cur: PdfLine) =>
  prev.x0 >= prev.frameLeft + 0.15 * prev.size &&
  Math.abs(middle(prev) - middle(cur)) <= 0.25 * cur.size &&
  Math.abs(middle(cur) - (cur.frameLeft + cur.frameRight) / 2) <= 2 * cur.size;
const words = (text: string) => text.split(/\s+/).filter((w) => w !== "").length;

/**
 * Text set ragged right (Word's and a browser's default) has few lines flush with the frame's
 * edge; justified text has most of them flush (all but each paragraph's last).
 */
const JUSTIFIED_SHARE = 0.25;
function isRaggedRight(lines: readonly PdfLine[], bodySize: number): boolean {
  const body = lines.filter((l) => Math.abs(l.size - bodySize) <= 0.3 && words(l.text) >= 4);
  return body.length > 0 && body.filter(isFlush).length < body.length * JUSTIFIED_SHARE;
}

/**
 * Would `next`'s first word have fitted at the end of `line`? In ragged-right text a line ends
 * early only where its paragraph ends; one that stops short of a word that would not fit wrapped.
 */
function nextWordFits(line: PdfLine, next: PdfLine): boolean {
  return line.frameRight - line.x1 > firstWordWidth(next);
}

/** About how wide the line's first word and a space before it are, from the line's mean character width. */
function firstWordWidth(line: PdfLine): number {
  const first = /^\S+/u.exec(line.text)?.[0] ?? "";
  return (first.length + 1) * ((line.x1 - line.x0) / Math.max(1, line.text.length));
}

/** The line's last word starts with a capital or a digit and ends with a letter, a digit, a full stop or a bracket. */
const ENDS_ON_NAME_RE = /(?:^|\s)[\p{Lu}\p{N}]\S*[\p{L}\p{N}.)]$/u;

class ParagraphBuilder {
  readonly paragraphs: PdfParagraph[] = [];
  private current: PdfParagraph | null = null;
  private last: PdfLine | null = null;
  /** The line before `last`, when both are in the current paragraph. */
  private beforeLast: PdfLine | null = null;
  /** The current paragraph's first line. */
  private first: PdfLine | null = null;
  /**
   * While every line of the current paragraph is centred (short, well in from both edges): the
   * least width one of its lines would have had with the next line's first word added.
   */
  private centredRun: { reach: number } | null = null;
  /** The widest centred line so far in this page's column at its size: the measure centred text is set to, at least. */
  private centredMeasure: { page: number; column: Column | null; size: number; width: number } = { page: -1, column: null, size: 0, width: 0 };

  constructor(
    private readonly pitches: Map<number, number>,
    private readonly vocabulary: Vocabulary,
    private readonly bodySize: number,
    private readonly ragged: boolean,
  ) {}

  /** Adds `line`; `next` is the line after it, if any, looked at only to tell verse from prose. */
  add(line: PdfLine, next?: PdfLine): void {
    const prev = this.last;
    const current = this.current;
    if (!prev || !current || this.startsParagraph(prev, line, next)) {
      this.current = {
        lines: [line.text],
        size: line.size,
        page: line.page,
        indent: Math.max(0, line.x0 - line.frameLeft),
        ...(line.tableRow ? { tableRow: true } : {}),
        ...(isCentred(line) ? { centred: true } : {}),
      };
      this.paragraphs.push(this.current);
      this.beforeLast = null;
      this.first = line;
      this.centredRun = isCentred(line) ? { reach: Infinity } : null;
    } else if (this.wraps(prev, line)) {
      const lastIndex = current.lines.length - 1;
      current.lines[lastIndex] = this.join(current.lines[lastIndex] ?? "", line.text);
    } else {
      current.lines.push(line.text);
    }
    if (prev && this.current === current) {
      this.beforeLast = prev;
      if (this.centredRun && isCentred(line)) this.centredRun.reach = Math.min(this.centredRun.reach, prev.x1 - prev.x0 + firstWordWidth(line));
      else this.centredRun = null;
    }
    if (isCentred(line)) this.centredMeasure = { page: line.page, column: line.column, size: line.size, width: this.measureFor(line) };
    this.last = line;
  }

  private startsParagraph(prev: PdfLine, cur: PdfLine, next?: PdfLine): boolean {
    // Each row of a table is a paragraph of its own, and the text after the table another.
    if (prev.tableRow || cur.tableRow) return true;
    // A labelled line ("DOI: …", "Keywords: …") is a fact of its own.
    if (classifyMetaLine(cur.text)?.labelled) return true;
    // So is an abstract or keywords line labelled without a colon ("Abstract We study…", set bold),
    // after a fact or a sentence that ended: a history line that nearly fills its width does not run into it.
    if (PROSE_LABEL_OPENING_RE.test(cur.text) && /^\p{Lu}/u.test(cur.text) && (endsSentence(prev) || classifyMetaLine(prev.text)?.labelled)) return true;
    if (Math.abs(prev.size - cur.size) > Math.max(0.25, 0.03 * cur.size)) return true;
    // A short line that names or numbers a section ("Introduction", "2 Data", "一、引言") is a heading
    // of its own even at the text's size, with no space under it.
    if (!isNearlyFull(prev) && isSectionHeading(prev.text) && !/^\p{Ll}/u.test(cur.text)) return true;
    if (BULLET_RE.test(cur.text)) return true;
    // A dash set in from the column's edge as a bullet ("– second, …", LaTeX's and Springer's items), after a
    // line that did not run on into it, or at the indent of the item before: a new item, not a dash in a sentence.
    if (DASH_ITEM_RE.test(cur.text) && cur.x0 >= cur.frameLeft + cur.size * 0.4) {
      const sameIndent = this.first !== null && this.inList() && Math.abs(cur.x0 - this.first.x0) <= cur.size * 0.5;
      if (!isNearlyFull(prev) || sameIndent) return true;
    }
    // A reference list's entry ("[3] A. Author. A title.") runs on over the lines set in under its
    // text (a hanging indent), though one of them ends a sentence short of the edge.
    if (this.inReference(prev, cur)) return false;
    // A numbered or lettered item ("2.", "b)", "(iv)") after a line that did not run on into it,
    // or set at another indent than the line before (the first item of a list, or one nested in it).
    if (ITEM_LABEL_RE.test(cur.text) && (!isNearlyFull(prev) || Math.abs(cur.x0 - prev.x0) > cur.size * 0.5)) return true;
    // Word's second-level bullet, a letter "o", inside a list, after a line that did not run on into it.
    if (LETTER_BULLET_RE.test(cur.text) && this.inList() && (!isNearlyFull(prev) || Math.abs(cur.x0 - prev.x0) > cur.size * 0.5)) return true;
    const sameFlow = prev.page === cur.page && prev.column === cur.column && prev.y > cur.y;
    if (!sameFlow) {
      // A column or page break: the paragraph runs on unless its last line ended it (a justified
      // line ends flush right; a paragraph's last line, ending a sentence, almost never does).
      if (/^\p{Ll}/u.test(cur.text)) return false;
      // A first-line indent at the top of the new column opens a paragraph.
      if (cur.x0 > cur.frameLeft + cur.size * 0.8) return true;
      if (!endsSentence(prev) || isFlush(prev)) return false;
      // Ragged right, the last line before the break can end a sentence mid-paragraph: it ended
      // the paragraph only if it stopped short of room for the next word.
      return this.ragged ? nextWordFits(prev, cur) : true;
    }
    const pitch = this.pitches.get(Math.round(cur.size * 10) / 10) ?? cur.size * 1.2;
    if (prev.y - cur.y > pitch + PARAGRAPH_GAP * cur.size) return true;
    // A centred institution's second line stands in from the first: the same fact, not a new paragraph.
    if (continuesInstitution(prev, cur)) return false;
    // A title set large and wrapped ("Deutschlands Zeitenwende:" / "Anspruch und Wirklichkeit") is one.
    if (cur.size >= this.bodySize * TITLE_SIZE && prev.y - cur.y <= cur.size * 1.6) return false;
    const indent = cur.size * 0.8;
    if (cur.x0 > cur.frameLeft + indent && prev.x0 <= prev.frameLeft + indent * 0.4 && !centredTogether(prev, cur)) return true;
    return !isNearlyFull(prev) && endsSentence(prev) && !/^\p{Ll}/u.test(cur.text) && !this.flushWithNeighbours(prev, cur) && !this.brokenByChoice(cur, next);
  }

  /** The widest centred line of `line`'s page and column at its size so far, `line` included. */
  private measureFor(line: PdfLine): number {
    const m = this.centredMeasure;
    const before = m.page === line.page && m.column === line.column && Math.abs(m.size - line.size) <= 0.3 ? m.width : 0;
    return Math.max(before, line.x1 - line.x0);
  }

  /**
   * Lines set centred one under another and broken where the writer chose, not where the measure
   * ran out (verse, a dedication): a line of the paragraph that another follows ended with room
   * for that line's first word within the widest centred line so far of the column at that size,
   * as no line of centred prose but its last does. There a sentence ending at a line's end does
   * not end the paragraph (only space between lines does).
   */
  private brokenByChoice(cur: PdfLine, next: PdfLine | undefined): boolean {
    if (this.centredRun === null || !isCentred(cur)) return false;
    if (this.centredRun.reach < this.measureFor(cur)) return true;
    // A stanza whose first line is a sentence: the line under that one, ending none, stopped with
    // room left for the first word of the line after it (centred prose's first line runs to its measure).
    if (next === undefined || !this.sameStanza(cur, next) || endsSentence(cur)) return false;
    return cur.x1 - cur.x0 + firstWordWidth(next) < Math.max(this.measureFor(cur), next.x1 - next.x0);
  }

  /** Is `next` centred right under `cur`, in its column at its size, with no space between them? */
  private sameStanza(cur: PdfLine, next: PdfLine): boolean {
    if (!isCentred(next) || next.page !== cur.page || next.column !== cur.column || Math.abs(next.size - cur.size) > 0.3 || next.y >= cur.y) return false;
    const pitch = this.pitches.get(Math.round(cur.size * 10) / 10) ?? cur.size * 1.2;
    return cur.y - next.y <= pitch + PARAGRAPH_GAP * cur.size;
  }

  /** `cur` continues the reference entry the current paragraph opened: set in from its label, in the same flow, no gap. */
  private inReference(prev: PdfLine, cur: PdfLine): boolean {
    const first = this.first;
    if (!first || !REFERENCE_LABEL_RE.test(first.text) || REFERENCE_LABEL_RE.test(cur.text)) return false;
    if (cur.page !== prev.page || cur.column !== prev.column || prev.y <= cur.y || prev.y - cur.y > cur.size * 1.6) return false;
    return cur.x0 > first.x0 + cur.size * 0.5;
  }

  /** Is the current paragraph a list item (it opens with a bullet or an item's label)? */
  private inList(): boolean {
    const first = this.current?.lines[0] ?? "";
    return BULLET_RE.test(first) || ITEM_LABEL_RE.test(first) || LETTER_BULLET_RE.test(first) || DASH_ITEM_RE.test(first);
  }

  /**
   * A justified block set narrower than the page (an abstract indented on both sides): its lines
   * end at one right edge of their own. A line ending exactly where the lines before and after it
   * end is not its paragraph's last, whatever the page's frame says.
   */
  private flushWithNeighbours(prev: PdfLine, cur: PdfLine): boolean {
    const before = this.beforeLast;
    const same = (a: PdfLine, b: PdfLine) => a.page === b.page && a.column === b.column && Math.abs(a.x1 - b.x1) <= 0.5 && Math.abs(a.size - b.size) <= 0.3;
    return before !== null && same(before, prev) && same(prev, cur);
  }

  /** Does `prev` wrap into `cur` (the same sentence or fact, continued)? */
  private wraps(prev: PdfLine, cur: PdfLine): boolean {
    if (classifyMetaLine(cur.text)?.labelled || prev.gridCell || cur.gridCell) return false;
    if (this.flushWithNeighbours(prev, cur)) return true;
    if (continuesInstitution(prev, cur)) return true;
    // A word broken at the line's end ("…maritime agree-" / "ments and find …"), however short the line looks.
    if (/\p{Ll}-$/u.test(prev.text) && /^\p{Ll}/u.test(cur.text)) return true;
    if (!isNearlyFull(prev)) return false;
    // One author line after another ("Name, degree, …, Moscow" / "Name, …"), the first long enough to
    // come near the edge by chance: two facts. A justified line ends exactly at the edge, so it still wraps.
    if (!isFlush(prev) && !/[,;:\-–—/(]$/u.test(prev.text) && parseNameLine(cur.text)?.selfEvident && parseNameLine(prev.text)?.selfEvident) {
      return false;
    }
    // An institution line long enough to come near the edge, then the next author's name, said to
    // be one (an honorific, degrees, markers): two facts ("…, Edinburgh, UK" / "Dr Émile Lindqvist").
    // Set ragged right, the institution line may be the page's widest, ending at the frame's edge.
    if ((this.ragged || !isFlush(prev)) && /\p{L}$/u.test(prev.text) && classifyMetaLine(prev.text)?.role === "affiliation" && parseNameLine(cur.text)?.selfEvident) return false;
    // One institution line after another, the first long enough to come near the edge ("…, Edinburgh,
    // UK" / "School of Law, …"): a line that opens an institution starts the next when the line above
    // ended there by choice, on a country as an address does, or with room left for the word that
    // opens the next. A name broken across lines ("…, Massachusetts" / "Institute of Technology")
    // stopped where that word would not fit. Set ragged right, the line may be the page's widest,
    // and so end at the frame's edge without being justified.
    if (
      (this.ragged || !isFlush(prev)) &&
      ENDS_ON_NAME_RE.test(prev.text) &&
      opensInstitution(cur.text) &&
      (endsWithCountry(prev.text) || nextWordFits(prev, cur)) &&
      classifyMetaLine(prev.text)?.role === "affiliation"
    ) {
      return false;
    }
    if (isFull(prev)) return true;
    return /^\p{Ll}/u.test(cur.text) || /[,;:\-–—/(]$/u.test(prev.text) || (words(prev.text) >= 8 && !endsSentence(prev));
  }

  private join(first: string, second: string): string {
    return joinWrapped(first, second, this.vocabulary);
  }
}

/** A line opening with an affiliation's marker: a number, a raised number, a note symbol. */
const OPENS_WITH_MARKER_RE = /^(?:\d{1,2}(?!\d)|[⁰¹²³⁴⁵⁶⁷⁸⁹*∗†‡§¶])/u;

/**
 * An institution broken by hand (LaTeX's "\\" in a centred author block) after a comma:
 * "1Department of …, Universitätsring 1," / "1010 Vienna, Austria". Its place, unmarked and not an
 * institution of its own, continues it, however short the line above.
 */
function continuesInstitution(prev: PdfLine, cur: PdfLine): boolean {
  if (!/,$/u.test(prev.text) || OPENS_WITH_MARKER_RE.test(cur.text) || classifyMetaLine(prev.text)?.role !== "affiliation") return false;
  const next = classifyMetaLine(cur.text);
  return next === null || (next.role === "address" && !next.labelled);
}

/** One line wrapped into the next: a word broken at the line end is joined, with its hyphen only when it is a real compound. */
function joinWrapped(first: string, second: string, vocabulary: Vocabulary): string {
  if (/\u00ad$/u.test(first)) return `${first.slice(0, -1)}${second}`;
  if (/[\p{L}]-$/u.test(first) && /^\p{Ll}/u.test(second)) return joinHyphenated(first, second, vocabulary);
  // "2011–" + "2012", "July/" + "September": the break fell inside a word.
  if (/\S[–—/]$/u.test(first) && /^[\p{L}\p{N}]/u.test(second)) return `${first}${second}`;
  // "00-" + "927": a number broken at its hyphen (a postcode, a grant number).
  if (/\d-$/u.test(first) && /^\d/u.test(second)) return `${first}${second}`;
  return `${first} ${second}`;
}

/** Paragraphs and footnotes of the PDF's pages, in reading order. */
export function pdfParagraphs(pages: readonly PdfPage[]): PdfText {
  const raw = withoutLineNumbersIn(pages).map((page, i) => pageLines(page, i));
  const bodySize = dominantSize(raw.flat());
  const byPage = withoutRunningHeads(pages, raw, bodySize);
  const { body, notes } = splitFootnotes(pages, byPage, bodySize);
  const lines = body.flat();
  const vocabulary = new Vocabulary();
  for (const line of lines) vocabulary.addLine(line.text);
  for (const line of notes) vocabulary.addLine(line.text);
  const builder = new ParagraphBuilder(linePitches(lines), vocabulary, bodySize, isRaggedRight(lines, bodySize));
  lines.forEach((line, i) => builder.add(line, lines[i + 1]));
  return { paragraphs: builder.paragraphs, footnotes: footnoteTexts(notes, vocabulary), bodySize };
}

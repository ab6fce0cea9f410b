/**
 * Accumulates the plain text of one block together with its inline marks
 * (bold, italic, code, safe links), for the Markdown and HTML parsers.
 *
 * Offsets are UTF-16 indexes into the final, trimmed text. Line breaks are
 * kept as "\n" while a block is built (front-matter detection needs the
 * lines of an author block) and become spaces in body text; both are one
 * code unit, so mark offsets never move.
 */
import type { InlineMark } from "./types.ts";

const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/** Only absolute http(s) and mailto links survive; everything else (javascript:, data:, relative) is dropped. */
export function safeHref(href: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href.trim());
    return SAFE_PROTOCOLS.has(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export interface InlineResult {
  text: string;
  marks: InlineMark[];
}

interface OpenMark {
  type: InlineMark["type"];
  href?: string;
  start: number;
}

/** HTML's collapsible whitespace: space, tab, LF, FF, CR (not NBSP). */
const HTML_SPACE_RUN = /[ \t\n\f\r]+/g;

/**
 * The block's text is kept as pieces and joined once in take(): looking at the end of a string
 * built by `+=` (endsWith, a regex, slice) flattens it, so a paragraph of 100,000 "A<br>" cost
 * time quadratic in its length (18 s for 400 KB).
 */
export class InlineText {
  private parts: string[] = [];
  private length = 0;
  /** The last character of the text so far ("" when empty). */
  private last = "";
  /** Whether the text so far has anything but whitespace. */
  private hasText = false;
  private marks: InlineMark[] = [];
  private open: (OpenMark | null)[] = [];

  /** The next text, if it starts with a letter or digit, is set apart by a space (`separateNext`). */
  private separate = false;
  /** The next text, if a capital opens it right after a word, starts a line (`breakBeforeCapital`). */
  private breakCapital = false;

  /** Append text verbatim (Markdown text, <pre> content). */
  appendRaw(s: string): void {
    if (s === "") return;
    if (this.breakCapital) {
      this.breakCapital = false;
      if (/^\p{Lu}/u.test(s) && /[\p{L}\p{N}.)]/u.test(this.last)) this.lineBreak();
    }
    if (this.separate) {
      this.separate = false;
      if (/^[\p{L}\p{N}]/u.test(s)) s = ` ${s}`;
    }
    this.parts.push(s);
    this.length += s.length;
    this.last = s[s.length - 1] ?? "";
    if (!this.hasText && /\S/.test(s)) this.hasText = true;
  }

  /** Append HTML text, collapsing whitespace runs and never doubling a space across appends. */
  appendCollapsed(s: string): void {
    let collapsed = s.replace(HTML_SPACE_RUN, " ");
    if (collapsed.startsWith(" ") && (this.length === 0 || this.last === " " || this.last === "\n")) {
      collapsed = collapsed.slice(1);
    }
    this.appendRaw(collapsed);
  }

  /** A line break; a space just before it is turned into the break so no " \n" pairs appear. */
  lineBreak(): void {
    if (this.last === "\n" || this.length === 0) return;
    if (this.last === " ") {
      const i = this.parts.length - 1;
      this.parts[i] = `${(this.parts[i] ?? "").slice(0, -1)}\n`;
      this.last = "\n";
    } else this.appendRaw("\n");
  }

  openMark(type: InlineMark["type"], href?: string): number {
    this.open.push(href === undefined ? { type, start: this.length } : { type, href, start: this.length });
    return this.open.length - 1;
  }

  /**
   * Starts a line before the next text when a capital opens it right after a word: in an author
   * block, a name's link and the post in the element after it ("<a>Jane Doe</a><span>Senior
   * Fellow</span>") are two lines, not "Jane DoeSenior Fellow".
   */
  breakBeforeCapital(): void {
    this.breakCapital = true;
  }

  /** Sets the next text apart from what was just written when it would run into it (a word, a number). */
  separateNext(): void {
    this.separate = true;
  }

  /** Whether nothing was written since mark `id` opened (a link around only an image, say). */
  isMarkEmpty(id: number): boolean {
    const mark = this.open[id];
    return mark !== null && mark !== undefined && mark.start === this.length;
  }

  closeMark(id: number): void {
    const mark = this.open[id];
    if (!mark) return;
    this.pushMark(mark, this.length);
    this.open[id] = null;
    while (this.open.length > 0 && this.open[this.open.length - 1] === null) this.open.pop();
  }

  get isEmpty(): boolean {
    return !this.hasText;
  }

  /**
   * Finish the current block: trimmed text plus marks shifted to match.
   * Marks still open carry on into the next block from offset 0.
   */
  take(): InlineResult {
    this.separate = false;
    for (const mark of this.open) if (mark) this.pushMark(mark, this.length);
    const raw = this.parts.join("");
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    const marks: InlineMark[] = [];
    for (const m of this.marks) {
      const start = Math.max(0, m.start - lead);
      const end = Math.min(text.length, m.end - lead);
      if (end > start) marks.push({ ...m, start, end });
    }
    marks.sort((a, b) => a.start - b.start || b.end - a.end);
    this.parts = [];
    this.length = 0;
    this.last = "";
    this.hasText = false;
    this.marks = [];
    for (const mark of this.open) if (mark) mark.start = 0;
    return { text, marks };
  }

  private pushMark(mark: OpenMark, end: number): void {
    if (end <= mark.start) return;
    const m: InlineMark = { type: mark.type, start: mark.start, end };
    if (mark.href !== undefined) m.href = mark.href;
    this.marks.push(m);
  }
}

/** Body text reads line breaks as spaces (same length, so marks stay valid). */
export function breaksToSpaces(result: InlineResult): InlineResult {
  return { text: result.text.replace(/\n/g, " "), marks: result.marks };
}

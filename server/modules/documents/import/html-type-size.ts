/**
 * The size of a web page's type, in points, as far as an import needs it: enough to tell a title
 * set by hand in large type (a Writer or Word page's first paragraph) from the text around it.
 * A size comes from an inline style's font-size, the simple rules of the page's own style sheet
 * (`p`, `.name`, `p.name`), a <font size>, or the size a browser gives a heading, <big> or <small>.
 */
import { styleFontSize } from "./inline-style.ts";

/** What a browser sets text in when nothing says otherwise (16px). */
export const DEFAULT_TYPE_SIZE = 12;
/** Outside these a size is nonsense (or hostile), not type. */
const MAX_TYPE_SIZE = 1_000;
const MIN_TYPE_SIZE = 0.1;
/** A page's style sheets are read up to this many characters in all. */
export const MAX_STYLE_SHEET_CHARS = 256 * 1024;

/** Points per unit of an absolute length. */
const UNIT_POINTS: Record<string, number> = { pt: 1, px: 0.75, pc: 12, in: 72, cm: 72 / 2.54, mm: 72 / 25.4, q: 72 / 101.6 };
/** CSS's size keywords, as multiples of "medium". */
const KEYWORD_SCALE: Record<string, number> = {
  "xx-small": 3 / 5, "x-small": 3 / 4, small: 8 / 9, medium: 1, large: 6 / 5, "x-large": 3 / 2, "xx-large": 2, "xxx-large": 3,
};
/** <font size="1"> to "7", as the keywords HTML maps them to (x-small to xxx-large). */
const LEGACY_SCALE = [3 / 4, 8 / 9, 1, 6 / 5, 3 / 2, 2, 3];
/** "larger" and "smaller" step by this. */
const STEP = 1.2;
/** The size a browser sets these elements in, as a multiple of the text around them. */
const ELEMENT_SCALE: Record<string, number> = {
  h1: 2, h2: 1.5, h3: 1.17, h4: 1, h5: 0.83, h6: 0.67, big: STEP, small: 1 / STEP, sub: 1 / STEP, sup: 1 / STEP,
};

const LENGTH_RE = /^(\d*\.?\d+)(pt|px|pc|in|cm|mm|q|em|rem|ex|ch|%)$/;

/** A font-size value (lower case) in points, over text set at `parent`; undefined when it says nothing usable. */
export function resolveFontSize(value: string, parent: number): number | undefined {
  const v = value.trim();
  let size: number | undefined;
  const keyword = KEYWORD_SCALE[v];
  if (keyword !== undefined) size = DEFAULT_TYPE_SIZE * keyword;
  else if (v === "larger") size = parent * STEP;
  else if (v === "smaller") size = parent / STEP;
  else {
    const m = LENGTH_RE.exec(v);
    if (!m) return undefined;
    const n = Number(m[1]);
    const unit = m[2] ?? "";
    if (unit === "em") size = parent * n;
    else if (unit === "%") size = (parent * n) / 100;
    else if (unit === "rem") size = DEFAULT_TYPE_SIZE * n;
    else if (unit === "ex" || unit === "ch") size = (parent * n) / 2;
    else size = n * (UNIT_POINTS[unit] ?? 1);
  }
  return size !== undefined && Number.isFinite(size) && size >= MIN_TYPE_SIZE && size <= MAX_TYPE_SIZE ? size : undefined;
}

/** The size of a <font size="…">: "1" to "7", or "+1"/"-2" from "3". */
export function legacyFontSize(attribute: string): number | undefined {
  const m = /^\s*([+-]?)(\d)\s*$/.exec(attribute);
  if (!m) return undefined;
  const n = Number(m[2]);
  const step = m[1] === "+" ? 3 + n : m[1] === "-" ? 3 - n : n;
  const scale = LEGACY_SCALE[Math.min(7, Math.max(1, step)) - 1] ?? 1;
  return DEFAULT_TYPE_SIZE * scale;
}

/** The size an element is set in by default, over text set at `parent`. */
export function elementSize(name: string, parent: number): number {
  // Nested <big> or <small> go no further than type can.
  return Math.min(MAX_TYPE_SIZE, Math.max(MIN_TYPE_SIZE, parent * (ELEMENT_SCALE[name] ?? 1)));
}

/** A simple selector: an element name, a class, or both ("p", ".title", "p.title"). */
const SIMPLE_SELECTOR_RE = /^([a-z][a-z0-9]*)?(?:\.(-?[_a-z][\w-]*))?$/i;

/**
 * The font sizes a page's style sheets give elements by name and class. Only simple selectors
 * are read: what a word processor writes ("p.western { font-size: 11pt }", ".T1 { … }").
 */
export class StyleSheetSizes {
  private readonly rules = new Map<string, string>();
  private read = 0;

  /** Read the rules of one <style> element. */
  add(css: string): void {
    const text = css.slice(0, Math.max(0, MAX_STYLE_SHEET_CHARS - this.read)).replace(/\/\*[\s\S]*?(?:\*\/|$)/g, " ");
    this.read += text.length;
    // Each rule ends at a "}": its declarations follow the last "{" before it, its selectors come
    // before that (after any "@media … {" that holds it).
    for (const rule of text.split("}")) {
      const open = rule.lastIndexOf("{");
      if (open < 0) continue;
      const size = styleFontSize(rule.slice(open + 1));
      if (size === undefined) continue;
      const selectors = rule.slice(0, open);
      for (const selector of selectors.slice(selectors.lastIndexOf("{") + 1).split(",")) {
        const s = selector.trim().toLowerCase();
        const parts = SIMPLE_SELECTOR_RE.exec(s);
        if (s === "" || !parts) continue;
        this.rules.set(s, size);
      }
    }
  }

  /** The font-size the sheet gives an element named `name` with these classes: the most specific rule's. */
  sizeFor(name: string, className: string): string | undefined {
    if (this.rules.size === 0) return undefined;
    const classes = className.toLowerCase().split(/\s+/).filter((c) => c !== "");
    let found: string | undefined;
    for (const c of classes) found = this.rules.get(`${name}.${c}`) ?? found;
    if (found !== undefined) return found;
    for (const c of classes) found = this.rules.get(`.${c}`) ?? found;
    return found ?? this.rules.get(name);
  }
}

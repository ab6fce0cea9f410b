/**
 * Markdown articles via marked's lexer (never its HTML renderer): headings,
 * paragraphs, nested lists, blockquotes, code, and inline marks. Raw HTML
 * goes through the HTML text extraction, so no tag ever reaches a block.
 */
import { getDefaults, Lexer, type Token, type Tokens } from "marked";
import { makeTitleBlock, sameText, titleBelowCoverLines, titleFromItem } from "./document-title.ts";
import { finishDocument } from "./finish-document.ts";
import { applyFrontMatter, type LinedBlock } from "./front-matter.ts";
import { decodeEntities } from "./entities.ts";
import { cellSeparator, extractHtmlBlocks, MAX_CELL_CHARS } from "./html-blocks.ts";
import { breaksToSpaces, InlineText, safeHref, type InlineResult } from "./inline-text.ts";
import { boundNesting } from "./markdown-nesting.ts";
import { classifyMetaLine, isProseLine, isSectionHeading } from "./meta-lines.ts";
import { parsePlainText } from "./plain-text.ts";
import type { ImportedBlock, ImportedDocument } from "./types.ts";
import { readYamlFrontMatter, type YamlFrontMatter } from "./yaml-front-matter.ts";

/** Inline raw HTML whose content is code or chrome, not prose. */
const HIDDEN_INLINE_TAGS = /^<(script|style|noscript|template|iframe|object|embed|svg|math|textarea|title)\b/i;

/**
 * marked lexes each blockquote level again, so thousands of nested ">" cost
 * quadratic time; past 16 levels the extra markers change nothing a reader sees.
 */
const DEEP_QUOTE_RE = /^((?: {0,3}>[ \t]?){16})(?: {0,3}>[ \t]?)+/gm;

/**
 * A run of more than this many characters without a blank is not prose (words, URLs and
 * identifiers are far shorter), and marked's inline rules rescan the rest of such a run at
 * each delimiter in it: 80 KB of "_a__a" took seconds, 1 MB far longer. Its ASCII punctuation
 * is escaped before the inline pass, so its markup is read literally and in linear time; its
 * text is unchanged (an escape stands for the character). A link or image whose label is short
 * and whose destination is plain URL characters (a data: URI, say) is left as it is. Its label
 * holds no "[": a run of 1 MB of "[" had each of its brackets scanned 200 characters ahead.
 */
const LONG_RUN = 1_000;
const LONG_RUN_RE = new RegExp(`\\S{${LONG_RUN + 1},}`, "g");
const PLAIN_LINK = /!?\[[^[\]\s]{0,200}\]\([A-Za-z0-9+/=:;,.%?&#-]*\)/g;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/g;

const escapePunctuation = (s: string) => s.replace(ASCII_PUNCTUATION, "\\$&");

function literalLongRuns(src: string): string {
  if (src.length <= LONG_RUN) return src;
  return src.replace(LONG_RUN_RE, (run) => {
    let out = "";
    let from = 0;
    for (const link of run.matchAll(PLAIN_LINK)) {
      out += escapePunctuation(run.slice(from, link.index)) + link[0];
      from = link.index + link[0].length;
    }
    return out + escapePunctuation(run.slice(from));
  });
}

/**
 * Emphasis delimiters one inline text may hold and still be read as emphasis. marked looks for
 * each opening "*" or "_" its closing one through the rest of the text, so a paragraph of
 * thousands of them ("*a* **c *a* **c …", 64 KB) took 19 s; past this many, they are its
 * characters as written.
 */
const MAX_EMPHASIS_DELIMITERS = 1_000;
/** An escape (kept as it is: literalLongRuns may have escaped the text already) or a delimiter. */
const ESCAPE_OR_DELIMITER_RE = /\\[\s\S]|[*_]/g;

function literalExcessEmphasis(src: string): string {
  let count = 0;
  for (let at = src.indexOf("*"); at >= 0 && count <= MAX_EMPHASIS_DELIMITERS; at = src.indexOf("*", at + 1)) count++;
  for (let at = src.indexOf("_"); at >= 0 && count <= MAX_EMPHASIS_DELIMITERS; at = src.indexOf("_", at + 1)) count++;
  return count > MAX_EMPHASIS_DELIMITERS ? src.replace(ESCAPE_OR_DELIMITER_RE, (m) => (m.length === 2 ? m : `\\${m}`)) : src;
}

/** marked's lexer, with every inline text (paragraphs, headings, cells) passed through literalLongRuns and literalExcessEmphasis once. */
class BoundedLexer extends Lexer {
  /** Nested spans (the inside of an emphasis or a link) are part of a text already passed through. */
  private depth = 0;

  override inlineTokens(src: string, tokens?: Token[]): Token[] {
    const text = this.depth === 0 ? literalExcessEmphasis(literalLongRuns(src)) : src;
    this.depth++;
    try {
      return super.inlineTokens(text, tokens);
    } finally {
      this.depth--;
    }
  }
}

function lex(text: string): Token[] {
  // Fresh defaults, not the global `marked` options another module may have changed with marked.use().
  return new BoundedLexer({ ...getDefaults(), gfm: true, async: false }).lex(boundNesting(text.replace(DEEP_QUOTE_RE, "$1")));
}

/** Renders inline tokens to text + marks, skipping inline HTML tags (and the content of <script> and friends). */
class InlineRenderer {
  private hiddenTags: string[] = [];
  private readonly out: InlineText;

  constructor(out: InlineText) {
    this.out = out;
  }

  render(tokens: readonly Token[]): void {
    for (const token of tokens) this.renderToken(token);
  }

  private append(text: string): void {
    if (this.hiddenTags.length === 0) this.out.appendRaw(text);
  }

  private renderToken(token: Token): void {
    switch (token.type) {
      case "text": {
        const t = token as Tokens.Text;
        if (t.tokens && t.tokens.length > 0) this.render(t.tokens);
        else this.append(t.escaped ? t.text : decodeEntities(t.text));
        return;
      }
      case "escape":
        this.append((token as Tokens.Escape).text);
        return;
      case "codespan":
        this.marked("code", undefined, () => this.append((token as Tokens.Codespan).text));
        return;
      case "strong":
        this.marked("bold", undefined, () => this.render((token as Tokens.Strong).tokens));
        return;
      case "em":
        this.marked("italic", undefined, () => this.render((token as Tokens.Em).tokens));
        return;
      case "link": {
        const link = token as Tokens.Link;
        this.marked("link", safeHref(link.href), () => this.render(link.tokens));
        return;
      }
      case "br":
        this.out.lineBreak();
        return;
      case "html":
        this.trackHiddenTag((token as Tokens.Tag).text);
        return;
      case "image":
      case "checkbox":
        return;
      default:
        // del and extension tokens: keep their text, without a mark.
        if ("tokens" in token && Array.isArray(token.tokens)) this.render(token.tokens);
    }
  }

  private marked(type: "bold" | "italic" | "code" | "link", href: string | undefined, body: () => void): void {
    const hidden = this.hiddenTags.length > 0;
    const id = hidden || (type === "link" && href === undefined) ? undefined : this.out.openMark(type, href);
    body();
    if (id !== undefined) this.out.closeMark(id);
  }

  private trackHiddenTag(tag: string): void {
    const opening = HIDDEN_INLINE_TAGS.exec(tag);
    if (opening?.[1] && !/\/>\s*$/.test(tag)) {
      this.hiddenTags.push(opening[1].toLowerCase());
      return;
    }
    const closing = /^<\/([a-z]+)/i.exec(tag);
    const name = closing?.[1]?.toLowerCase();
    if (name && this.hiddenTags[this.hiddenTags.length - 1] === name) this.hiddenTags.pop();
  }
}

function renderInline(tokens: readonly Token[]): InlineResult {
  const out = new InlineText();
  new InlineRenderer(out).render(tokens);
  return out.take();
}

interface WalkContext {
  quote: boolean;
}

/** The number an ordered list item opens with, and its "." or ")". */
const ORDERED_MARKER_RE = /^\s{0,3}(\d{1,9}[.)])/;

/** Walks block tokens in reading order, producing blocks with their source lines. */
class MarkdownBuilder {
  readonly items: LinedBlock[] = [];

  walk(tokens: readonly Token[], ctx: WalkContext): void {
    for (const token of tokens) this.block(token, ctx);
  }

  private block(token: Token, ctx: WalkContext): void {
    switch (token.type) {
      case "heading": {
        const h = token as Tokens.Heading;
        this.pushInline(renderInline(h.tokens), ctx.quote ? { kind: "quote" } : { kind: "heading", level: h.depth });
        return;
      }
      case "paragraph":
      case "text": {
        const p = token as Tokens.Paragraph | Tokens.Text;
        const inline = p.tokens ? renderInline(p.tokens) : renderInline([token]);
        this.pushInline(inline, { kind: ctx.quote ? "quote" : "paragraph" });
        return;
      }
      case "list": {
        const list = token as Tokens.List;
        for (const item of list.items) this.listItem(item, 0, list.ordered, ctx);
        return;
      }
      case "blockquote":
        this.walk((token as Tokens.Blockquote).tokens, { quote: true });
        return;
      case "code": {
        const text = (token as Tokens.Code).text.trim();
        if (text !== "") this.items.push({ block: { kind: ctx.quote ? "quote" : "paragraph", text }, lines: [text] });
        return;
      }
      case "html":
        for (const { block, lines } of extractHtmlBlocks((token as Tokens.HTML).text).blocks) {
          this.items.push({ block: ctx.quote && block.kind === "paragraph" ? { ...block, kind: "quote" } : block, lines });
        }
        return;
      case "table": {
        const table = token as Tokens.Table;
        for (const row of [table.header, ...table.rows]) this.tableRow(row.map((cell) => renderInline(cell.tokens)));
        return;
      }
      default:
        return; // space, hr, def: nothing to read
    }
  }

  private listItem(item: Tokens.ListItem, depth: number, ordered: boolean, ctx: WalkContext): void {
    const shape: Omit<ImportedBlock, "text"> = ordered ? { kind: "listItem", depth, ordered: true } : { kind: "listItem", depth };
    // The item's number as typed ("2.", "3)"), for front matter typed as a numbered list.
    let marker = ordered ? ORDERED_MARKER_RE.exec(item.raw)?.[1] : undefined;
    let parts: InlineResult[] = [];
    const flush = () => {
      this.pushInline(joinInline(parts), shape, marker);
      marker = undefined;
      parts = [];
    };
    for (const child of item.tokens) {
      if (child.type === "text" || child.type === "paragraph") {
        const c = child as Tokens.Text | Tokens.Paragraph;
        parts.push(c.tokens ? renderInline(c.tokens) : renderInline([child]));
      } else if (child.type === "list") {
        flush();
        const nested = child as Tokens.List;
        for (const sub of nested.items) this.listItem(sub, depth + 1, nested.ordered, ctx);
      } else if (child.type !== "space" && child.type !== "checkbox") {
        flush();
        this.block(child, ctx);
      }
    }
    flush();
  }

  /**
   * A table row as an HTML table's row reads (html-blocks.ts): its short cells joined into one
   * paragraph, "Estonia | 12% | 30%", so a row stays a row; a row holding long text keeps a
   * paragraph per cell. Empty cells add nothing.
   */
  private tableRow(cells: readonly InlineResult[]): void {
    const filled = cells.filter((cell) => cell.text.trim() !== "");
    if (filled.length < 2 || !filled.every((cell) => cell.text.length <= MAX_CELL_CHARS && !cell.text.includes("\n"))) {
      for (const cell of filled) this.pushInline(cell, { kind: "paragraph" });
      return;
    }
    let text = "";
    let previous = "";
    const marks: InlineResult["marks"] = [];
    for (const cell of filled) {
      if (text !== "") text += cellSeparator(previous);
      previous = cell.text;
      for (const m of cell.marks) marks.push({ ...m, start: m.start + text.length, end: m.end + text.length });
      text += cell.text;
    }
    this.pushInline({ text, marks }, { kind: "paragraph" });
  }

  private pushInline(inline: InlineResult, shape: Omit<ImportedBlock, "text">, marker?: string): void {
    if (inline.text === "") return;
    const lines = inline.text.split("\n").map((l) => l.trim()).filter((l) => l !== "");
    const { text, marks } = breaksToSpaces(inline);
    const block: ImportedBlock = { ...shape, text };
    if (marks.length > 0) block.marks = marks;
    this.items.push(marker === undefined ? { block, lines } : { block, lines, marker });
  }
}

/** Paragraphs of one loose list item read as one item, separated by a space. */
function joinInline(parts: readonly InlineResult[]): InlineResult {
  let text = "";
  const marks: InlineResult["marks"] = [];
  for (const part of parts) {
    if (part.text === "") continue;
    if (text !== "") text += "\n";
    for (const m of part.marks) marks.push({ ...m, start: m.start + text.length, end: m.end + text.length });
    text += part.text;
  }
  return { text, marks };
}

/**
 * The first level-1 heading, else the first heading, else the first line of the first block. A
 * heading is not the title when running prose comes before it, or when it only names a section
 * or a front-matter part ("Introduction", "## Abstract") after other text: the title is then the
 * plain first line above it, as in a file whose sections alone are marked up (the HTML reader's
 * rule too).
 */
function markTitle(items: LinedBlock[]): number {
  const headings = items.map((item, i) => ({ item, i })).filter(({ item }) => item.block.kind === "heading");
  const eligible = ({ item, i }: { item: LinedBlock; i: number }) =>
    i === 0 ||
    (!isSectionHeading(item.block.text) &&
      classifyMetaLine(item.block.text)?.labelOnly !== true &&
      !items.slice(0, i).some((before) => before.block.kind !== "meta" && isProseLine(before.block.text)));
  const candidate = headings.find(({ item }) => item.block.level === 1) ?? headings[0];
  const chosen = candidate && eligible(candidate) ? candidate : undefined;
  if (chosen) {
    const { block } = chosen.item;
    chosen.item.block = { ...makeTitleBlock(block.text), ...(block.marks ? { marks: block.marks } : {}) };
    return chosen.i;
  }
  if (!items[0]) return -1;
  titleFromItem(items, 0);
  return 0;
}

/**
 * Put the YAML front matter's blocks in front of the body: its title first
 * (a first heading repeating it is dropped), then its meta blocks. Without a
 * title there, the body's own title is used and the blocks go just after it.
 * Returns the index of the title block.
 */
function withYamlFrontMatter(items: LinedBlock[], yaml: YamlFrontMatter): number {
  const lined = yaml.blocks.map((block) => ({ block, lines: [block.text] }));
  if (yaml.title === undefined) {
    const titleIndex = markTitle(items);
    items.splice(Math.max(titleIndex + 1, 0), 0, ...lined);
    return titleIndex < 0 && lined.length > 0 ? -1 : titleIndex;
  }
  const first = items[0]?.block;
  if (first?.kind === "heading" && sameText(first.text, yaml.title)) items.shift();
  items.unshift({ block: makeTitleBlock(yaml.title), lines: [yaml.title] }, ...lined);
  return 0;
}

function emptyDocument(): ImportedDocument {
  return { title: "", metadata: { authors: [] }, blocks: [] };
}

export function parseMarkdown(text: string): ImportedDocument {
  const whole = text.replace(/^\uFEFF/, "");
  if (whole.trim() === "") return emptyDocument();
  const yaml = readYamlFrontMatter(whole);
  const source = yaml ? yaml.body : whole;
  const builder = new MarkdownBuilder();
  try {
    builder.walk(lex(source), { quote: false });
  } catch {
    // marked (or the walk over its tokens) gave up on pathological nesting:
    // read the file as plain text rather than failing the import.
    return parsePlainText(source);
  }
  const { body, notes } = separateFootnotes(builder.items);
  const titleIndex = yaml ? withYamlFrontMatter(body, yaml) : titleBelowCoverLines(body, markTitle(body));
  const items = titleIndex >= 0 ? applyFrontMatter(body, titleIndex) : body;
  const title = titleIndex >= 0 ? (items[titleIndex]?.block.text ?? "") : "";
  return finishDocument(title, [...items.map((item) => item.block), ...notes]);
}

/** A footnote's definition, as Pandoc and GitHub write it: "[^label]: text", opening a paragraph. */
const FOOTNOTE_DEFINITION_RE = /^\[\^([^\]\s]{1,100})\]:[ \t]*/;
/** A reference to a footnote in the text: "[^label]". */
const FOOTNOTE_REFERENCE_RE = /\[\^([^\]\s]{1,100})\]/g;

/** `block` with each [start, end) of `edits` replaced by its text, its marks moved (or cut) to match. */
function replaceSpans(block: ImportedBlock, edits: ReadonlyArray<{ start: number; end: number; text: string }>): ImportedBlock {
  let text = block.text;
  let marks = block.marks ?? [];
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    const delta = edit.text.length - (edit.end - edit.start);
    const moved = (at: number) => (at >= edit.end ? at + delta : Math.min(at, edit.start + edit.text.length));
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    marks = marks.map((m) => ({ ...m, start: moved(m.start), end: moved(m.end) })).filter((m) => m.end > m.start);
  }
  const { marks: _old, ...shape } = block;
  return marks.length > 0 ? { ...shape, text, marks } : { ...shape, text };
}

/**
 * Markdown footnotes ("text.[^1]" with "[^1]: The note." anywhere below): each definition leaves
 * the body and follows it as a `footnote` meta block, as a Word or PDF file's notes do; a
 * reference to a defined note reads "[1]", numbered in the order the notes are defined (the
 * way a Word file's references read). Labels without a definition stay as written.
 */
function separateFootnotes(items: readonly LinedBlock[]): { body: LinedBlock[]; notes: ImportedBlock[] } {
  const numbers = new Map<string, number>();
  const notes: ImportedBlock[] = [];
  const body: LinedBlock[] = [];
  for (const item of items) {
    const definition = item.block.kind === "paragraph" ? FOOTNOTE_DEFINITION_RE.exec(item.block.text) : null;
    if (!definition?.[1]) {
      body.push(item);
      continue;
    }
    if (!numbers.has(definition[1])) numbers.set(definition[1], numbers.size + 1);
    const note = replaceSpans(item.block, [{ start: 0, end: definition[0].length, text: "" }]);
    if (note.text.trim() !== "") notes.push({ ...note, kind: "meta", role: "footnote" });
  }
  if (numbers.size === 0) return { body, notes };
  const referenced = (item: LinedBlock): LinedBlock => {
    const edits = [...item.block.text.matchAll(FOOTNOTE_REFERENCE_RE)]
      .filter((m) => m[1] !== undefined && numbers.has(m[1]))
      .map((m) => ({ start: m.index, end: m.index + m[0].length, text: `[${numbers.get(m[1]!)}]` }));
    if (edits.length === 0) return item;
    const block = replaceSpans(item.block, edits);
    return { block, lines: item.lines.map((line) => line.replace(FOOTNOTE_REFERENCE_RE, (ref, label: string) => (numbers.has(label) ? `[${numbers.get(label)}]` : ref))) };
  };
  return { body: body.map(referenced), notes: notes.map((note) => referenced({ block: note, lines: [note.text] }).block) };
}

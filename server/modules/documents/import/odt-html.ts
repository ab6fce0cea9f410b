/**
 * An OpenDocument text's content.xml written out as the HTML mammoth makes of a Word file, for
 * parseHtml:
 * - headings (`text:h`, by outline level) as <h1>–<h6>; the Title and Subtitle styles (or styles
 *   derived from them) as <h1> and <p class="subtitle">; with no Title, a short first paragraph
 *   set at least 1.3 times the size most of the text is set in is the title, as for Word files;
 * - bold and italic from the text styles (a span's, through its parents) and a paragraph's own;
 *   links; line breaks, tabs and runs of spaces (`text:s`);
 * - lists, nested, numbered or bulleted as their list style says at each level; tables (header
 *   rows too); sections;
 * - footnotes and endnotes as mammoth lists them at the end (`<li id="footnote-N">`), with the
 *   reference where the note stood; a text box's paragraphs after the paragraph it is anchored in.
 * Left out of the text: comments (`office:annotation`; a marked writing puts a marker where each
 * starts and ends instead and threads replies under their comments, ReviewMarks), tracked changes' deleted text (ODF keeps it apart from the
 * body, which reads as accepted; marked, where it was), images, the note's own citation number,
 * tables of contents and indexes (generated copies of the headings).
 * The XML is parsed once (htmlparser2, XML mode; its nesting already bounded by zip-limits.ts) and
 * walked once; style chains are followed a bounded number of steps.
 */
import { parseDocument } from "htmlparser2";
import type { ChildNode, Element } from "domhandler";
import { hasVisibleText } from "./document-title.ts";
import { isHandSetTitle, mostUsedSize } from "./hand-set-title.ts";
import { MAX_MARKERS, MAX_WORD_CHANGES, markerChar, type Marker, type WordChange } from "./docx-markers.ts";
import { MAX_WORD_COMMENTS, hangRepliesFromRoots } from "./docx-comments.ts";
import type { WordComment } from "./types.ts";
import { readFormulas } from "./odt-formulas.ts";

interface OdfStyle {
  parent: string | null;
  displayName: string;
  bold: boolean | null;
  italic: boolean | null;
  /** In points; a percentage is kept as a negative factor (-1.5 for 150%), resolved against the parent. */
  size: number | null;
}

/** A style's parent chain is followed this far at most (a loop in a hostile file ends here). */
const MAX_CHAIN = 12;
/** The paragraph size when neither the default style nor any other sets one. */
const FALLBACK_SIZE = 12;

const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, "&quot;");

function parseSize(value: string | undefined): number | null {
  const v = value?.trim() ?? "";
  const pt = /^(\d+(?:\.\d+)?)pt$/.exec(v);
  if (pt) return Number(pt[1]);
  const pct = /^(\d+(?:\.\d+)?)%$/.exec(v);
  return pct ? -Number(pct[1]) / 100 : null;
}

function isBoldWeight(value: string | undefined): boolean | null {
  if (value === undefined) return null;
  return value === "bold" || (/^\d+$/.test(value) && Number(value) >= 600);
}

class StyleFamily {
  private readonly byName = new Map<string, OdfStyle>();

  constructor(private readonly defaultSize: number) {}

  set(name: string, style: OdfStyle): void {
    this.byName.set(name, style);
  }

  private *chain(name: string | null | undefined): Generator<[string, OdfStyle | undefined]> {
    let at = name ?? null;
    for (let i = 0; at !== null && i < MAX_CHAIN; i++) {
      const style = this.byName.get(at);
      yield [at, style];
      at = style?.parent ?? null;
    }
  }

  flag(name: string | null | undefined, key: "bold" | "italic"): boolean {
    for (const [, s] of this.chain(name)) if (s && s[key] !== null) return s[key] === true;
    return false;
  }

  /** The size the style sets (following parents), or null when none in its chain does. */
  size(name: string | null | undefined): number | null {
    let factor = 1;
    for (const [, s] of this.chain(name)) {
      if (!s || s.size === null) continue;
      if (s.size > 0) return s.size * factor;
      factor *= -s.size;
    }
    return factor === 1 ? null : this.defaultSize * factor;
  }

  /** Is the style, or one it derives from, called `wanted` (by name or display name)? */
  derivesFrom(name: string | null | undefined, wanted: RegExp): boolean {
    return this.derivedMatch(name, wanted) !== null;
  }

  /** The match of `wanted` against the name (or display name) of the style or the first it derives from that matches. */
  derivedMatch(name: string | null | undefined, wanted: RegExp): RegExpExecArray | null {
    for (const [n, s] of this.chain(name)) {
      const m = wanted.exec(n) ?? (s === undefined ? null : wanted.exec(s.displayName));
      if (m) return m;
    }
    return null;
  }
}

function attr(e: Element, name: string): string | undefined {
  return e.attribs[name];
}

function elements(nodes: ChildNode[]): Element[] {
  return nodes.filter((n): n is Element => n.type === "tag");
}

function findFirst(nodes: ChildNode[], name: string): Element | null {
  for (const e of elements(nodes)) {
    if (e.name === name) return e;
    const inner = findFirst(e.children, name);
    if (inner) return inner;
  }
  return null;
}

interface Styles {
  paragraph: StyleFamily;
  text: StyleFamily;
  /** List style name -> its numbered levels (1-based). */
  numbered: Map<string, Set<number>>;
  defaultSize: number;
}

function readStyles(roots: ChildNode[][]): Styles {
  let defaultSize = FALLBACK_SIZE;
  const all: Element[] = [];
  const visit = (nodes: ChildNode[]) => {
    for (const e of elements(nodes)) {
      if (e.name === "office:body") continue;
      if (e.name === "style:default-style" && attr(e, "style:family") === "paragraph") {
        const props = elements(e.children).find((c) => c.name === "style:text-properties");
        const size = parseSize(props ? attr(props, "fo:font-size") : undefined);
        if (size !== null && size > 0) defaultSize = size;
      }
      if (e.name === "style:style" || e.name === "text:list-style") all.push(e);
      else visit(e.children);
    }
  };
  for (const root of roots) visit(root);
  const paragraph = new StyleFamily(defaultSize);
  const text = new StyleFamily(defaultSize);
  const numbered = new Map<string, Set<number>>();
  for (const e of all) {
    const name = attr(e, "style:name");
    if (!name) continue;
    if (e.name === "text:list-style") {
      const levels = new Set<number>();
      for (const level of elements(e.children)) {
        // A number format left empty draws nothing: not a numbered level.
        if (level.name === "text:list-level-style-number" && attr(level, "style:num-format") !== "") levels.add(Number(attr(level, "text:level") ?? "1"));
      }
      numbered.set(name, levels);
      continue;
    }
    const family = attr(e, "style:family") === "paragraph" ? paragraph : attr(e, "style:family") === "text" ? text : null;
    if (!family) continue;
    const props = elements(e.children).find((c) => c.name === "style:text-properties");
    const fontStyle = props ? attr(props, "fo:font-style") : undefined;
    family.set(name, {
      parent: attr(e, "style:parent-style-name") ?? null,
      displayName: attr(e, "style:display-name") ?? name.replace(/_20_/g, " "),
      bold: props ? isBoldWeight(attr(props, "fo:font-weight")) : null,
      italic: fontStyle === undefined ? null : fontStyle === "italic" || fontStyle === "oblique",
      size: parseSize(props ? attr(props, "fo:font-size") : undefined),
    });
  }
  return { paragraph, text, numbered, defaultSize };
}

/** Elements whose content stays out of the text. */
const SKIPPED = new Set([
  "office:annotation", "office:annotation-end", "text:tracked-changes", "text:note-citation", "draw:image", "svg:title", "svg:desc",
  "text:table-of-content", "text:alphabetical-index", "text:illustration-index", "text:table-index", "text:object-index",
  "text:user-index", "text:bibliography", "office:forms", "text:sequence-decls", "text:variable-decls", "text:user-field-decls",
  "table:covered-table-cell", "table:table-columns", "table:table-column", "table:table-header-columns",
]);

/** A top-level paragraph as written, for the hand-set title. */
interface TopParagraph {
  at: number;
  inner: string;
  text: string;
  minSize: number;
}

/** A change region of `text:tracked-changes`: its kind, who, when, and a deletion's text. */
interface ChangeRegion {
  kind: "insertion" | "deletion";
  author: string;
  date: string | null;
  deleted: string;
}

/**
 * What a marked writing collects: a private-use marker character written into the text where each
 * comment's range starts and ends and each tracked change sits, as the Word import marks them
 * (docx-markers.ts), and the comments and changes themselves.
 */
export class ReviewMarks {
  readonly markers: Marker[] = [];
  readonly comments: WordComment[] = [];
  readonly changes: WordChange[] = [];
  commentsLeftOut = 0;
  changesLeftOut = 0;
  /** Change id -> its index in `changes`. */
  private readonly changeIndex = new Map<string, number>();
  /** Insertions open at this point of the text, whose text is being collected. */
  readonly openInsertions = new Set<number>();
  private readonly filled = new Set<number>();
  private unnamed = 0;
  /** Names of the comments kept, whose ends are marked. */
  private readonly named = new Set<string>();
  /** A reply -> the name of the comment it answers (loext:parent-name). */
  private readonly parentNames = new Map<WordComment, string>();

  constructor(readonly regions: ReadonlyMap<string, ChangeRegion>) {}

  private mark(marker: Marker): string {
    if (this.markers.length >= MAX_MARKERS) return "";
    this.markers.push(marker);
    return markerChar(this.markers.length - 1);
  }

  comment(e: Element, text: string): string {
    if (this.comments.length >= MAX_WORD_COMMENTS) {
      this.commentsLeftOut++;
      return "";
    }
    const name = attr(e, "office:name");
    const id = name ?? `note-${++this.unnamed}`;
    if (name !== undefined) this.named.add(name);
    const child = (tag: string) => elements(e.children).find((c) => c.name === tag);
    const said = (tag: string) => {
      const c = child(tag);
      return c ? plainText(c).trim() : "";
    };
    const comment: WordComment = { id, author: said("dc:creator"), initials: said("meta:creator-initials"), date: said("dc:date") || null, text, truncated: false, parentId: null, done: attr(e, "loext:resolved") === "true" };
    this.comments.push(comment);
    const parent = attr(e, "loext:parent-name");
    if (parent) this.parentNames.set(comment, parent);
    // A comment with a name has a range up to its office:annotation-end; without one, it sits on a point.
    return this.mark({ kind: name === undefined ? "commentRef" : "commentStart", id });
  }

  /**
   * Replies joined to their threads, once the text is written: Writer saves a reply as a comment of
   * its own whose loext:parent-name is the office:name of the comment it answers (a reply to a reply
   * names that reply). As for a Word file, a reply hangs from its thread's first comment; one whose
   * comment is not among those kept stays a comment of its own.
   */
  threadReplies(): void {
    for (const [c, parent] of this.parentNames) if (this.named.has(parent)) c.parentId = parent;
    hangRepliesFromRoots(this.comments);
  }

  commentEnd(e: Element): string {
    const name = attr(e, "office:name");
    return name === undefined || !this.named.has(name) ? "" : this.mark({ kind: "commentEnd", id: name });
  }

  /** The marker of a change mark (`text:change-start`, `-end`, or `text:change`), or "". */
  change(e: Element): string {
    const id = attr(e, "text:change-id");
    const region = id === undefined ? undefined : this.regions.get(id);
    if (id === undefined || !region) return "";
    let n = this.changeIndex.get(id);
    if (n === undefined) {
      if (this.changes.length >= MAX_WORD_CHANGES) {
        this.changesLeftOut++;
        return "";
      }
      n = this.changes.length;
      this.changes.push({ kind: region.kind, author: region.author, date: region.date, text: region.kind === "deletion" ? region.deleted : "" });
      this.changeIndex.set(id, n);
    }
    if (region.kind === "deletion") return e.name === "text:change" ? this.mark({ kind: "del", change: n }) : "";
    if (e.name === "text:change-start") {
      this.openInsertions.add(n);
      return this.mark({ kind: "insStart", change: n });
    }
    if (e.name === "text:change-end") {
      this.openInsertions.delete(n);
      return this.mark({ kind: "insEnd", change: n });
    }
    return "";
  }

  /** Text written while insertions are open belongs to them, each up to its length (a full one is no longer fed). */
  inserted(text: string): void {
    if (text === "") return;
    for (const n of this.openInsertions) {
      const c = this.changes[n]!;
      c.text += text.slice(0, MAX_CHANGE_TEXT - c.text.length);
      if (c.text.length >= MAX_CHANGE_TEXT) this.filled.add(n);
    }
    for (const n of this.filled) this.openInsertions.delete(n);
    this.filled.clear();
  }
}

/** A change's text is kept up to this length, as for a Word file's. */
const MAX_CHANGE_TEXT = 2_000;

/** The text of an element, paragraphs on lines of their own. */
function plainText(e: Element): string {
  let s = "";
  for (const n of e.children) {
    if (n.type === "text") s += n.data;
    else if (n.type === "tag") {
      if (n.name === "text:line-break") s += "\n";
      else if (n.name === "text:s") s += " ";
      else s += plainText(n) + (n.name === "text:p" || n.name === "text:h" ? "\n" : "");
    }
  }
  return s;
}

/** The change regions of a body's `text:tracked-changes`, by id. */
function readRegions(body: Element): Map<string, ChangeRegion> {
  const regions = new Map<string, ChangeRegion>();
  const tracked = elements(body.children).find((e) => e.name === "text:tracked-changes");
  for (const region of tracked ? elements(tracked.children) : []) {
    const id = attr(region, "text:id");
    const change = elements(region.children).find((c) => c.name === "text:insertion" || c.name === "text:deletion");
    if (!id || !change) continue;
    const info = elements(change.children).find((c) => c.name === "office:change-info");
    const said = (tag: string) => {
      const c = info ? elements(info.children).find((x) => x.name === tag) : undefined;
      return c ? plainText(c).trim() : "";
    };
    const deleted = change.name === "text:deletion" ? elements(change.children).filter((c) => c.name !== "office:change-info").map((c) => plainText(c)).join("").trim().slice(0, MAX_CHANGE_TEXT) : "";
    regions.set(id, { kind: change.name === "text:insertion" ? "insertion" : "deletion", author: said("dc:creator"), date: said("dc:date") || null, deleted });
  }
  return regions;
}

class OdtWriter {
  private readonly notes: string[] = [];
  private readonly top: TopParagraph[] = [];
  private readonly sizes = new Map<number, number>();
  private hasTitle = false;

  constructor(
    private readonly styles: Styles,
    private readonly marks?: ReviewMarks,
    private readonly formulas: ReadonlyMap<Element, string> = new Map(),
  ) {}

  /** The body as HTML. */
  write(body: Element): string {
    const out: string[] = [];
    this.blocks(body.children, out, 0, true);
    this.handSetTitle(out);
    const notes = this.notes.length > 0 ? `<ol>${this.notes.join("")}</ol>` : "";
    return out.join("") + notes;
  }

  private blocks(nodes: ChildNode[], out: string[], listLevel: number, topLevel: boolean, listStyle: string | null = null): void {
    for (const e of elements(nodes)) {
      if (SKIPPED.has(e.name)) continue;
      switch (e.name) {
        case "text:p":
        case "text:h":
          this.paragraph(e, out, topLevel);
          break;
        case "text:list": {
          const style = attr(e, "text:style-name") ?? listStyle;
          const level = listLevel + 1;
          const ordered = style !== null && (this.styles.numbered.get(style)?.has(level) ?? false);
          const tag = ordered ? "ol" : "ul";
          out.push(`<${tag}>`);
          for (const item of elements(e.children)) {
            if (item.name !== "text:list-item" && item.name !== "text:list-header") continue;
            const inner: string[] = [];
            this.blocks(item.children, inner, level, false, style);
            // mammoth's shape: an item's first paragraph as its text, nested lists after it.
            out.push(`<li>${inner.join("").replace(/^<p>([\s\S]*?)<\/p>/, "$1")}</li>`);
          }
          out.push(`</${tag}>`);
          break;
        }
        case "table:table":
          out.push("<table>");
          this.rows(e.children, out);
          out.push("</table>");
          break;
        default:
          // Sections, change marks between blocks, soft page breaks: what they hold, in order.
          this.blocks(e.children, out, listLevel, topLevel, listStyle);
      }
    }
  }

  private rows(nodes: ChildNode[], out: string[]): void {
    for (const e of elements(nodes)) {
      if (e.name === "table:table-row") {
        out.push("<tr>");
        for (const cell of elements(e.children)) {
          if (cell.name !== "table:table-cell") continue;
          const inner: string[] = [];
          this.blocks(cell.children, inner, 0, false);
          out.push(`<td>${inner.join("")}</td>`);
        }
        out.push("</tr>");
      } else if (!SKIPPED.has(e.name)) this.rows(e.children, out);
    }
  }

  private paragraph(e: Element, out: string[], topLevel: boolean): void {
    const style = attr(e, "text:style-name") ?? null;
    const { paragraph } = this.styles;
    let tag = "p";
    let cls = "";
    if (e.name === "text:h") tag = `h${Math.min(6, Math.max(1, Number(attr(e, "text:outline-level") ?? "1") || 1))}`;
    else if (paragraph.derivesFrom(style, /^Title$/i)) tag = "h1";
    else if (paragraph.derivesFrom(style, /^Subtitle$/i)) cls = ` class="subtitle"`;
    else {
      const heading = paragraph.derivedMatch(style, /^Heading(?: |_20_)([1-6])$/i);
      if (heading) tag = `h${heading[1]}`;
    }
    if (tag === "h1" && e.name !== "text:h") this.hasTitle = true;
    const boxes: string[] = [];
    const run = { min: Infinity, text: "" };
    const baseSize = paragraph.size(style) ?? this.styles.defaultSize;
    let inner = this.inline(e.children, boxes, baseSize, run);
    if (tag === "p" && paragraph.flag(style, "bold")) inner = `<strong>${inner}</strong>`;
    if (tag === "p" && !cls && paragraph.flag(style, "italic")) inner = `<em>${inner}</em>`;
    const { text } = run;
    if (topLevel && tag === "p" && !cls) this.top.push({ at: out.length, inner, text, minSize: run.min });
    if (hasVisibleText(text)) this.sizes.set(run.min, (this.sizes.get(run.min) ?? 0) + text.length);
    out.push(`<${tag}${cls}>${inner}</${tag}>`, ...boxes);
  }

  /** The paragraph's inline content as HTML; `run` gathers its text and the smallest size any of it is set in. */
  private inline(nodes: ChildNode[], boxes: string[], size: number, run: { min: number; text: string }): string {
    let html = "";
    for (const n of nodes) {
      if (n.type === "text") {
        run.text += n.data;
        if (/\S/.test(n.data)) run.min = Math.min(run.min, size);
        html += escapeText(n.data);
        this.marks?.inserted(n.data);
        continue;
      }
      if (n.type !== "tag") continue;
      if (this.marks) {
        if (n.name === "office:annotation") {
          const text = elements(n.children).filter((c) => c.name === "text:p" || c.name === "text:h" || c.name === "text:list").map((c) => plainText(c)).join("").trim();
          html += this.marks.comment(n, text);
          continue;
        }
        if (n.name === "office:annotation-end") {
          html += this.marks.commentEnd(n);
          continue;
        }
        if (n.name === "text:change" || n.name === "text:change-start" || n.name === "text:change-end") {
          html += this.marks.change(n);
          continue;
        }
      }
      if (SKIPPED.has(n.name)) continue;
      const a = (name: string) => attr(n, name);
      switch (n.name) {
        case "text:span": {
          const style = a("text:style-name");
          let inner = this.inline(n.children, boxes, this.styles.text.size(style) ?? size, run);
          if (this.styles.text.flag(style, "italic")) inner = `<em>${inner}</em>`;
          if (this.styles.text.flag(style, "bold")) inner = `<strong>${inner}</strong>`;
          html += inner;
          break;
        }
        case "text:a":
          html += `<a href="${escapeAttr(a("xlink:href") ?? "")}">${this.inline(n.children, boxes, size, run)}</a>`;
          break;
        case "text:s":
          html += " ".repeat(Math.min(1000, Math.max(1, Number(a("text:c") ?? "1") || 1)));
          break;
        case "text:tab":
          html += "\t";
          break;
        case "text:line-break":
          html += "<br>";
          break;
        case "text:note": {
          const id = this.notes.length + 1;
          const body = findFirst(n.children, "text:note-body");
          const inner: string[] = [];
          if (body) this.blocks(body.children, inner, 0, false);
          // The back-link closes the note's last paragraph, as mammoth writes it.
          const written = inner.join("");
          const end = written.lastIndexOf("</p>");
          const content = end < 0 ? written : `${written.slice(0, end)} <a href="#footnote-ref-${id}">↑</a>${written.slice(end)}`;
          this.notes.push(`<li id="footnote-${id}">${content}</li>`);
          html += `<sup><a href="#footnote-${id}" id="footnote-ref-${id}">[${id}]</a></sup>`;
          break;
        }
        case "draw:text-box":
          this.blocks(n.children, boxes, 0, false);
          break;
        case "draw:object": {
          // A formula: its text (odt-formulas.ts); any other object holds no text of the article.
          const formula = this.formulas.get(n);
          if (formula !== undefined) {
            run.text += formula;
            html += escapeText(formula);
            this.marks?.inserted(formula);
          }
          break;
        }
        default:
          // Frames, bookmarks, fields (dates, page numbers), change marks: what they hold.
          html += this.inline(n.children, boxes, size, run);
      }
    }
    return html;
  }

  /** With no paragraph in the Title style, the first paragraph, short and in type much larger than the body's, is the title. */
  private handSetTitle(out: string[]): void {
    if (this.hasTitle) return;
    const first = this.top.find((p) => hasVisibleText(p.text));
    if (!first || out.slice(0, first.at).some((h) => /^<h[1-6]/.test(h))) return;
    if (isHandSetTitle(first.text, first.minSize, mostUsedSize(this.sizes, this.styles.defaultSize))) out[first.at] = `<h1>${first.inner}</h1>`;
  }
}

/** An OpenDocument text read once, to be written as HTML with or without review marks. */
export interface OdtSource {
  body: Element | null;
  /** The text of each formula object in the body (odt-formulas.ts). */
  formulas: Map<Element, string>;
  styles: Styles;
  title: string | undefined;
  /** Comments or tracked changes in the body. */
  reviewed: boolean;
}

export function readOdt(content: string, stylesXml: string, metaXml: string, part: (name: string) => string | null = () => null): OdtSource {
  const contentDoc = parseDocument(content, { xmlMode: true });
  const stylesDoc = parseDocument(stylesXml, { xmlMode: true });
  const body = findFirst(contentDoc.children, "office:text");
  const styles = readStyles([stylesDoc.children, contentDoc.children]);
  const title = /<dc:title>([^<]*)<\/dc:title>/.exec(metaXml)?.[1]?.trim();
  const reviewed = body !== null && (findFirst(body.children, "office:annotation") !== null || findFirst(body.children, "text:changed-region") !== null);
  return { body, formulas: body ? readFormulas(body, part) : new Map(), styles, title, reviewed };
}

/** The text as an HTML page; with `marks`, review markers written in and the comments and changes collected there. */
export function odtToHtml(source: OdtSource, marks?: ReviewMarks): string {
  const head = source.title ? `<title>${escapeText(source.title)}</title>` : "";
  return `<html><head>${head}</head><body>${source.body ? new OdtWriter(source.styles, marks, source.formulas).write(source.body) : ""}</body></html>`;
}

/** Review marks for a writing of `source`, with its tracked changes read. */
export function reviewMarksFor(source: OdtSource): ReviewMarks {
  return new ReviewMarks(source.body ? readRegions(source.body) : new Map());
}

/**
 * Walks HTML with htmlparser2's streaming parser and emits text blocks.
 *
 * Only text ever leaves this module: tags and attributes are dropped (marks
 * keep just a type and, for links, a vetted http(s)/mailto href), and the
 * contents of script-like elements are skipped entirely. The walk keeps its
 * own stack instead of recursing, so deeply nested input cannot overflow.
 */
import { Parser } from "htmlparser2";
import { latexmlPart, NoteGathering, type LatexmlPart } from "./html-latexml.ts";
import { CitationTags } from "./citation-tags.ts";
import type { LinedBlock } from "./front-matter.ts";
import { breaksToSpaces, InlineText, safeHref } from "./inline-text.ts";
import { MAX_LINKED_DATA_CHARS, readLinkedData } from "./linked-data.ts";
import { mostUsedSize } from "./hand-set-title.ts";
import { DEFAULT_TYPE_SIZE, elementSize, legacyFontSize, MAX_STYLE_SHEET_CHARS, resolveFontSize, StyleSheetSizes } from "./html-type-size.ts";
import { styleFontSize, styleHides } from "./inline-style.ts";
import { classifyMetaLine, noteSentences } from "./meta-lines.ts";
import { formulaTex, MathReading } from "./html-mathml.ts";
import { AND_WORDS } from "./label-words.ts";
import { parseNameLine } from "./names.ts";
import type { ImportedBlock, InlineMark, MetaRole } from "./types.ts";
import { isWrittenFromData, metaBlock } from "./written-meta.ts";

/** Elements whose content is never text for the reader (or is hostile). */
const DROPPED = new Set([
  "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "canvas",
  "audio", "video", "select", "textarea", "button", "noembed", "noframes", "frameset", "applet",
]);

const BLOCK_LEVEL = new Set([
  "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
  "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
  "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p",
  "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
]);

const MARK_TAGS: Record<string, InlineMark["type"]> = {
  b: "bold", strong: "bold", i: "italic", em: "italic", code: "code", kbd: "code", samp: "code", tt: "code",
};

const META_CLASS_RE = /author|affiliation|byline|abstract|keywords/i;
/** A formula's TeX is cut at this many characters. */
const MAX_FORMULA_CHARS = 10_000;
/** MediaWiki's formula: a hidden MathML copy and an image whose alt text is the TeX. */
const MEDIAWIKI_FORMULA_RE = /(^|\s)mwe-math-element(\s|$)/;
const MEDIAWIKI_FORMULA_IMAGE_RE = /(^|\s)mwe-math-fallback-image(-inline|-display)?(\s|$)/;
/** Notes inside notes read apart, at most this deep (deeper ones stay in the note around them). */
const MAX_NOTE_NESTING = 4;
/** A note read out of its paragraph is cut at this many characters (a page's notes are short; a hostile one is not). */
const MAX_NOTE_CHARS = 20_000;
/** Elements that frame the whole page or article: their classes never make them author matter. */
const PAGE_FRAME = new Set(["html", "body", "main", "article"]);
/** The id mammoth gives a Word footnote or endnote item, and the href of the "↑" link back from it. */
const NOTE_ID_RE = /^(?:foot|end)note-\d+$/;
/** An orcid.org address of one iD. */
const ORCID_LINK_RE = /^https?:\/\/(?:www\.)?orcid\.org\/\d{4}-\d{4}-\d{4}-\d{3}[\dX]\/?$/i;
/**
 * The href of a note's link back to its reference: mammoth's "#footnote-ref-3", Google Docs'
 * "#ftnt_ref3", WordPress's and Markdown renderers' "#fnref-412-1", "#fnref:1", "#fnref1", Substack's
 * "#footnote-anchor-1", the WordPress footnotes block's "#<uuid>-link". Only a note links back so; the note is the block it sits in.
 */
const NOTE_BACKLINK_RE = /^#(?:(?:foot|end)note-ref-\d+|ftnt_ref\d+|fnref[-:_]?[\w-]*\d|footnote-anchor-\d+|[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}-link)$/i;
/** Table cells of one row read as one paragraph, "cell | cell", when each is a short line. */
export const CELL_SEPARATOR = " | ";
/**
 * What is set between a row's cells, after the cell `before`: " | ", but a space after a label
 * cell ("TO:" beside "Deputy Secretary" reads "TO: Deputy Secretary", as a form or a memo's
 * header table prints it). Given the cell, not the row so far: a row of many cells is read once.
 */
export function cellSeparator(before: string): string {
  const last = before.at(-1);
  return last === ":" || last === "：" ? " " : CELL_SEPARATOR;
}
export const MAX_CELL_CHARS = 300;
/**
 * The page's root elements: a style hiding them is a page's guard against a flash of unstyled
 * text, lifted by its script once the page has loaded, not text the reader never sees.
 */
const PAGE_ROOTS = new Set(["html", "body"]);
/** Text for screen readers only, or hidden from them as decoration: not part of the article. */
const HIDDEN_CLASS_RE = /(?:^|\s)(?:sr-only|visually-hidden|visuallyhidden|screen-reader-text|screenreader-only|pkp_screen_reader|a11y-hidden)(?:\s|$)/i;
/**
 * Blog and news platforms' furniture around and inside a post, by the class or id their themes give it
 * (WordPress core themes, Jetpack, Yoast, AddToAny, Substack): the site's header and footer, share
 * buttons, related-post lists, post navigation, comments, category and tag links, sign-up and
 * subscribe boxes (Substack's "subscription-widget-wrap-editor", "subscribe-footer"), a navigation bar,
 * the section's name over a headline (a kicker, eyebrow, overline or section label).
 */
const FURNITURE_CLASS_RE =
  /(?:^|\s)(?:site-header|site-footer|site-branding|sharedaddy|sharing|share-buttons?|social-share|addtoany|a2a_kit|jp-relatedposts|related-posts|yarpp-related|post-navigation|nav-links|comments-area|comment-respond|cat-links|tags-links|edit-link|subscription-widget-wrap|subscribe-widget|newsletter-signup|share|shares|share-bar|share-tools|share-links|social|social-links|social-icons|related|related-content|related-articles|related-links|newsletter|newsletter-box|breadcrumbs?|paywall|cookie-banner|cookie-notice|eyebrow|kicker|overline|section-label|section-name|comments|comment-list|commentlist|(?:wp-block|post|article|story|entry)-comments|comments-(?:area|section|list|wrapper|container)|wp-block-post-terms|(?:wp-block-)?site-(?:title|logo|tagline|description)|(?:subscribe|subscription)(?:-[\w-]+)?|navbar(?:-[\w-]+)?|(?:page|global|publication)-footer|footer-wrap|read-more|read-more-wrap|read-next|(?:[\w]+-)?(?:reading|read)-time|(?:more|related|recommended|popular|trending)-(?:stories|articles|posts|reads|news))(?:\s|$)/i;
/** A link that shares the page (a social network's share endpoint, an e-mail with only a subject): a button, not the article's. */
const SHARE_HREF_RE =
  /^(?:https?:\/\/(?:www\.)?(?:(?:twitter|x)\.com\/(?:intent\/|share)|facebook\.com\/sharer|linkedin\.com\/(?:share|sharing|shareArticle)|reddit\.com\/submit|pinterest\.com\/pin\/create|api\.whatsapp\.com\/send|wa\.me\/\?|t\.me\/share|bsky\.app\/intent)|mailto:\?)/i;
/** A link to the page's comments ("12 Comments", "Leave a comment", a comment counter): WordPress's "#comments" and "#respond", Disqus's, Substack's ".../comments". */
const COMMENTS_HREF_RE = /(?:#(?:comments|respond|disqus_thread)|\/comments\/?)$/i;
/**
 * A link to the site's account pages: signing in or up, following the author, a follower count, a
 * members' portal ("Sign in", "Follow", "2.1K followers", Ghost's "#/portal/signup", Medium's "/m/signin").
 */
const ACCOUNT_HREF_RE =
  /^(?:(?:https?:\/\/[^/?#]+)?\/(?:[^?#]*\/)?(?:m\/signin|sign-?in|sign-?up|log-?in|register|followers|following)(?:[/?#]|$)|(?:https?:\/\/[^#]*)?#\/portal\/)/i;
/** Controls of the page (a print or subscribe button, a drop-down): their words are the page's, not the article's. */
const CONTROL_ELEMENTS = new Set(["button", "select", "textarea"]);
/** A link styled as a button: Substack's "button primary", WordPress's "wp-block-button__link", Bootstrap's "btn", Ghost's "kg-btn". */
const BUTTON_CLASS_RE = /(?:^|\s)(?:[\w-]*[-_])?(?:button|btn)(?:__link)?(?:\s|$)/i;
const FURNITURE_ID_RE = /^(?:masthead|colophon|comments|respond|jp-relatedposts)$/i;
/** Words a byline puts before the name ("by Jane Doe"), in the languages label-words.ts covers. */
const BYLINE_WORD_RE = /^(?:by|par|por|von|di|da|door|av|przez|от)$/i;
/**
 * What a journal page sets between its author elements ("<span class="author">A</span>, <span
 * class="author">B</span> and …"): commas, "and", an ampersand, a middle dot. Not a line of its own.
 */
const NAME_SEPARATOR_LINE_RE = new RegExp(`^(?:[\\s,;&|·•/]|(?<![\\p{L}])${AND_WORDS}(?![\\p{L}]))+$`, "iu");
/**
 * A heading that opens what a page lists after an article: its responses or comments, more stories by
 * the author or the site ("Responses (12)", "More from Noor Haddad", "Recommended from Medium").
 */
const CLOSING_HEADING_RE =
  /^(?:(?:responses|comments|replies|discussion|reader comments)(?:\s*\(\d+\))?|\d+\s+(?:responses|comments|replies)|(?:more|recommended)\s+from\s+.{1,80}|related\s+(?:stories|articles|posts|reading)|read\s+next|you\s+(?:may|might)\s+also\s+like|more\s+stories)$/i;
/** Drupal's field wrapper and its label ("<div class="field field--name-field-topics"><div class="field__label">Topics</div>…"). */
const FIELD_CLASS_RE = /(?:^|\s)field(?:\s|$)/;
const FIELD_LABEL_CLASS_RE = /(?:^|\s)field__label(?:\s|$)/;
/** Landmarks of the site around an article, not the article. */
const CHROME_ROLES = new Set(["navigation", "banner", "contentinfo", "search", "complementary"]);
/**
 * Elements that are the site's chrome when they sit outside the article. A
 * page's <header> stays: it often holds the article's title and byline.
 */
const PAGE_CHROME = new Set(["footer", "aside"]);
const SUBTITLE_CLASS_RE = /(?:\b|Mso)subtitle\b/i;
/** A paragraph styled as the document's title: Word's "MsoTitle", Google Docs' "title". */
const TITLE_CLASS_RE = /(?:^|\s)(?:MsoTitle|title)(?:\s|$)/i;
const STANDFIRST_CLASS_RE = /\b(?:standfirst|dek|deck)\b/i;
/** The microformats2 summary of an h-entry (a blog post's or a Medium story's teaser). */
const H_ENTRY_SUMMARY_RE = /(?:^|\s)p-summary(?:\s|$)/;

/** What kind of block the text inside an element becomes; the innermost context wins. */
type Context =
  | { type: "heading"; level: number }
  | { type: "listItem"; depth: number; ordered: boolean; number?: number }
  | { type: "quote" }
  | { type: "meta"; fallback: MetaRole; sentences?: true }
  | { type: "subtitle" }
  | { type: "standfirst" }
  | { type: "pre" }
  | { type: "footnote" }
  | { type: "caption" };

interface OpenElement {
  name: string;
  dropped: boolean;
  block: boolean;
  context?: Context;
  list?: boolean;
  markId?: number;
  /** A link to an ORCID iD (its address): written out when the link shows nothing but an image. */
  orcid?: string;
  /** An <article>, <main> or role="main": inside it, header and footer are the article's own. */
  article?: boolean;
  /** A <tr>: the index of the first block its cells made. */
  rowStart?: number;
  /** An article's own <footer>: the index of the first block it made. */
  footerStart?: number;
  /** The size its text is set in, in points. */
  size: number;
  /** A <header> outside the article: the index of the first block it made, and whether it holds navigation or a heading. */
  banner?: { start: number; navigation: boolean; heading: boolean };
  /** A link to one of the site's tag or category pages. */
  taxonomy?: boolean;
  /** A content management system's labelled field (Drupal's "field"): the index of its first block, and of its label's. */
  field?: { start: number; label?: number };
  /** A LaTeXML note's text (html-latexml.ts): gathered as a note of its own, not the paragraph's. */
  noteBody?: boolean;
  /** Inside a LaTeXML note's text, its number or its mark again: kept out of the note's words. */
  noteLabel?: "number" | "mark";
  /** Inside a LaTeXML note's text, something the page hides: kept out of the note. */
  noteHidden?: true;
  /** A `<math>` without its TeX, read by `MathReading` until it closes. */
  mathRoot?: true;
  /** A wiki's formula (MediaWiki's `mwe-math-element`): its MathML and its image say it twice; one is read. */
  formula?: { read: boolean };
}

export interface HtmlExtraction {
  blocks: LinedBlock[];
  /** Text of the first <title>, whitespace collapsed. */
  documentTitle?: string;
  /** The page's bibliographic <meta> tags. */
  tags: CitationTags;
  /**
   * The blocks of an article's own <footer> that holds a byline (a blog post's or a Medium
   * export's "By … on …", its canonical link), taken out of the reading order: html.ts places them.
   */
  footer: LinedBlock[];
  /**
   * All the text came from <pre> elements: a plain-text file saved as HTML
   * (LibreOffice does this), to be read as plain text.
   */
  preformattedOnly: boolean;
  /** The size (points) most of each block's text is set in. */
  typeSizes: ReadonlyMap<ImportedBlock, number>;
  /** The size (points) most of the page's text is set in. */
  bodySize: number;
}

/** A class token naming a last-modified stamp: "updated", "updated-time", "date-modified", "dt-updated" (not "live-update", an update's own text). */
const MODIFIED_TOKEN_RE = /^(?:[\w]+[-_])*(?:updated|modified)(?:[-_][\w]+)*$/i;
const PUBLISHED_TOKEN_RE = /^(?:[\w]+[-_])*published(?:[-_][\w]+)*$/i;

/** A post's last-modified stamp beside its date, by its class: a <time> or a short inline element, never a block of text. */
function isLastModified(name: string, className: string): boolean {
  if (name !== "time" && name !== "span") return false;
  const tokens = className.split(/\s+/);
  return tokens.some((t) => MODIFIED_TOKEN_RE.test(t)) && !tokens.some((t) => PUBLISHED_TOKEN_RE.test(t));
}

/** A byline in an article's footer: a block marked up as author matter, or "By Jane Doe on March 3, 2024." */
export function isFooterByline(block: ImportedBlock): boolean {
  if (block.kind === "meta") return block.role !== "footnote" && block.role !== "other";
  return block.kind === "paragraph" && parseNameLine(block.text)?.selfEvident === true;
}

function metaFallback(name: string, className: string): MetaRole {
  if (name === "address") return "address";
  if (/abstract/i.test(className)) return "abstract";
  if (/keywords/i.test(className)) return "keywords";
  return /affiliation/i.test(className) ? "affiliation" : "author";
}

function metaRole(line: string, fallback: MetaRole): MetaRole {
  const name = parseNameLine(line);
  // In an author element, a name with details ("Jane Doe (University of X)") is the author.
  if (fallback === "author" && name) return "author";
  const cls = classifyMetaLine(line);
  if (cls) return cls.role;
  if (name) return "author";
  return fallback === "author" ? (/^by\s/i.test(line) ? "author" : "other") : fallback;
}

class HtmlBlockWalker {
  readonly blocks: LinedBlock[] = [];
  readonly footer: LinedBlock[] = [];
  readonly tags = new CitationTags();
  documentTitle?: string;
  private readonly stack: OpenElement[] = [];
  private readonly inline = new InlineText();
  private droppedDepth = 0;
  /** The text gathering now is a note (its back-link was seen in it). */
  private noteParagraph = false;
  /** A LaTeXML note being read out of its paragraph, and the notes read so far (put after the text). */
  private readonly noteGathering: NoteGathering[] = [];
  private noteLabelDepth = 0;
  private noteHiddenDepth = 0;
  private readonly inlineNotes: string[] = [];
  /** How many <article>/<main> elements are open around the current one. */
  private articleDepth = 0;
  /** Names of the open ul/ol/menu elements, innermost last. */
  private readonly lists: string[] = [];
  /** The number of the last item of each open list (counting from its start), innermost last. */
  private readonly itemNumbers: number[] = [];
  /** Contexts of the open elements that have one, innermost last. */
  private readonly contexts: Context[] = [];
  private titleText: string | null = null;
  /** A byline's "by" in an element of its own, put before the name that follows it. */
  private bylineWord: string | null = null;
  /** An <article> holding the title (an <h1>) is open, or has closed with no <main> around it. */
  private titledArticle = false;
  private titledArticleClosed = false;
  /** A heading after that article opened the page's closing lists (responses, more stories): nothing after it is the article's. */
  private pageTail = false;
  /** How many links to tag or category pages are open, and the characters written inside them in the block gathering now. */
  private taxonomyDepth = 0;
  private taxonomyChars = 0;
  /** The text of an open <script type="application/ld+json">, read for its schema.org article. */
  private linkedDataText: string | null = null;
  private dropRest = false;
  /** The text of an open <style>, and the sizes the page's style sheets give. */
  private styleText: string | null = null;
  private styleSheetChars = 0;
  private readonly sheet = new StyleSheetSizes();
  /** Characters set in each size (points), in the block gathering now and on the whole page. */
  private blockChars = new Map<number, number>();
  readonly pageChars = new Map<number, number>();
  readonly typeSizes = new Map<ImportedBlock, number>();
  /** Blocks emitted from <pre> and from anything else, to spot a plain-text file in an HTML wrapper. */
  preBlocks = 0;
  /** The `<math>` being read (one without its TeX), if any. */
  private math: MathReading | null = null;
  otherBlocks = 0;

  open(name: string, attribs: Record<string, string>): void {
    const className = attribs.class ?? "";
    const latexml = latexmlPart(className);
    if (this.noteGathering.length > 0) {
      // Inside a note's text, its number (or mark) again: noted, and left out of its words; what
      // the page hides there (a script, a hidden element, LaTeXML's "thanks:" type) is no part of
      // it; a note inside the note is a note of its own.
      const label = latexml === "noteNumber" ? "number" : latexml === "noteMark" ? "mark" : undefined;
      const hidden = DROPPED.has(name) || "hidden" in attribs || styleHides(attribs.style) || attribs["aria-hidden"] === "true" || latexml === "noteType";
      const inner = latexml === "noteBody" && this.noteGathering.length < MAX_NOTE_NESTING;
      if (label) this.noteLabelDepth++;
      if (hidden) this.noteHiddenDepth++;
      if (inner) this.noteGathering.push(new NoteGathering());
      this.stack.push({ name, dropped: true, block: false, size: this.currentSize, ...(label ? { noteLabel: label } : {}), ...(hidden ? { noteHidden: true } : {}), ...(inner ? { noteBody: true } : {}) });
      this.droppedDepth++;
      return;
    }
    // Only the first <title> is read; any later one is ignored like a script.
    const extraTitle = name === "title" && (this.documentTitle !== undefined || this.titleText !== null);
    // A LaTeXML note's text is gathered apart (its mark stays in the paragraph); a list item's drawn label goes.
    const noteBody = latexml === "noteBody" && this.droppedDepth === 0 && !this.dropRest;
    const dropped =
      this.dropRest ||
      this.droppedDepth > 0 ||
      DROPPED.has(name) ||
      "hidden" in attribs ||
      (styleHides(attribs.style) && !PAGE_ROOTS.has(name)) ||
      extraTitle ||
      noteBody ||
      (latexml === "itemLabel" && this.lists.length > 0) ||
      latexml === "authorSeparator" ||
      this.isChrome(name, attribs);
    const el: OpenElement = { name, dropped, block: BLOCK_LEVEL.has(name) || latexml === "contact", size: this.currentSize, ...(noteBody ? { noteBody } : {}) };
    if (noteBody) this.noteGathering.push(new NoteGathering());
    const banner = this.innermost("banner");
    if (banner && (name === "nav" || attribs.role === "navigation")) banner.navigation = true;
    if (banner && !dropped && /^h[1-6]$/.test(name)) banner.heading = true;
    // A wiki's formula shown as an image (hidden from screen readers, which get its MathML): its alt text is its TeX.
    if (name === "img" && this.droppedDepth === 0 && !this.dropRest && MEDIAWIKI_FORMULA_IMAGE_RE.test(className) && !("hidden" in attribs) && !styleHides(attribs.style) && (attribs.alt ?? "").trim() !== "") {
      this.formula(attribs.alt!);
    }
    if (dropped) {
      // A formula's MathML reads as a jumble of its symbols; its TeX (LaTeXML and MathJax write it as
      // alttext) is what it says: "x_{i}". Without alttext, the MathML is read into that form (html-mathml.ts).
      if (this.math) this.math.enter(name, attribs, (DROPPED.has(name) && name !== "math") || "hidden" in attribs || styleHides(attribs.style));
      else if (name === "math" && this.droppedDepth === 0 && !this.dropRest && !("hidden" in attribs)) {
        if ((attribs.alttext ?? "").trim() !== "") this.formula(attribs.alttext!);
        else {
          this.math = new MathReading(attribs);
          el.mathRoot = true;
        }
      }
      if (name === "style" && this.droppedDepth === 0 && !this.dropRest) this.styleText = "";
      if (name === "script" && this.droppedDepth === 0 && !this.dropRest && /^application\/ld\+json\b/i.test((attribs.type ?? "").trim())) {
        this.linkedDataText = "";
      }
      this.droppedDepth++;
      this.stack.push(el);
      return;
    }
    if (name === "title") this.titleText = "";
    if (name === "h1" && this.articleDepth > 0 && this.stack.some((open) => open.name === "article")) this.titledArticle = true;
    el.size = this.sizeOf(name, attribs);
    if (name === "meta" && attribs.name !== undefined && attribs.content !== undefined) this.tags.add(attribs.name, attribs.content);
    if (name === "tr") el.rowStart = this.blocks.length;
    if (name === "article" || name === "main" || attribs.role === "main") {
      el.article = true;
      this.articleDepth++;
    }
    if (name === "footer" && this.articleDepth > 0 && !this.inArticleFooter()) {
      this.flush();
      el.footerStart = this.blocks.length;
    }
    const context = this.contextFor(name, className, attribs, latexml);
    if (context) {
      el.context = context;
      el.block = true; // a class="author" span still gets its own block
    }
    if (el.block) this.flush();
    if (name === "header" && this.articleDepth === 0 && !banner) el.banner = { start: this.blocks.length, navigation: false, heading: false };
    if (FIELD_CLASS_RE.test(className)) el.field = { start: this.blocks.length };
    const field = FIELD_LABEL_CLASS_RE.test(className) ? this.innermost("field") : undefined;
    if (field && field.label === undefined && field.start === this.blocks.length) field.label = this.blocks.length;
    if (el.context) this.contexts.push(el.context);
    if (name === "ul" || name === "ol" || name === "menu") {
      el.list = true;
      this.lists.push(name);
      const start = Number.parseInt(attribs.start ?? "", 10);
      this.itemNumbers.push((Number.isSafeInteger(start) ? start : 1) - 1);
    }
    if (name === "br") this.inline.lineBreak();
    if (MEDIAWIKI_FORMULA_RE.test(className)) el.formula = { read: false };
    const markType = MARK_TAGS[name];
    if (markType) el.markId = this.inline.openMark(markType);
    if (name === "a") {
      const href = safeHref(attribs.href);
      if (href) el.markId = this.inline.openMark("link", href);
      if (href && ORCID_LINK_RE.test(href)) el.orcid = href;
      if (TAXONOMY_HREF_RE.test((attribs.href ?? "").trim())) {
        el.taxonomy = true;
        this.taxonomyDepth++;
      }
    }
    this.stack.push(el);
  }

  close(name: string): void {
    // htmlparser2 closes elements innermost first, so the match is almost always on top.
    let index = this.stack.length - 1;
    while (index >= 0 && this.stack[index]?.name !== name) index--;
    if (index < 0) return;
    while (this.stack.length > index) {
      const el = this.stack.pop();
      if (el) this.closeElement(el);
    }
  }

  text(data: string): void {
    if (this.math && !this.dropRest) this.math.text(data);
    if (this.linkedDataText !== null && this.linkedDataText.length <= MAX_LINKED_DATA_CHARS) this.linkedDataText += data;
    if (this.styleText !== null && this.styleSheetChars + this.styleText.length <= MAX_STYLE_SHEET_CHARS) this.styleText += data;
    const note = this.noteGathering[this.noteGathering.length - 1];
    if (note !== undefined && !this.dropRest && this.noteHiddenDepth === 0 && note.text.length < MAX_NOTE_CHARS) {
      const label = this.noteLabelDepth > 0 ? this.innermost("noteLabel") : undefined;
      if (label === "number") note.number = (note.number + data).slice(0, 20);
      else if (label === "mark") note.mark = (note.mark + data).slice(0, 20);
      else note.text += data.slice(0, MAX_NOTE_CHARS - note.text.length);
    }
    if (this.droppedDepth > 0 || this.dropRest) return;
    if (this.titleText !== null) {
      this.titleText += data;
      return;
    }
    const shown = data.replace(/\s+/g, "").length;
    if (shown > 0) {
      const size = this.currentSize;
      this.blockChars.set(size, (this.blockChars.get(size) ?? 0) + shown);
    }
    if (this.taxonomyDepth > 0) this.taxonomyChars += significantChars(data);
    if (this.innermostContext()?.type === "pre") this.inline.appendRaw(data);
    else this.inline.appendCollapsed(data);
  }

  get depth(): number {
    return this.stack.length;
  }

  end(): void {
    this.closeAll();
    this.flush();
    this.flushBylineWord();
    for (const text of this.inlineNotes) this.push({ kind: "meta", role: "footnote", text }, [text]);
  }

  /**
   * Close every open element (end of input, or a restart after too-deep
   * nesting). If that cuts a dropped element such as <script> short, its
   * end can no longer be found, so everything after it is dropped too.
   */
  closeAll(): void {
    if (this.droppedDepth > 0) this.dropRest = true;
    while (this.stack.length > 0) {
      const el = this.stack.pop();
      if (el) this.closeElement(el);
    }
  }

  private closeElement(el: OpenElement): void {
    if (el.dropped) {
      this.droppedDepth--;
      if (el.mathRoot) {
        const line = this.math?.line(MAX_FORMULA_CHARS) ?? "";
        this.math = null;
        if (line !== "") this.formula(line);
      } else this.math?.leave();
      if (el.noteLabel !== undefined) this.noteLabelDepth--;
      if (el.noteHidden) this.noteHiddenDepth--;
      const note = el.noteBody ? this.noteGathering.pop() : undefined;
      if (note !== undefined) {
        const line = note.line();
        if (line !== "") this.inlineNotes.push(line);
      }
      if (this.droppedDepth === 0 && this.linkedDataText !== null) {
        const article = readLinkedData(this.linkedDataText);
        if (article) this.tags.addLinkedData(article);
        this.linkedDataText = null;
      }
      if (this.droppedDepth === 0 && this.styleText !== null) {
        this.sheet.add(this.styleText);
        this.styleSheetChars += this.styleText.length;
        this.styleText = null;
      }
      return;
    }
    if (el.article) this.articleDepth--;
    if (el.article && this.articleDepth === 0 && this.titledArticle) this.titledArticleClosed = true;
    if (el.name === "title" && this.titleText !== null) {
      const title = this.titleText.replace(/[ \t\n\f\r]+/g, " ").trim();
      if (title !== "") this.documentTitle = title;
      this.titleText = null;
      return;
    }
    // A journal's by-line links each author's ORCID iD as an icon: the iD is the author's, so it is written out.
    // A marker right after the icon ("…<img></a><sup>1</sup>") must not run into the iD's digits.
    if (el.orcid !== undefined && el.markId !== undefined && this.inline.isMarkEmpty(el.markId)) {
      this.inline.appendCollapsed(` ${el.orcid}`);
      this.inline.separateNext();
    }
    if (el.markId !== undefined) this.inline.closeMark(el.markId);
    // In an author block, what follows a name's element with nothing between is another line (a post, an institution).
    if (!el.block && (el.name === "a" || el.name === "span") && this.innermostContext()?.type === "meta") this.inline.breakBeforeCapital();
    if (el.taxonomy) this.taxonomyDepth--;
    if (el.block) this.flush();
    if (el.rowStart !== undefined) this.joinRow(el.rowStart);
    if (el.field?.label !== undefined) this.joinField(el.field.start);
    // A header above the article that holds the site's navigation and no heading is the site's banner
    // (its name, a "Subscribe" or "Sign in" link), not the article's header.
    if (el.banner?.navigation && !el.banner.heading) {
      this.flushBylineWord();
      this.blocks.splice(el.banner.start);
    }
    if (el.footerStart !== undefined) {
      this.flushBylineWord();
      // Only a footer with a byline is the article's metadata; any other stays where it is.
      if (this.blocks.slice(el.footerStart).some(({ block }) => isFooterByline(block))) {
        for (const item of this.blocks.splice(el.footerStart)) this.footer.push(item);
      }
    }
    if (el.context) this.contexts.pop();
    if (el.list) {
      this.lists.pop();
      this.itemNumbers.pop();
    }
  }

  /**
   * Navigation, a page's own footer and sidebars (outside any
   * <article>/<main>), text only screen readers get, and decoration hidden
   * from them: the site around the article.
   */
  private isChrome(name: string, attribs: Record<string, string>): boolean {
    if (name === "nav" || CHROME_ROLES.has(attribs.role ?? "") || CONTROL_ELEMENTS.has(name)) return true;
    // A control made of another element (role="button": a like or share counter) or a link styled as one ("Share", "Subscribe now").
    if (attribs.role === "button" || (name === "a" && BUTTON_CLASS_RE.test(attribs.class ?? ""))) return true;
    if (name === "a" && [SHARE_HREF_RE, COMMENTS_HREF_RE, ACCOUNT_HREF_RE].some((re) => re.test((attribs.href ?? "").trim()))) return true;
    if (FURNITURE_CLASS_RE.test(attribs.class ?? "") || FURNITURE_ID_RE.test(attribs.id ?? "")) return true;
    // WordPress writes a post's last-modified <time class="updated"> beside the published one, and its themes hide it;
    // a news page's "Updated 3:45 p.m. ET" beside the date is classed so too ("updated-time", "date-modified", "dt-updated").
    if (isLastModified(name, attribs.class ?? "")) return true;
    if (attribs["aria-hidden"] === "true" || HIDDEN_CLASS_RE.test(attribs.class ?? "")) return true;
    if (name === "a" && NOTE_BACKLINK_RE.test(attribs.href ?? "")) {
      // The note's text is around its back-link: the paragraph it ends (WordPress, Pandoc) or the one it
      // heads (Google Docs, Substack, whose note number links back) is the note.
      this.noteParagraph = true;
      return true;
    }
    return PAGE_CHROME.has(name) && this.articleDepth === 0;
  }

  /** A formula's text, in the paragraph (once per wiki formula, which says it twice). */
  private formula(tex: string): void {
    const wiki = this.innermost("formula");
    if (wiki?.read) return;
    if (wiki) wiki.read = true;
    const text = formulaTex(tex).slice(0, MAX_FORMULA_CHARS);
    if (text !== "") this.inline.appendCollapsed(text);
  }

  /** What the innermost open element that has `key` has there (its labelled field, its <header> outside the article, …). */
  private innermost<K extends "field" | "banner" | "noteLabel" | "formula">(key: K): OpenElement[K] | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const value = this.stack[i]?.[key];
      if (value !== undefined) return value;
    }
    return undefined;
  }

  /** Is an article's own <footer> open? */
  private inArticleFooter(): boolean {
    return this.stack.some((el) => el.footerStart !== undefined);
  }

  private contextFor(name: string, className: string, attribs: Record<string, string>, latexml: LatexmlPart | null): Context | undefined {
    const heading = /^h([1-6])$/.exec(name);
    // Medium's export marks its subtitle <section data-field="subtitle">; an h-entry's p-summary is a teaser.
    if (SUBTITLE_CLASS_RE.test(className) || attribs["data-field"] === "subtitle") return { type: "subtitle" };
    if (H_ENTRY_SUMMARY_RE.test(className)) return { type: "standfirst" };
    // In an article's footer a byline stays one line ("By <a class="p-author">Jane Doe</a> on March 3, 2024."): html.ts reads it.
    // An author's name or a <time> that starts a line there is a line of its own: a WordPress theme writes
    // "<span class="byline"><span class="author vcard">…</span></span><span class="posted-on"><time>…" with nothing between.
    if (this.inArticleFooter() && !BLOCK_LEVEL.has(name)) {
      if (!this.inline.isEmpty || this.innermostContext()?.type === "meta") return undefined;
      if (name === "time") return { type: "meta", fallback: "other" };
      return META_CLASS_RE.test(className) ? { type: "meta", fallback: metaFallback(name, className) } : undefined;
    }
    if (TITLE_CLASS_RE.test(className) && (name === "p" || name === "div")) return { type: "heading", level: 1 };
    if (STANDFIRST_CLASS_RE.test(className)) return { type: "standfirst" };
    if (latexml === "authorNote") return { type: "meta", fallback: "other", sentences: true };
    // A class on the page's own frame names its layout ("ltx_document ltx_authors_1line", LaTeXML's
    // <article>), not a block of author matter: the whole article was read as front matter.
    if (name === "address" || (META_CLASS_RE.test(className) && !PAGE_FRAME.has(name))) {
      return { type: "meta", fallback: metaFallback(name, className) };
    }
    if (heading) return { type: "heading", level: Number(heading[1]) };
    // A Word file's notes, as mammoth lists them at the end: <li id="footnote-3">.
    if (name === "li" && NOTE_ID_RE.test(attribs.id ?? "")) return { type: "footnote" };
    // An author list (<ul class="authors"><li>…): each item stays author matter.
    const inner = this.innermostContext();
    if (name === "li" && inner?.type === "meta") return inner;
    if (name === "li") {
      const depth = Math.max(0, this.lists.length - 1);
      const ordered = this.lists[this.lists.length - 1] === "ol";
      if (!ordered || this.itemNumbers.length === 0) return { type: "listItem", depth, ordered };
      // An item's number: the one after the item before it, or its own value.
      const value = Number.parseInt(attribs.value ?? "", 10);
      const number = Number.isSafeInteger(value) ? value : (this.itemNumbers[this.itemNumbers.length - 1] ?? 0) + 1;
      this.itemNumbers[this.itemNumbers.length - 1] = number;
      return { type: "listItem", depth, ordered, number };
    }
    if (name === "blockquote") return { type: "quote" };
    // A picture's caption (with its credit, however written) is the picture's: never a subtitle or a paragraph of the text.
    if (name === "figcaption") return { type: "caption" };
    if (name === "pre") return { type: "pre" };
    return undefined;
  }

  /** The size text is set in here: the innermost open element's. */
  private get currentSize(): number {
    return this.stack[this.stack.length - 1]?.size ?? DEFAULT_TYPE_SIZE;
  }

  /** The size an element's text is set in: its inline style's, its style sheet rule's, a <font size>'s or its default. */
  private sizeOf(name: string, attribs: Record<string, string>): number {
    const parent = this.currentSize;
    const declared = styleFontSize(attribs.style) ?? this.sheet.sizeFor(name, attribs.class ?? "");
    const size = declared === undefined ? undefined : resolveFontSize(declared, parent);
    if (size !== undefined) return roundSize(size);
    const legacy = name === "font" && attribs.size !== undefined ? legacyFontSize(attribs.size) : undefined;
    return roundSize(legacy ?? elementSize(name, parent));
  }

  private innermostContext(): Context | undefined {
    return this.contexts[this.contexts.length - 1];
  }

  /** Emit what has accumulated as a block of the kind the current context says, noting the size it is set in. */
  private flush(): void {
    const chars = this.blockChars;
    this.blockChars = new Map();
    const from = this.blocks.length;
    this.emit();
    if (this.blocks.length === from) return;
    const size = mostUsedSize(chars, this.currentSize);
    for (const [s, n] of chars) this.pageChars.set(s, (this.pageChars.get(s) ?? 0) + n);
    for (const { block } of this.blocks.slice(from)) this.typeSizes.set(block, size);
  }

  private emit(): void {
    const taxonomyChars = this.taxonomyChars;
    this.taxonomyChars = 0;
    if (this.inline.isEmpty) {
      this.inline.take();
      return;
    }
    const raw = this.inline.take();
    const context = this.innermostContext();
    if (this.pageTail) return;
    if (context?.type === "heading" && this.titledArticleClosed && this.articleDepth === 0 && CLOSING_HEADING_RE.test(raw.text.trim())) {
      this.pageTail = true;
      return;
    }
    if (context?.type === "meta") {
      this.otherBlocks++;
      const lines = raw.text.split("\n");
      for (const line of context.sentences ? lines.flatMap(noteSentences) : lines) {
        let text = line.trim();
        if (text === "" || (context.fallback === "author" && NAME_SEPARATOR_LINE_RE.test(text))) continue;
        if (BYLINE_WORD_RE.test(text) && this.bylineWord === null) {
          this.bylineWord = text;
          continue;
        }
        if (this.bylineWord !== null) text = `${this.bylineWord} ${text}`;
        this.bylineWord = null;
        this.push({ kind: "meta", role: metaRole(text, context.fallback), text }, [text]);
      }
      return;
    }
    this.flushBylineWord();
    if (context?.type === "footnote" || this.noteParagraph) {
      this.noteParagraph = false;
      this.otherBlocks++;
      const { text } = breaksToSpaces(raw);
      this.push({ kind: "meta", role: "footnote", text }, [text]);
      return;
    }
    if (context?.type === "pre") {
      this.preBlocks++;
      this.push(withMarks({ kind: "paragraph", text: raw.text }, raw.marks), [raw.text]);
      return;
    }
    this.otherBlocks++;
    const lines = raw.text.split("\n").map((l) => l.trim()).filter((l) => l !== "");
    const { text, marks } = breaksToSpaces(raw);
    // A line of nothing but links to the site's tag or category pages ("History", "Archives, Maps") is the site's index, not the article's.
    if (context === undefined && taxonomyChars > 0 && taxonomyChars === significantChars(text)) return;
    const block = withMarks(blockFor(context, text), marks);
    // A numbered item's number goes with its first block, for front matter typed as a numbered list.
    if (context?.type === "listItem" && context.number !== undefined) {
      this.blocks.push({ block, lines, marker: `${context.number}.` });
      delete context.number;
      return;
    }
    this.push(block, lines);
  }

  /** A byline's "by" that no name followed stays a meta line of its own. */
  private flushBylineWord(): void {
    if (this.bylineWord === null) return;
    const text = this.bylineWord;
    this.bylineWord = null;
    this.push({ kind: "meta", role: "other", text }, [text]);
  }

  /**
   * The cells of a table row, each a short paragraph, as one paragraph
   * "Year | Annulments". A row holding long text (a page laid out with a
   * table) keeps its paragraphs.
   */
  private joinRow(start: number): void {
    const cells = this.blocks.slice(start);
    if (cells.length < 2) return;
    if (!cells.every(({ block }) => block.kind === "paragraph" && !block.role && block.text.length <= MAX_CELL_CHARS && !block.text.includes("\n"))) return;
    let text = "";
    let previous = "";
    const marks: InlineMark[] = [];
    for (const { block } of cells) {
      if (text !== "") text += cellSeparator(previous);
      previous = block.text;
      for (const m of block.marks ?? []) marks.push({ ...m, start: m.start + text.length, end: m.end + text.length });
      text += block.text;
    }
    this.blocks.splice(start, cells.length, { block: withMarks({ kind: "paragraph", text }, marks), lines: [text] });
  }

  /**
   * A labelled field whose label and several items are short paragraphs ("Topics" over "Electricity"
   * and "Permitting") reads as one line, "Topics: Electricity, Permitting", as a page prints it.
   */
  private joinField(start: number): void {
    const parts = this.blocks.slice(start);
    // A label over one value ("Published" over a date) is left as two lines, which front matter reads as a label and its value.
    if (parts.length < 3) return;
    if (!parts.every(({ block }) => block.kind === "paragraph" && !block.role && block.text.length <= MAX_CELL_CHARS && !block.text.includes("\n"))) return;
    const [label, ...items] = parts.map(({ block }) => block);
    if (!label) return;
    let text = `${label.text.replace(/\s*[:：]$/u, "")}: `;
    const marks: InlineMark[] = [];
    for (const [i, block] of items.entries()) {
      if (i > 0) text += ", ";
      for (const m of block.marks ?? []) marks.push({ ...m, start: m.start + text.length, end: m.end + text.length });
      text += block.text;
    }
    this.blocks.splice(start, parts.length, { block: withMarks({ kind: "paragraph", text }, marks), lines: [text] });
  }

  private push(block: ImportedBlock, lines: string[]): void {
    this.blocks.push({ block, lines });
  }
}

function blockFor(context: Context | undefined, text: string): ImportedBlock {
  switch (context?.type) {
    case "heading":
      return { kind: "heading", level: context.level, text };
    case "listItem":
      return context.ordered
        ? { kind: "listItem", depth: context.depth, ordered: true, text }
        : { kind: "listItem", depth: context.depth, text };
    case "quote":
      return { kind: "quote", text };
    case "subtitle":
      return { kind: "heading", level: 2, role: "subtitle", text };
    case "standfirst":
      return { kind: "meta", role: "standfirst", text };
    case "caption":
      // Its role is the markup's, not the line's shape: a caption naming a library is no affiliation.
      return metaBlock("other", text);
    default:
      return { kind: "paragraph", text };
  }
}

/**
 * The address of a blog's tag or category page: "/tag/history/", "https://example.com/category/archives"
 * (WordPress, Ghost, Medium). A topic page is not one: a report's "Topics" field names its subjects.
 */
const TAXONOMY_HREF_RE = /^(?:https?:\/\/[^/]+)?\/(?:[\w-]+\/)*(?:tags?|category|categories)\/[^/?#]+\/?(?:[?#].*)?$/i;

/** Characters of a line other than spaces and the separators put between links ("History, Maps · Archives"). */
function significantChars(text: string): number {
  return text.replace(/[\s,;|·•/]+/gu, "").length;
}

/** Sizes to a tenth of a point: 1.5em of 11pt and 16.5pt are one size. */
function roundSize(size: number): number {
  return Math.round(size * 10) / 10;
}

function withMarks(block: ImportedBlock, marks: InlineMark[]): ImportedBlock {
  if (marks.length === 0) return block;
  // A block written with its role fixed (a caption) keeps its identity, and so that role.
  if (isWrittenFromData(block)) {
    block.marks = marks;
    return block;
  }
  return { ...block, marks };
}

/** Real documents nest a few dozen elements deep; anything beyond this is hostile or broken. */
const MAX_DEPTH = 512;
/** Input is fed in slices so a forced restart only re-slices a small remainder. */
const SLICE = 16 * 1024;
const PARSER_OPTIONS = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true };

/**
 * Parse `html` from `start` with a fresh htmlparser2 parser. Returns where to
 * continue: the end of the input, or just past an open tag that took the
 * nesting beyond MAX_DEPTH. htmlparser2 keeps its open-element stack with
 * Array#unshift, so each tag costs time proportional to the depth; capping
 * the depth keeps 5 MB of "<div><div>…" from taking minutes.
 */
function parseFrom(html: string, start: number, walker: HtmlBlockWalker): number {
  let resumeAt = html.length;
  let tooDeep = false;
  const parser: Parser = new Parser(
    {
      onopentag: (name, attribs) => {
        if (tooDeep) return;
        walker.open(name, attribs);
        if (walker.depth > MAX_DEPTH) {
          tooDeep = true;
          resumeAt = start + parser.endIndex + 1;
          parser.pause();
        }
      },
      onclosetag: (name) => {
        if (!tooDeep) walker.close(name);
      },
      ontext: (data) => {
        if (!tooDeep) walker.text(data);
      },
    },
    PARSER_OPTIONS,
  );
  for (let i = start; i < html.length && !tooDeep; i += SLICE) parser.write(html.slice(i, i + SLICE));
  if (tooDeep) {
    walker.closeAll();
    return Math.max(resumeAt, start + 1);
  }
  parser.end();
  return html.length;
}

/**
 * A DOCTYPE with an internal subset ("<!DOCTYPE html … [ <!ENTITY …> ]>", as XHTML may carry):
 * the parser ends the declaration at the subset's first ">", and the rest of the subset would be
 * read as text. Its entities are never expanded; the subset is skipped whole.
 */
const DOCTYPE_WITH_SUBSET_RE = /^\uFEFF?\s*(?:<\?xml[^>]*>\s*)?<!DOCTYPE[^[>]*\[[^\]]*\]\s*>/i;

export function extractHtmlBlocks(html: string): HtmlExtraction {
  const walker = new HtmlBlockWalker();
  let position = DOCTYPE_WITH_SUBSET_RE.exec(html)?.[0].length ?? 0;
  while (position < html.length) position = parseFrom(html, position, walker);
  walker.end();
  const preformattedOnly = walker.preBlocks > 0 && walker.otherBlocks === 0;
  const sizes = { typeSizes: walker.typeSizes, bodySize: mostUsedSize(walker.pageChars, DEFAULT_TYPE_SIZE) };
  return walker.documentTitle === undefined
    ? { blocks: walker.blocks, footer: walker.footer, tags: walker.tags, preformattedOnly, ...sizes }
    : { blocks: walker.blocks, footer: walker.footer, documentTitle: walker.documentTitle, tags: walker.tags, preformattedOnly, ...sizes };
}

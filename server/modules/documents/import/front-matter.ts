/**
 * Finds the front matter between the title and the body, line by line.
 *
 * Input is "units": runs of lines with no blank line between them (plain
 * text, Markdown paragraphs, PDF paragraphs) or single paragraphs (HTML,
 * DOCX). Every LINE is classified on its own shape (meta-lines.ts); its
 * neighbours then decide the cases shape alone cannot:
 *
 * - a name-like line is an author when something author-like follows it
 *   (degrees, an affiliation, a position, an identifier, a contact, a
 *   date, another confirmed name, or a bio that names the same person), or
 *   when it confirms itself ("By …", degrees, an honorific, markers);
 * - weak lines (an affiliation, a position, a bare country) count only in
 *   an author block or beside a strong line;
 * - prose is front matter only as a labelled abstract or note, a funding
 *   sentence, a bio of a known author, or a standfirst (a teaser before any
 *   author that a byline follows);
 * - a lone short line is a section heading when it is named or numbered as
 *   one, else the subtitle (once), else the body.
 *
 * The body starts at the first line that is none of these. Where a layout
 * is ambiguous the rules keep a line in front matter, where an editor can
 * move it, rather than guess it into the argument.
 */
import { bioAuthorIndex, bioName } from "./bios.ts";
import {
  AUTHOR_NOTE_LINE_RE,
  classifyMetaLine,
  isProseLine,
  isSectionHeading,
  isSubtitleCandidate,
  NOTE_SENTENCE_RE,
  runInLabel,
  withoutFullStop,
  wordCount,
  type MetaLineClass,
} from "./meta-lines.ts";
import { isBareName, namesAuthor, parseNameLine, type NameLine } from "./names.ts";
import { startsWithMarker } from "./plain-text-lines.ts";
import type { ImportedBlock, MetaRole } from "./types.ts";
import { isWrittenFromData } from "./written-meta.ts";

/** What the source's markup already says about a unit. */
export type UnitMark = "heading" | "subtitle" | "standfirst" | { meta: MetaRole; fromData?: true };

export interface FrontUnit {
  /** The unit's lines, trimmed, none empty. */
  lines: string[];
  marked?: UnitMark;
  /** An item of a numbered list, its number put back: front matter only among an author's details. */
  listed?: true;
}

export interface FrontLine {
  text: string;
  role: MetaRole | "subtitle";
}

export interface FrontMatter {
  /** Front-matter lines of each unit before the body, and of the body's first unit up to `body.line`. */
  taken: FrontLine[][];
  /** Where the body starts: a unit index (units.length when there is no body) and a line in it. */
  body: { unit: number; line: number };
}

/** Lines that belong to an author, so the name line above them is confirmed. */
const AUTHOR_DETAIL_ROLES = new Set<MetaRole>([
  "degrees", "affiliation", "position", "identifier", "email", "phone", "address", "correspondence", "dateline",
]);
/**
 * An author's detail ended with a full stop, as a note's sentence is ("School of International
 * Studies, Peking University, Beijing, China."): read without it.
 */
function endedDetail(text: string, previous: MetaRole | "subtitle" | undefined): MetaLineClass | null {
  const bare = withoutFullStop(text);
  if (bare === text || NOTE_SENTENCE_RE.test(text) || isProseLine(bare)) return null;
  const cls = classifyMetaLine(bare, previous);
  return cls && !cls.prose && AUTHOR_DETAIL_ROLES.has(cls.role) ? cls : null;
}

/** "Corresponding author", a note's sentence saying only that. */
const CORRESPONDING_RE = /^corresponding\s+author$/i;
/** Roles whose lines may open with a list-like marker ("1. Department of …", "* Correspondence: …"). */
const MARKER_LED_ROLES = new Set<MetaRole>(["affiliation", "correspondence", "bio"]);
/** A standfirst is a teaser, not an essay's first paragraph. */
const MAX_STANDFIRST_WORDS = 80;
const MAX_STANDFIRST_LINES = 16;
/** No article has more front matter than this; past it the rest is body, which keeps hostile input cheap. */
const MAX_FRONT_LINES = 2_000;
/** Lines read ahead to judge how a line of prose opens (a bio's first sentence, a starred note). */
const HEAD_LINES = 6;
/** An author note's paragraph is a few sentences; a longer one after it is the body's. */
const MAX_AUTHOR_NOTE_CHARS = 700;
/** How many names in a row may confirm one another ("Jane Doe / John Roe / University of X"). */
const MAX_NAME_CHAIN = 8;

/** A keyword standing on its own line: a few words, no sentence, no label, not a section heading. */
function keywordLike(line: string): boolean {
  const t = line.trim();
  return t.length <= 60 && wordCount(t) <= 6 && !/[.!?:]$/.test(t) && !isSectionHeading(t) && classifyMetaLine(t)?.labelled !== true;
}

/** A line ending in a comma or a small joining word has its sentence go on below it. */
const MID_SENTENCE_END_RE =
  /(?:,|(?<![\p{L}])(?:of|the|a|an|and|at|in|for|to|on|with|by|from|de|des|du|la|le|les|et|à|en|del|los|las|y|da|do|das|dos|e|der|die|und|für|von|zu|im|am|di|della|il|van|het|w|i|z|na|в|и|на)\s*)$/iu;

/** The opening of the text from line `i` on: enough to judge how it starts, bounded so long units stay linear. */
function head(lines: readonly string[], i: number): string {
  return lines.slice(i, i + HEAD_LINES).join(" ");
}

class FrontMatterReader {
  private readonly taken: FrontLine[][] = [];
  /** Author names taken so far, for matching bios. */
  private readonly names: string[] = [];
  private subtitleTaken = false;
  private standfirstTaken = false;
  /** A label line ("Abstract") was just taken: the next prose is its content. */
  private pending: MetaRole | null = null;
  /** Under "Author Note": its paragraphs (iDs, disclosures, whom to write to) are notes while they read as such. */
  private authorNote = false;
  private previous: MetaRole | "subtitle" | undefined;
  private readonly confirmed = new Map<string, boolean>();
  private count = 0;

  constructor(private readonly units: readonly FrontUnit[]) {}

  read(): FrontMatter {
    for (let u = 0; u < this.units.length; u++) {
      this.taken.push([]);
      const stop = this.unit(u);
      if (stop !== null) return { taken: this.taken, body: { unit: u, line: stop } };
    }
    return { taken: this.taken, body: { unit: this.units.length, line: 0 } };
  }

  /** Take the unit; returns null when all of it is front matter, else the line where the body starts. */
  private unit(u: number): number | null {
    const unit = this.units[u];
    if (!unit || unit.lines.length === 0) return null;
    const { lines, marked } = unit;
    if (marked === "subtitle") {
      this.push(u, lines.join(" "), "subtitle");
      this.subtitleTaken = true;
      return null;
    }
    if (marked === "standfirst") {
      this.push(u, lines.join(" "), "standfirst");
      this.standfirstTaken = true;
      return null;
    }
    if (typeof marked === "object") {
      // A block written from a named field (a YAML "affiliation") has its role for certain; an author's name is still noted.
      for (const line of lines) {
        if (!marked.fromData) this.push(u, line, this.markedRole(line, marked.meta));
        else {
          if (marked.meta === "author") this.markedRole(line, "author");
          this.push(u, line, marked.meta);
        }
      }
      return null;
    }
    if (marked === "heading") return this.heading(u) ? null : 0;
    if (unit.listed && !this.inAuthorBlock()) return 0;
    let i = 0;
    while (i < lines.length) {
      const consumed = this.line(u, i);
      if (consumed === 0) return i;
      i += consumed;
    }
    return null;
  }

  /** A line inside an element the source marks as author matter keeps the role its shape says, else the mark's. */
  private markedRole(line: string, fallback: MetaRole): MetaRole {
    const name = parseNameLine(line);
    // Marked as an author, a name with details ("Jane Doe (University of X)") is the author.
    if (name && fallback === "author") {
      this.addNames(name);
      return "author";
    }
    const cls = classifyMetaLine(line, this.previousMeta());
    if (cls && !cls.labelOnly) return cls.role;
    if (name) {
      this.addNames(name);
      return "author";
    }
    if (fallback === "author") return /^by\s/i.test(line) ? "author" : "other";
    return fallback;
  }

  /** A heading the source marks up: front matter only as a label, a dateline-like line or an author name. */
  private heading(u: number): boolean {
    const text = (this.units[u]?.lines ?? []).join(" ");
    const cls = classifyMetaLine(text, this.previousMeta());
    if (cls?.labelOnly) {
      this.push(u, text, cls.role);
      this.labelTaken(cls.role);
      return true;
    }
    if (cls && cls.strong && !cls.prose) {
      this.push(u, text, cls.role);
      return true;
    }
    const name = parseNameLine(text);
    if (name && this.confirmName(u, 0, name, 0)) {
      this.pushAuthor(u, text, name);
      return true;
    }
    return false;
  }

  /** Classify line `i` of unit `u`; returns how many lines it took (0: the body starts here). */
  private line(u: number, i: number): number {
    if (this.count >= MAX_FRONT_LINES) return 0;
    const lines = this.units[u]?.lines ?? [];
    const text = lines[i] ?? "";
    // An author's detail ended with a full stop ("…, Beijing, China.") counts as one in an author block.
    const cls = classifyMetaLine(text, this.previousMeta()) ?? (this.inAuthorBlock() ? endedDetail(text, this.previousMeta()) : null);
    // "ORCID" alone over the iDs: only a line holding an iD is what it labels.
    if (this.pending === "identifier" && !/\d{4}-\d{4}-\d{4}-\d{3}[\dX]/.test(text)) this.pending = null;
    if (this.pending) {
      const role = this.pending;
      this.pending = role === "keywords" && !cls?.labelled ? role : null;
      // "Keywords:" above one keyword per line: each line is a fact of its own.
      if (role === "keywords" && !cls?.labelled) {
        this.push(u, text, "keywords");
        // One keyword per paragraph (a Word file, a PDF with space between paragraphs): the list goes on
        // while the next paragraph is one keyword-like line.
        if (i + 1 >= lines.length && !(lines.length === 1 && keywordLike(text) && this.keywordUnitAfter(u))) this.pending = null;
        return 1;
      }
      if (!cls?.labelled) return this.takeProse(u, i, role);
    }
    if (this.authorNote) {
      const note = head(lines, i);
      if (!cls?.labelled && note.length <= MAX_AUTHOR_NOTE_CHARS && AUTHOR_NOTE_LINE_RE.test(note)) return this.takeProse(u, i, "footnote");
      this.authorNote = false;
    }
    // "* Professor of Law, … I am grateful …": a starred note wrapped over several lines.
    if (/^[*†‡]/.test(text) && i + 1 < lines.length && cls?.prose !== true) {
      const whole = classifyMetaLine(head(lines, i), this.previousMeta());
      if (whole?.prose) return this.takeProse(u, i, whole.role);
    }
    // A name followed by a position or an institution on the same line ("Dr Jane Doe, Head of …").
    const name = parseNameLine(text);
    // "By Jane Doe | March 3, 2024" reads as a date too; the names come first.
    const datedByline = name?.dateline !== undefined && name.selfEvident;
    // "Jane Doe (Department of …, Leeds LS2 9JT, UK), John Roe (…)": names with their addresses.
    const addressedNames = name?.selfEvident === true && (cls?.role === "address" || cls?.role === "affiliation") && !cls.labelled;
    if (name && (!cls?.strong || datedByline || addressedNames) && this.confirmName(u, i, name, 0)) {
      this.pushAuthor(u, text, name);
      return 1;
    }
    // One bare name under the title (and subtitle), closing its paragraph: the author, though nothing confirms it.
    if (name && !cls && this.names.length === 0 && i === lines.length - 1 && isBareName(name) && !isSectionHeading(text)) {
      this.pushAuthor(u, text, name);
      return 1;
    }
    // A bio of a known author may open with words that look like an affiliation: read it as prose first.
    if ((!cls || !cls.strong) && this.names.length > 0 && bioAuthorIndex(head(lines, i), this.names) >= 0) {
      return this.takeProse(u, i, "bio");
    }
    // Under an author, several facts run together as a note gives them ("Department …, Portugal. Email: …"): one at a time.
    const facts = this.inAuthorBlock() && (!cls?.strong || cls.role === "correspondence") ? this.facts(text) : null;
    if (facts) {
      for (const fact of facts) this.push(u, fact.text, fact.role);
      return 1;
    }
    const accepted = cls !== null && this.accepts(u, i, cls);
    // A list or a quotation opens the body; a numbered affiliation or a starred note does not.
    const markerLed = accepted && cls !== null && MARKER_LED_ROLES.has(cls.role) && !/^\s*[•‣◦▪●○■>]/u.test(text);
    if (i === 0 && !markerLed && startsWithMarker(text)) return 0;
    if (cls && accepted) {
      if (cls.labelOnly) {
        this.push(u, text, cls.role);
        this.labelTaken(cls.role);
        return 1;
      }
      if (cls.prose) return this.takeProse(u, i, cls.role);
      this.push(u, text, cls.role);
      return 1;
    }
    // A short unpunctuated line standing alone (or above a front-matter line) is a heading or subtitle, not prose.
    const following = lines[i + 1];
    const standsAlone =
      following === undefined || classifyMetaLine(following) !== null || parseNameLine(following) !== null;
    const headingLike =
      standsAlone &&
      (isSubtitleCandidate(text) || isSectionHeading(text) || (!isProseLine(text) && !/[.!…]["'”’»)\]]*$/u.test(text)));
    if (!headingLike) return this.prose(u, i);
    if (isSectionHeading(text)) return 0;
    if (!this.subtitleTaken && isSubtitleCandidate(text)) {
      this.push(u, text, "subtitle");
      this.subtitleTaken = true;
      return 1;
    }
    // A short line beside labelled lines: keep it, unnamed.
    if (this.besideStrong(u, i)) {
      this.push(u, text, cls?.role ?? "other");
      return 1;
    }
    return 0;
  }

  /**
   * The sentences of a line when each is a fact about an author (an institution, a post, an
   * address, an e-mail; "Corresponding author" too) and one at least is distinctive; else null.
   */
  private facts(text: string): Array<{ text: string; role: MetaRole }> | null {
    // Each fact keeps its words as written (its full stop too); it is read without the stop.
    const written = text.split(NOTE_SENTENCE_RE).map((s) => s.trim());
    if (written.length < 2 || written.includes("")) return null;
    const out: Array<{ text: string; role: MetaRole }> = [];
    let strong = false;
    for (const fact of written) {
      const sentence = withoutFullStop(fact);
      const cls = isProseLine(sentence) ? null : classifyMetaLine(sentence, this.previousMeta());
      if (cls && !cls.prose) {
        strong ||= cls.strong;
        out.push({ text: fact, role: cls.role });
      } else if (CORRESPONDING_RE.test(sentence)) out.push({ text: fact, role: "correspondence" });
      else return null;
    }
    return strong ? out : null;
  }

  /** Is the unit after `u` one keyword-like line? */
  private keywordUnitAfter(u: number): boolean {
    const next = this.units[u + 1];
    return next !== undefined && next.marked === undefined && next.lines.length === 1 && keywordLike(next.lines[0] ?? "");
  }

  /** Strong lines always count; weak ones only in an author block or beside a strong line. */
  private accepts(u: number, i: number, cls: MetaLineClass): boolean {
    return cls.strong || this.inAuthorBlock() || this.besideStrong(u, i);
  }

  /** Was the last line taken an author or one of an author's details (blank lines between do not matter)? */
  private inAuthorBlock(): boolean {
    const p = this.previous;
    return p === "author" || (p !== undefined && p !== "subtitle" && p !== "dateline" && AUTHOR_DETAIL_ROLES.has(p));
  }

  /** Is line `i` of unit `u` next to a strong front-matter line: the one above it in its unit, or the one after it? */
  private besideStrong(u: number, i: number): boolean {
    const before = this.previous;
    if (i > 0 && before !== undefined && before !== "subtitle" && before !== "other" && before !== "affiliation" && before !== "position") {
      return true;
    }
    const next = this.lineAfter(u, i);
    const cls = next ? classifyMetaLine(next.text) : null;
    return cls?.strong === true && !cls.prose;
  }

  /**
   * A prose run: a bio of a known author, a standfirst before the byline,
   * or else the start of the body.
   */
  private prose(u: number, i: number): number {
    const lines = this.units[u]?.lines ?? [];
    if (this.names.length > 0 && bioAuthorIndex(head(lines, i), this.names) >= 0) return this.takeProse(u, i, "bio");
    // A standfirst is short: a run longer than this is the body, and need not be read to its end here.
    const end = this.proseEnd(u, i, MAX_STANDFIRST_LINES);
    const text = lines.slice(i, end).join(" ");
    if (
      end - i < MAX_STANDFIRST_LINES &&
      this.names.length === 0 &&
      !this.standfirstTaken &&
      wordCount(text) <= MAX_STANDFIRST_WORDS &&
      this.bylineAt(u, end)
    ) {
      this.push(u, text, "standfirst");
      this.standfirstTaken = true;
      return end - i;
    }
    return 0;
  }

  /** Take the prose run from line `i` as one block with `role`. */
  /** A label alone was taken ("Abstract", "Author Note"): what follows is its content. */
  private labelTaken(role: MetaRole): void {
    this.pending = role;
    this.authorNote = role === "footnote";
  }

  private takeProse(u: number, i: number, role: MetaRole): number {
    const end = this.proseEnd(u, i);
    const lines = this.units[u]?.lines ?? [];
    this.push(u, lines.slice(i, end).join(" "), role);
    return end - i;
  }

  /** Wrapped prose continues to the end of its unit, unless a labelled line, a byline or another author's bio starts first. */
  private proseEnd(u: number, i: number, limit = Infinity): number {
    const lines = this.units[u]?.lines ?? [];
    const who = this.names.length > 0 ? bioAuthorIndex(head(lines, i), this.names) : -1;
    let j = i + 1;
    for (; j < lines.length && j - i < limit; j++) {
      const line = lines[j] ?? "";
      if (classifyMetaLine(line)?.labelled) break;
      // "… at the Department of / International Relations, …": a sentence cut mid-phrase goes on.
      if (!MID_SENTENCE_END_RE.test((lines[j - 1] ?? "").slice(-40)) && parseNameLine(line)?.selfEvident) break;
      if (this.names.length > 0) {
        const other = bioAuthorIndex(head(lines, j), this.names);
        if (other >= 0 && other !== who) break;
      }
    }
    return j;
  }

  /** Is there a byline, a confirmed name or a dateline at line `i` of unit `u` (or at the next unit's start)? */
  private bylineAt(u: number, i: number): boolean {
    const at = this.lineAt(u, i);
    if (!at) return false;
    const name = parseNameLine(at.text);
    if (name && this.confirmName(at.u, at.i, name, 0)) return true;
    return classifyMetaLine(at.text)?.role === "dateline";
  }

  /**
   * Is the name line at (u, i) an author? Self-evident names are; others
   * need an author detail, a confirmed name or their own bio right after.
   */
  private confirmName(u: number, i: number, name: NameLine, depth: number): boolean {
    if (name.selfEvident) return true;
    // Remembered per line, so a long run of name-like lines is read once, not once per line above it.
    const key = `${u}:${i}`;
    const known = this.confirmed.get(key);
    if (known !== undefined) return known;
    const result = this.confirmByNext(u, i, name, depth);
    this.confirmed.set(key, result);
    return result;
  }

  private confirmByNext(u: number, i: number, name: NameLine, depth: number): boolean {
    const next = this.lineAfter(u, i);
    if (!next || depth > MAX_NAME_CHAIN) return false;
    const cls = classifyMetaLine(next.text, "author") ?? endedDetail(next.text, "author");
    if (cls && (AUTHOR_DETAIL_ROLES.has(cls.role) || (cls.role === "bio" && !cls.labelOnly))) return true;
    if (this.facts(next.text)) return true;
    const nextName = parseNameLine(next.text);
    if (nextName) return this.confirmName(next.u, next.i, nextName, depth + 1);
    const written = bioName(head(this.units[next.u]?.lines ?? [], next.i));
    const last = name.names[name.names.length - 1];
    return written !== null && last !== undefined && namesAuthor(written, last.name);
  }

  /** The line after (u, i), crossing into the next unit. */
  private lineAfter(u: number, i: number): { u: number; i: number; text: string } | null {
    return this.lineAt(u, i + 1);
  }

  /** Line `i` of unit `u`, or the first line of the next text unit when `i` is past the end. */
  private lineAt(u: number, i: number): { u: number; i: number; text: string } | null {
    const unit = this.units[u];
    if (!unit) return null;
    const text = unit.lines[i];
    if (text !== undefined) return { u, i, text };
    const following = this.units[u + 1];
    if (!following || following.marked === "heading") return null;
    const first = following.lines[0];
    return first === undefined ? null : { u: u + 1, i: 0, text: first };
  }

  private previousMeta(): MetaRole | "subtitle" | undefined {
    return this.previous;
  }

  private pushAuthor(u: number, text: string, name: NameLine): void {
    this.addNames(name);
    this.push(u, text, "author");
  }

  private addNames(name: NameLine): void {
    for (const n of name.names) this.names.push(n.name);
  }

  private push(u: number, text: string, role: MetaRole | "subtitle"): void {
    this.count++;
    this.taken[u]?.push({ text, role });
    this.previous = role;
  }
}

/** Read the front matter of `units` (the units after the title). */
export function readFrontMatter(units: readonly FrontUnit[]): FrontMatter {
  return new FrontMatterReader(units).read();
}

/** The block a front-matter line becomes: a subtitle heading or a meta block with its role. */
export function frontLineBlock(line: FrontLine): ImportedBlock {
  return line.role === "subtitle"
    ? { kind: "heading", level: 2, role: "subtitle", text: line.text }
    : { kind: "meta", role: line.role, text: line.text };
}

/**
 * A block plus the lines it had in the source (its text split at line breaks
 * or <br>), which front-matter detection reads line by line.
 */
export interface LinedBlock {
  block: ImportedBlock;
  lines: string[];
  /** An ordered list item's number as the source typed it ("1.", "2)"), which the item's text has lost. */
  marker?: string;
}

/** The front-matter unit a parsed block stands for, or null when it ends the front matter (a list, a quote). */
function unitOf(item: LinedBlock): FrontUnit | null {
  const { block, lines } = item;
  const texts = lines.length > 0 ? lines : [block.text];
  if (block.kind === "meta") {
    return { lines: [block.text], marked: isWrittenFromData(block) ? { meta: block.role as MetaRole, fromData: true } : { meta: block.role as MetaRole } };
  }
  if (block.role === "subtitle") return { lines: [block.text], marked: "subtitle" };
  if (block.kind === "heading") return { lines: [block.text], marked: "heading" };
  // "* Corresponding author: …" typed in Markdown is a one-item list by the syntax, a starred note by intent.
  if (block.kind === "listItem" && !block.depth && classifyMetaLine(block.text)?.role === "correspondence") return { lines: [block.text] };
  // "1. Department of …" typed in Markdown is a numbered list by the syntax: with its number back, an
  // institution is a numbered affiliation where the reader takes it (under a by-line), else the list goes on.
  if (block.kind === "listItem" && !block.depth && item.marker !== undefined) {
    const numbered = `${item.marker} ${block.text}`;
    if (classifyMetaLine(numbered)?.role === "affiliation") return { lines: [numbered], listed: true };
  }
  if (block.kind === "paragraph") {
    const label = boldRunInLabel(block);
    return label ? { lines: [block.text], marked: { meta: label } } : { lines: texts };
  }
  return null;
}

/**
 * The role of a paragraph that opens with a label set in bold and run into its text without a
 * colon ("**Abstract** We study …"): the bold marks the word as a label, not the sentence's subject.
 */
function boldRunInLabel(block: ImportedBlock): MetaRole | null {
  const label = runInLabel(block.text);
  if (!label) return null;
  const word = block.text.slice(0, label.length).trimEnd().length;
  const bold = block.marks?.find((m) => m.type === "bold" && m.start === 0);
  return bold && bold.end >= word && bold.end <= label.length ? label.role : null;
}

/**
 * Return `items` with the blocks right after the title reclassified as
 * front matter up to the first one that is body. A paragraph whose first
 * lines are front matter and the rest body is split there.
 */
export function applyFrontMatter(items: readonly LinedBlock[], titleIndex: number): LinedBlock[] {
  const out = items.slice(0, titleIndex + 1);
  const rest = items.slice(titleIndex + 1);
  const units: FrontUnit[] = [];
  for (const item of rest) {
    const unit = unitOf(item);
    if (!unit) break;
    units.push(unit);
  }
  const front = readFrontMatter(units);
  for (const [u, lines] of front.taken.entries()) {
    for (const line of lines) out.push({ block: frontLineBlock(line), lines: [line.text] });
    if (u === front.body.unit && front.body.line > 0) {
      const item = rest[u];
      const remaining = (units[u]?.lines ?? []).slice(front.body.line);
      // The marks belonged to the whole paragraph; after a split they would point at the wrong text.
      if (item) out.push({ block: { kind: item.block.kind, text: remaining.join(" ") }, lines: remaining });
    }
  }
  const bodyFrom = front.body.line > 0 ? front.body.unit + 1 : front.body.unit;
  for (const item of rest.slice(bodyFrom)) out.push(item);
  return out;
}

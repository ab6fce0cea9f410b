/**
 * Decides which lines between the title and the body are front matter
 * (dateline, subtitle, author blocks). Works on "units": runs of lines with
 * no blank line between them (plain text, Markdown paragraphs) or single
 * paragraphs (HTML/DOCX).
 *
 * A unit is taken all-or-nothing, and only if it carries a strong signal
 * (a labelled identifier, e-mail, phone, dateline, degrees, postcode or a
 * confirmed name): a lone heading such as "Policy options" or a prose
 * paragraph that happens to mention a university must stay in the body.
 */
import { classifyMetaLine, isSubtitleCandidate, parseNameLine } from "./meta-lines.ts";
import type { ImportedBlock, MetaRole } from "./types.ts";

export interface FrontLine {
  text: string;
  role: MetaRole | "subtitle";
}

const SUPPORTING_ROLES = new Set<MetaRole>(["degrees", "affiliation", "identifier", "email", "phone", "address"]);

/** Does this line belong to an author block, so that the line before it may be the author's name? */
function supportsName(line: string | undefined): boolean {
  if (line === undefined) return false;
  const cls = classifyMetaLine(line);
  return cls !== null && SUPPORTING_ROLES.has(cls.role);
}

export class FrontMatterScanner {
  private subtitleTaken = false;
  private previousWasMeta = false;

  private readonly tight: boolean;
  private readonly guessSubtitle: boolean;

  /**
   * `tight`: units are consecutive paragraphs with no blank line between
   * them (HTML/DOCX), so an affiliation-only paragraph right after an author
   * paragraph continues that author block instead of needing its own anchor.
   * `guessSubtitle`: plain text and Markdown have no subtitle markup, so a
   * lone unpunctuated line may be taken as one; HTML/DOCX mark it up.
   */
  constructor(options: { tight: boolean; guessSubtitle: boolean } = { tight: false, guessSubtitle: true }) {
    this.tight = options.tight;
    this.guessSubtitle = options.guessSubtitle;
  }

  /**
   * Classify one unit. Returns null when the unit is not front matter, which
   * ends the front matter for the caller. `next` is the first line of the
   * following unit when units are not separated by blank lines (HTML
   * paragraphs), so a name paragraph can be confirmed by the one after it.
   */
  take(lines: readonly string[], next?: string): FrontLine[] | null {
    const texts = lines.map((l) => l.trim()).filter((l) => l !== "");
    const out: FrontLine[] = [];
    let anchored = false;
    let subtitleHere = false;
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i] ?? "";
      const cls = classifyMetaLine(text);
      if (cls) {
        out.push({ text, role: cls.role });
        anchored ||= cls.strong;
        continue;
      }
      const name = parseNameLine(text);
      if (name && (name.selfEvident || supportsName(i + 1 < texts.length ? texts[i + 1] : next))) {
        out.push({ text, role: "author" });
        anchored = true;
        continue;
      }
      if (this.guessSubtitle && !this.subtitleTaken && !subtitleHere && isSubtitleCandidate(text)) {
        out.push({ text, role: "subtitle" });
        subtitleHere = true;
        continue;
      }
      return null;
    }
    if (out.length === 0) return null;
    const continuesBlock = this.tight && this.previousWasMeta && !subtitleHere;
    if (!anchored && !continuesBlock && !(subtitleHere && out.length === 1)) return null;
    if (subtitleHere) this.subtitleTaken = true;
    this.previousWasMeta = out.some((line) => line.role !== "subtitle");
    return out;
  }
}

/** The block a front-matter line becomes. */
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
}

/**
 * Return `items` with the paragraphs right after the title reclassified as
 * front matter (dateline, subtitle, author blocks) up to the first one that
 * is body. `tight` says the paragraphs follow each other without blank lines
 * (HTML/DOCX), so a name paragraph may be confirmed by the paragraph after
 * it; such sources mark subtitles up, so none is guessed there.
 */
export function applyFrontMatter(items: readonly LinedBlock[], titleIndex: number, tight: boolean): LinedBlock[] {
  const scanner = new FrontMatterScanner({ tight, guessSubtitle: !tight });
  const out = items.slice(0, titleIndex + 1);
  let i = titleIndex + 1;
  for (; i < items.length; i++) {
    const item = items[i];
    if (!item) break;
    // Author blocks and subtitles already marked up in the source are part of the front matter.
    if (item.block.kind === "meta" || item.block.role === "subtitle") {
      out.push(item);
      continue;
    }
    if (item.block.kind !== "paragraph") break;
    const following = items[i + 1];
    const next = tight && following?.block.kind === "paragraph" ? following.lines[0] : undefined;
    const front = scanner.take(item.lines, next);
    if (!front) break;
    for (const line of front) out.push({ block: frontLineBlock(line), lines: [line.text] });
  }
  for (; i < items.length; i++) {
    const item = items[i];
    if (item) out.push(item);
  }
  return out;
}

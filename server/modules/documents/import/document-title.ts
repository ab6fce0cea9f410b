/**
 * Title handling shared by the Markdown and HTML parsers.
 */
import { FrontMatterScanner } from "./front-matter.ts";
import type { ImportedBlock } from "./types.ts";

/** The document title field is a label, not content: cap it (the title block keeps the full text). */
const MAX_TITLE_LENGTH = 500;

export function titleField(text: string): string {
  if (text.length <= MAX_TITLE_LENGTH) return text;
  // Do not cut a surrogate pair in half.
  const end = /[\uD800-\uDBFF]/.test(text[MAX_TITLE_LENGTH - 1] ?? "") ? MAX_TITLE_LENGTH - 1 : MAX_TITLE_LENGTH;
  return text.slice(0, end);
}

export function makeTitleBlock(text: string): ImportedBlock {
  return { kind: "heading", level: 1, role: "title", text };
}

/** A block plus the lines it had in the source (its text split at line breaks). */
export interface LinedBlock {
  block: ImportedBlock;
  lines: string[];
}

/**
 * Reclassify the paragraphs right after the title as front matter (dateline,
 * subtitle, author blocks) until the first one that is body. `tight` says
 * the paragraphs follow each other without blank lines (HTML/DOCX), so a
 * name paragraph may be confirmed by the paragraph after it; such sources
 * mark subtitles up, so none is guessed there.
 */
export function applyFrontMatter(items: LinedBlock[], titleIndex: number, tight: boolean): void {
  const scanner = new FrontMatterScanner({ tight, guessSubtitle: !tight });
  for (let i = titleIndex + 1; i < items.length; i++) {
    const item = items[i];
    if (!item) break;
    // Author blocks and subtitles already marked up in the source are part of the front matter.
    if (item.block.kind === "meta" || item.block.role === "subtitle") continue;
    if (item.block.kind !== "paragraph") break;
    const following = items[i + 1];
    const next = tight && following?.block.kind === "paragraph" ? following.lines[0] : undefined;
    const front = scanner.take(item.lines, next);
    if (!front) break;
    const replacement: LinedBlock[] = front.map((line) => ({
      block:
        line.role === "subtitle"
          ? { kind: "heading", level: 2, role: "subtitle", text: line.text }
          : { kind: "meta", role: line.role, text: line.text },
      lines: [line.text],
    }));
    items.splice(i, 1, ...replacement);
    i += replacement.length - 1;
  }
}

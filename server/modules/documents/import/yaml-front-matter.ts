/**
 * A Markdown article's YAML front matter (as Pandoc, Quarto, R Markdown,
 * Jekyll and Hugo write it): the block between "---" lines at the very top.
 * Its fields become the title and the meta blocks the other formats get from
 * their visible lines, one fact per block and written the way an article
 * prints them ("Keywords: a; b", "ORCID: …"), so the metadata is derived
 * from those blocks like any other and stays right when an editor edits them.
 *
 * Fields read (keys in any case): see front-matter-fields.ts. A block that
 * is not a YAML mapping is left to the Markdown reader as it is. A file
 * without one may have another header instead (TOML, MultiMarkdown,
 * Pandoc's title block: markdown-headers.ts), read into the same blocks.
 */
import { parse } from "yaml";
import { frontMatterBlocks, lowerKeys, type HeaderFrontMatter } from "./front-matter-fields.ts";
import { readMarkdownHeader, withoutShortcodeLines } from "./markdown-headers.ts";

/** "---", the YAML, then "---" or "...", each fence on a line of its own at the top of the file. */
const FRONT_RE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
/** Front matter is a screenful; a longer block is not front matter, and the YAML parser's work stays bounded. */
const MAX_YAML_CHARS = 32 * 1024;
/** Front matter nests two or three levels; deeper brackets or indentation are not front matter. */
const MAX_NESTING = 32;
/** Aliases are expanded by the parser: few are ever needed, and many make a small file huge. */
const MAX_ALIASES = 20;

export type YamlFrontMatter = HeaderFrontMatter;

/** Brackets opened inside one another, or lines indented, past MAX_NESTING levels (quotes not told apart: a bound, not a parse). */
function tooDeep(yaml: string): boolean {
  let depth = 0;
  for (let i = 0; i < yaml.length; i++) {
    const c = yaml.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_NESTING) return true;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return /^[ \t]{96,}\S/m.test(yaml);
}

/**
 * The front matter at the top of `source`: YAML, else another header
 * (markdown-headers.ts); null when there is none (or a YAML block is not a
 * mapping: then the file is read as Markdown throughout). Lines of Hugo
 * shortcodes are left out of the body that follows.
 */
export function readYamlFrontMatter(source: string): YamlFrontMatter | null {
  if (!source.startsWith("---")) return readMarkdownHeader(source);
  const m = FRONT_RE.exec(source.slice(0, MAX_YAML_CHARS + 16));
  if (!m) return null;
  if (tooDeep(m[1] ?? "")) return null;
  let parsed: unknown;
  try {
    // Warnings (an unknown tag or directive) would go to the process's warnings, quoting the file: not logged.
    parsed = parse(m[1] ?? "", { maxAliasCount: MAX_ALIASES, prettyErrors: false, uniqueKeys: false, logLevel: "error" });
  } catch {
    return null;
  }
  const fields = lowerKeys(parsed);
  if (!fields) return null;
  const { title, blocks } = frontMatterBlocks(fields);
  const body = withoutShortcodeLines(source.slice(m[0].length));
  return title === undefined ? { blocks, body } : { title, blocks, body };
}

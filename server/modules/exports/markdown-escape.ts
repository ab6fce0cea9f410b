/**
 * Escaping user text for CommonMark (and GFM, which adds tables, strikethrough and bare-URL
 * autolinks) so it reads literally, touching only what a parser would really misread where it
 * stands. Plain prose such as "24.8", "[email protected]", "@Name", "a < b" or "snake_case"
 * comes out unchanged.
 *
 * - HTML: `<` before a letter, `/`, `!` or `?` (a tag, comment or autolink could start), or
 *   opening an e-mail autolink (whose local part may start with a digit or `-`), becomes
 *   `&lt;`, and `&` that would start an entity becomes `&amp;`; entities rather than backslashes,
 *   so even a renderer that ignores backslash escapes shows text, not markup.
 * - Inline: every backtick; `*`, `~` and `_` runs that could open or close emphasis or
 *   strikethrough (CommonMark's flanking rules); `]` before `(`, `[` or `:` (a link or a link
 *   definition) and `[` next to `^` (a footnote); `\` before punctuation or a line end; the `:` of
 *   `scheme://`, the dot of `www.` and the `@` of an e-mail address (GFM autolinks).
 * - CriticMarkup (which a preprocessor finds in the raw text, before any Markdown parsing):
 *   `{` opening `{~~ {-- {++ {== {>>`, `}` closing `~~} --} ++} ==} <<}` and the `>` of `~>`
 *   become entities, so user text never opens, splits or closes a change.
 * - Line starts: `#` headings, `>` quotes (as `&gt;`), `-` `+` `*` bullets, `1.` ordered items,
 *   thematic breaks, setext underlines, code fences, table delimiter rows, and leading
 *   whitespace (an entity, so indentation never makes a code block).
 *
 * The text is given as parts: user text, which is escaped, and raw Markdown (footnote markers,
 * the `**` around a label), which is not but is taken into account: a `(` right after a
 * marker's `]` is escaped, as is a `*` next to a raw `*`. Control characters become U+FFFD.
 */
import { visibleText } from "./visible-text.ts";

export type InlinePart = string | { raw: string };

export interface EscapeOptions {
  /** The text starts a block (a paragraph, a list item's or a quote's content): block syntax counts there. */
  blockStart?: boolean;
  /** Line feeds in user text: `hard` keeps them as hard breaks in one block; `soft` as plain line ends. */
  newlines?: "hard" | "soft";
  /** The text is an ATX heading's content, whose closing run of `#` would be dropped. */
  heading?: boolean;
}

interface Cell {
  ch: string;
  user: boolean;
}

const ASCII_PUNCT = /[!-/:-@[-`{-~]/;
const isSpace = (c: string | null) => c === null || /\s/u.test(c);
const isPunct = (c: string | null) => c !== null && /[\p{P}\p{S}]/u.test(c);
const ENTITY = /^&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;
const EMAIL_DOMAIN = /^@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+/;
/** What follows `{` in a CriticMarkup opener, and what precedes `}` in a closer. */
const CRITIC_OPENER = /^(?:~~|--|\+\+|==|>>)$/;
const CRITIC_CLOSER = /^(?:~~|--|\+\+|==|<<)$/;
/** CommonMark's e-mail autolink, whose local part may start with a digit or punctuation ("<---@a>"). */
const EMAIL_AUTOLINK = /^<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*>/;
const THEMATIC_OR_SETEXT = /^(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:-[ \t]*){3,}|=+[ \t]*|-+[ \t]*)$/;

function cellsOf(parts: InlinePart[]): Cell[] {
  const cells: Cell[] = [];
  for (const part of parts) {
    if (typeof part === "string") for (const ch of visibleText(part)) cells.push({ ch, user: true });
    else for (const ch of part.raw) cells.push({ ch, user: false });
  }
  return cells;
}

function splitLines(cells: Cell[]): Cell[][] {
  const lines: Cell[][] = [[]];
  for (const c of cells) {
    if (c.user && c.ch === "\n") lines.push([]);
    else lines[lines.length - 1]!.push(c);
  }
  return lines;
}

/** Whether a delimiter run between `prev` and `next` (null: line edge) could open or close. */
function emphasisCould(ch: string, prev: string | null, next: string | null): boolean {
  const left = !isSpace(next) && (!isPunct(next) || isSpace(prev) || isPunct(prev));
  const right = !isSpace(prev) && (!isPunct(prev) || isSpace(next) || isPunct(next));
  if (ch !== "_") return left || right;
  return (left && (!right || isPunct(prev))) || (right && (!left || isPunct(next)));
}

/** A line's whole text. */
function lineText(line: Cell[]): string {
  let s = "";
  for (const c of line) s += c.ch;
  return s;
}

const NO_ESCAPES: ReadonlyMap<number, string> = new Map();
/** Characters a thematic break, setext underline or table delimiter row is made of. */
const RULE_CHARS = /^[*_\-=|: \t]+$/;

/** Escapes decided by the line's start: index -> replacement. */
function lineStartEscapes(line: Cell[], atBlockStart: boolean, heading: boolean, last: boolean): ReadonlyMap<number, string> {
  const out = new Map<number, string>();
  if (heading && last) {
    // A closing sequence: a run of # at the end, after a space (or alone).
    const text = lineText(line);
    const m = /(^|[ \t])(#+)[ \t]*$/.exec(text);
    if (m) {
      const at = Array.from(text.slice(0, m.index + m[1]!.length)).length;
      if (line[at]?.user === true) out.set(at, "\\#");
    }
  }
  if (!atBlockStart || line[0]?.user !== true) return out.size ? out : NO_ESCAPES;
  const first = line[0].ch;
  if (first === " " || first === "\t") {
    out.set(0, first === " " ? "&#32;" : "&#9;");
    return out;
  }
  // Every block-start pattern but the rules below is decided within the first 11 characters.
  const head = textAt(line, 0, 12);
  const rule = RULE_CHARS.test(head) ? lineText(line) : "";
  if (/^#{1,6}(?:[ \t]|$)/.test(head) || /^[-+*](?:[ \t]|$)/.test(head) || (rule && THEMATIC_OR_SETEXT.test(rule)) || /^(?:`{3,}|~{3,})/.test(head)) {
    out.set(0, `\\${first}`);
  } else if (first === ">") {
    out.set(0, "&gt;");
  } else {
    // Any number: only 1 can interrupt a paragraph, but inside a list item or a quote a line
    // starting "91. " ends the container rather than continuing it lazily.
    const m = /^(\d{1,9})([.)])(?:[ \t]|$)/.exec(head);
    if (m && line[m[1]!.length]?.user === true) out.set(m[1]!.length, `\\${m[2]}`);
  }
  if (rule && /^[|:\- \t]+$/.test(rule) && rule.includes("|") && rule.includes("-")) {
    line.forEach((c, i) => {
      if (c.user && c.ch === "|") out.set(i, "\\|");
    });
  }
  return out.size ? out : NO_ESCAPES;
}

/** The line's text from cell `i`, at most `n` cells (enough for an entity or a domain's start). */
function textAt(line: Cell[], i: number, n = 40): string {
  let s = "";
  for (let k = i; k < line.length && k < i + n; k++) s += line[k]!.ch;
  return s;
}

/** The characters inlineEscape may change; every other character stays as it is. */
const MAY_ESCAPE = new Set("\\`<&[]():.@*_~{}>");

/** The escaped form of one user character, given its line (null: leave it as it is). */
function inlineEscape(line: Cell[], i: number, hardBreakAfter: boolean): string | null {
  const c = line[i]!.ch;
  const prevCell = line[i - 1];
  const prev = prevCell?.ch ?? null;
  const next = line[i + 1]?.ch ?? null;
  const afterRawBracket = prevCell !== undefined && !prevCell.user && prev === "]";
  switch (c) {
    case "\\":
      return next === null || ASCII_PUNCT.test(next) ? "\\\\" : null;
    case "`":
      return "\\`";
    case "<":
      return next !== null && (/[A-Za-z/!?]/.test(next) || EMAIL_AUTOLINK.test(textAt(line, i, 320))) ? "&lt;" : null;
    case "&":
      return ENTITY.test(textAt(line, i)) ? "&amp;" : null;
    case "[":
      return next === "^" || prev === "^" || afterRawBracket ? "\\[" : null;
    case "]":
      return next === "(" || next === "[" || next === ":" ? "\\]" : null;
    case "(":
      return afterRawBracket ? "\\(" : null;
    case ":":
      return afterRawBracket || (prev !== null && /[A-Za-z]/.test(prev) && next === "/" && line[i + 2]?.ch === "/") ? "\\:" : null;
    case ".": {
      const www = textAt(line, Math.max(0, i - 3), Math.min(i, 3)).toLowerCase();
      const before = line[i - 4]?.ch ?? null;
      return www === "www" && (before === null || !/[\p{L}\p{N}]/u.test(before)) ? "\\." : null;
    }
    case "@":
      return prev !== null && /[A-Za-z0-9._+-]/.test(prev) && EMAIL_DOMAIN.test(textAt(line, i)) ? "\\@" : null;
    case "{":
      // A CriticMarkup opener ({~~ {-- {++ {== {>>): an entity, which a preprocessor reading raw text cannot mistake.
      return CRITIC_OPENER.test(textAt(line, i + 1, 2)) ? "&#123;" : null;
    case "}":
      return i >= 2 && CRITIC_CLOSER.test(textAt(line, i - 2, 2)) ? "&#125;" : null;
    case ">":
      // The middle of a CriticMarkup substitution ({~~old~>new~~}).
      return prev === "~" ? "&gt;" : null;
    case "*":
    case "_":
    case "~": {
      let from = i;
      while (from > 0 && line[from - 1]!.ch === c && line[from - 1]!.user) from--;
      let to = i + 1;
      while (to < line.length && line[to]!.ch === c && line[to]!.user) to++;
      const before = line[from - 1]?.ch ?? null;
      const after = line[to]?.ch ?? (hardBreakAfter ? "\\" : null);
      return emphasisCould(c, before, after) ? `\\${c}` : null;
    }
    default:
      return null;
  }
}

const SPACE = /\s/u;
/** A line of user whitespace only (or nothing). */
function isBlank(line: Cell[]): boolean {
  for (const c of line) if (!c.user || !SPACE.test(c.ch)) return false;
  return true;
}

/** Escapes the user parts of an inline text; raw parts pass through unchanged. */
export function escapeInline(parts: InlinePart[], opts: EscapeOptions = {}): string {
  const lines = splitLines(cellsOf(parts));
  const hard = (opts.newlines ?? "hard") === "hard";
  // Trailing blank lines end nothing in Markdown; as hard breaks they would leave a stray backslash.
  while (hard && lines.length > 1 && isBlank(lines[lines.length - 1]!)) lines.pop();
  const out: string[] = [];
  lines.forEach((line, n) => {
    const last = n === lines.length - 1;
    if (isBlank(line)) {
      out.push("");
      return;
    }
    // A later line may start a block too: a paragraph can be interrupted, a container ended.
    const fixed = lineStartEscapes(line, n > 0 || opts.blockStart === true, opts.heading === true, last);
    let s = "";
    for (let i = 0; i < line.length; i++) {
      const cell = line[i]!;
      if (!cell.user) s += cell.ch;
      else if (fixed.size && fixed.has(i)) s += fixed.get(i)!;
      else s += MAY_ESCAPE.has(cell.ch) ? (inlineEscape(line, i, hard && !last) ?? cell.ch) : cell.ch;
    }
    out.push(s);
  });
  return out.join(hard ? "\\\n" : "\n");
}

/** Escapes one user text that starts a block, keeping its line feeds as hard breaks. */
export function escapeMarkdown(s: string, opts: EscapeOptions = { blockStart: true }): string {
  return escapeInline([s], opts);
}

// An underscore between two letters or digits never opens or closes emphasis, so ids such as
// "d_abc" stay readable; everywhere else it is escaped like the other delimiters.
const YAML_ESCAPED = /[<>&[\]`*~\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])|:(?=\/\/)|(?<=\bwww)\.|@(?=[A-Za-z0-9_-]+\.)/giu;

/**
 * A YAML double-quoted scalar that parses back to exactly `s`, with no raw `<`, `>`, `&` or
 * Markdown punctuation in it (each written as a `\uXXXX` escape): renderers that show front
 * matter as ordinary text then show this as text, never as HTML, a link or emphasis.
 */
export function yamlString(s: string): string {
  return JSON.stringify(s).replace(YAML_ESCAPED, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

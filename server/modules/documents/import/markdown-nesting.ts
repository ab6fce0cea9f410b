/**
 * A bound on how deep a Markdown line can nest lists and quotes before marked sees it.
 *
 * marked lexes each list item's content again one level down, copying what is left of the
 * line at every level, so nesting costs time in proportion to depth × length: a line of
 * 130,000 "1. " took 8 s (and thousands of levels overflow the stack), a list indented one
 * tab deeper on each line 9 s for 250 KB. Articles nest a few levels; past
 * MAX_PREFIX_MARKERS markers on one line, or MAX_PREFIX_INDENT columns of indentation before
 * a marker, the extra depth changes nothing a reader sees, so the extra markers are dropped
 * and the indentation is cut to that width. A long thematic break is shortened (shortBreak).
 * Fenced code is left exactly as written.
 */

export const MAX_PREFIX_MARKERS = 8;
export const MAX_PREFIX_INDENT = 32;

const FENCE_RE = /^[ \t>]*(`{3,}|~{3,})/;

/** Length of a list marker ("-", "*", "+", "1.", "12)") at `at` followed by a space or tab, else 0. */
function listMarkerAt(line: string, at: number): number {
  const c = line[at];
  let end = at;
  if (c === "-" || c === "*" || c === "+") end = at + 1;
  else {
    while (end < line.length && end - at < 10 && line.charCodeAt(end) >= 48 && line.charCodeAt(end) <= 57) end++;
    if (end === at || end - at > 9 || (line[end] !== "." && line[end] !== ")")) return 0;
    end++;
  }
  const next = line[end];
  return next === " " || next === "\t" ? end - at : 0;
}

/**
 * The line with its container prefix (indentation, ">" and list markers) bounded, or the line
 * itself when it is within the bounds. Linear in the length of the prefix.
 */
function boundLine(line: string): string {
  let at = 0;
  let markers = 0;
  let changed = false;
  let out = "";
  for (;;) {
    const spaceStart = at;
    let columns = 0;
    while (line[at] === " " || line[at] === "\t") {
      columns += line[at] === "\t" ? 4 - (columns % 4) : 1;
      at++;
    }
    const marker = line[at] === ">" ? 1 : listMarkerAt(line, at);
    if (marker === 0) {
      // Indentation before text, not before a marker: left as it is (it may be code).
      return changed ? out + line.slice(spaceStart) : line;
    }
    markers++;
    if (markers > MAX_PREFIX_MARKERS) {
      changed = true;
    } else if (columns > MAX_PREFIX_INDENT) {
      changed = true;
      out += " ".repeat(MAX_PREFIX_INDENT) + line.slice(at, at + marker);
    } else {
      out += line.slice(spaceStart, at + marker);
    }
    at += marker;
  }
}

/**
 * A line longer than this that is a thematic break ("***…", "- - -…", "___…") is written with
 * three of its marks: marked's rule for it took 0.7 s for 2 MB of "_" and grew faster than the
 * line (4× the line, 20× the time), and a break is a break whatever its length.
 */
const LONG_BREAK = 1_000;

/** The line as a three-mark break when it is a long thematic break, else null. Linear. */
function shortBreak(line: string): string | null {
  if (line.length <= LONG_BREAK) return null;
  let at = 0;
  while (at < 3 && line[at] === " ") at++;
  const mark = line[at];
  if (mark !== "-" && mark !== "*" && mark !== "_") return null;
  let spaced = false;
  let end = at;
  for (let i = at; i < line.length; i++) {
    const c = line[i];
    if (c === mark) {
      if (i > end + 1) spaced = true;
      end = i;
    } else if (c !== " " && c !== "\t" && c !== "\r") return null;
  }
  // "---" under a paragraph underlines a heading, "- - -" does not: the spacing is kept.
  return line.slice(0, at) + (spaced ? `${mark} ${mark} ${mark}` : mark.repeat(3));
}

/** `text` with every line's nesting bounded (see the module comment); fenced code untouched. */
export function boundNesting(text: string): string {
  const lines = text.split("\n");
  let fence = "";
  let changed = false;
  for (const [i, line] of lines.entries()) {
    const mark = FENCE_RE.exec(line)?.[1] ?? "";
    if (fence !== "") {
      if (mark[0] === fence[0] && mark.length >= fence.length) fence = "";
      continue;
    }
    if (mark !== "") {
      fence = mark;
      continue;
    }
    const bounded = shortBreak(line) ?? boundLine(line);
    if (bounded !== line) {
      lines[i] = bounded;
      changed = true;
    }
  }
  return changed ? lines.join("\n") : text;
}

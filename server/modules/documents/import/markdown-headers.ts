/**
 * A Markdown article's metadata header when it is not YAML:
 *
 * - TOML front matter between "+++" lines (Hugo, Zola): `title = "…"`,
 *   `authors = ["…"]`, `date = 2024-11-02T09:00:00+11:00`, `[params]`
 *   (Hugo's own fields; a top-level key wins over one there), `[[authors]]`
 *   tables. A date-time gives its date as written ("2024-11-02").
 * - Pandoc's title block: "% Title", "% Author; Author", "% Date" as the
 *   first lines (a field may be empty, a line starting with a space goes on
 *   the field above, and each such line of the author field is one author).
 * - MultiMarkdown metadata: "Key: value" lines up to the first blank line,
 *   a line starting with a space going on the value above, with a "Title"
 *   among them (without one, "Key: value" lines are read as text as before);
 *   a key said twice (two "Author:" lines) gives a list.
 *
 * Each is read into the fields a YAML header has and written as the same
 * blocks (frontMatterBlocks): one reading of front matter data, whatever
 * the header's syntax. A header that does not parse is left to the Markdown
 * reader as text.
 *
 * A file with front matter is a static site's page (Hugo, Jekyll), and a
 * line that is only Hugo shortcodes ("{{< figure src=… >}}", "{{% note %}}")
 * is a directive to the site's renderer, not text: it is left out of the
 * body, like the tags of raw HTML (outside fenced code; the text between a
 * paired shortcode's tags is kept).
 */
import { frontMatterBlocks, lowerKeys, type Fields, type HeaderFrontMatter } from "./front-matter-fields.ts";

/** A header is a screenful; past this it is not one, and the reader's work stays bounded. */
const MAX_HEADER_CHARS = 32 * 1024;
/** Arrays and inline tables nest a level or two in front matter. */
const MAX_NESTING = 16;

const TOML_RE = /^\+\+\+[ \t]*\r?\n([\s\S]*?)\r?\n\+\+\+[ \t]*(?:\r?\n|$)/;

class TomlSyntaxError extends Error {}

/** A subset of TOML enough for front matter: tables, arrays of tables, strings, arrays, inline tables, scalars. */
class TomlReader {
  private i = 0;
  readonly root: Fields = {};
  private current: Fields = this.root;

  constructor(private readonly src: string) {}

  read(): Fields {
    for (;;) {
      this.skipBlank(true);
      if (this.i >= this.src.length) return this.root;
      if (this.src.startsWith("[[", this.i)) {
        this.i += 2;
        const path = this.keyPath("]]");
        const parent = this.tableAt(this.root, path.slice(0, -1));
        const last = path[path.length - 1] ?? "";
        const existing = parent[last];
        const array = Array.isArray(existing) ? existing : [];
        if (!Array.isArray(existing)) {
          if (existing !== undefined) throw new TomlSyntaxError();
          parent[last] = array;
        }
        const table: Fields = {};
        array.push(table);
        this.current = table;
      } else if (this.src[this.i] === "[") {
        this.i++;
        this.current = this.tableAt(this.root, this.keyPath("]"));
      } else {
        const path = this.keyPath("=");
        const value = this.value(0);
        const table = this.tableAt(this.current, path.slice(0, -1));
        table[path[path.length - 1] ?? ""] = value;
      }
      this.endOfLine();
    }
  }

  /** The table at `path` under `from`, made where missing; the last table of an array of tables. */
  private tableAt(from: Fields, path: readonly string[]): Fields {
    let table = from;
    for (const key of path) {
      let next = table[key];
      if (next === undefined) table[key] = next = {};
      if (Array.isArray(next)) next = next[next.length - 1];
      if (!next || typeof next !== "object" || Array.isArray(next)) throw new TomlSyntaxError();
      table = next as Fields;
    }
    return table;
  }

  /** Dotted key up to `end` ("=", "]" or "]]"), which is consumed. */
  private keyPath(end: string): string[] {
    const path: string[] = [];
    for (;;) {
      this.skipSpaces();
      const c = this.src[this.i];
      if (c === '"' || c === "'") path.push(this.string());
      else {
        const m = /^[A-Za-z0-9_-]+/.exec(this.src.slice(this.i, this.i + 200));
        if (!m) throw new TomlSyntaxError();
        path.push(m[0]);
        this.i += m[0].length;
      }
      this.skipSpaces();
      if (this.src.startsWith(end, this.i)) {
        this.i += end.length;
        return path;
      }
      if (this.src[this.i] !== ".") throw new TomlSyntaxError();
      this.i++;
    }
  }

  private value(depth: number): unknown {
    if (depth > MAX_NESTING) throw new TomlSyntaxError();
    this.skipSpaces();
    const c = this.src[this.i];
    if (c === '"' || c === "'") return this.string();
    if (c === "[") return this.array(depth);
    if (c === "{") return this.inlineTable(depth);
    const m = /^[^\s,\]}#]+(?: \d{2}:\d{2}[0-9:.+Z-]*)?/.exec(this.src.slice(this.i, this.i + 100));
    if (!m) throw new TomlSyntaxError();
    this.i += m[0].length;
    const word = m[0];
    if (word === "true" || word === "false") return word === "true";
    // A date or date-time stands for its day, as written.
    const date = /^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}.*)?$/.exec(word);
    if (date) return date[1];
    if (/^[+-]?[\d_.eE+-]+$|^0x|^0o|^0b|^[+-]?(?:inf|nan)$/.test(word)) return word.replace(/_/g, "");
    throw new TomlSyntaxError();
  }

  private array(depth: number): unknown[] {
    this.i++;
    const out: unknown[] = [];
    for (;;) {
      this.skipBlank(true);
      if (this.src[this.i] === "]") {
        this.i++;
        return out;
      }
      out.push(this.value(depth + 1));
      this.skipBlank(true);
      if (this.src[this.i] === ",") this.i++;
      else if (this.src[this.i] !== "]") throw new TomlSyntaxError();
    }
  }

  private inlineTable(depth: number): Fields {
    this.i++;
    const out: Fields = {};
    this.skipSpaces();
    if (this.src[this.i] === "}") {
      this.i++;
      return out;
    }
    for (;;) {
      const path = this.keyPath("=");
      const value = this.value(depth + 1);
      this.tableAt(out, path.slice(0, -1))[path[path.length - 1] ?? ""] = value;
      this.skipSpaces();
      const c = this.src[this.i++];
      if (c === "}") return out;
      if (c !== ",") throw new TomlSyntaxError();
    }
  }

  private string(): string {
    const quote = this.src[this.i] ?? "";
    const triple = quote.repeat(3);
    if (this.src.startsWith(triple, this.i)) {
      const end = this.src.indexOf(triple, this.i + 3);
      if (end < 0) throw new TomlSyntaxError();
      const raw = this.src.slice(this.i + 3, end).replace(/^\r?\n/, "");
      this.i = end + 3;
      // A line ending in a backslash goes on with the next line's first non-blank character.
      return quote === "'" ? raw : unescape(raw.replace(/\\[ \t]*\r?\n\s*/g, ""));
    }
    let j = this.i + 1;
    while (j < this.src.length && this.src[j] !== quote && this.src[j] !== "\n") j += quote === '"' && this.src[j] === "\\" ? 2 : 1;
    if (this.src[j] !== quote) throw new TomlSyntaxError();
    const raw = this.src.slice(this.i + 1, j);
    this.i = j + 1;
    return quote === "'" ? raw : unescape(raw);
  }

  private skipSpaces(): void {
    while (this.src[this.i] === " " || this.src[this.i] === "\t") this.i++;
  }

  /** Spaces, comments and (when `lines`) line breaks. */
  private skipBlank(lines: boolean): void {
    for (;;) {
      this.skipSpaces();
      const c = this.src[this.i];
      if (c === "#") {
        const end = this.src.indexOf("\n", this.i);
        this.i = end < 0 ? this.src.length : end;
      } else if (lines && (c === "\n" || c === "\r")) this.i++;
      else return;
    }
  }

  private endOfLine(): void {
    this.skipBlank(false);
    const c = this.src[this.i];
    if (c !== undefined && c !== "\n" && c !== "\r") throw new TomlSyntaxError();
  }
}

const ESCAPES: Record<string, string> = { b: "\b", t: "\t", n: "\n", f: "\f", r: "\r", '"': '"', "\\": "\\" };

function unescape(raw: string): string {
  return raw.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, (all, e: string) => {
    if (e.length > 1) {
      const code = parseInt(e.slice(1), 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return ESCAPES[e] ?? all;
  });
}

/** Hugo's fields: the top level, then its [params] table for what the top level lacks. */
function tomlFields(root: Fields): Fields | undefined {
  const top = lowerKeys(root);
  if (!top) return undefined;
  const params = lowerKeys(top.params);
  return params ? { ...params, ...top } : top;
}

function readToml(source: string): HeaderFrontMatter | null {
  if (!source.startsWith("+++")) return null;
  const m = TOML_RE.exec(source.slice(0, MAX_HEADER_CHARS + 16));
  if (!m) return null;
  let root: Fields;
  try {
    root = new TomlReader(m[1] ?? "").read();
  } catch (error) {
    if (error instanceof TomlSyntaxError) return null;
    throw error;
  }
  const fields = tomlFields(root);
  return fields ? withBody(fields, source.slice(m[0].length)) : null;
}

function withBody(fields: Fields, rest: string): HeaderFrontMatter {
  const { title, blocks } = frontMatterBlocks(fields);
  const body = withoutShortcodeLines(rest);
  return title === undefined ? { blocks, body } : { title, blocks, body };
}

const SHORTCODES_LINE = /^[ \t]*(?:\{\{(?:<[^}\n]*>|%[^}\n]*%)\}\}[ \t]*)+\r?$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** `body` without its lines of Hugo shortcodes outside fenced code. */
export function withoutShortcodeLines(body: string): string {
  if (!body.includes("{{")) return body;
  let fence = "";
  const kept: string[] = [];
  for (const line of body.split("\n")) {
    const f = FENCE.exec(line)?.[1];
    if (f && (fence === "" || (f[0] === fence[0] && f.length >= fence.length))) fence = fence === "" ? f : "";
    if (fence === "" && !f && SHORTCODES_LINE.test(line)) continue;
    kept.push(line);
  }
  return kept.join("\n");
}

/** The header's lines: from the top, up to the first line `ends` (not included), within the size bound. */
function headerLines(source: string, ends: (line: string) => boolean): { lines: string[]; length: number } {
  const lines: string[] = [];
  let at = 0;
  while (at < source.length && at < MAX_HEADER_CHARS) {
    const next = source.indexOf("\n", at);
    const end = next < 0 ? source.length : next + 1;
    const line = source.slice(at, end).replace(/\r?\n$/, "");
    if (ends(line)) break;
    lines.push(line);
    at = end;
  }
  return { lines, length: at };
}

const CONTINUED = /^[ \t]+\S/;

/** Pandoc's "% Title / % Authors / % Date" block. */
function readPandocTitleBlock(source: string): HeaderFrontMatter | null {
  if (!source.startsWith("%")) return null;
  const { lines, length } = headerLines(source, (line) => !line.startsWith("%") && !CONTINUED.test(line));
  const parts: string[][] = [];
  for (const line of lines) {
    if (line.startsWith("%")) parts.push([line.slice(1).trim()]);
    else parts[parts.length - 1]?.push(line.trim());
  }
  if (parts.length > 3 || parts.every((p) => p.join("") === "")) return null;
  const [titleLines = [], authorLines = [], dateLines = []] = parts;
  const authors = authorLines.flatMap((line) => line.split(";")).map((a) => a.trim()).filter((a) => a !== "");
  const fields: Fields = { title: titleLines.filter((l) => l !== "").join(" "), author: authors };
  const date = dateLines.filter((l) => l !== "").join(" ");
  if (date !== "") fields.date = date;
  return withBody(fields, source.slice(length));
}

const MMD_LINE = /^([A-Za-z][A-Za-z0-9 _-]{0,39}):[ \t]*(.*)$/;

/** MultiMarkdown's "Key: value" lines with a Title among them. */
function readMultiMarkdown(source: string): HeaderFrontMatter | null {
  if (!MMD_LINE.test(/^.*/.exec(source)?.[0] ?? "")) return null;
  const { lines, length } = headerLines(source, (line) => line.trim() === "");
  const fields: Record<string, string[]> = {};
  let last: string[] | undefined;
  for (const line of lines) {
    const m = MMD_LINE.exec(line);
    if (m) {
      // MultiMarkdown compares keys in lower case without spaces.
      const key = (m[1] ?? "").toLowerCase().replace(/\s+/g, "");
      last = [(m[2] ?? "").trim()];
      (fields[key] ??= []).push(...last);
      last = fields[key];
    } else if (CONTINUED.test(line) && last) last[last.length - 1] = `${last[last.length - 1] ?? ""} ${line.trim()}`.trim();
    else return null;
  }
  if (!fields.title?.[0]) return null;
  const data: Fields = {};
  for (const [key, values] of Object.entries(fields)) data[key] = values.length === 1 && key !== "author" ? values[0] : values;
  return withBody(data, source.slice(length));
}

/** The non-YAML header at the top of `source`, or null when it has none. */
export function readMarkdownHeader(source: string): HeaderFrontMatter | null {
  return readToml(source) ?? readPandocTitleBlock(source) ?? readMultiMarkdown(source);
}

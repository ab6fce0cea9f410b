/**
 * A formula written in MathML without its TeX beside it (MathJax's copy for screen readers,
 * Pandoc's `--mathml`, a hand-written page) read as one line of text in TeX's manner, the form
 * the importer already gives a formula that carries its TeX (`alttext`): "x_{1}+x_{2}≤1",
 * "\frac{1}{2}c^{2}". Read as plain text, MathML is its symbols run together ("x1+x2≤1"), and
 * dropped it leaves a hole in the sentence ("Let denote the effort…").
 *
 * The importer reads HTML as a stream of tags: `MathReading` is fed the elements and text inside
 * one `<math>` and builds a small tree of them, bounded in size and depth; `line()` writes it out.
 * A `<semantics>` holding a TeX annotation is read as that TeX.
 */

/** Elements of one formula kept (the rest of a hostile one is left out). */
const MAX_NODES = 5_000;
/** Nesting kept: a deeper element's text goes to its ancestor at this depth. */
const MAX_DEPTH = 48;
/** Characters of a formula's text kept while it is read. */
const MAX_TEXT = 20_000;

/** An element of a formula, its name as written ("msub", "m:sSub"). */
export interface FormulaNode {
  name: string;
  attribs: Record<string, string>;
  children: Array<FormulaNode | string>;
}

const TEX_ANNOTATION_RE = /^(application\/x-tex|text\/x-latex|application\/x-latex|tex|latex)$/i;
/** Wikipedia's and MediaWiki's TeX wrap a formula in `{\displaystyle …}` (or `\textstyle`). */
const STYLE_WRAPPER_RE = /^\{\\(?:displaystyle|textstyle)\s*([\s\S]*)\}$/;
const WORD_END_RE = /[\p{L}\p{N}]$/u;
const WORD_START_RE = /^[\p{L}\p{N}]/u;
/** Invisible operators (function application, invisible times, separator, plus): nothing to read. */
const INVISIBLE_RE = /[\u2061-\u2064]/g;

/** A formula's TeX without the `{\displaystyle …}` a wiki wraps it in. */
export function formulaTex(tex: string): string {
  const t = tex.trim();
  const m = STYLE_WRAPPER_RE.exec(t);
  return (m ? m[1]! : t).trim();
}

/**
 * A formula's elements and text, fed as a stream of tags, kept as a tree bounded in elements,
 * depth and text (MathML here; Word's Office Math in docx-math.ts).
 */
export class FormulaTree {
  readonly root: FormulaNode;
  private open: FormulaNode[];
  /** Elements opened past MAX_DEPTH or MAX_NODES, not kept (their text goes to the innermost kept one). */
  private skipped = 0;
  /** Elements open inside a muted one (itself included): nothing of them is read. */
  private muted = 0;
  private nodes = 1;
  private chars = 0;

  constructor(name: string, attribs: Record<string, string>) {
    this.root = { name, attribs, children: [] };
    this.open = [this.root];
  }

  /**
   * An element inside the formula; `muted` (a script, a hidden element: the caller decides) is
   * left out with all it holds.
   */
  enter(name: string, attribs: Record<string, string>, muted = false): void {
    if (this.muted > 0 || muted) {
      this.muted++;
      return;
    }
    if (this.skipped > 0 || this.open.length >= MAX_DEPTH || this.nodes >= MAX_NODES) {
      this.skipped++;
      return;
    }
    const node: FormulaNode = { name, attribs, children: [] };
    this.open[this.open.length - 1]!.children.push(node);
    this.open.push(node);
    this.nodes++;
  }

  leave(): void {
    if (this.muted > 0) this.muted--;
    else if (this.skipped > 0) this.skipped--;
    else if (this.open.length > 1) this.open.pop();
  }

  text(data: string): void {
    if (this.muted > 0 || this.chars >= MAX_TEXT) return;
    const kept = data.slice(0, MAX_TEXT - this.chars);
    this.chars += kept.length;
    this.open[this.open.length - 1]!.children.push(kept);
  }
}

/** A `<math>` read as its elements come: `line()` writes it out. */
export class MathReading extends FormulaTree {
  constructor(attribs: Record<string, string>) {
    super("math", attribs);
  }

  /** The formula as one line ("" when it holds nothing to read), at most `max` characters. */
  line(max: number): string {
    return write(this.root).replace(/\s+/g, " ").trim().slice(0, max);
  }
}

/** `m:msub` and `msub` alike. */
function localName(name: string): string {
  const colon = name.indexOf(":");
  return (colon >= 0 ? name.slice(colon + 1) : name).toLowerCase();
}

const elements = (n: FormulaNode) => n.children.filter((c): c is FormulaNode => typeof c !== "string");

/** Pieces written one after the other, a space kept between two words ("\sin x", "d x"). */
export function joined(parts: string[]): string {
  const out: string[] = [];
  let last = "";
  for (const p of parts) {
    if (p === "") continue;
    // The previous piece's last character (two code units: one astral letter).
    if (WORD_END_RE.test(last.slice(-2)) && WORD_START_RE.test(p)) out.push(" ");
    out.push(p);
    last = p;
  }
  return out.join("");
}

const inner = (n: FormulaNode) => joined(n.children.map((c) => (typeof c === "string" ? c.trim() : write(c))));
/** An argument that may be missing (a hand-written `<msub>` with one child). */
const optional = (n: FormulaNode | undefined) => (n ? write(n) : "");
const braced = (n: FormulaNode | undefined) => `{${optional(n)}}`;

function write(n: FormulaNode): string {
  const [a, b, c] = elements(n);
  switch (localName(n.name)) {
    case "mi":
    case "mn":
    case "mo":
      return n.children.map((x) => (typeof x === "string" ? x : write(x))).join("").replace(INVISIBLE_RE, "").trim();
    case "mtext":
    case "ms":
      return n.children.map((x) => (typeof x === "string" ? x : write(x))).join("").replace(/\s+/g, " ").trim();
    case "mspace":
      return " ";
    case "mphantom":
    case "annotation":
    case "annotation-xml":
    case "none":
    case "mprescripts":
    case "malignmark":
    case "maligngroup":
      return "";
    case "semantics": {
      const tex = elements(n).find((x) => localName(x.name) === "annotation" && TEX_ANNOTATION_RE.test((x.attribs.encoding ?? "").trim()));
      const texText = tex ? formulaTex(tex.children.filter((x): x is string => typeof x === "string").join("")) : "";
      return texText !== "" ? texText : optional(a);
    }
    case "msub":
    case "munder":
      return `${optional(a)}_${braced(b)}`;
    case "msup":
      return `${optional(a)}^${braced(b)}`;
    case "mover":
      // An accent (a bar, a hat) reads as the mark after its base; a limit as a superscript.
      return n.attribs.accent === "true" ? `${optional(a)}${optional(b)}` : `${optional(a)}^${braced(b)}`;
    case "msubsup":
    case "munderover":
      return `${optional(a)}_${braced(b)}^${braced(c)}`;
    case "mfrac":
      return `\\frac${braced(a)}${braced(b)}`;
    case "msqrt":
      return `\\sqrt{${inner(n)}}`;
    case "mroot":
      return `\\sqrt[${optional(b)}]${braced(a)}`;
    case "mfenced": {
      const open = n.attribs.open ?? "(";
      const close = n.attribs.close ?? ")";
      const separators = (n.attribs.separators ?? ",").replace(/\s+/g, "");
      const parts = elements(n).map(write);
      return `${open}${parts.map((p, i) => (i === 0 ? p : `${separators[Math.min(i - 1, separators.length - 1)] ?? ""}${p}`)).join("")}${close}`;
    }
    case "mtable":
      return elements(n).map(write).filter((r) => r !== "").join("; ");
    case "mtr":
    case "mlabeledtr":
      return elements(n).map(write).filter((cell) => cell !== "").join(", ");
    default:
      // math, mrow, mstyle, mpadded, menclose, merror, mtd, mmultiscripts, an unknown element: its content in order.
      return inner(n);
  }
}

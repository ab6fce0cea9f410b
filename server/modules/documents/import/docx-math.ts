/**
 * Word's equations (Office Math, `<m:oMath>`, as Word and LibreOffice write them) as text. The
 * Word reader (mammoth) knows only Word's own runs, so an equation vanished from its sentence
 * ("Let denote the effort of state"). Before the main document is converted, each equation is
 * replaced by a run holding it as one line in TeX's manner, as the HTML reader writes a formula
 * (html-mathml.ts): "x_{i}", "\frac{1}{2}c^{2}", "∑_{i=1}^{n}x_{i}".
 */
import { Parser } from "htmlparser2";
import { FormulaTree, joined, type FormulaNode as Node } from "./html-mathml.ts";

/** Characters of one equation's line. */
const MAX_CHARS = 10_000;
/** Equations rewritten in one document (the rest are left as they were: out of the text). */
const MAX_EQUATIONS = 20_000;

const child = (n: Node | undefined, name: string) => n?.children.find((c): c is Node => typeof c !== "string" && c.name === name);
const all = (n: Node, name: string) => n.children.filter((c): c is Node => typeof c !== "string" && c.name === name);
/** A property's value (`<m:chr m:val="∑"/>` inside `<m:naryPr>`). */
const prop = (n: Node, props: string, name: string) => child(child(n, props), name)?.attribs["m:val"];

/** An argument's content (`m:e`, `m:sub`, `m:num`…), its elements in order. */
const arg = (n: Node | undefined): string => (n ? joined(n.children.map((c) => (typeof c === "string" ? "" : write(c)))) : "");
const braced = (n: Node | undefined) => `{${arg(n)}}`;

function write(n: Node): string {
  switch (n.name) {
    case "m:r":
      return all(n, "m:t")
        .map((t) => t.children.filter((c): c is string => typeof c === "string").join(""))
        .join("");
    case "m:sSub":
      return `${arg(child(n, "m:e"))}_${braced(child(n, "m:sub"))}`;
    case "m:sSup":
      return `${arg(child(n, "m:e"))}^${braced(child(n, "m:sup"))}`;
    case "m:sSubSup":
      return `${arg(child(n, "m:e"))}_${braced(child(n, "m:sub"))}^${braced(child(n, "m:sup"))}`;
    case "m:sPre":
      return `{}_${braced(child(n, "m:sub"))}^${braced(child(n, "m:sup"))}${arg(child(n, "m:e"))}`;
    case "m:f":
      return `\\frac${braced(child(n, "m:num"))}${braced(child(n, "m:den"))}`;
    case "m:rad": {
      const degree = arg(child(n, "m:deg"));
      return `\\sqrt${degree ? `[${degree}]` : ""}${braced(child(n, "m:e"))}`;
    }
    case "m:nary": {
      const sub = arg(child(n, "m:sub"));
      const sup = arg(child(n, "m:sup"));
      return `${prop(n, "m:naryPr", "m:chr") ?? "∫"}${sub ? `_{${sub}}` : ""}${sup ? `^{${sup}}` : ""}${arg(child(n, "m:e"))}`;
    }
    case "m:d": {
      const open = prop(n, "m:dPr", "m:begChr") ?? "(";
      const close = prop(n, "m:dPr", "m:endChr") ?? ")";
      const separator = prop(n, "m:dPr", "m:sepChr") ?? "|";
      return `${open}${all(n, "m:e").map(arg).join(separator)}${close}`;
    }
    case "m:func":
      return joined([arg(child(n, "m:fName")), arg(child(n, "m:e"))]);
    case "m:acc":
      return `${arg(child(n, "m:e"))}${prop(n, "m:accPr", "m:chr") ?? "\u0302"}`;
    case "m:limLow":
      return `${arg(child(n, "m:e"))}_${braced(child(n, "m:lim"))}`;
    case "m:limUpp":
      return `${arg(child(n, "m:e"))}^${braced(child(n, "m:lim"))}`;
    case "m:m":
      return all(n, "m:mr")
        .map((row) => all(row, "m:e").map(arg).join(", "))
        .join("; ");
    case "m:eqArr":
      return all(n, "m:e").map(arg).join("; ");
    default:
      // m:oMath, m:oMathPara, m:box, m:borderBox, m:bar, m:groupChr, m:phant…: their arguments in
      // order; properties (m:…Pr, w:rPr) hold no text.
      return n.name.endsWith("Pr") ? "" : joined(n.children.map((c) => (typeof c === "string" ? "" : write(c))));
  }
}

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Whether `xml` (a main document part) holds an equation. */
const hasEquations = (xml: string) => xml.includes("<m:oMath");

/**
 * `xml` with each equation (an `m:oMathPara`, or an `m:oMath` outside one) replaced by a run of
 * its text. Unchanged when it has none.
 */
export function withEquationsAsText(xml: string): string {
  if (!hasEquations(xml)) return xml;
  const edits: Array<{ from: number; to: number; text: string }> = [];
  // The equation being read (bounded like any formula: html-mathml.ts), where it starts, and how many of its elements are open.
  let tree: FormulaTree | null = null;
  let from = 0;
  let depth = 0;
  const parser: Parser = new Parser(
    {
      onopentag(name, attrs) {
        if (tree) {
          tree.enter(name, attrs);
          depth++;
        } else if ((name === "m:oMathPara" || name === "m:oMath") && edits.length < MAX_EQUATIONS) {
          tree = new FormulaTree(name, attrs);
          from = parser.startIndex;
          depth = 1;
        }
      },
      ontext(data) {
        tree?.text(data);
      },
      onclosetag() {
        if (!tree) return;
        if (--depth > 0) return tree.leave();
        const text = write(tree.root).replace(/\s+/g, " ").trim().slice(0, MAX_CHARS);
        edits.push({ from, to: parser.endIndex + 1, text: text === "" ? "" : `<w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>` });
        tree = null;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(xml);
  if (edits.length === 0) return xml;
  let out = "";
  let at = 0;
  for (const e of edits) {
    out += xml.slice(at, e.from) + e.text;
    at = e.to;
  }
  return out + xml.slice(at);
}

/**
 * Word's equations (Office Math, `<m:oMath>`, as Word and LibreOffice write them) as text. The
 * Word reader (mammoth) knows only Word's own runs, so an equation vanished from its sentence
 * ("Let denote the effort of state"). Before the main document is converted, each equation is
 * replaced by a run holding it as one line in TeX's manner, as the HTML reader writes a formula
 * (html-mathml.ts): "x_{i}", "\frac{1}{2}c^{2}", "∑_{i=1}^{n}x_{i}".
 */
import { Parser } from "htmlparser2";
import { joined } from "./html-mathml.ts";

/** Elements of one equation kept (the rest of a hostile one is left out). */
const MAX_NODES = 5_000;
/** Nesting kept inside one equation. */
const MAX_DEPTH = 48;
/** Characters of one equation's line. */
const MAX_CHARS = 10_000;
/** Equations rewritten in one document (the rest are left as they were: out of the text). */
const MAX_EQUATIONS = 20_000;

interface Node {
  name: string;
  attrs: Record<string, string>;
  children: Array<Node | string>;
}


const child = (n: Node | undefined, name: string) => n?.children.find((c): c is Node => typeof c !== "string" && c.name === name);
const all = (n: Node, name: string) => n.children.filter((c): c is Node => typeof c !== "string" && c.name === name);
/** A property's value (`<m:chr m:val="∑"/>` inside `<m:naryPr>`). */
const prop = (n: Node, props: string, name: string) => child(child(n, props), name)?.attrs["m:val"];


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
export const hasEquations = (xml: string) => xml.includes("<m:oMath");

/**
 * `xml` with each equation (an `m:oMathPara`, or an `m:oMath` outside one) replaced by a run of
 * its text. Unchanged when it has none.
 */
export function withEquationsAsText(xml: string): string {
  if (!hasEquations(xml)) return xml;
  const edits: Array<{ from: number; to: number; text: string }> = [];
  let root: Node | null = null;
  let rootFrom = 0;
  const open: Node[] = [];
  let skipped = 0;
  let nodes = 0;
  const parser: Parser = new Parser(
    {
      onopentag(name, attrs) {
        if (!root) {
          if ((name !== "m:oMathPara" && name !== "m:oMath") || edits.length >= MAX_EQUATIONS) return;
          root = { name, attrs, children: [] };
          rootFrom = parser.startIndex;
          open.push(root);
          nodes = 1;
          skipped = 0;
          return;
        }
        if (skipped > 0 || open.length >= MAX_DEPTH || nodes >= MAX_NODES) {
          skipped++;
          return;
        }
        const node: Node = { name, attrs, children: [] };
        open[open.length - 1]!.children.push(node);
        open.push(node);
        nodes++;
      },
      ontext(data) {
        if (root && skipped === 0) open[open.length - 1]!.children.push(data);
      },
      onclosetag() {
        if (!root) return;
        if (skipped > 0) {
          skipped--;
          return;
        }
        open.pop();
        if (open.length > 0) return;
        const text = write(root).replace(/\s+/g, " ").trim().slice(0, MAX_CHARS);
        edits.push({ from: rootFrom, to: parser.endIndex + 1, text: text === "" ? "" : `<w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>` });
        root = null;
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

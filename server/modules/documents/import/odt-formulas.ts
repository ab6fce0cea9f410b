/**
 * An OpenDocument text's formulas (LibreOffice Math objects) as text. Writer keeps each formula
 * as an object of its own: a `draw:object` in the text naming a part of the package ("./Object 1"),
 * whose content.xml is the formula in MathML (a flat .fodt holds the MathML in the object
 * itself). The text around it read without it had a hole ("Let denote the effort of state"); the
 * formula is read from its MathML as the HTML reader reads one (html-mathml.ts): "x_{i}".
 */
import { parseDocument } from "htmlparser2";
import type { ChildNode, Element } from "domhandler";
import { MathReading } from "./html-mathml.ts";

/** Formula objects read in one document (the rest are left out of the text, as before). */
const MAX_FORMULAS = 2_000;
/** A formula's line is at most this long. */
const MAX_FORMULA_CHARS = 10_000;

const localName = (name: string) => name.slice(name.indexOf(":") + 1);

/** The formula under a MathML root element, as one line. */
function formulaLine(math: Element): string {
  const reading = new MathReading(math.attribs);
  const walk = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (n.type === "text") reading.text(n.data);
      else if (n.type === "tag") {
        reading.enter(n.name, n.attribs);
        walk(n.children);
        reading.leave();
      }
    }
  };
  walk(math.children);
  return reading.line(MAX_FORMULA_CHARS);
}

function firstMath(nodes: ChildNode[], depth = 0): Element | null {
  if (depth > 8) return null;
  for (const n of nodes) {
    if (n.type !== "tag") continue;
    if (localName(n.name) === "math") return n;
    const inner = firstMath(n.children, depth + 1);
    if (inner) return inner;
  }
  return null;
}

/** The package part an object's link names ("./Object 1" → "Object 1/content.xml"); null for a link out of the package. */
function objectPart(href: string): string | null {
  const path = href.replace(/^\.\//, "").replace(/\/$/, "");
  if (path === "" || path.includes("..") || /^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith("/")) return null;
  return `${path}/content.xml`;
}

/**
 * The text of each formula object under `body` (the `draw:object` element → its line), reading
 * a linked object's MathML from the package with `part`.
 */
export function readFormulas(body: Element, part: (name: string) => string | null): Map<Element, string> {
  const out = new Map<Element, string>();
  const visit = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (n.type !== "tag" || out.size >= MAX_FORMULAS) continue;
      if (n.name !== "draw:object") {
        visit(n.children);
        continue;
      }
      let math = firstMath(n.children);
      const href = n.attribs["xlink:href"];
      if (!math && href) {
        const name = objectPart(href);
        const xml = name ? part(name) : null;
        if (xml) math = firstMath(parseDocument(xml, { xmlMode: true }).children);
      }
      const line = math ? formulaLine(math) : "";
      if (line !== "") out.set(n, line);
    }
  };
  visit(body.children);
  return out;
}

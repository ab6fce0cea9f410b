/**
 * An element's inline style attribute (or a rule's declarations), read only
 * for whether it hides the element: "display: none" or "visibility: hidden"
 * (any case, any spacing, with "!important", among other declarations, a
 * later one overriding an earlier one unless that one is important), as web
 * pages and Word's HTML hide text the reader never sees; and for the size of
 * its type.
 */

/** A style attribute is a line of declarations; a longer one is not read past this. */
const MAX_STYLE_CHARS = 4_096;

/** The declarations of `style`, property (lower case) to value (lower case, without "!important"). */
function declarations(style: string): Map<string, string> {
  const out = new Map<string, string>();
  const important = new Set<string>();
  // Comments go; quoted strings and url(…) hold no ";" that matters to the two properties read here.
  const text = style.slice(0, MAX_STYLE_CHARS).replace(/\/\*[\s\S]*?(?:\*\/|$)/g, " ");
  for (const part of text.split(";")) {
    const colon = part.indexOf(":");
    if (colon < 0) continue;
    const property = part.slice(0, colon).trim().toLowerCase();
    let value = part.slice(colon + 1).trim().toLowerCase();
    const flagged = /!\s*important\s*$/.test(value);
    if (flagged) value = value.replace(/!\s*important\s*$/, "").trim();
    if (property === "" || value === "") continue;
    // A later declaration wins, except over an important one that is not important itself.
    if (important.has(property) && !flagged) continue;
    out.set(property, value);
    if (flagged) important.add(property);
  }
  return out;
}

/** Does an inline style hide its element (and so everything in it)? */
export function styleHides(style: string | undefined): boolean {
  if (style === undefined || !/display|visibility/i.test(style)) return false;
  const d = declarations(style);
  const display = d.get("display");
  const visibility = d.get("visibility");
  return display === "none" || visibility === "hidden" || visibility === "collapse";
}

/** The font-size an inline style (or a rule's declarations) sets, lower case ("20pt", "1.5em"), if any. */
export function styleFontSize(style: string | undefined): string | undefined {
  if (style === undefined || !/font-size/i.test(style)) return undefined;
  return declarations(style).get("font-size");
}

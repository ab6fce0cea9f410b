/**
 * What a Word file's styles part says that mammoth does not act on: which character styles make
 * text bold or italic (LibreOffice writes its "Strong Emphasis", and templates their own
 * "Bold", as character styles; mammoth only sees bold set on the run itself), and the font size
 * of paragraph styles, so a title set by hand in large type can be told from the body.
 */

/** One style, as far as these rules need it. */
interface StyleDef {
  type: string;
  name: string;
  basedOn: string | null;
  bold: boolean | null;
  italic: boolean | null;
  /** In points; null when the style does not set it. */
  size: number | null;
}

/** Word's size when neither the defaults nor the styles give one (10 pt). */
const WORD_DEFAULT_SIZE = 10;
/** A style's basedOn chain is followed this far at most (a loop in a hostile file ends here). */
const MAX_CHAIN = 12;

const attr = (attrs: string, name: string) => new RegExp(`\\b${name}="([^"<>]*)"`).exec(attrs)?.[1] ?? null;

/** On/off of a boolean run property (`<w:b/>`, `<w:b w:val="0"/>`); null when absent. */
function toggle(rPr: string, tag: string): boolean | null {
  const m = new RegExp(`<w:${tag}(?=[\\s/>])([^<>]*)>`).exec(rPr);
  if (!m) return null;
  const val = attr(m[1] ?? "", "w:val");
  return val === null || !/^(?:0|false|off|none)$/i.test(val);
}

function sizeOf(rPr: string): number | null {
  const val = /<w:sz\b[^<>]*\bw:val="(\d{1,4})"/.exec(rPr)?.[1];
  return val === undefined ? null : Number(val) / 2;
}

/** The text between `<tag …>` and `</tag>` first found in `xml` ("" when absent); a scan, so a file of unclosed tags costs one pass. */
function element(xml: string, tag: string): string {
  const open = xml.search(new RegExp(`<${tag}(?=[\\s>])`));
  if (open < 0) return "";
  const start = xml.indexOf(">", open);
  const end = xml.indexOf(`</${tag}>`, start);
  return start < 0 || end < 0 ? "" : xml.slice(start + 1, end);
}

/** `xml` without its `<tag>…</tag>` elements. */
function without(xml: string, tag: string): string {
  let out = "";
  let at = 0;
  for (;;) {
    const open = xml.indexOf(`<${tag}`, at);
    if (open < 0) return out + xml.slice(at);
    const close = xml.indexOf(`</${tag}>`, open);
    if (close < 0) return out + xml.slice(at, open);
    out += xml.slice(at, open);
    at = close + tag.length + 3;
  }
}

/** The run properties of a style: its own <w:rPr>, not the paragraph mark's inside <w:pPr>. */
function ownRunProperties(body: string): string {
  return element(without(body, "w:pPr"), "w:rPr");
}

export class DocxStyles {
  private readonly byId = new Map<string, StyleDef>();
  private readonly defaultSize: number;
  private readonly defaultParagraph: string | null = null;

  constructor(xml: string | null) {
    const text = xml ?? "";
    this.defaultSize = sizeOf(element(text, "w:rPrDefault")) ?? WORD_DEFAULT_SIZE;
    // Each <w:style …>…</w:style> in turn: split, then cut at its end (no pattern scans past it).
    for (const chunk of text.split(/<w:style(?=\s)/).slice(1)) {
      const end = chunk.indexOf("</w:style>");
      const style = end < 0 ? chunk : chunk.slice(0, end);
      const gt = style.indexOf(">");
      if (gt < 0) continue;
      const attrs = style.slice(0, gt);
      const body = style.slice(gt + 1);
      const id = attr(attrs, "w:styleId");
      if (id === null) continue;
      const type = attr(attrs, "w:type") ?? "paragraph";
      const rPr = ownRunProperties(body);
      this.byId.set(id, {
        type,
        name: /<w:name\b[^<>]*\bw:val="([^"<>]*)"/.exec(body)?.[1] ?? id,
        basedOn: /<w:basedOn\b[^<>]*\bw:val="([^"<>]*)"/.exec(body)?.[1] ?? null,
        bold: toggle(rPr, "b"),
        italic: toggle(rPr, "i"),
        size: sizeOf(rPr),
      });
      if (type === "paragraph" && /^(?:1|true|on)$/i.test(attr(attrs, "w:default") ?? "")) this.defaultParagraph = id;
    }
  }

  /** A property of a style, following its basedOn chain; null when no style in it sets it. */
  private inherited<K extends "bold" | "italic" | "size">(id: string | null | undefined, key: K): StyleDef[K] | null {
    let at = id ?? null;
    for (let i = 0; at !== null && i < MAX_CHAIN; i++) {
      const style = this.byId.get(at);
      if (!style) return null;
      if (style[key] !== null) return style[key];
      at = style.basedOn;
    }
    return null;
  }

  /** Does this character style make its text bold / italic? */
  characterBold(id: string | null | undefined): boolean {
    return this.inherited(id, "bold") === true;
  }

  characterItalic(id: string | null | undefined): boolean {
    return this.inherited(id, "italic") === true;
  }

  /** The font size (points) of text in a paragraph of this style, unless its runs set their own. */
  paragraphSize(id: string | null | undefined): number {
    return this.inherited(id ?? this.defaultParagraph, "size") ?? this.inherited(this.defaultParagraph, "size") ?? this.defaultSize;
  }

  /** The size of body text: the default paragraph style's. */
  bodySize(): number {
    return this.paragraphSize(this.defaultParagraph);
  }

  /** The style's name (what Word shows: "heading 1", "Title"), or null when the file has no such style. */
  name(id: string | null | undefined): string | null {
    return id ? (this.byId.get(id)?.name ?? null) : null;
  }
}

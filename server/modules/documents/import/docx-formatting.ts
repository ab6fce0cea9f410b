/**
 * Changes to mammoth's reading of a Word file (its `transformDocument` step) for formatting it
 * does not turn into meaning on its own:
 * - bold and italic given by a character style ("Strong Emphasis", a template's "Bold") are
 *   bold and italic, as when set on the run itself;
 * - a title typed by hand: with no paragraph in the Title style, a first paragraph set in type
 *   markedly larger than the body's is the title, as the PDF reader judges it by size.
 */
import { hasVisibleText } from "./document-title.ts";
import type { DocxStyles } from "./docx-styles.ts";
import { isHandSetTitle, mostUsedSize } from "./hand-set-title.ts";

/** mammoth's document element: a tree of paragraphs, runs, texts, tables and the like. */
export interface DocxElement {
  type: string;
  children?: DocxElement[];
  styleId?: string | null;
  styleName?: string | null;
  isBold?: boolean;
  isItalic?: boolean;
  fontSize?: number | null;
  value?: string;
}

/** The body's size is judged from the runs of this many paragraphs at most. */
const SIZE_SAMPLE_PARAGRAPHS = 400;

function mapRuns(element: DocxElement, change: (run: DocxElement) => DocxElement): DocxElement {
  if (element.type === "run") return change(element);
  if (!element.children) return element;
  return { ...element, children: element.children.map((child) => mapRuns(child, change)) };
}

/** Runs whose character style is bold or italic get the same as direct formatting. */
export function withStyleEmphasis(document: DocxElement, styles: DocxStyles): DocxElement {
  return mapRuns(document, (run) => {
    if (!run.styleId) return run;
    const bold = !run.isBold && styles.characterBold(run.styleId);
    const italic = !run.isItalic && styles.characterItalic(run.styleId);
    return bold || italic ? { ...run, ...(bold ? { isBold: true } : {}), ...(italic ? { isItalic: true } : {}) } : run;
  });
}

function textOf(element: DocxElement): string {
  if (element.type === "text") return element.value ?? "";
  return (element.children ?? []).map(textOf).join("");
}

/** Each run's text with its size in points (its own, else its paragraph style's). */
function sizedRuns(paragraph: DocxElement, styles: DocxStyles): Array<{ text: string; size: number }> {
  const base = styles.paragraphSize(paragraph.styleId);
  const out: Array<{ text: string; size: number }> = [];
  const visit = (e: DocxElement) => {
    if (e.type === "run") out.push({ text: textOf(e), size: e.fontSize ?? base });
    else for (const child of e.children ?? []) visit(child);
  };
  visit(paragraph);
  return out;
}

function paragraphsOf(element: DocxElement, out: DocxElement[] = []): DocxElement[] {
  if (element.type === "paragraph") out.push(element);
  else for (const child of element.children ?? []) paragraphsOf(child, out);
  return out;
}

/** The size most of the text is set in (by characters), over the first paragraphs. */
function bodySize(paragraphs: DocxElement[], styles: DocxStyles): number {
  const chars = new Map<number, number>();
  for (const p of paragraphs.slice(0, SIZE_SAMPLE_PARAGRAPHS)) {
    for (const run of sizedRuns(p, styles)) chars.set(run.size, (chars.get(run.size) ?? 0) + run.text.trim().length);
  }
  return mostUsedSize(chars, styles.bodySize());
}

const HEADING_STYLE_RE = /^(?:heading\s*\d|title|subtitle)$/i;

/**
 * The document with its first paragraph styled as the Title when it was set by hand as one: no
 * paragraph uses the Title style, the first paragraph with text (before any table) is in no
 * heading style, short, and all its text much larger than the body's (hand-set-title.ts).
 */
export function handSetTitle(document: DocxElement, styles: DocxStyles): DocxElement {
  const top = document.children ?? [];
  const paragraphs = paragraphsOf(document);
  if (paragraphs.some((p) => /^title$/i.test(p.styleName ?? styles.name(p.styleId) ?? ""))) return document;
  const first = top.findIndex((e) => e.type !== "paragraph" || hasVisibleText(textOf(e)));
  const candidate = top[first];
  if (!candidate || candidate.type !== "paragraph") return document;
  if (HEADING_STYLE_RE.test(candidate.styleName ?? styles.name(candidate.styleId) ?? "")) return document;
  if (paragraphs.length < 2) return document;
  const sizes = sizedRuns(candidate, styles).filter((r) => hasVisibleText(r.text)).map((r) => r.size);
  if (sizes.length === 0 || !isHandSetTitle(textOf(candidate), Math.min(...sizes), bodySize(paragraphs, styles))) return document;
  const children = [...top];
  children[first] = { ...candidate, styleName: "Title" };
  return { ...document, children };
}

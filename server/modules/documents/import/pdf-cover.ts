/**
 * A download cover page: archives and publishers put one in front of the article they hand
 * out (the article's title and authors as a citation, "Source:", "Stable URL:", "Accessed:",
 * "To cite this article:", the terms of use). Its title is the archive's copy of the real one,
 * so the article's own first page is where the title is found; the cover's lines stay as
 * front matter of role "other".
 */
import type { PdfParagraph } from "./pdf-blocks.ts";

/** The labels such a page is made of, in the languages the import reads. */
const COVER_LABEL_RE =
  /^(?:Author\s*\(s\)|Source|Published\s+by|Publisher|Stable\s+URL|Accessed|Downloaded(?:\s+(?:by|from|on))?|This\s+(?:article|content|chapter)\s+was\s+downloaded|To\s+cite\s+th(?:is|e)\s+(?:article|chapter)|To\s+link\s+to\s+th(?:is|e)\s+(?:article|chapter)|Link\s+to\s+this\s+article|Article\s+views|View\s+related\s+articles|Submit\s+your\s+article|Full\s+Terms\s*(?:&|and)\s*Conditions|Terms\s+(?:&|and|of)\s+(?:Conditions|Use)|Your\s+use\s+of|Please\s+scroll\s+down|Quelle|Zitierweise|Pour\s+citer\s+cet\s+article|Para\s+citar\s+este\s+artículo)\b/i;

/** Cover lines a page needs before it is taken for a cover. */
const MIN_COVER_LINES = 3;

/**
 * Is the first page a cover in front of the article? It must hold several cover labels at the
 * start of its lines, and the article must go on after it.
 */
export function hasCoverPage(paragraphs: readonly PdfParagraph[]): boolean {
  if (!paragraphs.some((p) => p.page > 0)) return false;
  let labels = 0;
  for (const p of paragraphs) {
    if (p.page > 0) break;
    for (const line of p.lines) if (COVER_LABEL_RE.test(line.trim())) labels++;
  }
  return labels >= MIN_COVER_LINES;
}

/**
 * Word files as LibreOffice Writer saves them, and the PDFs it prints from
 * those: each article becomes a plain HTML page (a title heading, each
 * front-matter line and body paragraph a paragraph of its own, headings),
 * which Writer opens and saves as DOCX ("MS Word 2007 XML"), then exports
 * as PDF and as HTML (both of its HTML exports). Writer's DOCX differs from Word's (styles, run splitting,
 * section properties), and its PDFs set short paragraphs with little space
 * between them: both are what the importers are tested against.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { convertWithLibreOffice } from "./libreoffice.ts";
import { PDF_VARIANTS } from "./pdf-variants.ts";
import { readSourceArticle, type SourceParagraph } from "./source-article.ts";

/** Articles with a Writer DOCX and PDF, and how many chunks after the title are front matter. */
export const WRITER_VARIANTS: Record<string, number> = {
  "french-policy-review": 5,
  "spanish-bilingual-abstracts": 6,
  "german-byline-then-author-lines": 5,
  "portuguese-numbered-affiliations": 6,
  "russian-language-journal": 5,
  "publisher-caps-labels": 7,
  "byline-then-author-lines": 4,
  "russian-journal-pivot": 7,
  "numbered-affiliations-mdpi": 7,
  "working-paper-series": 6,
  "name-only-authors-with-bios": 8,
  "article-info-box": 7,
  "vol-issue-two-authors": 7,
  "byline-with-bios": 1,
};

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function htmlOf(paragraphs: readonly SourceParagraph[]): string {
  const body = paragraphs.map((p) => {
    switch (p.kind) {
      case "title":
        return `<h1>${escape(p.text)}</h1>`;
      case "heading":
        return `<h2>${escape(p.text)}</h2>`;
      case "bullet":
        return `<ul><li>${escape(p.text)}</li></ul>`;
      case "numbered":
        return `<ol><li>${escape(p.text)}</li></ol>`;
      default:
        return `<p>${escape(p.text)}</p>`;
    }
  });
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title></title></head><body>\n${body.join("\n")}\n</body></html>\n`;
}

/** Writes article.docx and article.pdf beside each listed article.txt under `root`. */
export function buildWriterVariants(root: string): void {
  const work = mkdtempSync(join(tmpdir(), "writer-variants-"));
  try {
    for (const [name, frontChunks] of Object.entries(WRITER_VARIANTS)) {
      const page = join(work, `${name}.html`);
      writeFileSync(page, htmlOf(readSourceArticle(join(root, name, "article.txt"), frontChunks)));
      convertWithLibreOffice(page, "docx:MS Word 2007 XML", work);
      convertWithLibreOffice(join(work, `${name}.docx`), "pdf", work);
      // Writer's two HTML exports of the same file: HTML (headings as <h1>) and XHTML (styled <p>s,
      // and "- no title specified" as the page title).
      mkdirSync(join(work, "html"), { recursive: true });
      mkdirSync(join(work, "xhtml"), { recursive: true });
      convertWithLibreOffice(join(work, `${name}.docx`), "html", join(work, "html"));
      convertWithLibreOffice(join(work, `${name}.docx`), "html:XHTML Writer File:UTF8", join(work, "xhtml"));
      copyFileSync(join(work, `${name}.docx`), join(root, name, "article.docx"));
      // An article typeset as a journal would (pdf-variants.ts) keeps that PDF as article.pdf.
      const pdfName = name in PDF_VARIANTS ? "article-writer.pdf" : "article.pdf";
      copyFileSync(join(work, `${name}.pdf`), join(root, name, pdfName));
      copyFileSync(join(work, "html", `${name}.html`), join(root, name, "article-writer.html"));
      copyFileSync(join(work, "xhtml", `${name}.html`), join(root, name, "article-writer-xhtml.html"));
      console.log(`${name}/article.docx, ${pdfName}, article-writer.html, article-writer-xhtml.html`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

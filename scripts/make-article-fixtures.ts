/**
 * Builds the Word, HTML and PDF variants of the article corpus
 * (tests/fixtures/articles/<name>/) from each article's article.txt, and the
 * long PDF the import benchmark reads. The outputs are committed, so tests
 * and CI never need the tools used here.
 *
 *   npx tsx scripts/make-article-fixtures.ts [docx] [html] [pdf] [writer] [browser] [latex]
 *
 * The html, pdf and writer steps run LibreOffice (`soffice`, Debian package
 * libreoffice-writer-nogui; hyphenation needs hyphen-en-us); the browser step
 * prints HTML variants to PDF with Chromium (Debian package chromium); the
 * latex step runs pdflatex (texlive-latex-base, -latex-recommended, -fonts-recommended).
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildBrowserPdfVariants } from "./article-fixtures/browser-pdf.ts";
import { buildLatexVariants } from "./article-fixtures/latex-pdf.ts";
import { buildDocxVariant } from "./article-fixtures/docx-variant.ts";
import { convertWithLibreOffice } from "./article-fixtures/libreoffice.ts";
import { buildWriterVariants } from "./article-fixtures/libreoffice-docx.ts";
import { buildPdfVariants } from "./article-fixtures/pdf-variants.ts";

import { readSourceArticle } from "./article-fixtures/source-article.ts";

const REPO = join(dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = join(REPO, "tests", "fixtures", "articles");
const BENCH_PDF = join(REPO, "bench", "fixtures", "long-article.pdf");
const ENCRYPTED_PDF = join(REPO, "tests", "fixtures", "pdf", "encrypted.pdf");

/** Articles with a Word variant, and how many chunks after the title are front matter. */
const DOCX_VARIANTS: Record<string, number> = {
  "journal-word-file": 3,
};

async function docx(): Promise<void> {
  for (const [name, frontChunks] of Object.entries(DOCX_VARIANTS)) {
    const paragraphs = readSourceArticle(join(ROOT, name, "article.txt"), frontChunks);
    writeFileSync(join(ROOT, name, "article.docx"), await buildDocxVariant(paragraphs));
    console.log(`${name}/article.docx`);
  }
}

/** LibreOffice's "save as HTML" of a text file: one <pre> element. */
function html(): void {
  const dir = join(ROOT, "libreoffice-html-pre");
  convertWithLibreOffice(join(dir, "article.txt"), "html", dir);
  console.log("libreoffice-html-pre/article.html");
}

const steps = process.argv.slice(2);
const run = (step: string) => steps.length === 0 || steps.includes(step);
if (run("docx")) await docx();
if (run("html")) html();
if (run("pdf")) buildPdfVariants(ROOT, BENCH_PDF, ENCRYPTED_PDF);
if (run("writer")) buildWriterVariants(ROOT);
if (run("browser")) buildBrowserPdfVariants(ROOT);
if (run("latex")) buildLatexVariants(ROOT);


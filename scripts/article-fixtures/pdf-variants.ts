/**
 * PDF variants of corpus articles, typeset by LibreOffice from a flat ODF
 * text document (.fodt) written here: justified and hyphenated body text,
 * running headers, page numbers, a two-column body for some, real
 * footnotes for the law-review article, and a 100-page PDF for the import
 * benchmark. The PDFs are what the PDF importer is tested against.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { convertWithLibreOffice } from "./libreoffice.ts";
import { readSourceArticle, type SourceParagraph } from "./source-article.ts";

interface PdfVariant {
  /** Chunks after the title that are front matter (see readSourceArticle). */
  frontChunks: number;
  columns: 1 | 2;
  header: string;
  /** Text before the page number in the footer ("Page "), or "" for a bare number. */
  pageLabel: string;
  /** Turn "word.3" markers and the closing "Notes" list into real footnotes. */
  footnotes?: boolean;
  /** Magazine setting: ragged right, no hyphenation, first-line indents instead of space between paragraphs. */
  indented?: boolean;
}

export const PDF_VARIANTS: Record<string, PdfVariant> = {
  "russian-journal-pivot": { frontChunks: 7, columns: 1, header: "RUSSIA IN WORLD AFFAIRS · No. 3 2014", pageLabel: "" },
  "numbered-affiliations-mdpi": { frontChunks: 7, columns: 2, header: "Sci. Policy Rev. 2024, 9, 212", pageLabel: "" },
  "law-review-footnotes": { frontChunks: 2, columns: 1, header: "CAMBRIAN LAW REVIEW [Vol. 47", pageLabel: "", footnotes: true },
  "working-paper-series": { frontChunks: 6, columns: 1, header: "Working Paper No. 24-17", pageLabel: "Page " },
  "op-ed-byline-date": { frontChunks: 0, columns: 1, header: "Opinion", pageLabel: "" },
  "name-only-authors-with-bios": { frontChunks: 8, columns: 2, header: "Eurasian Studies Review · Vol. 9, Issue 2 (2023)", pageLabel: "" },
  "article-info-box": { frontChunks: 7, columns: 1, header: "Journal of Trade and Security 12 (2024) 101–118", pageLabel: "" },
  "vol-issue-two-authors": { frontChunks: 7, columns: 2, header: "Economic Policy Review · Vol. 22, No. 4", pageLabel: "" },
  "byline-with-bios": { frontChunks: 1, columns: 1, header: "The Trade Quarterly", pageLabel: "", indented: true },
  "about-the-author-last": { frontChunks: 0, columns: 2, header: "Climate Finance Commentary", pageLabel: "Page ", indented: true },
};

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Body text with footnote markers ("…predict.1") turned into <text:note> elements. */
function withNotes(text: string, notes: readonly string[]): string {
  return text
    .split(/(?<=[.,;:”’"])(\d{1,2})(?=\s|$)/)
    .map((part, i) => {
      if (i % 2 === 0) return xml(part);
      const note = notes[Number(part) - 1] ?? "";
      return `<text:note text:id="ftn${part}" text:note-class="footnote"><text:note-citation>${part}</text:note-citation><text:note-body><text:p text:style-name="Footnote">${xml(note)}</text:p></text:note-body></text:note>`;
    })
    .join("");
}

function paragraphXml(p: SourceParagraph, notes: readonly string[] | null): string {
  switch (p.kind) {
    case "title":
      return `<text:p text:style-name="Title">${xml(p.text)}</text:p>`;
    case "front":
      return `<text:p text:style-name="${p.gapBefore ? "FrontGap" : "Front"}">${xml(p.text)}</text:p>`;
    case "heading":
      return `<text:p text:style-name="Heading">${xml(p.text)}</text:p>`;
    case "bullet":
      return `<text:p text:style-name="Bullet">•\u00a0${xml(p.text)}</text:p>`;
    case "numbered":
      return `<text:p text:style-name="Bullet">${xml(p.text)}</text:p>`;
    default:
      return `<text:p text:style-name="Body">${notes ? withNotes(p.text, notes) : xml(p.text)}</text:p>`;
  }
}

/** Body paragraphs set ragged right with first-line indents and no space between them. */
const INDENTED_BODY = `
  <style:style style:name="Body" style:family="paragraph">
   <style:paragraph-properties fo:text-align="start" fo:margin-top="0in" fo:margin-bottom="0in" fo:text-indent="0.25in" fo:line-height="115%"/>
   <style:text-properties fo:hyphenate="false"/>
  </style:style>`;

const JUSTIFIED_BODY = `
  <style:style style:name="Body" style:family="paragraph">
   <style:paragraph-properties fo:text-align="justify" fo:margin-top="0in" fo:margin-bottom="0.09in" fo:line-height="118%"/>
   <style:text-properties fo:hyphenate="true" fo:hyphenation-remain-char-count="3" fo:hyphenation-push-char-count="3"/>
  </style:style>`;

const STYLES = (body: string) => `
 <office:font-face-decls>
  <style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'" style:font-family-generic="roman" style:font-pitch="variable"/>
  <style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'" style:font-family-generic="swiss" style:font-pitch="variable"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:paragraph-properties fo:orphans="2" fo:widows="2"/>
   <style:text-properties style:font-name="Liberation Serif" fo:font-size="10.5pt" fo:language="en" fo:country="US" fo:hyphenate="false"/>
  </style:default-style>
  <style:style style:name="Title" style:family="paragraph">
   <style:paragraph-properties fo:margin-bottom="0.12in" fo:keep-with-next="always"/>
   <style:text-properties style:font-name="Liberation Sans" fo:font-size="17pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Front" style:family="paragraph">
   <style:paragraph-properties fo:margin-top="0in" fo:margin-bottom="0.01in"/>
   <style:text-properties style:font-name="Liberation Sans" fo:font-size="9pt"/>
  </style:style>
  <style:style style:name="FrontGap" style:family="paragraph" style:parent-style-name="Front">
   <style:paragraph-properties fo:margin-top="0.11in"/>
  </style:style>
${body}
  <style:style style:name="Heading" style:family="paragraph">
   <style:paragraph-properties fo:margin-top="0.14in" fo:margin-bottom="0.07in" fo:keep-with-next="always"/>
   <style:text-properties style:font-name="Liberation Sans" fo:font-size="11pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Bullet" style:family="paragraph" style:parent-style-name="Body">
   <style:paragraph-properties fo:margin-left="0.25in" fo:text-indent="-0.15in" fo:margin-bottom="0.04in" fo:text-align="justify"/>
  </style:style>
  <style:style style:name="Header" style:family="paragraph">
   <style:paragraph-properties fo:text-align="end"/>
   <style:text-properties style:font-name="Liberation Sans" fo:font-size="8pt" fo:font-style="italic"/>
  </style:style>
  <style:style style:name="Footer" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center"/>
   <style:text-properties style:font-name="Liberation Sans" fo:font-size="8.5pt"/>
  </style:style>
  <style:style style:name="Footnote" style:family="paragraph">
   <style:paragraph-properties fo:margin-left="0.15in" fo:text-indent="-0.15in"/>
   <style:text-properties fo:font-size="8pt"/>
  </style:style>
 </office:styles>`;

function documentXml(paragraphs: readonly SourceParagraph[], variant: PdfVariant, notes: readonly string[] | null): string {
  const front = paragraphs.filter((p) => p.kind === "title" || p.kind === "front");
  const body = paragraphs.filter((p) => p.kind !== "title" && p.kind !== "front");
  const bodyXml = body.map((p) => paragraphXml(p, notes)).join("\n");
  const columns = variant.columns === 2
    ? `<text:section text:style-name="Sect2" text:name="Body">\n${bodyXml}\n</text:section>`
    : bodyXml;
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
${STYLES(variant.indented ? INDENTED_BODY : JUSTIFIED_BODY)}
 <office:automatic-styles>
  <style:page-layout style:name="pm1">
   <style:page-layout-properties fo:page-width="8.27in" fo:page-height="11.69in" fo:margin-top="0.5in" fo:margin-bottom="0.5in" fo:margin-left="0.9in" fo:margin-right="0.9in"/>
   <style:header-style><style:header-footer-properties fo:min-height="0.25in" fo:margin-bottom="0.2in"/></style:header-style>
   <style:footer-style><style:header-footer-properties fo:min-height="0.25in" fo:margin-top="0.2in"/></style:footer-style>
  </style:page-layout>
  <style:style style:name="Sect2" style:family="section">
   <style:section-properties text:dont-balance-text-columns="false"><style:columns fo:column-count="2" fo:column-gap="0.3in"/></style:section-properties>
  </style:style>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1">
   <style:header><text:p text:style-name="Header">${xml(variant.header)}</text:p></style:header>
   <style:footer><text:p text:style-name="Footer">${xml(variant.pageLabel)}<text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>
  </style:master-page>
 </office:master-styles>
 <office:body><office:text>
${front.map((p) => paragraphXml(p, null)).join("\n")}
${columns}
 </office:text></office:body>
</office:document>
`;
}

/** Split off the closing "Notes" list, which becomes footnotes. */
function takeNotes(paragraphs: SourceParagraph[]): { paragraphs: SourceParagraph[]; notes: string[] } {
  const at = paragraphs.findIndex((p) => p.kind === "heading" && p.text === "Notes");
  if (at < 0) return { paragraphs, notes: [] };
  return { paragraphs: paragraphs.slice(0, at), notes: paragraphs.slice(at + 1).filter((p) => p.kind === "numbered").map((p) => p.text) };
}

function typeset(fodt: string, outFile: string): void {
  const work = mkdtempSync(join(tmpdir(), "article-pdf-"));
  try {
    const source = join(work, "article.fodt");
    writeFileSync(source, fodt);
    convertWithLibreOffice(source, "pdf", work);
    copyFileSync(join(work, "article.pdf"), outFile);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A password-protected copy of one article, for the importer's refusal test. */
function encryptedVariant(root: string, outFile: string): void {
  const name = "op-ed-byline-date";
  const variant = PDF_VARIANTS[name] as PdfVariant;
  const work = mkdtempSync(join(tmpdir(), "article-pdf-"));
  try {
    const source = join(work, "article.fodt");
    writeFileSync(source, documentXml(readSourceArticle(join(root, name, "article.txt"), variant.frontChunks), variant, null));
    const options = JSON.stringify({
      EncryptFile: { type: "boolean", value: "true" },
      DocumentOpenPassword: { type: "string", value: "scholia" },
    });
    convertWithLibreOffice(source, `pdf:writer_pdf_Export:${options}`, work);
    mkdirSync(join(outFile, ".."), { recursive: true });
    copyFileSync(join(work, "article.pdf"), outFile);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Write article.pdf beside each listed article, an encrypted PDF, and the benchmark's long PDF. */
export function buildPdfVariants(root: string, benchFile: string, encryptedFile: string): void {
  encryptedVariant(root, encryptedFile);
  console.log(encryptedFile);
  for (const [name, variant] of Object.entries(PDF_VARIANTS)) {
    const all = readSourceArticle(join(root, name, "article.txt"), variant.frontChunks);
    const { paragraphs, notes } = variant.footnotes ? takeNotes(all) : { paragraphs: all, notes: null };
    typeset(documentXml(paragraphs, variant, notes), join(root, name, "article.pdf"));
    console.log(`${name}/article.pdf`);
  }
  // About a hundred pages: the two-column journal article's body, many times over.
  const base = readSourceArticle(join(root, "vol-issue-two-authors", "article.txt"), 7);
  const body = base.filter((p) => p.kind !== "title" && p.kind !== "front");
  const long = [...base.filter((p) => p.kind === "title" || p.kind === "front"), ...Array.from({ length: 88 }, () => body).flat()];
  const variant = PDF_VARIANTS["vol-issue-two-authors"] as PdfVariant;
  mkdirSync(join(benchFile, ".."), { recursive: true });
  typeset(documentXml(long, variant, null), benchFile);
  console.log(benchFile);
}

/**
 * PDF import, checked against the plain-text import of the same corpus
 * articles (tests/fixtures/articles/<name>/article.pdf, typeset by
 * LibreOffice with running heads, page numbers, hyphenation, two columns
 * and footnotes; see scripts/make-article-fixtures.ts). Prints the share of
 * body paragraphs that come out identical after whitespace normalisation.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { joinHyphenated, Vocabulary } from "./dehyphenate.ts";
import { detectFormat, parseImport } from "./index.ts";
import { pdfParagraphs } from "./pdf-blocks.ts";
import type { PdfPage, PdfTextItem } from "./pdf-document.ts";
import { pageLines } from "./pdf-lines.ts";
import { ImportError, type ImportedDocument } from "./types.ts";
import { pdfFile } from "../../../../tests/helpers/pdf-file.ts";

const ARTICLES = fileURLToPath(new URL("../../../../tests/fixtures/articles/", import.meta.url));
const PDF_FIXTURES = fileURLToPath(new URL("../../../../tests/fixtures/pdf/", import.meta.url));
const normalise = (s: string) => s.replace(/\s+/g, " ").trim();
const bodyParagraphs = (doc: ImportedDocument) => doc.blocks.filter((b) => b.kind === "paragraph").map((b) => normalise(b.text));

/** Length of the longest common subsequence: paragraphs identical and in the same order. */
function commonInOrder(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(above, row[j - 1] ?? 0);
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

/** A one-page PDF holding only an image, as a scanner without OCR makes. */
function scannedPdf(): Buffer {
  const pixels = "\u0000\u00ff\u00ff\u0000";
  return pdfFile([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>",
    "<< /Length 31 >>\nstream\nq 200 0 0 200 0 0 cm /Im0 Do Q\nendstream",
    `<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n${pixels}\nendstream`,
  ]);
}

/** A one-page PDF (600 × 800) of Helvetica text runs, each at its own place and size. */
function textPdf(runs: readonly { text: string; x: number; y: number; size?: number }[]): Buffer {
  const escape = (t: string) => t.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = runs.map((r) => `BT /F1 ${r.size ?? 12} Tf ${r.x} ${r.y} Td (${escape(r.text)}) Tj ET`).join("\n");
  return pdfFile([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
  ]);
}

/** A PDF with `count` blank pages. */
function blankPages(count: number): Buffer {
  const kids = Array.from({ length: count }, (_, i) => `${i + 3} 0 R`).join(" ");
  const pages = Array.from({ length: count }, () => "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>");
  return pdfFile(["<< /Type /Catalog /Pages 2 0 R >>", `<< /Type /Pages /Kids [${kids}] /Count ${count} >>`, ...pages]);
}

async function importError(promise: Promise<unknown>): Promise<ImportError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error("expected an ImportError");
}

describe("PDF import of the corpus articles", () => {
  const names = readdirSync(ARTICLES).filter((name) => existsSync(join(ARTICLES, name, "article.pdf"))).sort();

  it("has PDFs of at least five articles, two-column and footnoted ones among them", () => {
    expect(names.length).toBeGreaterThanOrEqual(5);
    expect(names).toEqual(expect.arrayContaining(["numbered-affiliations-mdpi", "vol-issue-two-authors", "law-review-footnotes"]));
  });

  it("rebuilds the body paragraphs of the plain-text import (>= 95% identical) and the same front matter", async () => {
    let identical = 0;
    let total = 0;
    const report: string[] = [];
    for (const name of names) {
      const text = await parseImport("txt", readFileSync(join(ARTICLES, name, "article.txt")));
      const pdf = await parseImport("pdf", readFileSync(join(ARTICLES, name, "article.pdf")));
      const want = bodyParagraphs(text);
      const got = bodyParagraphs(pdf);
      const same = commonInOrder(want, got);
      identical += same;
      total += Math.max(want.length, got.length);
      report.push(`${name} ${same}/${Math.max(want.length, got.length)}`);
      expect(pdf.title, name).toBe(text.title);
      expect(pdf.metadata, name).toEqual(text.metadata);
      // Running heads and page numbers are gone.
      for (const block of pdf.blocks) expect(block.text, name).not.toMatch(/^(?:Page )?\d{1,3}$/);
    }
    const share = identical / total;
    console.log(`pdf body: ${identical}/${total} paragraphs identical (${(share * 100).toFixed(1)}%) — ${report.join(", ")}`);
    expect(share).toBeGreaterThanOrEqual(0.95);
  });

  it("keeps footnotes apart, after the body, with their markers left in the text", async () => {
    const pdf = await parseImport("pdf", readFileSync(join(ARTICLES, "law-review-footnotes", "article.pdf")));
    const notes = pdf.blocks.filter((b) => b.role === "footnote");
    expect(notes.map((b) => b.text.slice(0, 24))).toEqual([
      "1 See generally Helen Fa",
      "2 Compare the reasoning ",
      "3 This is the view assoc",
      "4 See Daniel Ostrowski, ",
      "5 The decision was reach",
      "6 The court declared the",
      "7 See, e.g., the decisio",
      "8 The point is developed",
    ]);
    expect(pdf.blocks.slice(-notes.length).every((b) => b.role === "footnote")).toBe(true);
    expect(pdf.blocks.some((b) => b.kind === "paragraph" && b.text.includes("than the traditional view would predict.1"))).toBe(true);
    expect(pdf.blocks.some((b) => b.text.includes("CAMBRIAN LAW REVIEW"))).toBe(false);
  });
});

describe("PDF refusals", () => {
  it("detects .pdf and application/pdf", () => {
    expect(detectFormat("paper.PDF", "application/octet-stream")).toBe("pdf");
    expect(detectFormat(undefined, "application/pdf")).toBe("pdf");
  });

  it("answers a scan without a text layer with 415 saying so", async () => {
    const error = await importError(parseImport("pdf", scannedPdf()));
    expect(error).toMatchObject({ code: "no_text_layer", status: 415 });
    expect(error.message).toMatch(/no text layer/);
  });

  it("answers a corrupt or truncated file with 400", async () => {
    const truncated = readFileSync(join(ARTICLES, "op-ed-byline-date", "article.pdf")).subarray(0, 1500);
    const cases = [Buffer.from("not a pdf at all"), Buffer.from("%PDF-1.7\n1 0 obj <<"), truncated, Buffer.alloc(4096, 0x25)];
    for (const buf of cases) {
      const error = await importError(parseImport("pdf", buf));
      expect(error.status).toBe(400);
      expect(error.code).toBe("corrupt_file");
    }
  });

  it("answers a password-protected PDF with 400 naming the password", async () => {
    const error = await importError(parseImport("pdf", readFileSync(join(PDF_FIXTURES, "encrypted.pdf"))));
    expect(error).toMatchObject({ code: "encrypted_file", status: 400 });
    expect(error.message).toMatch(/password-protected/);
  });

  it("answers damaged PDFs with a document or a 4xx, never anything else", async () => {
    const original = readFileSync(join(ARTICLES, "numbered-affiliations-mdpi", "article.pdf"));
    const damage = fc.record({
      cut: fc.integer({ min: 64, max: original.length }),
      flips: fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 40 }),
    });
    await fc.assert(
      fc.asyncProperty(damage, async ({ cut, flips }) => {
        const buf = Buffer.from(original.subarray(0, cut));
        for (const { at, byte } of flips) buf[at % buf.length] = byte;
        try {
          const doc = await parseImport("pdf", buf);
          for (const block of doc.blocks) expect(typeof block.text).toBe("string");
        } catch (e) {
          expect(e).toBeInstanceOf(ImportError);
          expect((e as ImportError).status).toBeLessThan(500);
        }
      }),
      { numRuns: 25 },
    );
  }, 60_000);

  it("refuses more than 2,000 pages with 413 before reading them", async () => {
    const error = await importError(parseImport("pdf", blankPages(2_001)));
    expect(error).toMatchObject({ code: "too_large", status: 413 });
    expect(error.message).toContain("2001 pages");
  });
});

describe("PDF layout rules", () => {
  it("takes a rubric over the title, set in the title's size, for a note and the line under it for the title", async () => {
    const doc = await parseImport(
      "pdf",
      textPdf([
        { text: "ESSAY", x: 72, y: 740 },
        { text: "The Unraveling of the Liberal Order", x: 72, y: 720 },
        { text: "By Miriam Okafor and Daniel Brandt", x: 72, y: 700 },
        { text: "For three decades after the Cold War, the United States underwrote an open trading", x: 72, y: 670 },
        { text: "system that most states joined on its terms. That era is over.", x: 72, y: 656 },
      ]),
    );
    expect(doc.title).toBe("The Unraveling of the Liberal Order");
    expect(doc.blocks.slice(0, 3).map((b) => `${b.kind}/${b.role}: ${b.text}`)).toEqual([
      "meta/other: ESSAY",
      "heading/title: The Unraveling of the Liberal Order",
      "meta/author: By Miriam Okafor and Daniel Brandt",
    ]);
  });

  const item = (text: string, x: number, y: number, size = 10): PdfTextItem => ({ text, x, y, width: text.length * size * 0.5, size });

  it("reads a two-column page column by column, with full-width lines between the bands", () => {
    const page: PdfPage = {
      width: 600,
      height: 800,
      items: [
        item("A full-width title line that spans the page", 50, 760, 16),
        ...[0, 1, 2, 3].flatMap((i) => [item(`left ${i}`, 50, 700 - i * 14), item(`right ${i}`, 320, 700 - i * 14)]),
        item("A full-width footer line that spans the whole width of the page", 50, 600),
      ],
    };
    expect(pageLines(page, 0).map((l) => l.text)).toEqual([
      "A full-width title line that spans the page",
      "left 0", "left 1", "left 2", "left 3",
      "right 0", "right 1", "right 2", "right 3",
      "A full-width footer line that spans the whole width of the page",
    ]);
  });

  it("puts a raised footnote marker on its line without a space", () => {
    const page: PdfPage = { width: 600, height: 800, items: [item("would predict.", 50, 500, 10), { text: "1", x: 120, y: 504, width: 3, size: 6 }] };
    expect(pageLines(page, 0).map((l) => l.text)).toEqual(["would predict.1"]);
  });

  it("keeps raised markers on the author line under a large title, not on the title's last line", () => {
    const mark = (text: string, x: number, y: number): PdfTextItem => ({ text, x, y, width: text.length * 2.9, size: 7 });
    const page: PdfPage = {
      width: 595,
      height: 842,
      items: [
        item("Verification Regimes and Alliance Durability:", 57, 762.8, 24),
        item("Evidence from 40 Treaties", 57, 735.2, 24),
        item("Ana Souza", 169, 718.8, 12),
        mark("1", 221.4, 723.5),
        item(", Wei Zhang", 224.9, 718.8, 12),
        mark("2,*", 283.3, 723.5),
        item("and Émile Dubois-Laurent", 295, 718.8, 12),
        mark("1", 423, 723.5),
        mark("1", 106.9, 709.7),
        item("Department of Political Science, Universidade de São Paulo", 110.4, 705, 12),
      ],
    };
    expect(pageLines(page, 0).map((l) => l.text)).toEqual([
      "Verification Regimes and Alliance Durability:",
      "Evidence from 40 Treaties",
      "Ana Souza1, Wei Zhang2,* and Émile Dubois-Laurent1",
      "1Department of Political Science, Universidade de São Paulo",
    ]);
    // A subscript stays on its line, and a small line of its own above a large title is not a mark.
    const other: PdfPage = {
      width: 595,
      height: 842,
      items: [
        item("Review", 57, 790, 9),
        item("A Large Title", 57, 770, 24),
        item("Emissions of CO", 57, 700, 12),
        { text: "2", x: 57 + 15 * 6, y: 697, width: 4, size: 7 },
        item(" rose again.", 57 + 15 * 6 + 4, 700, 12),
        item("The next line of the paragraph.", 57, 686, 12),
      ],
    };
    expect(pageLines(other, 0).map((l) => l.text)).toEqual(["Review", "A Large Title", "Emissions of CO2 rose again.", "The next line of the paragraph."]);
  });

  it("keeps a mark raised over small capitals, themselves set beside full-size text", () => {
    const page: PdfPage = {
      width: 600,
      height: 800,
      items: [
        { text: "Members of", x: 50, y: 500, width: 55, size: 10 },
        { text: "NATO", x: 108, y: 500, width: 24, size: 8 },
        { text: "1", x: 132.5, y: 503.5, width: 3, size: 6 },
        { text: "agreed.", x: 145, y: 500, width: 35, size: 10 },
      ],
    };
    expect(pageLines(page, 0).map((l) => l.text)).toEqual(["Members of NATO1 agreed."]);
  });

  it("ends a paragraph at a sentence closed by a raised note mark", () => {
    const line = (text: string, y: number) => item(text, 50, y, 10);
    const page: PdfPage = {
      width: 600,
      height: 800,
      items: [
        line("The first paragraph sets out the argument at a length that fills the line.", 600),
        line("It ends on a cited claim.", 586),
        { text: "1", x: 50 + 25 * 5, y: 590, width: 3, size: 6 },
        line("The second paragraph opens on the next line, with no indent and no gap at all.", 572),
        line("It ends as well.", 558),
      ],
    };
    expect(pdfParagraphs([page]).paragraphs.map((p) => p.lines.join(" "))).toEqual([
      "The first paragraph sets out the argument at a length that fills the line. It ends on a cited claim.1",
      "The second paragraph opens on the next line, with no indent and no gap at all. It ends as well.",
    ]);
  });

  it("reads a table row by row, one paragraph a row, apart from the text after it", () => {
    const full = "Paragraph text of the argument runs on across the whole width of the page here.";
    const page: PdfPage = {
      width: 600,
      height: 800,
      items: [
        item(full, 50, 700, 12),
        item("and it ends here.", 50, 686, 12),
        item("•", 70, 665, 12),
        item("Verification is slow.", 110, 665, 12),
        item("•", 70, 651, 12),
        item("Notification regimes lapse.", 110, 651, 12),
        item("Country", 50, 630, 12),
        item("Position", 290, 630, 12),
        item("Norway", 50, 616, 12),
        item("Supports", 290, 616, 12),
        item("Chile", 50, 602, 12),
        item("Undecided", 290, 602, 12),
        item(full, 50, 588, 12),
        item("and it ends here.", 50, 574, 12),
      ],
    };
    expect(pdfParagraphs([page]).paragraphs.map((p) => p.lines.join(" / "))).toEqual([
      `${full} and it ends here.`,
      "• Verification is slow.",
      "• Notification regimes lapse.",
      "Country | Position",
      "Norway | Supports",
      "Chile | Undecided",
      `${full} and it ends here.`,
    ]);
  });

  it("reads a grid of front matter (facts, or authors side by side) as before, not as a table", async () => {
    const body = "The argument runs on across the whole width of the page, as body text does in an essay.";
    const doc = await parseImport(
      "pdf",
      textPdf([
        { text: "A Title Set Large", x: 50, y: 740, size: 20 },
        { text: "Ana Souza and Wei Zhang", x: 50, y: 715 },
        { text: "Received: 12 March 2026", x: 50, y: 695, size: 10 },
        { text: "Accepted: 3 August 2026", x: 330, y: 695, size: 10 },
        { text: "Published: 1 September 2026", x: 50, y: 683, size: 10 },
        { text: "DOI: 10.1234/jis.2026.0042", x: 330, y: 683, size: 10 },
        ...[0, 1, 2, 3, 4, 5].map((k) => ({ text: body, x: 50, y: 650 - k * 14 })),
      ]),
    );
    expect(doc.metadata.dates).toEqual({ received: "12 March 2026", accepted: "3 August 2026", published: "1 September 2026" });
    expect(doc.metadata.doi).toBe("10.1234/jis.2026.0042");
    // Authors set side by side, each with an institution and an address under the name.
    const authors = await parseImport(
      "pdf",
      textPdf([
        { text: "A Title Set Large", x: 50, y: 740, size: 20 },
        { text: "Ana Souza", x: 120, y: 715 },
        { text: "Wei Zhang", x: 380, y: 715 },
        { text: "University of Sao Paulo", x: 90, y: 701, size: 10 },
        { text: "Peking University", x: 360, y: 701, size: 10 },
        { text: "ana.souza@usp.br", x: 100, y: 689, size: 10 },
        { text: "wei.zhang@pku.edu.cn", x: 355, y: 689, size: 10 },
        ...[0, 1, 2, 3, 4, 5].map((k) => ({ text: body, x: 50, y: 650 - k * 14 })),
      ]),
    );
    expect(authors.metadata.authors?.map((a) => [a.name, a.affiliations, a.email])).toEqual([
      ["Ana Souza", ["University of Sao Paulo"], "ana.souza@usp.br"],
      ["Wei Zhang", ["Peking University"], "wei.zhang@pku.edu.cn"],
    ]);
  });

  it("joins a table cell wrapped over several lines, and parts cells whose text nearly touches", () => {
    const at = (text: string, x: number, y: number, width: number): PdfTextItem => ({ text, x, y, width, size: 11 });
    const full = "Paragraph text of the argument runs on across the whole width of the page here, as body text does.";
    const page: PdfPage = {
      width: 595,
      height: 842,
      items: [
        ...[0, 1, 2, 3, 4, 5, 6, 7].map((k) => at(full, 56.8, 620 - k * 12.7, 480.6)),
        at("Country", 56.8, 502.7, 36),
        at("Position on the verification regime", 217.4, 502.7, 160.2),
        at("Since", 378.1, 502.7, 24.4),
        at("Norway", 56.8, 490, 35.4),
        at("Supports the regime in full, with", 217.4, 490, 142.8),
        at("2019", 378.1, 490, 22),
        at("reservations on the inspections of its", 217.4, 477.4, 160.2),
        at("own sites", 217.4, 464.7, 41.2),
        at("Chile", 56.8, 452.1, 26),
        at("Undecided", 217.4, 452.1, 52),
        at("2020", 378.1, 452.1, 22),
        at("New Zealand", 56.8, 439.4, 64.3),
        at("Opposes", 217.4, 439.4, 41),
        at("2021", 378.1, 439.4, 22),
        ...[0, 1, 2, 3, 4, 5, 6, 7].map((k) => at(full, 56.8, 420 - k * 12.7, 480.6)),
      ],
    };
    expect(pageLines(page, 0).map((l) => l.text)).toEqual([
      ...Array<string>(8).fill(full),
      "Country | Position on the verification regime | Since",
      "Norway | Supports the regime in full, with reservations on the inspections of its own sites | 2019",
      "Chile | Undecided | 2020",
      "New Zealand | Opposes | 2021",
      ...Array<string>(8).fill(full),
    ]);
  });

  it("imports a table's rows as paragraphs, short as they are", async () => {
    const body = "The argument runs on across the whole width of the page, as body text does in an essay.";
    const doc = await parseImport(
      "pdf",
      textPdf([
        { text: "A Title Set Large", x: 50, y: 740, size: 20 },
        { text: body, x: 50, y: 700 },
        { text: "Country", x: 50, y: 670 },
        { text: "Position", x: 300, y: 670 },
        { text: "Norway", x: 50, y: 656 },
        { text: "Supports", x: 300, y: 656 },
        { text: "Chile", x: 50, y: 642 },
        { text: "Undecided", x: 300, y: 642 },
        { text: body, x: 50, y: 620 },
      ]),
    );
    expect(doc.blocks.slice(1).map((b) => [b.kind, b.text])).toEqual([
      ["paragraph", body],
      ["paragraph", "Country | Position"],
      ["paragraph", "Norway | Supports"],
      ["paragraph", "Chile | Undecided"],
      ["paragraph", body],
    ]);
  });

  it("nests list items by their indent and reads numbered and lettered items as ordered", async () => {
    const bullet = "\u0095";
    const doc = await parseImport(
      "pdf",
      textPdf([
        { text: "A Title Set Large", x: 50, y: 740, size: 20 },
        { text: "The argument runs on across the whole width of the page, as body text does in an essay.", x: 50, y: 700 },
        { text: `${bullet}  Verification is slow.`, x: 68, y: 680 },
        { text: `${bullet}  Partners defect:`, x: 68, y: 666 },
        { text: `${bullet}  quietly`, x: 86, y: 652 },
        { text: `${bullet}  or openly`, x: 86, y: 638 },
        { text: `${bullet}  Funding is short.`, x: 68, y: 624 },
        { text: "2 What comes next", x: 50, y: 600, size: 14 },
        { text: "1.  First, map the issues.", x: 68, y: 580 },
        { text: "a.  Count the votes.", x: 86, y: 566 },
        { text: "b.  Fund the secretariat.", x: 86, y: 552 },
        { text: "2.  Second, write it down.", x: 68, y: 538 },
      ]),
    );
    const shape = (b: ImportedDocument["blocks"][number]) => [b.kind, b.depth ?? null, b.ordered ?? false, b.text];
    expect(doc.blocks.slice(2).map(shape)).toEqual([
      ["listItem", 0, false, "Verification is slow."],
      ["listItem", 0, false, "Partners defect:"],
      ["listItem", 1, false, "quietly"],
      ["listItem", 1, false, "or openly"],
      ["listItem", 0, false, "Funding is short."],
      ["heading", null, false, "2 What comes next"],
      ["listItem", 0, true, "First, map the issues."],
      ["listItem", 1, true, "Count the votes."],
      ["listItem", 1, true, "Fund the secretariat."],
      ["listItem", 0, true, "Second, write it down."],
    ]);
  });

  it("ends a history line before an abstract labelled without a colon, and keeps a keywords line out of the headings", async () => {
    const doc = await parseImport(
      "pdf",
      textPdf([
        { text: "A Title Set Large", x: 50, y: 740, size: 20 },
        { text: "Received: 12 March 2026 / Accepted: 3 August 2026 / Published: 1 September 2026", x: 50, y: 700, size: 11 },
        { text: "Abstract We study forty treaties and find that verification regimes shorten, rather than", x: 50, y: 686, size: 11 },
        { text: "lengthen, the life of alliances among middle powers.", x: 50, y: 672, size: 11 },
        { text: "Keywords: verification; alliances; middle powers", x: 50, y: 658, size: 11 },
        { text: "1 Introduction", x: 50, y: 630, size: 14 },
        { text: "Middle powers hedge between rival blocs, and the treaty's verification regime was never", x: 50, y: 610, size: 11 },
        { text: "meant to carry the weight that ministers now place on it.", x: 50, y: 596, size: 11 },
      ]),
    );
    expect(doc.metadata.dates).toEqual({ received: "12 March 2026", accepted: "3 August 2026", published: "1 September 2026" });
    expect(doc.blocks.map((b) => [b.kind, b.text.slice(0, 20)])).toContainEqual(["paragraph", "Keywords: verificati"]);
  });

  it("reads a row of many thousand items in time about linear in their number", () => {
    // Words with small raised marks between them, overprinted: every item is an accent candidate.
    const row = (n: number): PdfPage => ({
      width: 600,
      height: 800,
      items: Array.from({ length: n }, (_, i) => ({ text: i % 2 ? "1" : "Word", x: (i % 200) * 3, y: 400 + (i % 2) * 3, width: 3, size: i % 2 ? 6 : 10 })),
    });
    const time = (n: number) => {
      let best = Infinity;
      for (let run = 0; run < 3; run++) {
        const page = row(n);
        const started = performance.now();
        pageLines(page, 0);
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    time(2_000);
    const small = time(20_000);
    const large = time(80_000);
    if (large < 50) return;
    expect(large / Math.max(small, 12)).toBeLessThan(8);
  }, 60_000);

  it("sets a footnote's number apart from a first word printed right against it", () => {
    const page: PdfPage = {
      width: 600,
      height: 800,
      items: [
        item("The body of the page, set at the text size, runs on for a line or two.", 50, 600, 12),
        { text: "1", x: 50, y: 100, width: 4.5, size: 9 },
        { text: "See the 2019 communiqué, paragraph 4.", x: 54.5, y: 100, width: 145, size: 9 },
        { text: "2", x: 50, y: 89, width: 4.5, size: 9 },
        { text: "Ibid., paragraph 5.", x: 54.5, y: 89, width: 70, size: 9 },
      ],
    };
    expect(pdfParagraphs([page]).footnotes).toEqual(["1 See the 2019 communiqué, paragraph 4.", "2 Ibid., paragraph 5."]);
  });

  it("reads a numbered section heading set at the text's size, with no space under it, as a heading of its own", async () => {
    const doc = await parseImport(
      "pdf",
      textPdf([
        { text: "Notification Regimes After the Cold War", x: 50, y: 740, size: 20 },
        { text: "The argument runs on across the whole width of the page, as body text does in an essay. It", x: 50, y: 700 },
        { text: "ends here.", x: 50, y: 686 },
        { text: "2 Data", x: 50, y: 672 },
        { text: "The data come from forty treaties signed between 1990 and 2025, read clause by clause by two", x: 50, y: 658 },
        { text: "coders working apart.", x: 50, y: 644 },
      ]),
    );
    expect(doc.blocks.slice(1).map((b) => [b.kind, b.text])).toEqual([
      ["paragraph", "The argument runs on across the whole width of the page, as body text does in an essay. It ends here."],
      ["heading", "2 Data"],
      ["paragraph", "The data come from forty treaties signed between 1990 and 2025, read clause by clause by two coders working apart."],
    ]);
  });

  it("keeps an author's name apart from a long institution line above it, with no space between the blocks", async () => {
    const doc = await parseImport(
      "pdf",
      textPdf([
        { text: "Notification Regimes After the Cold War", x: 50, y: 740, size: 20 },
        { text: "Jonas Hartmann", x: 50, y: 710 },
        { text: "Department of Politics and International Relations, University of Edinburgh, Edinburgh, UK", x: 50, y: 696 },
        { text: "Dr Émile Lindqvist", x: 50, y: 682 },
        { text: "Faculty of Law, University of Oxford, Oxford, UK", x: 50, y: 668 },
        { text: "The argument runs on across the whole width of the page, as body text does in an essay. It", x: 50, y: 630 },
        { text: "goes on for a second line, so that the page has a body whose lines fill the frame to its edge.", x: 50, y: 616 },
      ]),
    );
    expect(doc.metadata.authors?.map((a) => [a.name, a.affiliations])).toEqual([
      ["Jonas Hartmann", ["Department of Politics and International Relations, University of Edinburgh, Edinburgh, UK"]],
      ["Émile Lindqvist", ["Faculty of Law, University of Oxford, Oxford, UK"]],
    ]);
    // Set ragged right, the institution line may be the page's widest, so that it ends at the frame's edge.
    const ragged = await parseImport(
      "pdf",
      textPdf([
        { text: "Notification Regimes After the Cold War", x: 50, y: 740, size: 20 },
        { text: "Jonas Hartmann", x: 50, y: 710 },
        { text: "Department of Politics and International Relations, University of Edinburgh, Edinburgh, UK", x: 50, y: 696 },
        { text: "Dr Émile Lindqvist", x: 50, y: 682 },
        { text: "Faculty of Law, University of Oxford, Oxford, UK", x: 50, y: 668 },
        { text: "The argument runs on across the page, as body text does in an essay, and", x: 50, y: 630 },
        { text: "it goes on for a second line, so that the page has a body set ragged right,", x: 50, y: 616 },
        { text: "its lines ending wherever the last word that fitted on them ends.", x: 50, y: 602 },
      ]),
    );
    expect(ragged.metadata.authors?.map((a) => a.name)).toEqual(["Jonas Hartmann", "Émile Lindqvist"]);
  });

  it("starts a new institution on a line of its own under a long institution line, with no space between them", async () => {
    const institutions = [
      // Near the edge, and ends on a country.
      "Department of Politics and International Relations, University of Edinburgh, Edinburgh, UK",
      // Near the edge, with room left for the next line's first word.
      "School of Law and Government, Oxford University and Nuffield College, Oxford",
      "Institute of International Studies, Fudan University, Shanghai, China",
    ];
    const article = (front: readonly string[]) =>
      textPdf([
        { text: "Notification Regimes After the Cold War", x: 50, y: 740, size: 20 },
        { text: "By Ana Souza, Wei Zhang and Omar Haddad", x: 50, y: 710 },
        ...front.map((text, i) => ({ text, x: 50, y: 696 - 14 * i })),
        { text: "The argument runs on across the whole width of the page, as body text does in an essay. It", x: 50, y: 600 },
        { text: "goes on for a second line, so that the page has a body whose lines fill the frame to its edge.", x: 50, y: 586 },
      ]);
    const doc = await parseImport("pdf", article(institutions));
    expect(doc.blocks.slice(0, 5).map((b) => b.text)).toEqual(["Notification Regimes After the Cold War", "By Ana Souza, Wei Zhang and Omar Haddad", ...institutions]);
    // One institution line for each author named in the by-line: each has the one in its place.
    expect(doc.metadata.authors?.map((a) => [a.name, a.affiliations])).toEqual([
      ["Ana Souza", [institutions[0]]],
      ["Wei Zhang", [institutions[1]]],
      ["Omar Haddad", [institutions[2]]],
    ]);
    // Set ragged right, the institution line may be the page's widest, so that it ends at the frame's edge.
    const ragged = await parseImport(
      "pdf",
      textPdf([
        { text: "Notification Regimes After the Cold War", x: 50, y: 740, size: 20 },
        { text: "By Ana Souza and Wei Zhang", x: 50, y: 710 },
        { text: institutions[0]!, x: 50, y: 696 },
        { text: "School of Law, University of Oxford, Oxford, UK", x: 50, y: 682 },
        { text: "The argument runs on across the page, as body text does in an essay, and", x: 50, y: 640 },
        { text: "it goes on for a second line, so that the page has a body set ragged right,", x: 50, y: 626 },
        { text: "its lines ending wherever the last word that fitted on them ends.", x: 50, y: 612 },
      ]),
    );
    expect(ragged.blocks.slice(2, 4).map((b) => b.text)).toEqual([institutions[0], "School of Law, University of Oxford, Oxford, UK"]);
    // A name broken where its next word would not fit is one institution.
    const wrapped = await parseImport("pdf", article(["Department of Political Science and International Government Studies, Massachusetts", "Institute of Technology, Cambridge, MA, USA"]));
    expect(wrapped.blocks[2]!.text).toBe("Department of Political Science and International Government Studies, Massachusetts Institute of Technology, Cambridge, MA, USA");
  });

  it("keeps a centred stanza whole where a sentence ends inside it, and still ends centred prose paragraphs on their short last lines", async () => {
    // Every line centred on the page's middle (x = 292.5; Helvetica 12 widths).
    const centred: Array<[string, number]> = [
      ["These essays began as a conversation among friends who had", 124.4],
      ["watched the old verification regimes fray, and who wanted to", 131.8],
      ["ask what might take their place in a colder decade.", 157.8],
      ["We owe thanks to the archivists who opened their files to us,", 131.8],
      ["and to the students whose questions kept the work honest.", 136.4],
      ["", 0],
      ["Between the rivers and the wall,", 207.5],
      ["the clerks kept count of every gun and every shell;", 159.1],
      ["they wrote it down.", 242.5],
      ["The counting, too, was never done.", 198.8],
      ["", 0],
      // Lines far shorter than the column's width, however close in width to one another.
      ["Between the rivers and the wall,", 207.5],
      ["they wrote it down.", 242.5],
      ["The counting, too, was never done,", 198.8],
      ["and no one came to read it through.", 197.5],
      ["", 0],
      // Its first line a sentence of its own.
      ["Now no one reads the ledgers through.", 188.8],
      ["The shelves are dust, the ink is thin;", 196.8],
      ["yet every line the clerks once drew", 200.5],
      ["still marks the place where we begin.", 194.5],
    ];
    const runs: Array<{ text: string; x: number; y: number }> = [];
    let y = 656;
    for (const [text, x] of centred) {
      // An empty entry is the space between the prose and a stanza, or between two stanzas.
      if (text === "") y -= 10;
      else {
        runs.push({ text, x, y });
        y -= 14;
      }
    }
    const doc = await parseImport(
      "pdf",
      textPdf([
        { text: "Notification Regimes After the Cold War", x: 50, y: 740, size: 20 },
        { text: "By Ana Souza", x: 50, y: 712 },
        { text: "Foreword", x: 50, y: 680, size: 14 },
        ...runs,
        { text: "Introduction", x: 50, y: 380, size: 14 },
        { text: "The argument runs on across the whole width of the page, as body text does in an essay. It", x: 50, y: 356 },
        { text: "goes on for a second line, so that the page has a body whose lines fill the frame to its edge.", x: 50, y: 342 },
      ]),
    );
    expect(doc.blocks.filter((b) => b.kind === "paragraph").map((b) => b.text)).toEqual([
      "These essays began as a conversation among friends who had watched the old verification regimes fray, and who wanted to ask what might take their place in a colder decade.",
      "We owe thanks to the archivists who opened their files to us, and to the students whose questions kept the work honest.",
      // Its lines end where the verse chose, not where the measure ran out: one stanza.
      "Between the rivers and the wall, the clerks kept count of every gun and every shell; they wrote it down. The counting, too, was never done.",
      "Between the rivers and the wall, they wrote it down. The counting, too, was never done, and no one came to read it through.",
      "Now no one reads the ledgers through. The shelves are dust, the ink is thin; yet every line the clerks once drew still marks the place where we begin.",
      "The argument runs on across the whole width of the page, as body text does in an essay. It goes on for a second line, so that the page has a body whose lines fill the frame to its edge.",
    ]);
  });

  it("runs a centred paragraph's short last line on from the wide centred line above it, not as a new paragraph set in", async () => {
    const doc = await parseImport(
      "pdf",
      textPdf([
        { text: "Notification Regimes After the Cold War", x: 50, y: 740, size: 20 },
        { text: "By Ana Souza", x: 50, y: 712 },
        { text: "Foreword", x: 50, y: 680, size: 14 },
        // Centred on x = 292.8, the middle of the body's frame (Helvetica 12 widths): the first line
        // nearly as wide as the measure, so it stands in from the left edge by only a little.
        { text: "These essays began as a conversation among friends who had watched regimes fray, and", x: 52.7, y: 656 },
        { text: "who wanted to ask what might take their place in a colder decade.", x: 117.7, y: 642 },
        { text: "Introduction", x: 50, y: 610, size: 14 },
        { text: "The argument runs on across the whole width of the page, as body text does in an essay. It", x: 50, y: 586 },
        { text: "goes on for a second line, so that the page has a body whose lines fill the frame to its edge.", x: 50, y: 572 },
        // A first line set in under a line as wide as the measure still opens a paragraph.
        { text: "A second paragraph, its first line set in, follows the first.", x: 70, y: 558 },
      ]),
    );
    expect(doc.blocks.filter((b) => b.kind === "paragraph").map((b) => b.text)).toEqual([
      "These essays began as a conversation among friends who had watched regimes fray, and who wanted to ask what might take their place in a colder decade.",
      "The argument runs on across the whole width of the page, as body text does in an essay. It goes on for a second line, so that the page has a body whose lines fill the frame to its edge.",
      "A second paragraph, its first line set in, follows the first.",
    ]);
  });

  it("reads Word's second-level bullet, a letter o, as a nested list item", async () => {
    const bullet = "\u0095";
    const doc = await parseImport(
      "pdf",
      textPdf([
        { text: "A Title Set Large", x: 50, y: 740, size: 20 },
        { text: "The argument runs on across the whole width of the page, as body text does in an essay.", x: 50, y: 700 },
        { text: `${bullet}  Verification is slow, and every month of delay costs the treaty a little more of`, x: 68, y: 680 },
        { text: "the trust that it was meant to build.", x: 86, y: 666 },
        { text: "o  Partners defect quietly.", x: 86, y: 652 },
        { text: "o  quietly", x: 86, y: 638 },
        { text: `${bullet}  Notification regimes lapse.`, x: 68, y: 624 },
      ]),
    );
    const shape = (b: ImportedDocument["blocks"][number]) => [b.kind, b.depth ?? null, b.text];
    expect(doc.blocks.slice(2).map(shape)).toEqual([
      ["listItem", 0, "Verification is slow, and every month of delay costs the treaty a little more of the trust that it was meant to build."],
      ["listItem", 1, "Partners defect quietly."],
      ["listItem", 1, "quietly"],
      ["listItem", 0, "Notification regimes lapse."],
    ]);
  });

  it("nests a centred list item by its kind of bullet or label, not by where centring put it", async () => {
    const bullet = "\u0095";
    const doc = await parseImport(
      "pdf",
      textPdf([
        { text: "A Title Set Large", x: 50, y: 740, size: 20 },
        { text: "The argument runs on across the whole width of the page, as body text does in an essay.", x: 50, y: 700 },
        { text: `${bullet}  Verification is slow, and every month of delay costs the treaty a little more of`, x: 68, y: 680 },
        { text: "the trust that it was meant to build.", x: 150, y: 666 },
        { text: "1.  Count the votes, and keep on counting them until every member has cast", x: 86, y: 652 },
        { text: "its vote on the text.", x: 200, y: 638 },
        { text: "2.  Fund it.", x: 266, y: 624 },
        { text: `${bullet}  Notification regimes lapse.`, x: 215, y: 610 },
      ]),
    );
    const shape = (b: ImportedDocument["blocks"][number]) => [b.kind, b.depth ?? null, b.ordered ?? false, b.text.slice(0, 24)];
    expect(doc.blocks.slice(2).map(shape)).toEqual([
      ["listItem", 0, false, "Verification is slow, an"],
      ["listItem", 1, true, "Count the votes, and kee"],
      ["listItem", 1, true, "Fund it."],
      ["listItem", 0, false, "Notification regimes lap"],
    ]);
  });

  it("drops running heads and page numbers that repeat across pages", () => {
    const pageOf = (n: number): PdfPage => ({
      width: 600,
      height: 800,
      items: [
        item(`JOURNAL OF THINGS · Vol. 3 · page ${n}`, 50, 780, 8),
        item(`Body text of page ${n} that goes on.`, 50, 500),
        item(String(n), 300, 30, 8),
      ],
    });
    const { paragraphs } = pdfParagraphs([pageOf(1), pageOf(2), pageOf(3)]);
    expect(paragraphs.flatMap((p) => p.lines)).toEqual(["Body text of page 1 that goes on.", "Body text of page 2 that goes on.", "Body text of page 3 that goes on."]);
  });

  it("drops a running head that names the section, and keeps a section's own heading at the top of a page", () => {
    const body = (n: number) => [0, 1, 2, 3].map((k) => item(`Line ${k} of the argument on page ${n} runs on here`, 50, 600 - k * 12));
    const pages: PdfPage[] = [
      { width: 600, height: 800, items: [item("2 The data", 50, 700, 14), ...body(1)] },
      { width: 600, height: 800, items: [item("2 THE DATA", 50, 780), item("2", 500, 780), ...body(2)] },
      { width: 600, height: 800, items: [item("3 Results", 50, 770, 14), ...body(3)] },
    ];
    pages[0]!.items.push(item("3 Results", 50, 500, 14));
    const lines = pdfParagraphs(pages).paragraphs.flatMap((p) => p.lines);
    expect(lines).not.toContain("2 THE DATA");
    expect(lines.filter((l) => l === "3 Results")).toHaveLength(2);
  });

  it("keeps a page's first line that repeats another line, numbers aside, when it is text and not a running head", () => {
    const paragraph = (n: number, top: number) => [
      item(`Paragraph ${n} of the argument: middle powers hedge between rival blocs, and`, 50, top),
      item("the treaty's verification regime was never meant to carry the weight", 50, top - 12),
      item("that ministers now place on it.", 50, top - 24),
    ];
    const pages: PdfPage[] = [
      { width: 600, height: 800, items: [...paragraph(4, 600), ...paragraph(5, 400)] },
      { width: 600, height: 800, items: [...paragraph(6, 760), ...paragraph(7, 600)] },
    ];
    const lines = pdfParagraphs(pages).paragraphs.map((p) => p.lines.join(" "));
    expect(lines.filter((l) => l.startsWith("Paragraph 6 of the argument"))).toHaveLength(1);
  });

  it("keeps the hyphen of a compound broken at one of its own hyphens", () => {
    expect(joinHyphenated("with balance-", "of-payments data", new Vocabulary())).toBe("with balance-of-payments data");
  });

  it("undoes end-of-line hyphenation but keeps real compounds", () => {
    const vocabulary = new Vocabulary();
    vocabulary.addLine("the economic data and a trade-off between long and short horizons, raw stocks and material costs");
    expect(joinHyphenated("the eco-", "nomic case", vocabulary)).toBe("the economic case");
    expect(joinHyphenated("a trade-", "off again", vocabulary)).toBe("a trade-off again");
    expect(joinHyphenated("towards non-", "alignment", vocabulary)).toBe("towards non-alignment");
    expect(joinHyphenated("the raw-", "material exports", vocabulary)).toBe("the raw-material exports");
    expect(joinHyphenated("the great-", "est risk", vocabulary)).toBe("the greatest risk");
    expect(joinHyphenated("policy can-", "not respond", vocabulary)).toBe("policy cannot respond");
    expect(joinHyphenated("which low-", "ered prices", vocabulary)).toBe("which lowered prices");
  });
});

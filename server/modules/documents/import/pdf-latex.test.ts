/**
 * PDFs typeset by pdfLaTeX (tests/fixtures/pdf/latex: each .pdf made from the .tex beside it
 * with TeX Live 2022's pdflatex, Latin Modern fonts; bitmap-fonts.pdf with T1-encoded fonts
 * that pdfTeX could only find as bitmaps). LaTeX's pages differ from a word processor's: wide
 * margins (the page number sits well above the page's foot), \thanks notes at the foot of the
 * first page holding the authors' institutions, authors side by side in columns (one row or two,
 * over a page of two columns 10 pt apart), a contents
 * list with dot leaders, math-font note symbols ("∗", "†"), a review manuscript's line numbers
 * (lineno, double spacing); and the title blocks of IEEE's,
 * Elsevier's and Springer's templates (IEEEtran, elsarticle, llncs from TeX Live's publishers set).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseImport } from "./index.ts";
import type { ImportedDocument } from "./types.ts";
import { LATEX_CORPUS_BODY } from "../../../../tests/helpers/latex-corpus-body.ts";

const LATEX = fileURLToPath(new URL("../../../../tests/fixtures/pdf/latex/", import.meta.url));
const read = (name: string) => parseImport("pdf", readFileSync(`${LATEX}${name}.pdf`));

const body = (doc: ImportedDocument) => doc.blocks.filter((b) => b.kind !== "meta" && b.role !== "title").map((b) => `${b.kind}: ${b.text}`);
const footnotes = (doc: ImportedDocument) => doc.blocks.filter((b) => b.role === "footnote").map((b) => b.text);
const authors = (doc: ImportedDocument) => (doc.metadata.authors ?? []).map((a) => ({ name: a.name, affiliations: a.affiliations, email: a.email }));

/** The body every fixture shares (body.tex), as it should read. */
const BODY = LATEX_CORPUS_BODY;
const NOTE = expect.stringMatching(/^1 See the discussion in the annual review of the Institute for Strategic Studies, 2024\.$/);

describe("PDF import: articles typeset by pdfLaTeX", () => {
  it("reads \\thanks notes as the authors' institutions and e-mails, and keeps the page's notes and numbers out of the body", async () => {
    const doc = await read("thanks");
    expect(doc.blocks[0]).toMatchObject({ role: "title", text: "Hedging in an Age of Fragmented Commitments" });
    expect(authors(doc)).toEqual([
      { name: "Ana Souza", affiliations: ["Department of Political Science, University of Lisbon, Portugal"], email: "ana.souza@ulisboa.pt" },
      { name: "Wei Zhang", affiliations: ["School of International Studies, Peking University, Beijing, China"], email: undefined },
      { name: "Omar Haddad", affiliations: ["Centre for Security Studies, American University of Beirut, Lebanon"], email: "oh12@aub.edu.lb" },
    ]);
    expect(doc.metadata.dateline).toBe("March 2026");
    expect(doc.metadata.keywords).toEqual(["hedging", "small states", "treaties", "verification"]);
    expect(body(doc)).toEqual(BODY);
    expect(footnotes(doc)).toContainEqual(NOTE);
  });

  it("reads authors set side by side in columns, each with the institution, place and e-mail under the name", async () => {
    const doc = await read("author-columns");
    expect(doc.blocks[0]).toMatchObject({ role: "title", text: "Verification as a Political Good: Evidence from Maritime Agreements" });
    expect(authors(doc)).toEqual([
      { name: "Ana Souza", affiliations: [expect.stringMatching(/^University of Lisbon(, Lisbon, Portugal)?$/)], email: "ana.souza@ulisboa.pt" },
      { name: "Wei Zhang", affiliations: [expect.stringMatching(/^Peking University(, Beijing, China)?$/)], email: "wzhang@pku.edu.cn" },
      { name: "Omar Haddad", affiliations: [expect.stringMatching(/^American University of Beirut(, Beirut, Lebanon)?$/)], email: "oh12@aub.edu.lb" },
    ]);
    expect(doc.metadata.abstract).toMatch(/^We study verification provisions in 412 maritime agreements/);
    expect(body(doc)).toEqual(BODY);
    expect(footnotes(doc)).toContainEqual(NOTE);
  });

  it("reads a second row of authors side by side, and a two-column page whose gutter a page number and the authors print in", async () => {
    const doc = await read("author-grid-two-rows");
    expect(authors(doc)).toEqual([
      { name: "Ana Souza", affiliations: ["Dept. of Political Science", "University of Lisbon"], email: "ana.souza@ulisboa.pt" },
      { name: "Wei Zhang", affiliations: ["School of International Studies", "Peking University"], email: "wzhang@pku.edu.cn" },
      { name: "Omar Haddad", affiliations: ["Centre for Security Studies", "American University of Beirut"], email: "oh12@aub.edu.lb" },
      { name: "Laura Bianchi", affiliations: ["Department of Law", "University of Bologna"], email: "laura.bianchi@unibo.it" },
    ]);
    expect(body(doc)).toEqual(BODY);
    expect(footnotes(doc)).toContainEqual(NOTE);
  });

  it("joins an institution wrapped over two lines under numbered authors", async () => {
    const doc = await read("numbered-affiliations");
    const vienna = "Department of International Relations, University of Vienna, Universitätsring 1, 1010 Vienna, Austria";
    expect(authors(doc)).toEqual([
      { name: "Jürgen Müller", affiliations: [vienna], email: undefined },
      { name: "María José García-López", affiliations: ["Institut Barcelona d’Estudis Internacionals, 08005 Barcelona, Spain"], email: "mj.garcia@ibei.org" },
      { name: "Siobhán O’Connor", affiliations: [vienna], email: undefined },
    ]);
    expect(doc.metadata.dates).toMatchObject({ received: "12 January 2026", accepted: "3 March 2026" });
    expect(body(doc)).toEqual(BODY);
  });

  it("leaves a contents list with dot leaders out of the body", async () => {
    const doc = await read("working-paper");
    expect(authors(doc)).toEqual([{ name: "Priya Raman", affiliations: expect.any(Array), email: undefined }]);
    expect(doc.metadata.authors?.[0]?.identifiers).toMatchObject({ ORCID: "0000-0002-1825-0097" });
    expect(body(doc)).toEqual(BODY);
  });

  it("reads a two-column article with running heads, a display equation and a numbered reference list", async () => {
    const doc = await read("two-column-headings");
    expect(authors(doc).map((a) => a.name)).toEqual(["Ana Souza", "Wei Zhang"]);
    const blocks = body(doc);
    // The running heads ("7 ARGUMENT" and the page number, 100 pt below the page's top) are gone, and
    // the paragraph broken by the page runs on.
    expect(blocks.filter((b) => /ARGUMENT|INTRODUCTION|^paragraph: \d+$/.test(b))).toEqual([]);
    expect(blocks.filter((b) => b.startsWith("paragraph: This article asks"))).toEqual(Array(3).fill(expect.stringMatching(/ on three cases\.$/)));
    expect(blocks.filter((b) => b.startsWith("heading:"))).toEqual(
      ["1 Introduction", "2 Introduction", "3 Argument", "3.1 Data and method", "4 Conclusion", "5 Model", "6 Introduction", "7 Argument", "7.1 Data and method", "8 Conclusion", "9 Evidence", "10 Introduction", "11 Argument", "11.1 Data and method", "12 Conclusion", "References"].map((h) => `heading: ${h}`),
    );
    expect(blocks).toContain("paragraph: Let xi denote the effort of state i and suppose that");
    expect(blocks.slice(-2)).toEqual([
      "paragraph: [1] A. Author and B. Writer. Hedging in the Pacific. International Security, 41(2):7–45, 2017.",
      "paragraph: [2] C. Scholar. Small States in World Politics. Oxford University Press, Oxford, 2019.",
    ]);
  });

  it("reads a research note's two authors side by side, one without an e-mail, and the notes at the foot of its left column", async () => {
    const doc = await read("short-two-column");
    expect(authors(doc)).toEqual([
      { name: "Ana Souza", affiliations: [expect.stringMatching(/^University of Lisbon(, Lisbon, Portugal)?$/)], email: "ana.souza@ulisboa.pt" },
      { name: "Wei Zhang", affiliations: [expect.stringMatching(/^Peking University(, Beijing, China)?$/)], email: "wzhang@pku.edu.cn" },
    ]);
    expect(doc.metadata.abstract).toMatch(/^We note how small coastal states hedge .* the study of alignment\.$/);
    // The left column's notes end where the right column's text does: notes all the same, not body.
    expect(body(doc)).toEqual([
      ...BODY,
      "heading: 4 Cases",
      expect.stringMatching(/^paragraph: Estonia relies on allied patrols .* both sides of the great-power divide\.$/),
      expect.stringMatching(/^paragraph: In each case the state turns .* That is what hedging looks like when it works: .* several parties at once\.$/),
      "heading: 5 Implications",
      expect.stringMatching(/^paragraph: For the study of alignment, .* measured by commitments checked\.$/),
    ]);
    expect(footnotes(doc)).toEqual([expect.stringMatching(/^\* ?Corresponding author\. Email: ana\.souza@ulisboa\.pt$/), NOTE]);
  });

  it("finds the gutter of a page whose title block runs across it and whose right column holds a few lines", async () => {
    const doc = await read("title-across-short-columns");
    expect(authors(doc).map((a) => [a.name, a.affiliations])).toEqual([
      ["Ana Souza", ["University of Lisbon"]],
      ["Wei Zhang", ["Peking University"]],
    ]);
    expect(doc.metadata.abstract).toMatch(/^(Abstract\. )?We study how small coastal states .* in contested seas\.$/);
    expect(body(doc)).toEqual(BODY.slice(0, BODY.indexOf("heading: 3 Conclusion")));
    expect(footnotes(doc)).toEqual([NOTE]);
  });

  it("leaves a manuscript's line numbers out, every line's or every fifth's, on pages with few of them too", async () => {
    for (const name of ["manuscript-line-numbers", "manuscript-every-fifth-line"]) {
      const doc = await read(name);
      expect(authors(doc).map((a) => a.name), name).toEqual(["Ana Souza"]);
      expect(body(doc), name).toEqual(BODY);
    }
  });

  describe("publishers' templates", () => {
    /** BODY with the template's own heading numbers. */
    const bodyAs = (headings: string[]) => BODY.map((b) => (typeof b === "string" && b.startsWith("heading: ") ? `heading: ${headings.shift()}` : b));
    const SOUZA = { name: "Ana Souza", email: "ana.souza@ulisboa.pt" };
    const ZHANG = { name: "Wei Zhang", email: "wzhang@pku.edu.cn" };

    it("IEEE (IEEEtran, conference): each author's block under the name, 'Abstract—' and 'Index Terms—'", async () => {
      const doc = await read("ieee-conference");
      expect(authors(doc)).toEqual([
        { ...SOUZA, affiliations: ["Dept. of Political Science", "University of Lisbon"] },
        { ...ZHANG, affiliations: ["School of International Studies", "Peking University"] },
        { name: "Omar Haddad", affiliations: ["Centre for Security Studies", "American University of Beirut"], email: "oh12@aub.edu.lb" },
      ]);
      expect(doc.metadata.abstract).toBe("We compare verification regimes in maritime agreements and find that verification drives influence.");
      expect(doc.metadata.keywords).toEqual(["hedging", "small states", "verification"]);
      expect(body(doc)).toEqual(bodyAs(["I. INTRODUCTION", "II. ARGUMENT", "A. Data and method", "III. CONCLUSION"]));
    });

    it("Elsevier (elsarticle): raised letter markers on the by-line, the corresponding author's e-mail at the page's foot", async () => {
      const doc = await read("elsevier");
      const lisbon = "Department of Political Science, University of Lisbon, Lisbon, Portugal";
      expect(authors(doc)).toEqual([
        { ...SOUZA, affiliations: [lisbon] },
        { name: "Wei Zhang", affiliations: ["School of International Studies, Peking University, Beijing, China"], email: undefined },
        { name: "Omar Haddad", affiliations: [lisbon], email: undefined },
      ]);
      expect(doc.metadata.keywords).toEqual(["hedging", "small states", "verification"]);
      expect(body(doc)).toEqual(bodyAs(["1. Introduction", "2. Argument", "2.1. Data and method", "3. Conclusion"]));
    });

    it("Springer (llncs): numbered institutes with their e-mails, keywords set apart by middle dots, items with dashes", async () => {
      const doc = await read("springer-lncs");
      expect(authors(doc)).toEqual([
        { ...SOUZA, affiliations: ["University of Lisbon, Lisbon, Portugal"] },
        { ...ZHANG, affiliations: ["Peking University, Beijing, China"] },
        { name: "Omar Haddad", affiliations: ["University of Lisbon, Lisbon, Portugal"], email: undefined },
      ]);
      expect(doc.metadata.keywords).toEqual(["hedging", "small states", "verification"]);
      expect(body(doc)).toEqual(bodyAs(["1 Introduction", "2 Argument", "2.1 Data and method", "3 Conclusion"]));
    });
  });

  it("reads the ligatures and dashes of fonts embedded as bitmaps (no character names): 'find', not a control character", async () => {
    const doc = await read("bitmap-fonts");
    const all = doc.blocks.map((b) => b.text).join("\n");
    expect([...all].filter((ch) => ch.charCodeAt(0) < 0x20 && ch !== "\n" && ch !== "\t")).toEqual([]);
    expect(doc.metadata.abstract).toContain("find that the credibility of verification");
    expect(doc.metadata.keywords).toContain("verification");
    expect(body(doc)).toEqual(BODY);
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePlainText } from "./plain-text.ts";
import { ImportError, type ImportedBlock } from "./types.ts";

const fixture = (name: string) => readFileSync(new URL(`../../../../tests/fixtures/import/${name}`, import.meta.url), "utf8");

const kindsAndTexts = (blocks: ImportedBlock[]) => blocks.map((b) => [b.kind, b.text]);

describe("parsePlainText: journal essay fixture", () => {
  const doc = parsePlainText(fixture("journal-essay.txt"));

  it("reads title, dateline, both author blocks and the subtitle as front matter", () => {
    expect(doc.title).toBe("The Quiet Arithmetic of Urban Heat");
    expect(doc.blocks.slice(0, 17)).toEqual([
      { kind: "heading", level: 1, role: "title", text: "The Quiet Arithmetic of Urban Heat" },
      { kind: "meta", role: "dateline", text: "Vol. 9, No. 4 · Autumn 2025" },
      { kind: "meta", role: "author", text: "Ilse Marenko-Vasquez, PhD, MSc" },
      { kind: "meta", role: "affiliation", text: "Department of Urban Systems, Harlow Brook University" },
      { kind: "meta", role: "affiliation", text: "Centre for Climate Adaptation Studies" },
      { kind: "meta", role: "identifier", text: "ORCID: 0000-0002-4417-9023" },
      { kind: "meta", role: "identifier", text: "ResearcherID: K-4821-2019" },
      { kind: "meta", role: "email", text: "Email: i.marenko@harlowbrook.example.edu" },
      { kind: "meta", role: "phone", text: "Tel.: +44 20 7946 0132" },
      { kind: "meta", role: "address", text: "22 Fennick Street, Harlow Brook HB4 9QT, United Kingdom" },
      { kind: "meta", role: "author", text: "Dr. Tobias Ekwueme-Lund, MA" },
      { kind: "meta", role: "affiliation", text: "Institute for Municipal Finance" },
      { kind: "meta", role: "identifier", text: "ORCID iD: https://orcid.org/0000-0001-7730-2265" },
      { kind: "meta", role: "email", text: "E-mail: t.ekwueme@imf-research.example.org" },
      { kind: "meta", role: "phone", text: "Phone: +31 20 555 0198" },
      { kind: "meta", role: "address", text: "Keizersweg 141, 1017 AB Amsterdam, Netherlands" },
      { kind: "heading", level: 2, role: "subtitle", text: "Why cities underprice shade, and what it costs them" },
    ]);
  });

  it("builds structured metadata", () => {
    expect(doc.metadata).toEqual({
      dateline: "Vol. 9, No. 4 · Autumn 2025",
      subtitle: "Why cities underprice shade, and what it costs them",
      authors: [
        {
          name: "Ilse Marenko-Vasquez",
          degrees: ["PhD", "MSc"],
          affiliations: ["Department of Urban Systems, Harlow Brook University", "Centre for Climate Adaptation Studies"],
          positions: [],
          identifiers: { ORCID: "0000-0002-4417-9023", ResearcherID: "K-4821-2019" },
          email: "i.marenko@harlowbrook.example.edu",
          phone: "+44 20 7946 0132",
          address: "22 Fennick Street, Harlow Brook HB4 9QT, United Kingdom",
        },
        {
          name: "Tobias Ekwueme-Lund",
          degrees: ["MA"],
          affiliations: ["Institute for Municipal Finance"],
          positions: [],
          identifiers: { ORCID: "0000-0001-7730-2265" },
          email: "t.ekwueme@imf-research.example.org",
          phone: "+31 20 555 0198",
          address: "Keizersweg 141, 1017 AB Amsterdam, Netherlands",
        },
      ],
    });
  });

  it("reads the body exactly: wrapped lines joined by one space, characters untouched", () => {
    expect(doc.blocks.slice(17)).toEqual([
      { kind: "heading", level: 2, text: "Introduction" },
      {
        kind: "paragraph",
        text:
          "Municipal budgets treat heat as weather rather than as infrastructure. That habit made sense when a “hot summer” meant a handful of uncomfortable afternoons; it makes less sense when, as in 2023, eleven of the twenty largest European cities logged more than thirty tropical nights.",
      },
      {
        kind: "paragraph",
        text:
          "Our argument is simple — the cost of shade is booked today, while its benefits arrive over decades – and budgeting rules that discount the future steeply will always buy too little of it.",
      },
      { kind: "heading", level: 2, text: "Three mechanisms" },
      { kind: "paragraph", text: "The evidence points to three mechanisms that recur across the cases we studied:" },
      {
        kind: "listItem",
        depth: 0,
        text: "Capital budgets reward visible projects, so a new tram stop wins over a row of plane trees whose canopy will not close for fifteen years.",
      },
      {
        kind: "listItem",
        depth: 0,
        text: "Maintenance is funded from operating accounts, which are the first to be cut when revenues fall, as they did in 2020 and again in 2024.",
      },
      {
        kind: "listItem",
        depth: 0,
        text: "Responsibility is split between parks, roads and public-health departments, none of which owns the outcome.",
      },
      {
        kind: "paragraph",
        text:
          "In two of the councils we surveyed, officials said the city had made ??a commitment to “cooling corridors” without any line in the budget to pay for it. The minutes even record the mayor’s caf├â┬® remark, mangled as Ã© in the export.",
      },
      {
        kind: "quote",
        text: "Shade is the one public good that gets cheaper the longer you wait to need it, and more expensive the longer you wait to plant it.",
      },
      { kind: "heading", level: 2, text: "Conclusion" },
      {
        kind: "paragraph",
        text: "We expect the gap between pledged and funded canopy to widen through 2030 unless capital rules change.",
      },
    ]);
  });
});

describe("parsePlainText: text handling", () => {
  it("strips a BOM and handles \\r\\n and \\r line endings", () => {
    const doc = parsePlainText("\uFEFFTitle\r\n\r\nFirst line\r\nsecond line.\r\rThird\rpara.");
    expect(kindsAndTexts(doc.blocks)).toEqual([
      ["heading", "Title"],
      ["paragraph", "First line second line."],
      ["paragraph", "Third para."],
    ]);
  });

  it("treats whitespace-only lines as blank", () => {
    const doc = parsePlainText("Title\n \t \nOne.\n\u00a0\nTwo.");
    expect(kindsAndTexts(doc.blocks)).toEqual([
      ["heading", "Title"],
      ["paragraph", "One."],
      ["paragraph", "Two."],
    ]);
  });

  it("keeps internal whitespace and odd characters inside a line", () => {
    const doc = parsePlainText("T\n\nIt made ??a  commitment\tto “this” – Ã© \uFFFD.");
    expect(doc.blocks[1]?.text).toBe("It made ??a  commitment\tto “this” – Ã© \uFFFD.");
  });

  it("rejects empty and whitespace-only input with empty_file/400", () => {
    for (const input of ["", "   ", "\n\r\n\t", "\uFEFF \n"]) {
      expect(() => parsePlainText(input)).toThrow(ImportError);
      try {
        parsePlainText(input);
      } catch (e) {
        expect(e).toMatchObject({ code: "empty_file", status: 400 });
      }
    }
  });

  it("gives a line longer than 120 characters that ends a sentence its own paragraph (unwrapped text)", () => {
    const long1 = `${"Unwrapped prose runs on ".repeat(6)}to the end.`;
    const long2 = `${"Another long line goes on ".repeat(6)}and stops.`;
    const doc = parsePlainText(`T\n\n${long1}\n${long2}`);
    expect(kindsAndTexts(doc.blocks.slice(1))).toEqual([
      ["paragraph", long1],
      ["paragraph", long2],
    ]);
  });
});

describe("parsePlainText: headings", () => {
  const body = (text: string) => parsePlainText(`Title\n\nJane Doe, PhD\n\nIntroduction\n\n${text}`).blocks.slice(3);

  it("takes a short line alone between blank lines without final punctuation as a level-2 heading", () => {
    expect(body("Why budgets miss heat\n\nText follows.")).toEqual([
      { kind: "heading", level: 2, text: "Why budgets miss heat" },
      { kind: "paragraph", text: "Text follows." },
    ]);
  });

  it("does not make headings of sentences, lead-ins, lower-case fragments, long lines or lines inside a paragraph", () => {
    const cases = [
      "A short sentence.",
      "Consider the following:",
      "What now?",
      "and a fragment",
      "A line that is short enough in words but is definitely far longer than eighty characters",
      "Heading-like line\ndirectly followed by text",
    ];
    for (const text of cases) expect(body(text).map((b) => b.kind)).toEqual(["paragraph"]);
  });
});

describe("parsePlainText: lists", () => {
  const items = (text: string) => parsePlainText(`Title\n\nLead.\n\n${text}`).blocks.slice(2);

  it("strips bullets, joins continuation lines and nests by indentation", () => {
    expect(items("• First item runs\n  over two lines\n    ◦ nested item\n• Second – item\n  ends here")).toEqual([
      { kind: "listItem", depth: 0, text: "First item runs over two lines" },
      { kind: "listItem", depth: 1, text: "nested item" },
      { kind: "listItem", depth: 0, text: "Second – item ends here" },
    ]);
  });

  it("recognises -, *, – and — bullets at the start of a chunk or after a colon", () => {
    expect(items("- one\n* two\n– three\n— four")).toEqual([
      { kind: "listItem", depth: 0, text: "one" },
      { kind: "listItem", depth: 0, text: "two" },
      { kind: "listItem", depth: 0, text: "three" },
      { kind: "listItem", depth: 0, text: "four" },
    ]);
    expect(items("We saw:\n- alpha\n- beta")).toEqual([
      { kind: "paragraph", text: "We saw:" },
      { kind: "listItem", depth: 0, text: "alpha" },
      { kind: "listItem", depth: 0, text: "beta" },
    ]);
  });

  it("does not read a dash that starts a wrapped prose line as a bullet", () => {
    expect(items("The policy, such as it was\n— if it can be called that —\nfailed by 2024.")).toEqual([
      { kind: "paragraph", text: "The policy, such as it was — if it can be called that — failed by 2024." },
    ]);
  });

  it("reads numbered and lettered items as ordered", () => {
    expect(items("1. one\n2) two\n(a) three\n(iv) four")).toEqual([
      { kind: "listItem", depth: 0, ordered: true, text: "one" },
      { kind: "listItem", depth: 0, ordered: true, text: "two" },
      { kind: "listItem", depth: 0, ordered: true, text: "three" },
      { kind: "listItem", depth: 0, ordered: true, text: "four" },
    ]);
  });

  it("keeps loose items (separated by blank lines) in one list", () => {
    expect(items("• one\n\n  • two\n\n• three")).toEqual([
      { kind: "listItem", depth: 0, text: "one" },
      { kind: "listItem", depth: 1, text: "two" },
      { kind: "listItem", depth: 0, text: "three" },
    ]);
  });
});

describe("parsePlainText: quotations", () => {
  const rest = (text: string) => parsePlainText(`Title\n\nLead.\n\n${text}`).blocks.slice(2);

  it("reads >-marked lines as one quote without the markers", () => {
    expect(rest("> Quoted line one\n>  and two.")).toEqual([{ kind: "quote", text: "Quoted line one and two." }]);
  });

  it("reads an indented passage wrapped in quotation marks as a quote, but not plain indented text", () => {
    expect(rest("    “We will not be\n    hurried,” she said.")).toEqual([
      { kind: "paragraph", text: "“We will not be hurried,” she said." },
    ]);
    expect(rest("    “We will not be\n    hurried.”")).toEqual([{ kind: "quote", text: "“We will not be hurried.”" }]);
    expect(rest("    Indented but not quoted.")).toEqual([{ kind: "paragraph", text: "Indented but not quoted." }]);
  });
});

describe("parsePlainText: front matter stays out of the body and vice versa", () => {
  it("never takes a prose paragraph after the title as meta, even if it names a university", () => {
    const doc = parsePlainText(
      "Title\n\nIn March 2026 the University of Westhaven reported that support\nfor sanctions had fallen by 14 points since 2019.",
    );
    expect(kindsAndTexts(doc.blocks)).toEqual([
      ["heading", "Title"],
      [
        "paragraph",
        "In March 2026 the University of Westhaven reported that support for sanctions had fallen by 14 points since 2019.",
      ],
    ]);
    expect(doc.metadata).toEqual({ authors: [] });
  });

  it("does not take a section heading after the authors as a subtitle or affiliation", () => {
    const doc = parsePlainText("Title\n\nJane Doe, PhD\nUniversity of Xanadu\n\nIntroduction\n\nBody text.");
    expect(doc.blocks.map((b) => [b.kind, b.role])).toEqual([
      ["heading", "title"],
      ["meta", "author"],
      ["meta", "affiliation"],
      ["heading", undefined],
      ["paragraph", undefined],
    ]);
    const withoutKeyword = parsePlainText("Title\n\nJane Doe, PhD\n\nSubtitle of the piece\n\nCommission Failures\n\nBody.");
    expect(withoutKeyword.blocks.map((b) => b.role ?? b.kind)).toEqual(["title", "author", "subtitle", "heading", "paragraph"]);
  });

  it("does not scan for meta once the body has started", () => {
    const doc = parsePlainText("Title\n\nBody first.\n\nORCID: 0000-0002-1825-0097\n\nEmail: a@b.org");
    expect(doc.blocks.slice(1).map((b) => b.kind)).toEqual(["paragraph", "paragraph", "paragraph"]);
  });

  it("reads front matter written without blank lines under the title", () => {
    const doc = parsePlainText(
      "Title\nA subtitle without a full stop\nPublished 3 March 2026\nBy Jane Doe and John Q. Roe\nE-mail: jane@example.org\n\nBody.",
    );
    expect(doc.blocks.map((b) => [b.role ?? b.kind, b.text])).toEqual([
      ["title", "Title"],
      ["subtitle", "A subtitle without a full stop"],
      ["dateline", "Published 3 March 2026"],
      ["author", "By Jane Doe and John Q. Roe"],
      ["email", "E-mail: jane@example.org"],
      ["paragraph", "Body."],
    ]);
    expect(doc.metadata.authors).toEqual([
      // The e-mail goes to the author its local part names, not just the last one on the line.
      { name: "Jane Doe", degrees: [], affiliations: [], positions: [], identifiers: {}, email: "jane@example.org" },
      { name: "John Q. Roe", degrees: [], affiliations: [], positions: [], identifiers: {} },
    ]);
  });

  it("confirms a plain name by the author-block line after it, and keeps identifier schemes apart", () => {
    const doc = parsePlainText(
      "Title\n\nMei-Ling van der Berg\nFaculty of Law, Université de Lyonnais\nScopus Author ID: 57190000000\nORCID iD: https://orcid.org/0000-0002-1825-0097\n+33 4 72 00 00 00\n\nBody.",
    );
    expect(doc.metadata.authors).toEqual([
      {
        name: "Mei-Ling van der Berg",
        degrees: [],
        affiliations: ["Faculty of Law, Université de Lyonnais"],
        positions: [],
        identifiers: { Scopus: "57190000000", ORCID: "0000-0002-1825-0097" },
        phone: "+33 4 72 00 00 00",
      },
    ]);
    expect(doc.blocks.slice(1, 6).map((b) => b.role)).toEqual(["author", "affiliation", "identifier", "identifier", "phone"]);
  });

  it("keeps a lone name-like heading out of the author list", () => {
    const doc = parsePlainText("Title\n\nStrategic Context\n\nBody text here.");
    expect(doc.metadata.authors).toEqual([]);
    expect(doc.blocks[1]).toMatchObject({ kind: "heading", text: "Strategic Context" });
  });
});

describe("parsePlainText: a typeset article's text (pdftotext)", () => {
  it("joins a title wrapped in capitals, drops page numbers and running heads, mends a paragraph cut by a page break, keeps first-page notes apart, and reads the addresses after the references", () => {
    const lines = [
        "ON FISCAL RULES AND",
        "DEBT LIMITS",
        "",
        "ANNA BERG AND LUIS MORA",
        "",
        "Abstract. We study debt limits.",
        "",
        "1. Introduction",
        "",
        "Debt limits are common in federations, and they are often loosened.",
        "",
        "Key words and phrases. fiscal rules,",
        "federalism.",
        "\f2                A. BERG AND L. MORA",
        "",
        "They bend when the centre has paid",
        "\fFISCAL RULES                3",
        "",
        "before, and they stay bent.",
        "",
        "References",
        "",
        "[1] J. Rodden, Hamilton's paradox, 2006.",
        "[2] T. Ter-Minassian, Fiscal federalism, 1997.",
        "",
        "Department of Economics, University of Leeds, Leeds,",
        "United Kingdom",
        "E-mail address: a.berg@leeds.example.ac.uk",
        "URL: https://www.leeds.example.ac.uk/berg",
        "",
        "Departamento de Economía, Universidad de la República, Montevideo",
        "E-mail address: lmora@fcea.example.edu.uy",
    ];
    const doc = parsePlainText(lines.join("\n"));
    const paragraphs = doc.blocks.filter((b) => b.kind === "paragraph").map((b) => b.text);
    expect(paragraphs).toEqual([
      "Debt limits are common in federations, and they are often loosened.",
      "They bend when the centre has paid before, and they stay bent.",
      "[1] J. Rodden, Hamilton's paradox, 2006.",
      "[2] T. Ter-Minassian, Fiscal federalism, 1997.",
    ]);
    // Without form feeds (pdftotext -nopgbrk), the running head still marks where the page starts.
    const unpaged = parsePlainText(lines.join("\n").replace(/\f/g, ""));
    expect(unpaged.blocks).toEqual(doc.blocks);
    expect(doc.title).toBe("ON FISCAL RULES AND DEBT LIMITS");
    expect(doc.metadata.subtitle).toBeUndefined();
    expect(doc.metadata.keywords).toEqual(["fiscal rules", "federalism"]);
    expect(doc.metadata.authors.map((a) => [a.name, a.affiliations, a.email])).toEqual([
      ["ANNA BERG", ["Department of Economics, University of Leeds, Leeds, United Kingdom"], "a.berg@leeds.example.ac.uk"],
      ["LUIS MORA", ["Departamento de Economía, Universidad de la República, Montevideo"], "lmora@fcea.example.edu.uy"],
    ]);
  });

  it("keeps a paged text that holds nothing but what reads as a page's number, rather than refusing it as empty", () => {
    // Found by the property test (properties.test.ts): a form feed, then a line that is a page's number.
    expect(parsePlainText("\f\n12\n").blocks.map((b) => b.text)).toEqual(["12"]);
    expect(parsePlainText("\f\n! \u0000 0\n\n").blocks.map((b) => b.text)).toEqual(["! \u0000 0"]);
  });
});

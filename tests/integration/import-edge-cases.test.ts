/**
 * Imports of files as editors and exporters really leave them, through the upload route: what
 * each becomes (paragraphs, title, metadata) or the 4xx that names the problem.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nameProblem } from "../../common/text-policy.ts";
import { pdfFile } from "../helpers/pdf-file.ts";
import { buildTestApp, createWorkspace, type AppClient, type TestApp } from "../helpers/kit.ts";

let t: TestApp;
let owner: AppClient;
let workspaceId: string;

beforeAll(async () => {
  t = await buildTestApp();
  owner = await t.signUp();
  workspaceId = await createWorkspace(owner);
});
afterAll(async () => {
  await t?.close();
});

interface Paragraph {
  kind: string;
  role: string | null;
  text: string;
}

function upload(filename: string, content: string | Buffer) {
  return owner.agent
    .post(`/api/workspaces/${workspaceId}/documents`)
    .set("x-csrf-token", owner.csrf)
    .attach("file", Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8"), filename);
}

/** Uploads `content` as `filename`, expects 201, and reads the stored document back. */
async function imported(filename: string, content: string | Buffer) {
  const res = await upload(filename, content);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const read = await owner.get(`/api/documents/${res.body.document.id}`);
  expect(read.status).toBe(200);
  return { document: read.body.document, paragraphs: read.body.paragraphs as Paragraph[] };
}

describe("characters that show nothing", () => {
  const ZWSP = "\u200b";
  const SHY = "\u00ad";
  const WJ = "\u2060";

  it("a line of zero-width spaces or soft hyphens is blank: it is neither the title nor a paragraph", async () => {
    const files: Array<[string, string]> = [
      ["notes.txt", `${ZWSP}${ZWSP}\n${SHY}\n\nThe Grain Corridor\n\nShips left Odesa on${ZWSP}time.\n\n${WJ}\n`],
      ["notes.md", `${ZWSP}\n\n# ${ZWSP}\n\n${SHY}\n\n# The Grain Corridor\n\nShips left Odesa on${ZWSP}time.\n\n${WJ}\n`],
      ["notes.html", `<h1>&#8203;</h1><p>&#x200b;&shy;</p><h1>The Grain Corridor</h1><p>Ships left Odesa on${ZWSP}time.</p><p>&NoBreak;</p>`],
    ];
    for (const [name, content] of files) {
      const { document, paragraphs } = await imported(name, content);
      expect(document.title, name).toBe("The Grain Corridor");
      expect(
        paragraphs.map((p) => [p.kind, p.role, p.text]),
        name,
      ).toEqual([
        ["heading", "title", "The Grain Corridor"],
        // Inside a paragraph such a character is the source's own text, kept as it is.
        ["paragraph", null, `Ships left Odesa on${ZWSP}time.`],
      ]);
    }
  });

  it("a file of nothing but such characters is empty: 400 empty_file, nothing written", async () => {
    const before = await t.db.document.count({ where: { workspaceId } });
    for (const [name, content] of [
      ["blank.txt", `${ZWSP}${ZWSP}\n${SHY}\n${WJ}\n\u3000\n\ufeff\n`],
      ["blank.md", `${ZWSP}\n\n${WJ}\n`],
      ["blank.html", "<p>&#8203;</p><p>&shy;</p><h1>&zwnj;</h1>"],
    ]) {
      const res = await upload(name!, content!);
      expect(res.status, name).toBe(400);
      expect(res.body.error, name).toMatchObject({ code: "empty_file", field: "file" });
    }
    expect(await t.db.document.count({ where: { workspaceId } })).toBe(before);
  });

  it("the title field carries no bidirectional overrides or embeddings; the title paragraph keeps the source text", async () => {
    // RLE, RLO ... PDF PDF: shown in a list of documents, it would reverse what follows it.
    const heading = "\u202b\u202eEvil Report\u202c\u202c";
    const { document, paragraphs } = await imported("override.txt", `${heading}\n\nBody text of the report.\n`);
    expect(document.title).toBe("Evil Report");
    expect(paragraphs[0]).toMatchObject({ kind: "heading", role: "title", text: heading });
    // The rule a title a person types is held to.
    expect(nameProblem(document.title)).toBeNull();
  });
});

describe("an identifier on the correspondence line", () => {
  const LINES = [
    "Hedging Under Pressure: Small States and the New Alliance Arithmetic",
    "",
    "Mara Ellison1,*, José Álvarez-Núñez2 and Li Xiaolong2",
    "",
    "1 Department of International Relations, University of Northfield, UK",
    "2 Instituto Atlántico, Lisboa, Portugal",
    "",
    "* Correspondence: m.ellison@northfield.example.edu; ORCID: https://orcid.org/0000-0002-1825-0097",
    "",
    "Abstract: Small states rarely choose sides cleanly.",
    "",
    "1. Introduction",
    "",
    "Small states rarely choose sides cleanly. They hedge.",
  ];

  function expectCorrespondingAuthor(metadata: { authors: Array<{ name: string; email?: string; identifiers: Record<string, string> }> }) {
    expect(metadata.authors.map((a) => a.name)).toEqual(["Mara Ellison", "José Álvarez-Núñez", "Li Xiaolong"]);
    expect(metadata.authors[0]).toMatchObject({ email: "m.ellison@northfield.example.edu", identifiers: { ORCID: "0000-0002-1825-0097" } });
    expect(metadata.authors[1]?.identifiers).toEqual({});
    expect(metadata.authors[2]?.identifiers).toEqual({});
  }

  it("belongs to the corresponding author, in a text file and in a Word file", async () => {
    const text = await imported("hedging.txt", LINES.join("\r\n"));
    expectCorrespondingAuthor(text.document.metadata);

    const { Document, HeadingLevel, Packer, Paragraph, TextRun } = await import("docx");
    const [title, , byline, , ...rest] = LINES;
    const docx = await Packer.toBuffer(
      new Document({
        sections: [
          {
            children: [
              new Paragraph({ heading: HeadingLevel.TITLE, text: title! }),
              new Paragraph({
                children: [
                  new TextRun("Mara Ellison"),
                  new TextRun({ text: "1,*", superScript: true }),
                  new TextRun(", José Álvarez-Núñez"),
                  new TextRun({ text: "2", superScript: true }),
                  new TextRun(" and Li Xiaolong"),
                  new TextRun({ text: "2", superScript: true }),
                ],
              }),
              ...rest.filter((line) => line !== "").map((line) => new Paragraph({ text: line })),
            ],
          },
        ],
      }),
    );
    expect(byline).toContain("Mara Ellison1,*");
    const word = await imported("hedging.docx", docx);
    expectCorrespondingAuthor(word.document.metadata);
  });
});

describe("a PDF's bulleted lines", () => {
  /** One page: a title set large, a paragraph, three bulleted lines (one set further in), a closing paragraph. */
  function bulletedPdf(): Buffer {
    const lines: Array<[size: number, x: number, y: number, text: string]> = [
      [18, 72, 720, "Hedging Under Pressure"],
      [10, 72, 680, "Small states rarely choose sides cleanly. They hedge, and the ministers who made a commitment"],
      [10, 72, 668, "in public often wrote the escape clause themselves. Three patterns recur:"],
      [10, 80, 650, "\\225 Hedging by trade"],
      [10, 92, 638, "\\225 Export diversification"],
      [10, 80, 626, "\\225 Hedging by arms"],
      [10, 72, 600, "The record since 1991 suggests that the pattern will hold through the next decade and beyond it."],
    ];
    const content = lines.map(([size, x, y, text]) => `BT /F1 ${size} Tf ${x} ${y} Td (${text}) Tj ET`).join("\n");
    return pdfFile([
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
      `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`,
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]);
  }

  it("are list items, not headings, however short", async () => {
    const { paragraphs } = await imported("hedging.pdf", bulletedPdf());
    expect(paragraphs.map((p) => [p.kind, p.text])).toEqual([
      ["heading", "Hedging Under Pressure"],
      ["paragraph", "Small states rarely choose sides cleanly. They hedge, and the ministers who made a commitment in public often wrote the escape clause themselves. Three patterns recur:"],
      ["listItem", "Hedging by trade"],
      ["listItem", "Export diversification"],
      ["listItem", "Hedging by arms"],
      ["paragraph", "The record since 1991 suggests that the pattern will hold through the next decade and beyond it."],
    ]);
  });
});

describe("sentences in scripts without Latin punctuation", () => {
  it("a short line ending in 。, ？, ؟ or । is a paragraph, not a heading; a line without is still a heading", async () => {
    const text = [
      "小国的对冲：联盟新算术",
      "",
      "一、引言",
      "",
      "小国很少明确选边站。",
      "",
      "它们为什么对冲？",
      "",
      "لماذا تتحوط الدول الصغيرة؟",
      "",
      "छोटे देश पक्ष नहीं चुनते।",
      "",
      "二、方法",
      "",
      "我们比较了十二个国家的贸易与军购数据。",
    ].join("\n");
    const { paragraphs } = await imported("hedging-cjk.txt", text);
    expect(paragraphs.map((p) => [p.kind, p.text])).toEqual([
      ["heading", "小国的对冲：联盟新算术"],
      ["heading", "一、引言"],
      ["paragraph", "小国很少明确选边站。"],
      ["paragraph", "它们为什么对冲？"],
      ["paragraph", "لماذا تتحوط الدول الصغيرة؟"],
      ["paragraph", "छोटे देश पक्ष नहीं चुनते।"],
      ["heading", "二、方法"],
      ["paragraph", "我们比较了十二个国家的贸易与军购数据。"],
    ]);
  });
});

describe("a Markdown table", () => {
  it("reads row by row, cells joined as an HTML table's are, inline marks kept on their words", async () => {
    const md = [
      "# Shares of partners",
      "",
      "Each country's partners, by the share of its trade and of its arms purchases.",
      "",
      "| Country | Trade share | Arms share |",
      "|---|---|---|",
      "| Estonia | **12%** | 30% |",
      "| Qatar |  | 25% |",
      "",
      "Shares are of the 2023 totals.",
    ].join("\n");
    const html =
      "<h1>Shares of partners</h1><p>Each country's partners, by the share of its trade and of its arms purchases.</p><table><tr><th>Country</th><th>Trade share</th><th>Arms share</th></tr>" +
      "<tr><td>Estonia</td><td><b>12%</b></td><td>30%</td></tr><tr><td>Qatar</td><td></td><td>25%</td></tr></table>" +
      "<p>Shares are of the 2023 totals.</p>";
    const fromMarkdown = await imported("shares.md", md);
    const fromHtml = await imported("shares.html", html);
    const rows = (doc: { paragraphs: Paragraph[] }) => doc.paragraphs.map((p) => [p.kind, p.text]);
    expect(rows(fromMarkdown)).toEqual([
      ["heading", "Shares of partners"],
      ["paragraph", "Each country's partners, by the share of its trade and of its arms purchases."],
      ["paragraph", "Country | Trade share | Arms share"],
      ["paragraph", "Estonia | 12% | 30%"],
      ["paragraph", "Qatar | 25%"],
      ["paragraph", "Shares are of the 2023 totals."],
    ]);
    expect(rows(fromMarkdown)).toEqual(rows(fromHtml));
    const estonia = fromMarkdown.paragraphs[3] as Paragraph & { marks: Array<{ type: string; start: number; end: number }> };
    expect(estonia.marks).toEqual([{ type: "bold", start: "Estonia | ".length, end: "Estonia | 12%".length }]);
  });
});

describe("a Markdown file whose title is a plain first line", () => {
  it("keeps that line as the title when only later sections are headings, and reads the front matter under it", async () => {
    const md = [
      "Hedging Under Pressure: Small States and the New Alliance Arithmetic",
      "",
      "Mara Ellison and José Álvarez-Núñez",
      "",
      "Department of International Relations, University of Northfield, UK",
      "",
      "Small states rarely choose sides cleanly. They hedge, and the ministers who made a commitment in public often wrote the escape clause themselves.",
      "",
      "## Disclosure statement",
      "",
      "No potential conflict of interest was reported by the authors.",
    ].join("\n");
    const { document, paragraphs } = await imported("hedging-sections.md", md);
    expect(document.title).toBe("Hedging Under Pressure: Small States and the New Alliance Arithmetic");
    expect(document.metadata.authors.map((a: { name: string }) => a.name)).toEqual(["Mara Ellison", "José Álvarez-Núñez"]);
    expect(paragraphs.filter((p) => p.role === "title").map((p) => p.text)).toEqual([document.title]);
    expect(paragraphs.find((p) => p.text === "Disclosure statement")).toMatchObject({ kind: "heading", role: null });
  });

  it("does not take a heading that only names a section as the title", async () => {
    const md = ["Hedging Under Pressure", "", "Mara Ellison", "", "## Abstract", "", "Small states rarely choose sides cleanly.", "", "## Introduction", "", "They hedge."].join("\n");
    const { document } = await imported("hedging-abstract.md", md);
    expect(document.title).toBe("Hedging Under Pressure");
  });

  it("still takes a first-level heading under a banner line as the title", async () => {
    const { document } = await imported("banner.md", ["Working paper 12/2024", "", "# Hedging Under Pressure", "", "Small states rarely choose sides cleanly."].join("\n"));
    expect(document.title).toBe("Hedging Under Pressure");
  });
});

describe("an ORCID line naming its authors", () => {
  it("gives each iD to the author named before it, not all to the last author", async () => {
    const text = [
      "Hedging Under Pressure",
      "",
      "Mara Ellison, José Álvarez-Núñez and Li Xiaolong",
      "",
      "University of Northfield, UK",
      "",
      "ORCID: Mara Ellison https://orcid.org/0000-0002-1825-0097; Álvarez-Núñez 0000-0001-5109-3700",
      "",
      "Abstract: Small states rarely choose sides cleanly.",
      "",
      "Introduction",
      "",
      "Small states rarely choose sides cleanly. They hedge.",
    ].join("\n");
    const { document } = await imported("orcid-line.txt", text);
    expect(document.metadata.authors.map((a: { name: string; identifiers: Record<string, string> }) => [a.name, a.identifiers])).toEqual([
      ["Mara Ellison", { ORCID: "0000-0002-1825-0097" }],
      ["José Álvarez-Núñez", { ORCID: "0000-0001-5109-3700" }],
      ["Li Xiaolong", {}],
    ]);
  });

  it("an iD line without a name still goes to the author above it", async () => {
    const text = ["Hedging Under Pressure", "", "Mara Ellison", "ORCID: 0000-0002-1825-0097", "", "Introduction", "", "Small states rarely choose sides cleanly."].join("\n");
    const { document } = await imported("orcid-plain.txt", text);
    expect(document.metadata.authors).toMatchObject([{ name: "Mara Ellison", identifiers: { ORCID: "0000-0002-1825-0097" } }]);
  });
});

describe("the first paragraph under the title, ending in a note's reference", () => {
  it("is body prose, not a subtitle, whether the reference is [n] or a superscript", async () => {
    for (const ref of ["[1]", "¹"]) {
      const text = ["Hedging Under Pressure", "", `Small states rarely choose sides cleanly. They hedge, and the ministers wrote the escape clause.${ref}`, "", "The record since 1991 suggests the pattern will hold."].join("\n");
      const { document, paragraphs } = await imported("note-ref.txt", text);
      expect(document.metadata.subtitle, ref).toBeUndefined();
      expect(paragraphs[1], ref).toMatchObject({ kind: "paragraph", role: null });
    }
  });

  it("a line under the title ending in a sentence's end and a long run of digits is read at once", async () => {
    const started = Date.now();
    const { document } = await imported("digits.txt", ["Hedging Under Pressure", "", `Table of shares, 2024.${"7".repeat(150)}x`, "", "The record since 1991 suggests the pattern will hold."].join("\n"));
    expect(document.title).toBe("Hedging Under Pressure");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("a subtitle stays one", async () => {
    const { document } = await imported("subtitle.txt", ["Hedging Under Pressure", "Why small states hedge, and what it costs them", "By Mara Ellison", "", "The record since 1991 suggests the pattern will hold."].join("\n"));
    expect(document.metadata.subtitle).toBe("Why small states hedge, and what it costs them");
  });
});

describe("Markdown footnotes", () => {
  it("follow the body as footnote meta paragraphs, references read [n], marks stay on their words", async () => {
    const md = [
      "# Hedging Under Pressure",
      "",
      "Small states rarely choose sides cleanly.[^sides] They hedge, and **ministers** wrote the escape clause.[^2]",
      "",
      "[^sides]: On choosing sides, see the [survey](https://example.org/survey).",
      "",
      "The record since 1991 suggests the pattern will hold.[^missing]",
      "",
      "[^2]: Second note, citing note [^sides] again.",
    ].join("\n");
    const { paragraphs } = await imported("footnotes.md", md);
    expect(paragraphs.map((p) => [p.kind, p.role, p.text])).toEqual([
      ["heading", "title", "Hedging Under Pressure"],
      ["paragraph", null, "Small states rarely choose sides cleanly.[1] They hedge, and ministers wrote the escape clause.[2]"],
      ["paragraph", null, "The record since 1991 suggests the pattern will hold.[^missing]"],
      ["meta", "footnote", "On choosing sides, see the survey."],
      ["meta", "footnote", "Second note, citing note [1] again."],
    ]);
    const marks = (p: Paragraph | undefined) => (p as (Paragraph & { marks: unknown[] }) | undefined)?.marks;
    const body = paragraphs[1]!.text;
    expect(marks(paragraphs[1])).toEqual([{ type: "bold", start: body.indexOf("ministers"), end: body.indexOf("ministers") + "ministers".length }]);
    const note = paragraphs[3]!.text;
    expect(marks(paragraphs[3])).toEqual([{ type: "link", href: "https://example.org/survey", start: note.indexOf("survey"), end: note.indexOf("survey") + "survey".length }]);
  });
});

import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { CommentRangeEnd, CommentRangeStart, CommentReference, DeletedTextRun, Document, ExternalHyperlink, HeadingLevel, ImageRun, InsertedTextRun, Packer, Paragraph, TextRun } from "docx";
import { describe, expect, it } from "vitest";
import { parseDocx } from "./docx.ts";
import { parseImport } from "./index.ts";
import { ImportError, type BlockSpan, type ImportedDocument } from "./types.ts";
import { buildWordDocx, deleted, inserted, para, rangeClose, rangeEnd, rangeStart, reference, run, type CommentSource } from "../../../../tests/helpers/word-docx.ts";
import { MAX_WORD_COMMENTS } from "./docx-comments.ts";

async function buildDocx(): Promise<Buffer> {
  const doc = new Document({
    // Word documents define their Subtitle style; the docx package does not by default.
    styles: { paragraphStyles: [{ id: "Subtitle", name: "Subtitle", basedOn: "Normal", run: { italics: true } }] },
    sections: [
      {
        children: [
          new Paragraph({ text: "Rivers as Borders", heading: HeadingLevel.TITLE }),
          new Paragraph({ text: "Water treaties after the glaciers go", style: "Subtitle" }),
          new Paragraph({ text: "Nadia Ferreira-Okoro, PhD" }),
          new Paragraph({ text: "Institute of Hydro-Diplomacy, Lakeshore University" }),
          new Paragraph({ text: "ORCID: 0000-0002-7788-1234" }),
          new Paragraph({ text: "Basins under strain", heading: HeadingLevel.HEADING_1 }),
          new Paragraph({
            children: [
              new TextRun("By 2040, "),
              new TextRun({ text: "at least six", bold: true }),
              new TextRun(" shared basins will face summer flows "),
              new TextRun({ text: "below", italics: true }),
              new TextRun(" treaty minimums — see the "),
              new ExternalHyperlink({ link: "https://basins.example.org/flows", children: [new TextRun("flow atlas")] }),
              new TextRun("."),
            ],
          }),
          new Paragraph({ text: "Three pressures matter most:" }),
          new Paragraph({ text: "Glacier retreat in the upper catchments", bullet: { level: 0 } }),
          new Paragraph({ text: "Irrigation demand downstream", bullet: { level: 0 } }),
          new Paragraph({ text: "especially for rice and cotton", bullet: { level: 1 } }),
          new Paragraph({ text: "Hydropower built without data sharing", bullet: { level: 0 } }),
          new Paragraph({ text: "What treaties can do", heading: HeadingLevel.HEADING_2 }),
          new Paragraph({ text: "Treaties that index allocations to measured flow have survived droughts better." }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

describe("parseDocx", () => {
  it("reads title, subtitle, author block, headings, paragraphs with marks and a bulleted list", async () => {
    const doc = await parseDocx(await buildDocx());
    expect(doc.title).toBe("Rivers as Borders");
    expect(doc.blocks.map((b) => [b.kind, b.role ?? null, b.level ?? b.depth ?? null, b.text])).toEqual([
      ["heading", "title", 1, "Rivers as Borders"],
      ["heading", "subtitle", 2, "Water treaties after the glaciers go"],
      ["meta", "author", null, "Nadia Ferreira-Okoro, PhD"],
      ["meta", "affiliation", null, "Institute of Hydro-Diplomacy, Lakeshore University"],
      ["meta", "identifier", null, "ORCID: 0000-0002-7788-1234"],
      ["heading", null, 1, "Basins under strain"],
      [
        "paragraph",
        null,
        null,
        "By 2040, at least six shared basins will face summer flows below treaty minimums — see the flow atlas.",
      ],
      ["paragraph", null, null, "Three pressures matter most:"],
      ["listItem", null, 0, "Glacier retreat in the upper catchments"],
      ["listItem", null, 0, "Irrigation demand downstream"],
      ["listItem", null, 1, "especially for rice and cotton"],
      ["listItem", null, 0, "Hydropower built without data sharing"],
      ["heading", null, 2, "What treaties can do"],
      ["paragraph", null, null, "Treaties that index allocations to measured flow have survived droughts better."],
    ]);
    const body = doc.blocks[6];
    expect(body?.marks?.map((m) => [m.type, body.text.slice(m.start, m.end), m.href])).toEqual([
      ["bold", "at least six", undefined],
      ["italic", "below", undefined],
      ["link", "flow atlas", "https://basins.example.org/flows"],
    ]);
    expect(doc.metadata).toEqual({
      subtitle: "Water treaties after the glaciers go",
      authors: [
        {
          name: "Nadia Ferreira-Okoro",
          degrees: ["PhD"],
          affiliations: ["Institute of Hydro-Diplomacy, Lakeshore University"],
          positions: [],
          identifiers: { ORCID: "0000-0002-7788-1234" },
        },
      ],
    });
  });

  it("goes through parseImport as format docx", async () => {
    const doc = await parseImport("docx", await buildDocx());
    expect(doc.blocks).toHaveLength(14);
  });

  const corruptCases: [string, () => Promise<Buffer>][] = [
    ["random bytes", async () => randomBytes(4096)],
    ["a zip signature followed by garbage", async () => Buffer.concat([Buffer.from("PK\x03\x04"), randomBytes(2048)])],
    ["a truncated docx", async () => (await buildDocx()).subarray(0, 600)],
    ["plain text named .docx", async () => Buffer.from("This is not a Word document.\n")],
    ["an empty-looking buffer", async () => Buffer.from("PK")],
  ];
  for (const [name, make] of corruptCases) {
    it(`rejects ${name} with 400 corrupt_file`, async () => {
      const buf = await make();
      await expect(parseDocx(buf)).rejects.toBeInstanceOf(ImportError);
      await expect(parseDocx(buf)).rejects.toMatchObject({
        code: "corrupt_file",
        status: 400,
        message: expect.stringMatching(/^The \.docx file is corrupt or not a Word document/),
      });
      await expect(parseImport("docx", buf)).rejects.toMatchObject({ code: "corrupt_file", status: 400 });
    });
  }
});

describe("parseDocx: a Word file saved by LibreOffice Writer with notes and a table", () => {
  // writer-notes-table.docx: `soffice --headless --convert-to "docx:MS Word 2007 XML" writer-notes-table.fodt`.
  const file = readFileSync(new URL("../../../../tests/fixtures/import/writer-notes-table.docx", import.meta.url));

  it("keeps each footnote as a footnote block (without its back-link) and each table row as one paragraph", async () => {
    const doc = await parseDocx(file);
    expect(doc.blocks.map((b) => [b.role ?? b.kind, b.text])).toEqual([
      ["title", "Sanctions, Courts and the Rule of Law"],
      ["author", "By Helena Marsh, University of Edinburgh"],
      ["abstract", "Abstract: Courts have become a venue for contesting sanctions listings."],
      ["heading", "Introduction"],
      ["paragraph", "Since 2014 the number of persons listed under European sanctions regimes has grown tenfold.[1] Listed persons increasingly challenge their designation before the General Court."],
      ["paragraph", "Year | Annulments"],
      ["paragraph", "2022 | 14"],
      ["paragraph", "The court has annulled a growing share of listings on the ground of insufficient evidence.[2]"],
      ["paragraph", "We conclude that judicial review disciplines the use of sanctions without disabling it."],
      ["footnote", "Council Regulation (EU) No 269/2014, OJ L 78, 17.3.2014."],
      ["footnote", "See Case T-212/22, Prigozhina v Council."],
    ]);
  });
});

describe("parseDocx: a journal template's front-matter styles", () => {
  it("reads paragraphs styled Author, Affiliation, Abstract and Keywords as that front matter", async () => {
    const styles = ["Author", "Affiliation", "Abstract", "Keywords"].map((name) => ({ id: name, name, basedOn: "Normal" }));
    const doc = new Document({
      styles: { paragraphStyles: styles },
      sections: [
        {
          children: [
            new Paragraph({ text: "Ports and Power", heading: HeadingLevel.TITLE }),
            new Paragraph({ text: "Ana Ruiz", style: "Author" }),
            new Paragraph({ text: "Institute of Maritime Law, Cádiz", style: "Affiliation" }),
            new Paragraph({ text: "The sale of a port to a state-owned operator shows how little governments disclose.", style: "Abstract" }),
            new Paragraph({ text: "ports; disclosure; state-owned enterprises", style: "Keywords" }),
            new Paragraph({ text: "The port was sold to a state-owned operator in early 2019, and the sale is still disputed by the city council." }),
          ],
        },
      ],
    });
    const parsed = await parseDocx(await Packer.toBuffer(doc));
    expect(parsed.metadata).toEqual({
      authors: [{ name: "Ana Ruiz", degrees: [], affiliations: ["Institute of Maritime Law, Cádiz"], positions: [], identifiers: {} }],
      abstract: "The sale of a port to a state-owned operator shows how little governments disclose.",
      keywords: ["ports", "disclosure", "state-owned enterprises"],
    });
    expect(parsed.blocks.at(-1)).toEqual({ kind: "paragraph", text: "The port was sold to a state-owned operator in early 2019, and the sale is still disputed by the city council." });
  });
});

describe("parseDocx: ORCID iD icons on the by-line", () => {
  it("gives each author the iD their icon links to", async () => {
    // A 1×1 PNG, as a journal template's ORCID icon stands in.
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
    const icon = (id: string) => new ExternalHyperlink({ link: `https://orcid.org/${id}`, children: [new ImageRun({ type: "png", data: png, transformation: { width: 12, height: 12 } })] });
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: "Middle Powers and the New Alliance Arithmetic", heading: HeadingLevel.TITLE }),
            new Paragraph({
              children: [
                new TextRun("Mara Ellison"),
                new TextRun({ text: "1", superScript: true }),
                new TextRun(" "),
                icon("0000-0002-1825-0097"),
                new TextRun(", Jonas Hartmann"),
                new TextRun({ text: "2", superScript: true }),
                new TextRun(" "),
                icon("0000-0001-5109-3700"),
              ],
            }),
            new Paragraph({ children: [new TextRun({ text: "1", superScript: true }), new TextRun(" Institute for Security Studies, Tallinn")] }),
            new Paragraph({ children: [new TextRun({ text: "2", superScript: true }), new TextRun(" University of Bonn")] }),
            new Paragraph({ text: "The alliance arithmetic of middle powers has changed since the war began, and the change is durable." }),
          ],
        },
      ],
    });
    const parsed = await parseDocx(await Packer.toBuffer(doc));
    expect(parsed.metadata.authors.map((a) => [a.name, a.identifiers.ORCID])).toEqual([
      ["Mara Ellison", "0000-0002-1825-0097"],
      ["Jonas Hartmann", "0000-0001-5109-3700"],
    ]);
  });
});

/** The text a span covers, paragraphs joined with "⏎". */
function passage(doc: ImportedDocument, span: BlockSpan | null): string | null {
  if (!span) return null;
  const parts = doc.blocks.slice(span.start.block, span.end.block + 1).map((b, i, all) => b.text.slice(i === 0 ? span.start.offset : 0, i === all.length - 1 ? span.end.offset : undefined));
  return parts.join("⏎");
}

describe("parseDocx: Word comments", () => {
  const JANE = "2024-03-02T10:00:00Z";
  /** A reviewed manuscript: comments on the title, the author line, the keywords, a whole section, a passage across two paragraphs, a point; one in the header; a thread. */
  const reviewed = (withReview: boolean) => {
    const s = (id: number) => (withReview ? rangeStart(id) : "");
    const e = (id: number) => (withReview ? rangeClose(id) : "");
    return [
      para([s(1), run("Rivers as Borders"), e(1)], "Title"),
      para([s(2), run("Nadia Ferreira-Okoro, PhD"), e(2)], "Author"),
      para([s(3), run("Keywords: water, treaties"), e(3)], "Keywords"),
      s(4),
      para([run("Basins under strain")], "Heading1"),
      // The range starts inside the spaces around it: the HTML reader folds them into one.
      para([run("By 2040 "), s(5), run(" at least six "), e(5), run(" basins will fall short.")]),
      withReview ? rangeEnd(4) + reference(4) : "",
      para([run("Flows fell"), s(6), run(" sharply.")]),
      // Word closes a range that takes in a paragraph's end at the start of the next one.
      para([withReview ? rangeEnd(6) + reference(6) : "", run("Then they recovered.")]),
      para([run("A point"), withReview ? reference(7) : "", run(" comment.")]),
    ].join("");
  };
  const comments: CommentSource[] = [
    { id: 1, author: "Jane Doe", initials: "JD", date: JANE, text: ["Shorter title?"] },
    { id: 2, author: "Jane Doe", initials: "JD", date: JANE, text: ["Add the ORCID."] },
    { id: 3, author: "Ann Lee", text: ["More keywords:", "hydropower, glaciers"] },
    { id: 4, author: "Ann Lee", text: ["This section needs sources."] },
    { id: 5, author: "Ann Lee", text: ["Which six?"] },
    { id: 6, author: "Ann Lee", text: ["Since when?"] },
    { id: 7, author: "Ann Lee", text: ["A comment on a point."] },
    { id: 8, author: "Ann Lee", text: ["Fix the running head."] },
    { id: 9, author: "Bo Ek", date: "2024-03-03T08:00:00Z", text: ["Agreed."], replyTo: 1 },
    { id: 10, author: "Cy Roe", text: ["Done."], replyTo: 9, done: true },
  ];

  it("places each comment on its passage, in block index and offsets of the imported text", async () => {
    const doc = await parseDocx(await buildWordDocx({ body: reviewed(true), comments, header: para([rangeStart(8), run("Running head"), rangeClose(8)]) }));
    const byId = new Map(doc.review!.comments.map((c) => [c.id, c]));
    expect(doc.review!.comments.map((c) => [c.id, passage(doc, c.span), c.notPlaced ?? null])).toEqual([
      ["1", "Rivers as Borders", null],
      ["2", "Nadia Ferreira-Okoro, PhD", null],
      ["3", "Keywords: water, treaties", null],
      ["4", "Basins under strain⏎By 2040 at least six basins will fall short.", null],
      ["5", "at least six", null],
      ["6", "sharply.", null],
      // A comment on a point (no range) takes the word its reference follows.
      ["7", "point", null],
      ["8", null, "its passage is not in the main text (a header, footer or note the import leaves out)"],
      ["9", null, null],
      ["10", null, null],
    ]);
    expect(byId.get("4")!.span).toEqual({ start: { block: 3, offset: 0 }, end: { block: 4, offset: 44 } });
    expect(byId.get("5")!.span).toEqual({ start: { block: 4, offset: 8 }, end: { block: 4, offset: 20 } });
    expect(byId.get("1")).toMatchObject({ author: "Jane Doe", initials: "JD", date: JANE, text: "Shorter title?", parentId: null, done: false, truncated: false });
    expect(byId.get("3")!.text).toBe("More keywords:\nhydropower, glaciers");
    // Replies hang from the thread's first comment, a reply to a reply too.
    expect(byId.get("9")).toMatchObject({ parentId: "1", author: "Bo Ek", date: "2024-03-03T08:00:00Z", text: "Agreed." });
    expect(byId.get("10")).toMatchObject({ parentId: "1", done: true });
    expect(doc.review!.changes).toEqual([]);
  });

  it("imports the same blocks, kinds and metadata as the same file without comments", async () => {
    const plain = await parseDocx(await buildWordDocx({ body: reviewed(false) }));
    const withReview = await parseDocx(await buildWordDocx({ body: reviewed(true), comments }));
    expect(plain.review).toBeUndefined();
    const { review, ...rest } = withReview;
    expect(review?.comments).toHaveLength(comments.length);
    expect(rest).toEqual(plain);
    expect(plain.blocks.slice(0, 3).map((b) => b.role)).toEqual(["title", "author", "keywords"]);
  });

  it("reads a file LibreOffice wrote from ODF annotations and tracked changes", async () => {
    // writer-review.docx: `soffice --headless --convert-to docx writer-review.fodt`.
    const doc = await parseDocx(readFileSync(new URL("../../../../tests/fixtures/import/writer-review.docx", import.meta.url)));
    expect(doc.blocks.map((b) => b.text)).toEqual([
      "Rivers as Borders",
      "By 2040, at least six shared basins will face low flows.",
      "Treaties that index allocations",
      "to measured flow have survived droughts.",
      "No comment here.",
      "Dams often fail.",
    ]);
    expect(doc.review!.comments.map((c) => [c.author, c.initials, c.date, c.text, passage(doc, c.span)])).toEqual([
      ["Jane Doe", "JD", "2024-03-02T10:00:00Z", "Which six?", "at least six"],
      ["Ann Lee", "", "2024-03-03T09:30:00Z", "Spans two paragraphs.", "that index allocations⏎to measured flow"],
    ]);
    expect(doc.review!.changes.map((c) => [c.kind, c.author, c.text, passage(doc, c.span)])).toEqual([
      ["insertion", "Bo Ek", "often ", "often"],
      ["deletion", "Bo Ek", "never ", "often"],
    ]);
  });

  it("reads comments written by the docx library, with bold runs inside the range", async () => {
    const doc = new Document({
      comments: { children: [{ id: 0, author: "Jane Doe", initials: "JD", date: new Date(JANE), children: [new Paragraph("Source?")] }] },
      sections: [
        {
          children: [
            new Paragraph({ text: "Rivers as Borders", heading: HeadingLevel.TITLE }),
            new Paragraph({
              children: [new TextRun("By 2040, "), new CommentRangeStart(0), new TextRun({ text: "at least", bold: true }), new TextRun(" six"), new CommentRangeEnd(0), new TextRun({ children: [new CommentReference(0)] }), new TextRun(" basins.")],
            }),
          ],
        },
      ],
    });
    const parsed = await parseDocx(await Packer.toBuffer(doc));
    expect(parsed.review!.comments.map((c) => [c.author, c.text, passage(parsed, c.span)])).toEqual([["Jane Doe", "Source?", "at least six"]]);
    expect(parsed.blocks[1]!.marks).toEqual([{ type: "bold", start: 9, end: 17 }]);
  });

  it("keeps at most 5,000 comments and cuts a comment's text at a note's length", async () => {
    const many: CommentSource[] = Array.from({ length: MAX_WORD_COMMENTS + 1 }, (_, i) => ({ id: i, author: "A", text: [i === 0 ? "x".repeat(12_000) : `c${i}`] }));
    const body = para([run("Start "), ...many.map((c) => rangeStart(c.id)), run("text"), ...many.map((c) => rangeClose(c.id))]);
    const doc = await parseDocx(await buildWordDocx({ body, comments: many }));
    expect(doc.review!.comments).toHaveLength(MAX_WORD_COMMENTS);
    expect(doc.review!.commentsLeftOut).toBe(1);
    expect(doc.review!.comments[0]).toMatchObject({ truncated: true });
    expect(doc.review!.comments[0]!.text).toHaveLength(10_000);
    expect(doc.review!.comments.every((c) => passage(doc, c.span) === "text")).toBe(true);
  }, 60_000);

  it("places comments in a table row, in a link, around runs of spaces, and from inside deleted text", async () => {
    const cell = (x: string) => `<w:tc><w:p>${x}</w:p></w:tc>`;
    const body = [
      para([run("Flows by year.")]),
      `<w:tbl><w:tr>${cell(run("Year"))}${cell(run("Flow"))}</w:tr><w:tr>${cell(rangeStart(1) + run("2019"))}${cell(run("low") + rangeClose(1))}</w:tr></w:tbl>`,
      para([run("See the "), `<w:hyperlink w:anchor="atlas">${rangeStart(2)}${run("flow atlas")}${rangeClose(2)}</w:hyperlink>`, run(" for data.")]),
      para([run("  Spaced   "), rangeStart(3), run("  words  "), rangeClose(3), run("  here.  ")]),
      // The range starts in text a reviewer deleted: it starts where that text was.
      para([run("Dams "), `<w:del w:id="30" w:author="Bo" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>never </w:delText></w:r>${rangeStart(4)}<w:r><w:delText>ever </w:delText></w:r></w:del>`, run("fail"), rangeClose(4), run(" here.")]),
    ].join("");
    const doc = await parseDocx(await buildWordDocx({ body, comments: [1, 2, 3, 4].map((id) => ({ id, author: "A", text: [`c${id}`] })) }));
    expect(doc.blocks.map((b) => b.text)).toEqual(["Flows by year.", "Year | Flow", "2019 | low", "See the flow atlas for data.", "Spaced words here.", "Dams fail here."]);
    expect(doc.review!.comments.map((c) => passage(doc, c.span))).toEqual(["2019 | low", "flow atlas", "words", "fail"]);
    expect(doc.review!.changes.map((c) => [c.kind, c.text, passage(doc, c.span)])).toEqual([["deletion", "never ever ", "Dams"]]);
  });

  it("does not place a comment when the text itself holds characters of the marker range", async () => {
    const body = para([run("Odd \u{F0000} glyph "), rangeStart(1), run("here"), rangeClose(1)]);
    const doc = await parseDocx(await buildWordDocx({ body, comments: [{ id: 1, author: "A", text: ["?"] }] }));
    expect(doc.blocks[0]!.text).toBe("Odd \u{F0000} glyph here");
    expect(doc.review!.comments[0]).toMatchObject({ span: null, notPlaced: "its passage was not found exactly in the imported text" });
  });
});

describe("parseDocx: tracked changes", () => {
  it("takes the text as accepted and reports each insertion on its text and each deletion beside its place", async () => {
    const body = [
      para([run("Dams "), inserted(20, "Bo Ek", "2024-01-02T00:00:00Z", "often "), deleted(21, "Bo Ek", "2024-01-02T00:05:00Z", "never "), run("fail.")]),
      para([deleted(22, "Cy Roe", "2024-01-03T00:00:00Z", "Sadly, "), run("rivers move.")]),
      // Inserted, then partly deleted by another reviewer: what is left is the insertion.
      para([run("Banks "), `<w:ins w:id="23" w:author="Bo Ek" w:date="2024-01-04T00:00:00Z">${run("erode ")}${deleted(24, "Cy Roe", "2024-01-05T00:00:00Z", "slowly ")}</w:ins>`, run("fast.")]),
    ].join("");
    const doc = await parseDocx(await buildWordDocx({ body }));
    expect(doc.blocks.map((b) => b.text)).toEqual(["Dams often fail.", "rivers move.", "Banks erode fast."]);
    expect(doc.review!.changes.map((c) => [c.kind, c.author, c.date, c.text, passage(doc, c.span)])).toEqual([
      ["insertion", "Bo Ek", "2024-01-02T00:00:00Z", "often ", "often"],
      // The word before the deleted text; at a paragraph's start, the word after.
      ["deletion", "Bo Ek", "2024-01-02T00:05:00Z", "never ", "often"],
      ["deletion", "Cy Roe", "2024-01-03T00:00:00Z", "Sadly, ", "rivers"],
      ["insertion", "Bo Ek", "2024-01-04T00:00:00Z", "erode ", "erode"],
    ]);
  });

  it("reports the changes the docx library writes", async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({
              children: [new TextRun("Flows "), new InsertedTextRun({ text: "will ", id: 1, author: "Bo", date: "2024-01-01T00:00:00Z" }), new DeletedTextRun({ text: "may ", id: 2, author: "Bo", date: "2024-01-01T00:00:00Z" }), new TextRun("fall.")],
            }),
          ],
        },
      ],
    });
    const parsed = await parseDocx(await Packer.toBuffer(doc));
    expect(parsed.blocks.map((b) => b.text)).toEqual(["Flows will fall."]);
    expect(parsed.review!.changes.map((c) => [c.kind, c.text, passage(parsed, c.span)])).toEqual([
      ["insertion", "will ", "will"],
      ["deletion", "may ", "will"],
    ]);
  });
});

describe("parseDocx: equations (Office Math)", () => {
  it("reads each equation into its sentence as a line in TeX's manner, inline and displayed", async () => {
    const { Math: Equation, MathRun, MathFraction, MathSubScript, MathSuperScript, MathSum, MathRadical, MathRoundBrackets } = await import("docx");
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun("Equilibrium effort")], heading: HeadingLevel.TITLE }),
            new Paragraph({
              children: [
                new TextRun("Let "),
                new Equation({ children: [new MathSubScript({ children: [new MathRun("x")], subScript: [new MathRun("i")] })] }),
                new TextRun(" denote the effort of state "),
                new Equation({ children: [new MathRun("i")] }),
                new TextRun(", at a cost of "),
                new Equation({ children: [new MathFraction({ numerator: [new MathRun("1")], denominator: [new MathRun("2")] }), new MathSuperScript({ children: [new MathRun("c")], superScript: [new MathRun("2")] })] }),
                new TextRun(" & more."),
              ],
            }),
            new Paragraph({
              children: [
                new Equation({
                  children: [
                    new MathSum({ children: [new MathSubScript({ children: [new MathRun("x")], subScript: [new MathRun("i")] })], subScript: [new MathRun("i=1")], superScript: [new MathRun("n")] }),
                    new MathRun("≤"),
                    new MathRadical({ children: [new MathRun("n")] }),
                    new MathRoundBrackets({ children: [new MathRun("a<b")] }),
                  ],
                }),
              ],
            }),
          ],
        },
      ],
    });
    const parsed = await parseDocx(await Packer.toBuffer(doc));
    expect(parsed.blocks.filter((b) => b.kind === "paragraph").map((b) => b.text)).toEqual([
      "Let x_{i} denote the effort of state i, at a cost of \\frac{1}{2}c^{2} & more.",
      "∑_{i=1}^{n}x_{i}≤\\sqrt{n}(a<b)",
    ]);
  });

  it("keeps a comment's passage exact when the paragraph holds an equation, and reads a hostile equation within bounds", async () => {
    const { withEquationsAsText } = await import("./docx-math.ts");
    const math = `<m:oMath><m:sSub><m:e><m:r><m:t>x</m:t></m:r></m:e><m:sub><m:r><m:t>i</m:t></m:r></m:sub></m:sSub></m:oMath>`;
    // A hostile equation: deeper and wider than one is read, never a crash or a run-away.
    const deep = `<m:oMath>${"<m:box><m:e>".repeat(300)}<m:r><m:t>z</m:t></m:r>${"</m:e></m:box>".repeat(300)}</m:oMath>`;
    expect(withEquationsAsText(`<w:p>${deep}<w:r><w:t>after</w:t></w:r></w:p>`)).toBe(`<w:p><w:r><w:t>after</w:t></w:r></w:p>`);
    const wide = withEquationsAsText(`<w:p><m:oMath>${"<m:r><m:t>w</m:t></m:r>".repeat(50_000)}</m:oMath></w:p>`);
    expect(wide.length).toBeLessThan(20_000);
    const docx = await buildWordDocx({
      body: para([run("Suppose "), math, run(" grows, "), rangeStart(0), run("as argued"), rangeClose(0), run(".")]).replace("<w:p>", '<w:p xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math">'),
      comments: [{ id: 0, author: "Ana", initials: "A", date: "2026-01-01T00:00:00Z", text: ["Source?"] }],
    });
    const parsed = await parseDocx(docx);
    expect(parsed.blocks.map((b) => b.text)).toEqual(["Suppose x_{i} grows, as argued."]);
    const span = parsed.review?.comments[0]?.span;
    expect(parsed.review?.comments[0]?.text).toBe("Source?");
    expect(span && parsed.blocks[span.start.block]!.text.slice(span.start.offset, span.end.offset)).toBe("as argued");
  });
});

import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { Document, ExternalHyperlink, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import { describe, expect, it } from "vitest";
import { parseDocx } from "./docx.ts";
import { parseImport } from "./index.ts";
import { ImportError } from "./types.ts";

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

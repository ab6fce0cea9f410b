import { describe, expect, it } from "vitest";
import { parseImport } from "./index.ts";
import { buildDocx, docxParagraph } from "../../../../tests/helpers/zip-builder.ts";
import type { ImportedDocument } from "./types.ts";

const txt = (text: string) => parseImport("txt", Buffer.from(text, "utf8"));
const html = (body: string) => parseImport("html", Buffer.from(`<!doctype html><html><body>${body}</body></html>`, "utf8"));
const docx = async (paragraphs: string[]) => parseImport("docx", await buildDocx(paragraphs.map(docxParagraph).join("")));
const shape = (doc: ImportedDocument) => doc.blocks.map((b) => `${b.kind}${b.role ? `/${b.role}` : ""}: ${b.text}`);

describe("a title written after its label", () => {
  it("names the document by the text after 'Title:' in plain text, Word and HTML; the title line stays as written", async () => {
    const lines = ["Title: Water Security in the Nile Basin", "Author: Amira Hassan", "The dam changed the basin's politics.", "The filling schedule is the dispute."];
    for (const doc of [await txt(lines.join("\n\n")), await docx(lines), await html(lines.map((l) => `<p>${l}</p>`).join(""))]) {
      expect(doc.title).toBe("Water Security in the Nile Basin");
      expect(doc.blocks[0]).toMatchObject({ kind: "heading", role: "title", text: "Title: Water Security in the Nile Basin" });
      expect(doc.metadata.authors.map((a) => a.name)).toEqual(["Amira Hassan"]);
    }
  });

  it("reads the label in capitals and in other languages", async () => {
    expect((await txt("TITLE: Water Security in the Nile Basin\nAUTHOR: Amira Hassan\n\nThe dam changed the basin.")).title).toBe("Water Security in the Nile Basin");
    expect((await txt("Titre : La sécurité de l’eau dans le bassin du Nil\nAuteur : Amira Hassan\n\nLe barrage a changé le bassin.")).title).toBe("La sécurité de l’eau dans le bassin du Nil");
    expect((await txt("标题：尼罗河流域的水安全\n作者：李伟\n\n大坝改变了流域。")).title).toBe("尼罗河流域的水安全");
  });

  it("takes the line under a 'Title:' standing alone", async () => {
    for (const text of ["Title:\nWater Security in the Nile Basin\nAuthor: Amira Hassan\n\nThe dam changed the basin.", "TITLE:\n\nWater Security in the Nile Basin\n\nAuthor: Amira Hassan\n\nThe dam changed the basin."]) {
      const doc = await txt(text);
      expect(doc.title).toBe("Water Security in the Nile Basin");
      expect(shape(doc).slice(0, 3)).toEqual([expect.stringMatching(/^meta\/other: TITLE:$/i), "heading/title: Water Security in the Nile Basin", "meta/author: Author: Amira Hassan"]);
      expect(doc.metadata.subtitle).toBeUndefined();
    }
  });

  it("keeps the title line's text and marks as written", async () => {
    const doc = await html("<h1>Title: The <em>Quiet</em> Return</h1><p>Industrial policy is back.</p>");
    expect(doc.title).toBe("The Quiet Return");
    expect(doc.blocks[0]).toMatchObject({ role: "title", text: "Title: The Quiet Return", marks: [{ type: "italic", start: 11, end: 16 }] });
  });

  it("leaves a title that only starts with the word ('Title IX: …') as it is", async () => {
    const doc = await txt("Title IX: Fifty Years On\n\nJane Roe\n\nThe law changed sport.");
    expect(doc.title).toBe("Title IX: Fifty Years On");
  });
});

describe("a manuscript's title page", () => {
  it("takes the title under a running head, the running head a note", async () => {
    const doc = await txt("Running head: LIMITS OF HEDGING\n\nThe Limits of Hedging\n\nMaria T. Alvarez\n\nHarvard University\n\nMiddle powers have long been said to hedge.");
    expect(doc.title).toBe("The Limits of Hedging");
    expect(shape(doc).slice(0, 3)).toEqual(["meta/other: Running head: LIMITS OF HEDGING", "heading/title: The Limits of Hedging", "meta/author: Maria T. Alvarez"]);
  });

  it("reads an author note's paragraphs as notes while they read as such, then the body", async () => {
    const doc = await docx([
      "The Limits of Hedging",
      "Maria T. Alvarez",
      "Harvard University",
      "Author Note",
      "Maria T. Alvarez https://orcid.org/0000-0002-1825-0097",
      "The author has no conflicts of interest to disclose.",
      "Since the end of the Cold War, scholars have debated whether middle powers balance, bandwagon or hedge when great powers compete, and the debate has not been settled by the evidence of the last three decades.",
    ]);
    expect(shape(doc).slice(3)).toEqual([
      "meta/footnote: Author Note",
      "meta/footnote: Maria T. Alvarez https://orcid.org/0000-0002-1825-0097",
      "meta/footnote: The author has no conflicts of interest to disclose.",
      expect.stringMatching(/^paragraph: Since the end of the Cold War/),
    ]);
    expect(doc.metadata.authors[0]?.identifiers).toEqual({ ORCID: "0000-0002-1825-0097" });
  });

  it("makes the title repeated over the text a heading, not a subtitle", async () => {
    const doc = await docx(["The Limits of Hedging", "Maria T. Alvarez", "Abstract", "Hedging has limits.", "The Limits of Hedging", "Since the end of the Cold War, scholars have debated hedging."]);
    expect(doc.metadata.subtitle).toBeUndefined();
    expect(shape(doc).slice(-2)).toEqual(["heading: The Limits of Hedging", "paragraph: Since the end of the Cold War, scholars have debated hedging."]);
  });
});

describe("a memo", () => {
  const header = ["MEMORANDUM", "TO: Deputy Secretary for Policy", "FROM: Sarah Lindqvist, Senior Analyst", "DATE: February 12, 2026", "SUBJECT: Options for the Black Sea Grain Corridor"];
  const body = ["The corridor's closure raises insurance costs by a third.", "We recommend three steps."];

  it("is titled by its subject, its sender the author, its header front matter, in plain text, Word and HTML", async () => {
    for (const doc of [await txt(`${header[0]}\n\n${header.slice(1).join("\n")}\n\n${body.join("\n\n")}`), await docx([...header, ...body]), await html([...header, ...body].map((l) => `<p>${l}</p>`).join(""))]) {
      expect(doc.title).toBe("Options for the Black Sea Grain Corridor");
      expect(shape(doc)).toEqual([
        "meta/other: MEMORANDUM",
        "meta/other: TO: Deputy Secretary for Policy",
        "meta/author: FROM: Sarah Lindqvist, Senior Analyst",
        "meta/dateline: DATE: February 12, 2026",
        "heading/title: SUBJECT: Options for the Black Sea Grain Corridor",
        `paragraph: ${body[0]}`,
        `paragraph: ${body[1]}`,
      ]);
      expect(doc.metadata).toMatchObject({ authors: [{ name: "Sarah Lindqvist", positions: ["Senior Analyst"] }], dateline: "DATE: February 12, 2026" });
    }
  });

  it("reads a header without its head line, with 'RE:' and 'CC:', and a head line addressed to someone", async () => {
    const plain = await txt("TO: Board of Directors\nFROM: Jane Roe, Chief Economist\nCC: Legal Department\nDATE: 4 March 2026\nRE: Exposure to Red Sea shipping delays\n\nOur exposure is limited but rising.");
    expect(plain.title).toBe("Exposure to Red Sea shipping delays");
    expect(plain.metadata.authors.map((a) => a.name)).toEqual(["Jane Roe"]);
    expect(shape(plain)[0]).toBe("meta/other: TO: Board of Directors");
    const addressed = await txt("MEMORANDUM FOR THE SECRETARY OF DEFENSE\n\nFROM: Under Secretary of Defense for Policy\n\nSUBJECT: Force Posture Review Options\n\nThis memorandum outlines three options.");
    expect(addressed.title).toBe("Force Posture Review Options");
    expect(addressed.metadata.subtitle).toBeUndefined();
    expect(shape(addressed).slice(-1)).toEqual(["paragraph: This memorandum outlines three options."]);
  });

  it("reads a header set in a table (a label cell beside its value), as Word's memo templates set it", async () => {
    const cell = (t: string) => `<w:tc>${docxParagraph(t)}</w:tc>`;
    const rows = header.slice(1).map((line) => line.split(/(?<=:) /));
    const word = await parseImport("docx", await buildDocx(docxParagraph(header[0]!) + `<w:tbl>${rows.map(([a, b]) => `<w:tr>${cell(a!)}${cell(b!)}</w:tr>`).join("")}</w:tbl>` + body.map(docxParagraph).join("")));
    const page = await html(`<p>${header[0]}</p><table>${rows.map(([a, b]) => `<tr><td>${a}</td><td>${b}</td></tr>`).join("")}</table>${body.map((l) => `<p>${l}</p>`).join("")}`);
    for (const doc of [word, page]) {
      expect(doc.title).toBe("Options for the Black Sea Grain Corridor");
      expect(shape(doc).slice(1, 5)).toEqual(header.slice(1).map((line, i) => `${["meta/other", "meta/author", "meta/dateline", "heading/title"][i]}: ${line}`));
    }
    // A table of data keeps its cells apart.
    const data = await html("<h1>Annulments</h1><p>Annulments rose in the last two years, as the table shows.</p><table><tr><td>Year</td><td>Annulments</td></tr><tr><td>2024</td><td>12</td></tr></table>");
    expect(data.blocks.map((b) => b.text).slice(-2)).toEqual(["Year | Annulments", "2024 | 12"]);
  });

  it("keeps an article whose subject line follows a real title titled by it", async () => {
    const doc = await txt("Options for the Corridor\n\nSUBJECT: Shipping insurance\n\nThe corridor's closure raises insurance costs.");
    expect(doc.title).toBe("Options for the Corridor");
  });
});

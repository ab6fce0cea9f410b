import { describe, expect, it } from "vitest";
import { parseImport } from "./index.ts";
import { buildDocx, docxParagraph } from "../../../../tests/helpers/zip-builder.ts";
import { isRubricLine } from "./document-title.ts";
import type { ImportedDocument } from "./types.ts";

const txt = (text: string) => parseImport("txt", Buffer.from(text, "utf8"));
const md = (text: string) => parseImport("md", Buffer.from(text, "utf8"));
const html = (body: string) => parseImport("html", Buffer.from(`<!doctype html><html><body>${body}</body></html>`, "utf8"));
const docx = async (paragraphs: string[]) => parseImport("docx", await buildDocx(paragraphs.map(docxParagraph).join("")));
const shape = (doc: ImportedDocument) => doc.blocks.map((b) => `${b.kind}${b.role ? `/${b.role}` : ""}: ${b.text}`);

const ESSAY = [
  "ESSAY",
  "The Unraveling of the Liberal Order",
  "Why Middle Powers Now Set the Terms of Trade",
  "By Miriam Okafor and Daniel Brandt",
  "For three decades after the Cold War, the United States underwrote an open trading system that most states joined on its terms. That era is over.",
  "Consider Indonesia. In 2023 it banned the export of raw nickel ore.",
];

describe("a rubric over the title", () => {
  it("is a note before the title, and the line under it the title, in plain text, Markdown, Word and HTML", async () => {
    const docs = [
      await txt(`${ESSAY.slice(0, 4).join("\n")}\n\n${ESSAY.slice(4).join("\n\n")}`),
      await md(`${ESSAY.slice(0, 4).join("\n")}\n\n${ESSAY.slice(4).join("\n\n")}`),
      await docx(ESSAY),
      await html(ESSAY.map((l) => `<p>${l}</p>`).join("")),
    ];
    for (const doc of docs) {
      expect(doc.title).toBe("The Unraveling of the Liberal Order");
      expect(shape(doc).slice(0, 4)).toEqual([
        "meta/other: ESSAY",
        "heading/title: The Unraveling of the Liberal Order",
        "heading/subtitle: Why Middle Powers Now Set the Terms of Trade",
        "meta/author: By Miriam Okafor and Daniel Brandt",
      ]);
      expect(doc.metadata.authors.map((a) => a.name)).toEqual(["Miriam Okafor", "Daniel Brandt"]);
      expect(doc.blocks[4]).toMatchObject({ kind: "paragraph", text: ESSAY[4] });
    }
  });

  it("reads a rubric with its section, in capitals or not, and in other languages", () => {
    for (const line of ["OPINION | FOREIGN POLICY", "Analysis · Europe", "Research Article", "Review Essay", "Commentary — Trade", "Tribune", "Análisis", "Gastbeitrag", "Q&A"]) {
      expect(isRubricLine(line), line).toBe(true);
    }
    for (const line of ["Analysis: Why the Euro Survived", "The Opinion of the Court", "Essays on Trade and Growth in Developing Economies", "Opinion, 3 March"]) {
      expect(isRubricLine(line), line).toBe(false);
    }
  });

  it("keeps a cover line that dates the issue the document's date, as before", async () => {
    const doc = await txt("POLICY BRIEF | No. 14 | March 2026\nWater Security in the Nile Basin\nAmira Hassan\n\nThe dam changed the basin's politics.");
    expect(shape(doc).slice(0, 3)).toEqual(["meta/dateline: POLICY BRIEF | No. 14 | March 2026", "heading/title: Water Security in the Nile Basin", "meta/author: Amira Hassan"]);
    expect(doc.metadata.dateline).toBe("POLICY BRIEF | No. 14 | March 2026");
  });

  it("is a note when a page sets it as a paragraph over its <h1>", async () => {
    const doc = await html("<p>Research Article</p><h1>Hedging in the Indo-Pacific</h1><p>Jane Doe, University of Sydney</p><p>Middle powers in the Indo-Pacific have long been said to hedge between the United States and China. We test the claim.</p>");
    expect(shape(doc).slice(0, 2)).toEqual(["meta/other: Research Article", "heading/title: Hedging in the Indo-Pacific"]);
  });

  it("leaves a rubric-like first line the title when no title-like line is under it", async () => {
    const prose = await txt("Commentary\n\nThe ministers met in Geneva on Tuesday and agreed to extend the ceasefire by thirty days.\n\nThe talks resume in May.");
    expect(prose.title).toBe("Commentary");
    const named = await txt("Commentary\nJane Doe\n\nThe ministers met in Geneva on Tuesday and agreed to extend the ceasefire.");
    expect(named.title).toBe("Commentary");
    expect(named.metadata.authors.map((a) => a.name)).toEqual(["Jane Doe"]);
  });
});

describe("a preprint's stamp over the title", () => {
  const paper = [
    "arXiv:2603.01234v2 [cs.CL] 3 Mar 2026",
    "",
    "Measuring Persuasion in Diplomatic Cables",
    "with Large Language Models",
    "",
    "Ana Souza1, Wei Chen2, and Peter Novak1,2",
    "",
    "1 Department of Computer Science, University of Lisbon, Portugal",
    "2 School of Information, University of Michigan, Ann Arbor, USA",
    "{ana.souza, peter.novak}@ulisboa.pt, weichen@umich.edu",
    "",
    "Abstract. We introduce a corpus of 40,000 declassified diplomatic cables annotated for persuasive intent.",
    "",
    "Keywords: persuasion · diplomacy · language models",
    "",
    "1 Introduction",
    "",
    "Diplomatic cables are written to move their readers.",
  ].join("\n");

  it("is a note; the title is the wrapped line under it; a line of addresses gives each author theirs", async () => {
    for (const doc of [await txt(paper), await md(paper)]) {
      expect(doc.title).toBe("Measuring Persuasion in Diplomatic Cables with Large Language Models");
      expect(shape(doc).slice(0, 3)).toEqual([
        "meta/other: arXiv:2603.01234v2 [cs.CL] 3 Mar 2026",
        "heading/title: Measuring Persuasion in Diplomatic Cables with Large Language Models",
        "meta/author: Ana Souza1, Wei Chen2, and Peter Novak1,2",
      ]);
      expect(shape(doc)).toContain("meta/email: {ana.souza, peter.novak}@ulisboa.pt, weichen@umich.edu");
      expect(doc.metadata.authors.map((a) => [a.name, a.email])).toEqual([
        ["Ana Souza", "ana.souza@ulisboa.pt"],
        ["Wei Chen", "weichen@umich.edu"],
        ["Peter Novak", "peter.novak@ulisboa.pt"],
      ]);
      expect(doc.metadata.abstract).toMatch(/^We introduce a corpus/);
      expect(doc.metadata.subtitle).toBeUndefined();
    }
  });

  it("joins a title's wrapped line only when it reads as one ('with …'), not a byline or a sentence", async () => {
    expect((await txt("Measuring Persuasion in Diplomatic Cables\nby Ana Souza\n\nDiplomatic cables are written to move their readers.")).title).toBe("Measuring Persuasion in Diplomatic Cables");
    const sentence = await txt("Ceasefire Talks\non Tuesday the ministers met in Geneva and agreed to extend the ceasefire.\n\nThe talks resume in May.");
    expect(sentence.title).toBe("Ceasefire Talks");
  });
});

describe("a report's series line over the title", () => {
  const cover = ["WORKING PAPER NO. 23-4", "Center for Fiscal Studies", "Debt Brakes and Public Investment:", "Evidence from European Federations", "Lukas Meier and Ana Petrović", "November 2023"];
  const body = "Fiscal rules that cap structural deficits have spread across Europe since 2009. This paper asks whether they crowd out public investment.";

  it("is a note, its publisher too; the title is the line under them, wrapped at its colon", async () => {
    const text = `${cover.slice(0, 2).join("\n")}\n\n${cover.slice(2, 4).join("\n")}\n\n${cover.slice(4).join("\n\n")}\n\n${body}`;
    for (const doc of [await txt(text), await md(text)]) {
      expect(doc.title).toBe("Debt Brakes and Public Investment: Evidence from European Federations");
      expect(shape(doc).slice(0, 5)).toEqual([
        "meta/other: WORKING PAPER NO. 23-4",
        "meta/other: Center for Fiscal Studies",
        "heading/title: Debt Brakes and Public Investment: Evidence from European Federations",
        "meta/author: Lukas Meier and Ana Petrović",
        "meta/dateline: November 2023",
      ]);
    }
    const word = await docx(["WORKING PAPER NO. 23-4", "Center for Fiscal Studies", "Debt Brakes and Public Investment: Evidence from European Federations", ...cover.slice(4), body]);
    expect(word.title).toBe("Debt Brakes and Public Investment: Evidence from European Federations");
    expect(word.metadata.authors.map((a) => a.name)).toEqual(["Lukas Meier", "Ana Petrović"]);
  });

  it("keeps 'Title:' alone over the title a label, not a title wrapped at its colon", async () => {
    const doc = await txt("Title:\nWater Security in the Nile Basin\nAuthor: Amira Hassan\n\nThe dam changed the basin.");
    expect(shape(doc).slice(0, 2)).toEqual(["meta/other: Title:", "heading/title: Water Security in the Nile Basin"]);
  });
});

describe("an op-ed's by-line that says who each author is", () => {
  const line = "By Fatima Diallo, a senior fellow at the Atlantic Policy Institute, and Tom Reyes, a former U.S. ambassador to Niger";

  it("gives each name its post or what is said of them, under a rubric with a section", async () => {
    const text = `OPINION | FOREIGN POLICY\nAmerica Cannot Afford to Ignore the Sahel\n${line}\nMarch 3, 2026\n\nThe coups that swept Mali, Burkina Faso and Niger were treated in Washington as local events. They were not.`;
    for (const doc of [await txt(text), await html(text.split("\n").filter(Boolean).map((l) => `<p>${l}</p>`).join(""))]) {
      expect(doc.title).toBe("America Cannot Afford to Ignore the Sahel");
      expect(shape(doc).slice(0, 3)).toEqual(["meta/other: OPINION | FOREIGN POLICY", "heading/title: America Cannot Afford to Ignore the Sahel", `meta/author: ${line}`]);
      const [diallo, reyes] = doc.metadata.authors;
      expect(doc.metadata.authors).toHaveLength(2);
      expect(diallo).toMatchObject({ name: "Fatima Diallo", positions: ["senior fellow at the Atlantic Policy Institute"] });
      expect(reyes).toMatchObject({ name: "Tom Reyes", bio: "a former U.S. ambassador to Niger" });
    }
  });

  it("keeps an institution's 'and' inside the description", async () => {
    const doc = await txt("Sanctions That Work\nBy Jane Doe, a fellow at the Centre for Peace and Security, and John Roe\n\nSanctions rarely change a regime's mind. They can change its means.");
    expect(doc.metadata.authors.map((a) => a.name)).toEqual(["Jane Doe", "John Roe"]);
    expect(doc.metadata.authors[0]).toMatchObject({ positions: ["fellow at the Centre for Peace and Security"] });
  });
});

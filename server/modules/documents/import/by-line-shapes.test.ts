import { describe, expect, it } from "vitest";
import { parseImport } from "./index.ts";

const BODY = "1. Introduction\n\nMiddle powers hedge between rival blocs, and the treaty's verification regime was never meant to carry the weight ministers place on it.\n";
const read = async (front: string, format: "txt" | "md" = "txt") => (await parseImport(format, Buffer.from(`Verification Regimes and Alliance Durability\n\n${front}\n\n${BODY}`))).metadata;
const people = (m: Awaited<ReturnType<typeof read>>) => (m.authors ?? []).map((a) => [a.name, a.affiliations, a.email ?? null]);

describe("by-line shapes", () => {
  it("reads a number and a symbol set together after a name as markers", async () => {
    const m = await read("Ana Souza¹*, Wei Zhang² and Lars van der Berg 1†\n\n¹ Institute for Regional Security, Berlin, Germany\n² Faculty of Law, University of Oxford, Oxford, UK\n\n* Corresponding author: ana.souza@example.org");
    expect(people(m)).toEqual([
      ["Ana Souza", ["Institute for Regional Security, Berlin, Germany"], "ana.souza@example.org"],
      ["Wei Zhang", ["Faculty of Law, University of Oxford, Oxford, UK"], null],
      ["Lars van der Berg", ["Institute for Regional Security, Berlin, Germany"], null],
    ]);
  });

  it("reads names with their institutions and postal addresses in brackets, however long the line", async () => {
    const leeds = "Department of Economics, University of Leeds, Leeds LS2 9JT, United Kingdom";
    const stanford = "Hoover Institution, Stanford University, Stanford, CA 94305, USA";
    const m = await read(`Mara Zhang (${leeds}), Olumide Raghavan (${stanford}), Chloé García Márquez (${leeds}), Kwame Ibarra (${stanford})`);
    expect(people(m)).toEqual([
      ["Mara Zhang", [leeds], null],
      ["Olumide Raghavan", [stanford], null],
      ["Chloé García Márquez", [leeds], null],
      ["Kwame Ibarra", [stanford], null],
    ]);
  });

  it("takes an institution with a postcode under a name as an affiliation, and labelled e-mail lines as contacts", async () => {
    const m = await read("Mara Ní Bhriain\nDepartment of Economics, University of Leeds, Leeds LS2 9JT, United Kingdom\n\nCorresponding author e-mail: mara.ni.bhriain@example.org");
    expect(people(m)).toEqual([["Mara Ní Bhriain", ["Department of Economics, University of Leeds, Leeds LS2 9JT, United Kingdom"], "mara.ni.bhriain@example.org"]]);
  });

  it("gives an e-mail to the author whose name it holds most of", async () => {
    const m = await read("Krzysztof L. Okonkwo-Bianchi and Jonas Okonkwo-Bianchi\nInstitute for Regional Security, Berlin, Germany\n\nCorrespondence: jonas.okonkwo-bianchi@example.org");
    expect(people(m).map(([name, , email]) => [name, email])).toEqual([["Krzysztof L. Okonkwo-Bianchi", null], ["Jonas Okonkwo-Bianchi", "jonas.okonkwo-bianchi@example.org"]]);
  });

  it("gives 'By A, B and C' above three unmarked institutions one each, and one shared institution to all", async () => {
    const three = await read("By Tomás Raghavan, Krzysztof Ibarra and Kwame O'Connor\n\nFaculty of Law, University of Oxford, Oxford, UK\nInstitute for Regional Security, Berlin, Germany\nHoover Institution, Stanford University, Stanford, CA 94305, USA");
    expect(three.authors?.map((a) => a.affiliations)).toEqual([["Faculty of Law, University of Oxford, Oxford, UK"], ["Institute for Regional Security, Berlin, Germany"], ["Hoover Institution, Stanford University, Stanford, CA 94305, USA"]]);
    const shared = await read("By Tomás Raghavan and Krzysztof Ibarra\n\nFaculty of Law, University of Oxford, Oxford, UK");
    expect(shared.authors?.map((a) => a.affiliations)).toEqual([["Faculty of Law, University of Oxford, Oxford, UK"], ["Faculty of Law, University of Oxford, Oxford, UK"]]);
  });

  it("reads a marker letter set against its institution", async () => {
    const m = await read("Ana Souza a,*, Wei Zhang b\n\naGraduate Institute of International and Development Studies, Geneva, Switzerland\nbFaculty of Law, University of Oxford, Oxford, UK");
    expect(m.authors?.map((a) => a.affiliations)).toEqual([["Graduate Institute of International and Development Studies, Geneva, Switzerland"], ["Faculty of Law, University of Oxford, Oxford, UK"]]);
  });

  it("reads keywords in lower case after a label in capitals, and a starred correspondence line typed in Markdown", async () => {
    expect((await read("Ana Souza\nFaculty of Law, University of Oxford, Oxford, UK\n\nKEYWORDS verification; alliances; middle powers")).keywords).toEqual(["verification", "alliances", "middle powers"]);
    const md = await read("Ana Souza and Wei Zhang\n\nFaculty of Law, University of Oxford, Oxford, UK\n\n* Corresponding author: wei.zhang@example.org\n\nDOI: 10.1234/jis.2026.0042", "md");
    expect(md.authors?.map((a) => a.email ?? null)).toEqual([null, "wei.zhang@example.org"]);
    expect(md.doi).toBe("10.1234/jis.2026.0042");
  });

  it("reads degrees followed by markers, and lists an author's institutions in the order of their markers", async () => {
    const m = await read("Ana Souza, MD, PhD 2,1,*, Wei Zhang, PhD 2 and Lars Ek¹˒²\n\n1 Faculty of Law, University of Oxford, Oxford, UK\n2 Institute for Regional Security, Berlin, Germany\n\n* Correspondence: ana.souza@example.org");
    expect(m.authors?.map((a) => [a.name, a.degrees, a.affiliations])).toEqual([
      ["Ana Souza", ["MD", "PhD"], ["Institute for Regional Security, Berlin, Germany", "Faculty of Law, University of Oxford, Oxford, UK"]],
      ["Wei Zhang", ["PhD"], ["Institute for Regional Security, Berlin, Germany"]],
      ["Lars Ek", [], ["Faculty of Law, University of Oxford, Oxford, UK", "Institute for Regional Security, Berlin, Germany"]],
    ]);
    expect(m.authors?.[0]?.email).toBe("ana.souza@example.org");
  });

  it("gives an institution under name lines that follow one another to every one of them", async () => {
    const m = await read("Jane Doe\nJohn Roe\nInstitute for Regional Security, Berlin, Germany");
    expect(m.authors?.map((a) => [a.name, a.affiliations])).toEqual([
      ["Jane Doe", ["Institute for Regional Security, Berlin, Germany"]],
      ["John Roe", ["Institute for Regional Security, Berlin, Germany"]],
    ]);
    const listed = (await parseImport("html", Buffer.from(`<h1>Verification Regimes</h1><ul class="authors"><li>Jane Doe</li><li>John Roe</li></ul><p>Institute for Regional Security, Berlin</p><h2>Introduction</h2><p>${"Middle powers hedge between rival blocs. ".repeat(4)}</p>`))).metadata;
    expect(listed.authors?.map((a) => a.affiliations)).toEqual([["Institute for Regional Security, Berlin"], ["Institute for Regional Security, Berlin"]]);
    // An institution between them is the first one's alone.
    const blocks = await read("Jane Doe\nInstitute for Regional Security, Berlin, Germany\n\nJohn Roe\nFaculty of Law, University of Oxford, Oxford, UK");
    expect(blocks.authors?.map((a) => a.affiliations)).toEqual([["Institute for Regional Security, Berlin, Germany"], ["Faculty of Law, University of Oxford, Oxford, UK"]]);
  });

  it("reads institutions typed as a numbered list in Markdown under a by-line with digit markers as its numbered affiliations", async () => {
    const lisbon = "Department of Politics, University of Lisbon, Lisbon, Portugal";
    const peking = "School of International Studies, Peking University, Beijing, China";
    const m = await read(`Ana Souza1, Wei Zhang2, Lars Ek1,2\n\n1. ${lisbon}\n2. ${peking}`, "md");
    expect(people(m)).toEqual([
      ["Ana Souza", [lisbon], null],
      ["Wei Zhang", [peking], null],
      ["Lars Ek", [lisbon, peking], null],
    ]);
    // Numbered "2)" and starting at 2 (the list's own numbers, not their places in it).
    for (const format of ["md", "txt"] as const) {
      const paren = await read(`Ana Souza2, Wei Zhang3\n\n2) ${lisbon}\n3) ${peking}`, format);
      expect(people(paren)).toEqual([["Ana Souza", [lisbon], null], ["Wei Zhang", [peking], null]]);
    }
  });

  it("reads institutions in a numbered list of a Word, OpenDocument or web page under a by-line as its numbered affiliations", async () => {
    const lisbon = "Department of Politics, University of Lisbon, Lisbon, Portugal";
    const peking = "School of International Studies, Peking University, Beijing, China";
    const body = "<h2>Introduction</h2><p>Middle powers hedge between rival blocs, and the treaty's verification regime was never meant to carry the weight ministers place on it.</p>";
    const page = (list: string) => `<h1>Verification Regimes</h1><p>Ana Souza1, Wei Zhang2, Lars Ek1,2</p>${list}${body}`;
    for (const list of [`<ol><li>${lisbon}</li><li>${peking}</li></ol>`, `<ol><li><p>${lisbon}</p></li><li><p>${peking}</p></li></ol>`]) {
      const doc = await parseImport("html", Buffer.from(page(list)));
      expect(people(doc.metadata)).toEqual([["Ana Souza", [lisbon], null], ["Wei Zhang", [peking], null], ["Lars Ek", [lisbon, peking], null]]);
      expect(doc.blocks.filter((b) => b.kind === "listItem")).toEqual([]);
    }
    // The list's own numbers: from its start, or an item's value.
    const started = await parseImport("html", Buffer.from(`<h1>Verification Regimes</h1><p>Ana Souza2, Wei Zhang3</p><ol start="2"><li>${lisbon}</li><li>${peking}</li></ol>${body}`));
    expect(people(started.metadata)).toEqual([["Ana Souza", [lisbon], null], ["Wei Zhang", [peking], null]]);
    const valued = await parseImport("html", Buffer.from(`<h1>Verification Regimes</h1><p>Ana Souza1, Wei Zhang3</p><ol><li>${lisbon}</li><li value="3">${peking}</li></ol>${body}`));
    expect(people(valued.metadata)).toEqual([["Ana Souza", [lisbon], null], ["Wei Zhang", [peking], null]]);
    // A numbered list in the body stays one.
    const inBody = await parseImport("html", Buffer.from(`<h1>Verification Regimes</h1>${body}<ol><li>${lisbon}</li><li>${peking}</li></ol>`));
    expect(inBody.blocks.filter((b) => b.kind === "listItem").map((b) => b.text)).toEqual([lisbon, peking]);
  });

  it("reads Pandoc's superscripts as markers, after names and before institutions", async () => {
    const lisbon = "Department of Politics, University of Lisbon, Lisbon, Portugal";
    const peking = "School of International Studies, Peking University, Beijing, China";
    for (const institutions of [`^1^ ${lisbon}\n^2^ ${peking}`, `1. ${lisbon}\n2. ${peking}`]) {
      const m = await read(`Ana Souza^1^, Wei Zhang^2^ and Lars Ek^1,2^\n\n${institutions}`, "md");
      expect(people(m), institutions).toEqual([["Ana Souza", [lisbon], null], ["Wei Zhang", [peking], null], ["Lars Ek", [lisbon, peking], null]]);
    }
  });

  it("keeps a numbered list of institutions that no by-line comes before as a list", async () => {
    const doc = await parseImport("md", Buffer.from(`Verification Regimes and Alliance Durability\n\nThe regime's founding members were the following institutions, which met in Lisbon in 2019 and again in Beijing in 2021:\n\n1. Department of Politics, University of Lisbon, Lisbon, Portugal\n2. School of International Studies, Peking University, Beijing, China\n`));
    expect(doc.blocks.slice(-2).map((b) => [b.kind, b.ordered ?? null, b.text])).toEqual([
      ["listItem", true, "Department of Politics, University of Lisbon, Lisbon, Portugal"],
      ["listItem", true, "School of International Studies, Peking University, Beijing, China"],
    ]);
    const titled = await parseImport("md", Buffer.from(`# Verification Regimes\n\n1. Department of Politics, University of Lisbon, Lisbon, Portugal\n2. School of International Studies, Peking University, Beijing, China\n\n## Introduction\n\nMiddle powers hedge between rival blocs, and the treaty's verification regime was never meant to carry the weight ministers place on it.\n`));
    expect(titled.blocks.filter((b) => b.kind === "listItem")).toHaveLength(2);
    expect(titled.metadata.authors ?? []).toEqual([]);
  });
  it("reads a newspaper's by-lines: an outlet after a dash or a bar, a post after the name, two people with their posts, 'Words by'", async () => {
    const people = async (line: string) =>
      (await read(line)).authors.map((a) => [a.name, [...a.positions, ...a.affiliations]]);
    expect(await people("By Jane Doe — Reuters")).toEqual([["Jane Doe", ["Reuters"]]]);
    expect(await people("Jane Doe and John Roe | Brookings | March 3, 2026")).toEqual([["Jane Doe", []], ["John Roe", ["Brookings"]]]);
    expect(await people("By Jane Doe, Opinion Contributor")).toEqual([["Jane Doe", ["Opinion Contributor"]]]);
    expect(await people("By Jane Doe, Special to The Globe")).toEqual([["Jane Doe", ["Special to The Globe"]]]);
    expect(await people("By Jane Doe, Bureau Chief, and John Roe, Staff Writer")).toEqual([["Jane Doe", ["Bureau Chief"]], ["John Roe", ["Staff Writer"]]]);
    expect(await people("Words by Jane Doe")).toEqual([["Jane Doe", []]]);
    expect(await people("Story by Jane Doe • 4 min read")).toEqual([["Jane Doe", []]]);
    // An institution's own "and" stays in it.
    expect(await people("By Jane Doe, Department of Politics and International Relations, University of Oxford")).toEqual([
      ["Jane Doe", ["Department of Politics and International Relations, University of Oxford"]],
    ]);
  });
});

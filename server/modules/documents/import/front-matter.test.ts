import { describe, expect, it } from "vitest";
import { parseHtml } from "./html.ts";
import { similarSurnames, parseNameLine } from "./names.ts";
import { parsePlainText } from "./plain-text.ts";

const roles = (text: string) => parsePlainText(text).blocks.map((b) => b.role ?? b.kind);

describe("names", () => {
  it("matches surnames across transliterations, and only those", () => {
    const alike: [string, string][] = [["Kanaev", "Kanayev"], ["Zaitsev", "Zaytsev"], ["Tretyakov", "Tretiakov"], ["Shcherbakova", "Scherbakova"], ["Okonkwo-Bianchi", "Okonkvo-Bianchi"], ["Müller", "Muller"]];
    for (const [a, b] of alike) {
      expect(similarSurnames(a, b), `${a} ~ ${b}`).toBe(true);
    }
    const different: [string, string][] = [["Kanaev", "Ivanov"], ["Lee", "Li"], ["Smith", "Schmidt"], ["Petrov", "Popov"]];
    for (const [a, b] of different) {
      expect(similarSurnames(a, b), `${a} !~ ${b}`).toBe(false);
    }
  });

  it("reads bylines with affiliation markers and keeps positions out of names", () => {
    expect(parseNameLine("Anna Nowak 1, Tomasz Brenner 2,* and Lucía Ferreira 1")?.names).toEqual([
      { name: "Anna Nowak", degrees: [], markers: ["1"] },
      { name: "Tomasz Brenner", degrees: [], markers: ["2", "*"] },
      { name: "Lucía Ferreira", degrees: [], markers: ["1"] },
    ]);
    expect(parseNameLine("Ingrid Solheim¹², Li Wen a,*")?.names.map((n) => n.markers)).toEqual([["1", "2"], ["a", "*"]]);
    expect(parseNameLine("Dr Aisha Rahman, Head of Research, Hartwell Institute")?.names).toEqual([
      { name: "Aisha Rahman", degrees: [], markers: [], details: "Head of Research, Hartwell Institute" },
    ]);
    expect(parseNameLine("Martin L. Okoye Jr. and Hannah Brandt-Ruiz")).toMatchObject({
      selfEvident: true,
      names: [{ name: "Martin L. Okoye Jr." }, { name: "Hannah Brandt-Ruiz" }],
    });
    expect(parseNameLine("Amira Haddad, PhD candidate, Department of War Studies")?.names[0]?.details).toBe("PhD candidate, Department of War Studies");
    for (const line of ["Program Director", "Hartwell Institute", "Strategy 2030", "Published 12 January 2026", "Russia and China"]) {
      expect(parseNameLine(line), line).toBeNull();
    }
  });

  it("reads a labelled one-line byline with each author's affiliation in brackets", () => {
    expect(parseNameLine("Authors: Leila Haddad (Centre for Maritime Strategy, Valletta) and Tomás Ruiz (Institute of Law and Policy)")).toEqual({
      selfEvident: true,
      names: [
        { name: "Leila Haddad", degrees: [], markers: [], details: "Centre for Maritime Strategy, Valletta" },
        { name: "Tomás Ruiz", degrees: [], markers: [], details: "Institute of Law and Policy" },
      ],
    });
    expect(parseNameLine("Written by: Ana Silva (CSIS), Tom Becker (RAND) & Mei Chen")?.names.map((n) => [n.name, n.details])).toEqual([
      ["Ana Silva", "CSIS"],
      ["Tom Becker", "RAND"],
      ["Mei Chen", undefined],
    ]);
    expect(parseNameLine("Author: Jane Doe")?.names.map((n) => n.name)).toEqual(["Jane Doe"]);
    // A label that is not a byline, brackets that are not an affiliation, or a name left unread.
    for (const line of ["Keywords: hedging, alignment", "The Treaty (1990) and After", "Authors: see the end of this paper", "Jane Doe (Hartwell Institute) (Second)"]) {
      expect(parseNameLine(line), line).toBeNull();
    }
  });
});

describe("front matter, line by line", () => {
  it("confirms a name by the details after it, even across blank lines, and not otherwise", () => {
    expect(roles("T\nNo. 3 2014\nIvan Petrov\n\nCandidate of Science (History)\n\nBody text that argues a point at some length, as essays do.")).toEqual([
      "title", "dateline", "author", "degrees", "paragraph",
    ]);
    expect(roles("T\n\nStrategic Context\n\nBody text that argues a point at some length, as essays do.")).toEqual(["title", "heading", "paragraph"]);
  });

  it("reads a name-only author confirmed by a bio that spells the name differently", () => {
    const doc = parsePlainText("T\n\nIvan Kanaev\n\nIvan Kanayev is Professor at the Institute of Oriental Studies.\n\nThe body starts here and goes on for a while, as bodies do.");
    expect(doc.blocks.map((b) => b.role ?? b.kind)).toEqual(["title", "author", "bio", "paragraph"]);
    expect(doc.metadata.authors[0]).toMatchObject({ name: "Ivan Kanaev", bio: "Ivan Kanayev is Professor at the Institute of Oriental Studies." });
  });

  it("reads a 'Summary' label line as the abstract's label, and the keywords after it as front matter", () => {
    const doc = parsePlainText(
      "Quiet Diplomacy in the Baltic\n\nWorking Paper No. 17/2025\n\nSummary\nGovernments around the Baltic Sea have built pipelines while saying little.\n\nKeywords: energy security; Baltic\n\n1. Introduction\n\nWhen the pipeline was damaged in 2023, the reactions were muted.",
    );
    expect(doc.blocks.map((b) => b.role ?? b.kind)).toEqual(["title", "dateline", "abstract", "abstract", "keywords", "heading", "paragraph"]);
    expect(doc.metadata.keywords).toEqual(["energy security", "Baltic"]);
  });

  it("keeps weak lines (a position, an institution) out of front matter unless they sit in an author block", () => {
    expect(roles("T\n\nJane Doe, PhD\n\nProgram Director\n\nBody text that argues a point at some length, as essays do.")).toEqual([
      "title", "author", "position", "paragraph",
    ]);
    expect(roles("T\n\nWestbrook University\n\nBody text that argues a point at some length, as essays do.")).toEqual([
      "title", "heading", "paragraph",
    ]);
  });

  it("takes a standfirst only before a byline, and a funding sentence only in front matter", () => {
    expect(roles("T\n\nA short teaser that ends with a full stop.\n\nBy Jane Doe\n\nBody text that argues a point at some length, as essays do.")).toEqual([
      "title", "standfirst", "author", "paragraph",
    ]);
    expect(roles("T\n\nA short teaser that ends with a full stop.\n\nBody text that argues a point at some length, as essays do.")).toEqual([
      "title", "paragraph", "paragraph",
    ]);
    expect(roles("T\n\nBody text that argues a point at some length, as essays do.\n\nThis article was prepared within the framework of the research programme for 2014.")).toEqual([
      "title", "paragraph", "paragraph",
    ]);
  });

  it("reads letter-spaced labels, one keyword per line and an article history", () => {
    const doc = parsePlainText(
      "T\n\nJane Doe a\n\na Department of Economics, Westbrook University\n\nArticle history:\nReceived 1 March 2023\nReceived in revised form 2 May 2023\nAccepted 5 June 2023\n\nKeywords:\nSanctions\nTrade diversion\n\nA B S T R A C T\n\nWe study it.\n\n1. Introduction\n\nBody.",
    );
    expect(doc.metadata).toMatchObject({
      authors: [{ name: "Jane Doe", affiliations: ["Department of Economics, Westbrook University"] }],
      dates: { received: "1 March 2023", revised: "2 May 2023", accepted: "5 June 2023" },
      keywords: ["Sanctions", "Trade diversion"],
      abstract: "We study it.",
    });
    expect(doc.blocks.slice(-2).map((b) => b.kind)).toEqual(["heading", "paragraph"]);
  });

  it("turns closing bios into meta blocks, and only at the very end", () => {
    const doc = parsePlainText(
      "T\nBy Jane Doe\n\nJane Doe is a professor at Westbrook University and writes about trade.\n\nBody text that argues a point at some length, as essays do.\n\nJane Doe is a senior fellow at the Council on Global Affairs.",
    );
    expect(doc.blocks.map((b) => b.role ?? b.kind)).toEqual(["title", "author", "bio", "paragraph", "bio"]);
    expect(doc.metadata.authors[0]?.bio).toBe(
      "Jane Doe is a professor at Westbrook University and writes about trade. Jane Doe is a senior fellow at the Council on Global Affairs.",
    );
  });
});

describe("HTML and Word specifics", () => {
  it("reads a page that is only <pre> text (LibreOffice's HTML of a text file) as plain text", () => {
    const doc = parseHtml("<html><head><title></title></head><body><pre>Title\nBy Jane Doe\n\nFirst paragraph\nwraps here.\n\n• one\n• two</pre></body></html>");
    expect(doc.blocks.map((b) => [b.role ?? b.kind, b.text])).toEqual([
      ["title", "Title"],
      ["author", "By Jane Doe"],
      ["paragraph", "First paragraph wraps here."],
      ["listItem", "one"],
      ["listItem", "two"],
    ]);
  });

  it("turns hand-typed bullets inside paragraphs into list items, moving marks with the text", () => {
    const doc = parseHtml("<h1>T</h1><p>Three things:</p><p>• <b>one</b> thing<br>• two</p><p>– three</p><p>– four</p><p>– an aside, not a list</p>");
    expect(doc.blocks.slice(1).map((b) => [b.kind, b.text])).toEqual([
      ["paragraph", "Three things:"],
      ["listItem", "one thing"],
      ["listItem", "two"],
      ["listItem", "three"],
      ["listItem", "four"],
      ["listItem", "an aside, not a list"],
    ]);
    expect(doc.blocks[2]?.marks).toEqual([{ type: "bold", start: 0, end: 3 }]);
    expect(parseHtml("<h1>T</h1><p>– if it can be called that – failed.</p>").blocks[1]?.kind).toBe("paragraph");
  });

  it("reads a <title> repeated as the first heading once", () => {
    const doc = parseHtml("<title>Capital Controls</title><h2>Capital\n  Controls</h2><p>Body.</p>");
    expect(doc.blocks.map((b) => [b.role ?? b.kind, b.text])).toEqual([
      ["title", "Capital Controls"],
      ["paragraph", "Body."],
    ]);
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { parseMarkdown } from "./markdown.ts";
import type { ImportedBlock } from "./types.ts";

const fixture = (name: string) => readFileSync(new URL(`../../../../tests/fixtures/import/${name}`, import.meta.url), "utf8");

/** The text each mark covers, so offsets are checked against what a reader sees. */
const marked = (b: ImportedBlock) => (b.marks ?? []).map((m) => [m.type, b.text.slice(m.start, m.end), m.href]);

describe("parseMarkdown: article fixture", () => {
  const doc = parseMarkdown(fixture("article.md"));

  it("takes the first h1 as the title and the lines under it as author meta", () => {
    expect(doc.title).toBe("Ports, Power and the New Shipping Map");
    expect(doc.blocks.slice(0, 6).map((b) => [b.kind, b.role, b.text])).toEqual([
      ["heading", "title", "Ports, Power and the New Shipping Map"],
      ["meta", "author", "Rosalind Achterberg-Nwosu, PhD"],
      ["meta", "affiliation", "Maritime Policy Unit, University of Saltmarsh"],
      ["meta", "identifier", "ORCID: 0000-0003-5512-8840"],
      ["meta", "email", "Email: r.achterberg@saltmarsh.example.ac.uk"],
      ["meta", "dateline", "Published 12 January 2026"],
    ]);
    expect(doc.metadata).toEqual({
      dateline: "Published 12 January 2026",
      authors: [
        {
          name: "Rosalind Achterberg-Nwosu",
          degrees: ["PhD"],
          affiliations: ["Maritime Policy Unit, University of Saltmarsh"],
          positions: [],
          identifiers: { ORCID: "0000-0003-5512-8840" },
          email: "r.achterberg@saltmarsh.example.ac.uk",
        },
      ],
    });
  });

  it("reads the body in order with exact kinds and texts", () => {
    expect(doc.blocks.slice(6).map((b) => [b.kind, b.text, b.depth ?? null, b.ordered ?? null, b.level ?? null])).toEqual([
      [
        "paragraph",
        "Container lines redrew their networks faster than governments redrew their strategies. Between 2021 and 2025 the share of Asia–Europe capacity routed around the Cape rose from under 2% to roughly a third in peak months, according to carrier schedules.",
        null, null, null,
      ],
      ["heading", "What changed", null, null, 2],
      ["paragraph", "Three shifts stand out:", null, null, null],
      ["listItem", "Insurers, not navies, now set the effective risk boundary.", 0, null, null],
      ["listItem", "Transshipment hubs compete on security as much as on price.", 0, null, null],
      ["listItem", "Smaller hubs lose first when premiums rise.", 1, null, null],
      ["listItem", "Port ownership has become a lever of foreign policy.", 0, null, null],
      ["listItem", "Map the chokepoints.", 0, true, null],
      ["listItem", "Price the detours.", 0, true, null],
      ["quote", "A port is a promise that the sea will stay open; when the promise weakens, the port is just a pier.", null, null, null],
      [
        "paragraph",
        "Some readers will object that the freight index is a poor proxy; see the methods note and the annex.",
        null, null, null,
      ],
      ["paragraph", "Inline HTML blocks keep their text only.", null, null, null],
      ["paragraph", "route,share_2021,share_2025\ncape,0.02,0.31", null, null, null],
      ["heading", "Outlook", null, null, 2],
      [
        "paragraph",
        "We expect at least two more regional hubs to change hands by 2028 — and each sale will be read in capitals as a statement of alignment.",
        null, null, null,
      ],
    ]);
  });

  it("keeps emphasis, code and safe links as marks over the plain text", () => {
    const [title, , , , , , first] = doc.blocks;
    expect(marked(title as ImportedBlock)).toEqual([["italic", "New", undefined]]);
    expect(marked(first as ImportedBlock)).toEqual([
      ["bold", "under 2%", undefined],
      ["italic", "roughly a third", undefined],
      ["link", "carrier schedules", "https://schedules.example.org/asia-europe"],
    ]);
    const objection = doc.blocks.find((b) => b.text.startsWith("Some readers"));
    // The javascript: link keeps its text but loses the link.
    expect(marked(objection as ImportedBlock)).toEqual([["code", "freight index", undefined]]);
  });

  it("never lets markup or script text through", () => {
    for (const block of doc.blocks) {
      expect(block.text).not.toMatch(/<|alert|javascript:|onclick|onmouseover/i);
      for (const mark of block.marks ?? []) expect(mark.href ?? "").not.toMatch(/javascript:/i);
    }
  });
});

describe("parseMarkdown: details", () => {
  it("falls back to the first heading, then to the first line, for the title", () => {
    expect(parseMarkdown("Intro.\n\n## Second level\n\nText.").blocks.slice(0, 2)).toEqual([
      { kind: "paragraph", text: "Intro." },
      { kind: "heading", level: 1, role: "title", text: "Second level" },
    ]);
    const noHeading = parseMarkdown("First line here\nsecond line.\n\nMore.");
    expect(noHeading.title).toBe("First line here");
    expect(noHeading.blocks).toEqual([
      { kind: "heading", level: 1, role: "title", text: "First line here" },
      { kind: "paragraph", text: "second line." },
      { kind: "paragraph", text: "More." },
    ]);
  });

  it("decodes entities in text but not in code spans", () => {
    const doc = parseMarkdown("# T\n\nFish &amp; chips &mdash; `a &amp; b` \\*literal\\*.");
    expect(doc.blocks[1]?.text).toBe("Fish & chips — a &amp; b *literal*.");
  });

  it("drops the content of inline <script> and <style> but keeps surrounding text", () => {
    const doc = parseMarkdown("# T\n\nBefore <script>alert(1)</script>after <style>p{}</style><em>em</em>.");
    expect(doc.blocks[1]?.text).toBe("Before after em.");
  });

  it("keeps only http(s) and mailto links", () => {
    const doc = parseMarkdown(
      "# T\n\n[a](https://a.example/x) [b](mailto:b@example.org) [c](ftp://c.example) [d](data:text/html,hi) [e](/relative)",
    );
    expect(doc.blocks[1]?.marks?.map((m) => m.href)).toEqual(["https://a.example/x", "mailto:b@example.org"]);
  });

  it("reads blockquoted lists and headings as quotes, code blocks verbatim, and ignores rules", () => {
    const doc = parseMarkdown("# T\n\n> ## Said\n> Line *one*\n\n---\n\n```\nx  =  1\n```");
    expect(doc.blocks.slice(1)).toEqual([
      { kind: "quote", text: "Said" },
      { kind: "quote", text: "Line one", marks: [{ type: "italic", start: 5, end: 8 }] },
      { kind: "paragraph", text: "x  =  1" },
    ]);
  });

  it("returns an empty document for blank input instead of throwing", () => {
    expect(parseMarkdown(" \n\t")).toEqual({ title: "", metadata: { authors: [] }, blocks: [] });
  });
});

describe("parseMarkdown: runs without a blank", () => {
  const body = (markdown: string) => parseMarkdown(`Title\n\n${markdown}`).blocks[1]!;

  it("reads the markup of a run over 1,000 characters literally, keeping its text exactly", () => {
    // Each delimiter of such a run used to make marked rescan the rest of it: 200 KB took minutes.
    for (const run of ["_a__a".repeat(40_000), "*a**a".repeat(300), "~a~~a`b".repeat(300), "a\\_b&amp;[c](".repeat(200)]) {
      const block = body(run);
      expect(block.text).toBe(run);
      expect(block.marks ?? []).toEqual([]);
    }
  });

  it("keeps markup in ordinary text, in runs up to 1,000 characters, and around a long run", () => {
    const short = "x_y".repeat(333);
    const block = body(`Some _italic_ and **bold** words, ${short} and _more_.`);
    expect(block.text).toBe(`Some italic and bold words, ${short} and more.`);
    expect(block.marks?.map((m) => m.type)).toEqual(["italic", "bold", "italic"]);
    const long = "y".repeat(1_200) + "_z*";
    const around = body(`*start ${long} end*`);
    expect(around.text).toBe(`start ${long} end`);
    expect(around.marks).toEqual([{ type: "italic", start: 0, end: around.text.length }]);
  });

  it("still leaves a long data: image out of the text", () => {
    const image = `![](data:image/png;base64,${"iVBORw0KGgo=".repeat(300)})`;
    expect(body(`See ${image} here.`).text).toBe("See  here.");
  });
});

describe("parseMarkdown: YAML front matter", () => {
  const body = "\n# Introduction\n\nDeterrence by denial has become the organising idea of the eastern flank.\n";

  it("reads title, authors with their details, date, abstract and keywords as the article's front matter", () => {
    const doc = parseMarkdown(
      [
        "---",
        'title: "Deterrence by Denial"',
        "author:",
        "  - name: {given: Eva, family: Lindberg}",
        "    affiliations:",
        "      - name: Swedish Defence University",
        "    email: eva@fhs.example.se",
        "    orcid: 0000-0001-2345-6789",
        "  - Tomas Petrauskas (Vilnius University)",
        "date: 2025-03-14",
        "abstract: |",
        "  This paper reviews three exercises",
        "  and what they reveal.",
        "keywords: deterrence, NATO",
        "layout: post",
        "---",
        body,
      ].join("\n"),
    );
    expect(doc.title).toBe("Deterrence by Denial");
    expect(doc.metadata).toEqual({
      authors: [
        { name: "Eva Lindberg", degrees: [], affiliations: ["Swedish Defence University"], positions: [], identifiers: { ORCID: "0000-0001-2345-6789" }, email: "eva@fhs.example.se" },
        { name: "Tomas Petrauskas", degrees: [], affiliations: ["Vilnius University"], positions: [], identifiers: {} },
      ],
      dateline: "2025-03-14",
      abstract: "This paper reviews three exercises and what they reveal.",
      keywords: ["deterrence", "NATO"],
    });
    expect(doc.blocks.map((b) => b.role ?? b.kind)).toEqual([
      "title", "author", "affiliation", "email", "identifier", "author", "dateline", "abstract", "keywords", "heading", "paragraph",
    ]);
    // Nothing of the YAML syntax reaches the text.
    expect(doc.blocks.some((b) => /^(?:layout|title|author):|---/.test(b.text))).toBe(false);
  });

  it("drops a first heading that repeats the title, and takes the body's title when the YAML has none", () => {
    const repeated = parseMarkdown(`---\ntitle: Deterrence by Denial\n---\n\n# Deterrence by Denial\n${body}`);
    expect(repeated.blocks.filter((b) => b.text === "Deterrence by Denial")).toHaveLength(1);
    const untitled = parseMarkdown(`---\nauthor: Jane Doe and John Roe\n---\n\n# The Body's Title\n${body}`);
    expect(untitled.title).toBe("The Body's Title");
    expect(untitled.metadata.authors.map((a) => a.name)).toEqual(["Jane Doe", "John Roe"]);
  });

  it("reads a DOI given as a resolver link, a doi: name or in a list, and passes over a switch such as doi: true", () => {
    const doiOf = (yaml: string) => parseMarkdown(`---\ntitle: T\n${yaml}\n---\n${body}`).metadata.doi;
    expect(doiOf("doi: 10.1177/00207020241234567")).toBe("10.1177/00207020241234567");
    expect(doiOf("doi: https://doi.org/10.1080/14799855.2024.2312345")).toBe("10.1080/14799855.2024.2312345");
    expect(doiOf('doi: "doi:10.3390/su16051234"')).toBe("10.3390/su16051234");
    expect(doiOf("doi: [10.5281/zenodo.1234567]")).toBe("10.5281/zenodo.1234567");
    expect(doiOf("doi: true\nDOI: 10.1017/S0020818324000012")).toBe("10.1017/S0020818324000012");
    for (const yaml of ["doi: true", "doi: false", "doi: 2024", "doi: 10.1177", "doi: pending"]) expect(doiOf(yaml), yaml).toBeUndefined();
  });

  it("leaves out booleans in every field but reads the rest, numbers as text", () => {
    const doc = parseMarkdown(
      [
        "---",
        "title: 1984",
        "subtitle: true",
        "doi: true",
        "toc: true",
        "author:",
        "  - name: Mara Ellison",
        "    email: true",
        "    affiliation: University of Leeds",
        "    orcid: 0000-0002-1825-0097",
        "  - true",
        "  - 42",
        "date: 2024",
        "abstract: false",
        "summary: Orwell's novel as a study of surveillance.",
        "keywords: [surveillance, true, 1984]",
        "funding: false",
        "---",
        body,
      ].join("\n"),
    );
    expect(doc.title).toBe("1984");
    expect(doc.metadata).toEqual({
      authors: [{ name: "Mara Ellison", degrees: [], affiliations: ["University of Leeds"], positions: [], identifiers: { ORCID: "0000-0002-1825-0097" } }],
      dateline: "2024",
      abstract: "Orwell's novel as a study of surveillance.",
      keywords: ["surveillance", "1984"],
    });
    // No block shows a switch's value as if it were the article's.
    expect(doc.blocks.filter((b) => /(?:^|: )(?:true|false)$/.test(b.text))).toEqual([]);
  });

  it("reads a block that is not a YAML mapping, an unclosed fence or an alias bomb as ordinary Markdown", () => {
    const notMapping = parseMarkdown("---\nJust a line between rules\n---\n\nA paragraph of text.");
    expect(notMapping.blocks.map((b) => b.text)).toContain("A paragraph of text.");
    const unclosed = parseMarkdown("---\ntitle: Open\n\nA paragraph of text.");
    expect(unclosed.blocks.some((b) => b.text.includes("A paragraph of text."))).toBe(true);
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 12; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`);
    // Expanded, these aliases would be 9 * 4^12 strings; the YAML is refused instead, title and all.
    const bomb = parseMarkdown(`---\ntitle: Bomb\n${lines.join("\n")}\n---\n\n# Title\n\nBody text here.`);
    expect(bomb.title).toBe("Title");
    // Nesting deeper than front matter ever does is refused before the parser sees it.
    const deep = parseMarkdown(`---\ntitle: Deep\na: ${"[".repeat(40)}${"]".repeat(40)}\n---\n\n# Title\n\nBody text here.`);
    expect(deep.title).toBe("Title");
  });

  it("writes nothing of an uploaded file's YAML to the server's log", () => {
    const warned: unknown[] = [];
    const spy = vi.spyOn(process, "emitWarning").mockImplementation((w: unknown) => void warned.push(w));
    const consoleSpy = vi.spyOn(console, "warn").mockImplementation((w: unknown) => void warned.push(w));
    try {
      // An unknown directive and an unknown tag: the YAML library warns about each, quoting the file.
      const doc = parseMarkdown(`---\n%${"FORGED LOG LINE ".repeat(500)}\n---\ntitle: !evil Warned\n---\n\nBody text here.`);
      const tagged = parseMarkdown("---\ntitle: !custom Tagged Title\n---\n\nBody text here.");
      expect(tagged.title).toBe("Tagged Title");
      expect(doc.blocks.length).toBeGreaterThan(0);
    } finally {
      spy.mockRestore();
      consoleSpy.mockRestore();
    }
    expect(warned).toEqual([]);
  });
});

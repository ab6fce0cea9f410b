import { describe, expect, it } from "vitest";
import { parseMarkdown } from "./markdown.ts";

const metaTexts = (md: string) => parseMarkdown(md).blocks.filter((b) => b.kind === "meta").map((b) => `${b.role}: ${b.text}`);

describe("TOML front matter", () => {
  it("reads [[authors]] tables, inline tables, literal and escaped strings, comments and a line-continued string", () => {
    const md = [
      "+++",
      "# Zola-style header",
      "title = 'Grid \"Flexibility\" Markets'",
      "date = 2023-05-09 08:00:00Z",
      'description = """',
      "Demand response in three \\",
      "    European markets.\"\"\"",
      "keywords = [",
      '  "electricity",  # a comment',
      '  "demand response",',
      "]",
      "",
      "[[authors]]",
      'name = "Marta Nowak"',
      'affiliations = [{ name = "Fraunhofer ISE" }]',
      'email = "m.nowak@example.org"',
      "",
      "[[authors]]",
      'name = "Ole Hansen\\u00e6"',
      "+++",
      "",
      "Body text.",
    ].join("\n");
    const doc = parseMarkdown(md);
    expect(doc.title).toBe('Grid "Flexibility" Markets');
    expect(metaTexts(md)).toEqual([
      "author: Marta Nowak",
      "affiliation: Fraunhofer ISE",
      "email: E-mail: m.nowak@example.org",
      "author: Ole Hansenæ",
      "dateline: 2023-05-09",
      "abstract: Demand response in three European markets.",
      "keywords: Keywords: electricity; demand response",
    ]);
    expect(doc.blocks.at(-1)?.text).toBe("Body text.");
  });

  it("reads a header that is not valid TOML as Markdown text, as before", () => {
    const doc = parseMarkdown("+++\ntitle = \n+++\n\n# Real title\n\nBody.");
    expect(doc.title).toBe("Real title");
    expect(doc.metadata.authors).toEqual([]);
  });
});

describe("Pandoc title block", () => {
  it("reads one author per continuation line, and an empty title field leaves the body's heading as title", () => {
    const md = "%\n% Ana Ribeiro\n  Jonas Keller\n%\n\n# Fiscal Rules\n\nText.";
    const doc = parseMarkdown(md);
    expect(doc.title).toBe("Fiscal Rules");
    expect(doc.metadata.authors.map((a) => a.name)).toEqual(["Ana Ribeiro", "Jonas Keller"]);
  });
});

describe("MultiMarkdown metadata", () => {
  it("reads two Author lines as two authors, and ignores layout keys", () => {
    const md = "Title: Ports and Power\nAuthor: Li Wei\nAuthor: Sara Costa\nLaTeX Mode: memoir\n\nBody.";
    const doc = parseMarkdown(md);
    expect(doc.title).toBe("Ports and Power");
    expect(metaTexts(md)).toEqual(["author: Li Wei", "author: Sara Costa"]);
  });

  it("leaves labelled lines without a Title as the article's text", () => {
    const doc = parseMarkdown("# Ports and Power\n\nNote: this draft is not for citation.\n\nBody.");
    expect(doc.blocks.some((b) => b.text === "Note: this draft is not for citation.")).toBe(true);
  });
});

describe("Hugo shortcodes", () => {
  it("are text in a file without front matter", () => {
    const texts = parseMarkdown("# T\n\n{{< figure >}}\n\nBody.").blocks.map((b) => b.text);
    expect(texts).toContain("{{< figure >}}");
  });

  it("drops a line that is only shortcodes after front matter, outside fenced code, and keeps prose beside one", () => {
    const md = '+++\ntitle = "T"\n+++\n\nFirst.\n\n{{< figure src="/a.png" caption="Prices" >}}\n{{% note %}}\n\nSee {{< ref "b.md" >}} for more.\n\n```\n{{< youtube x >}}\n```';
    const texts = parseMarkdown(md).blocks.filter((b) => b.kind === "paragraph").map((b) => b.text);
    expect(texts).toEqual(["First.", 'See {{< ref "b.md" >}} for more.', "{{< youtube x >}}"]);
  });
});

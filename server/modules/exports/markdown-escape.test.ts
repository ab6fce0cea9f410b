import { describe, expect, it } from "vitest";
import fc from "fast-check";
import MarkdownIt from "markdown-it";
import { DomUtils, parseDocument } from "htmlparser2";
import { escapeInline, escapeMarkdown, yamlString, type InlinePart } from "./markdown-escape.ts";
import { visibleText } from "./visible-text.ts";
import { readYaml } from "./test-fixtures.ts";

/** CommonMark as markdown-it implements it, raw HTML allowed: what a careless renderer does. */
const md = new MarkdownIt({ html: true });

/** Characters that mean something somewhere in CommonMark or GFM, plus plain ones around them. */
const ALPHABET = [..."aZ19 .,;:/\\`*_~<>&#!?[]()^@|=+-{}\"'\t\n", "www.", "http://", "&amp;", "&#60;", "<b>", "</i>", "<!--", "1. ", "- ", "> ", "```", "---", "\u0000", "\u0085", "é", "🚀"];
const userText = (maxLength = 24) => fc.array(fc.constantFrom(...ALPHABET), { maxLength }).map((a) => a.join(""));

const HTML_TEXT: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
const htmlText = (s: string) => s.replace(/[&<>"]/g, (c) => HTML_TEXT[c]!);

/**
 * What a paragraph holding `text` literally renders to in CommonMark: control characters
 * replaced, blank lines kept as bare breaks, trailing blank lines and the last line's trailing
 * whitespace dropped, line feeds as <br>.
 */
function literalParagraph(text: string): string {
  const lines = visibleText(text)
    .split("\n")
    .map((l) => (/^\s*$/u.test(l) ? "" : l));
  while (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  lines[lines.length - 1] = lines[lines.length - 1]!.replace(/\s+$/u, "");
  return lines.map(htmlText).join("<br>\n");
}

const asText = (parts: InlinePart[]) => parts.map((p) => (typeof p === "string" ? p : p.raw)).join("");

describe("escapeMarkdown", () => {
  it("leaves plain prose alone", () => {
    for (const s of ["24.8", "[email protected]", "@Name", "a < b and c > d", "AT&T", "snake_case_name", "2 * 3 = 6", "it's (fine) {ok} !bang", "1.5 million", "see [1]", "50% off", "C# and F#"]) {
      expect(escapeMarkdown(s), s).toBe(s);
    }
  });

  it("escapes what would become markup, and renders back to the same text", () => {
    const hostile = [
      "<script>alert(1)</script>",
      "<img src=x onerror=alert(1)>",
      "[x](javascript:alert(1))",
      "![x](https://evil.example/a.png)",
      "[ref]: https://evil.example",
      "# not a heading",
      "1. not a list",
      "- not an item",
      "> not a quote",
      "**not bold** and _not em_ and ~~not struck~~",
      "`code`",
      "&lt; &#60; &#x3c;",
      "<https://evil.example>",
      "see https://a.example/x or www.b.example or a@c.example",
      "a | b\n--|--\nc | d",
      "    indented code",
      "```\nfence\n```",
      "x[^1] and ^[inline note]",
      "line\n===",
      "trailing backslash\\",
    ];
    for (const s of hostile) expect(md.render(escapeMarkdown(s)), s).toBe(`<p>${literalParagraph(s)}</p>\n`);
  });

  it("renders any text literally as a paragraph, a list item, a quote or a heading", () => {
    fc.assert(
      fc.property(userText(), (s) => {
        const literal = literalParagraph(s);
        fc.pre(literal !== "");
        const escaped = escapeMarkdown(s);
        expect(md.render(escaped)).toBe(`<p>${literal}</p>\n`);
        expect(md.render(`- ${escaped}`)).toBe(`<ul>\n<li>${literal}</li>\n</ul>\n`);
        expect(md.render(`> ${escaped}`)).toBe(`<blockquote>\n<p>${literal}</p>\n</blockquote>\n`);
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(
        userText().map((s) => s.replace(/\n/g, " ")),
        (s) => {
          expect(md.render(`# ${escapeInline([s], { heading: true })}`)).toBe(`<h1>${htmlText(visibleText(s).trim())}</h1>\n`);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("keeps a note's lines and paragraphs as plain text when line feeds stay soft", () => {
    const squash = (t: string) => t.replace(/\s+/gu, " ").trim();
    fc.assert(
      fc.property(userText(), (s) => {
        const dom = parseDocument(md.render(escapeInline([s], { blockStart: true, newlines: "soft" })));
        const tags = DomUtils.getElementsByTagName(() => true, dom.children, true).map((e) => e.name);
        expect(tags.filter((t) => t !== "p" && t !== "br")).toEqual([]);
        expect(squash(DomUtils.textContent(dom))).toBe(squash(visibleText(s)));
      }),
      { numRuns: 3000 },
    );
  });

  it("keeps footnote markers and the raw Markdown around user text intact", () => {
    const marker = fc.integer({ min: 1, max: 99 }).map((n) => ({ raw: `[^${n}]` }));
    fc.assert(
      fc.property(fc.array(fc.oneof(userText(8), marker), { minLength: 1, maxLength: 6 }), (parts) => {
        const literal = literalParagraph(asText(parts));
        fc.pre(literal !== "");
        expect(md.render(escapeInline(parts, { blockStart: true }))).toBe(`<p>${literal}</p>\n`);
      }),
      { numRuns: 3000 },
    );
    // User text right after a marker cannot turn it into a link or a definition.
    expect(md.render(escapeInline(["ends here", { raw: "[^1]" }, "(2019): next"], { blockStart: true }))).toBe("<p>ends here[^1](2019): next</p>\n");
    expect(md.render(escapeInline([{ raw: "[^2]" }, ": x"], { blockStart: true }))).toBe("<p>[^2]: x</p>\n");
    // Around a raw "**label**", a user asterisk stays an asterisk.
    expect(md.render(escapeInline([{ raw: "**" }, "*Ana*", { raw: "**: " }, "hi"]))).toBe("<p><strong>*Ana*</strong>: hi</p>\n");
  });
});

describe("yamlString", () => {
  it("parses back to the same value and holds no raw HTML or Markdown punctuation", () => {
    expect(yamlString("d_abc9")).toBe('"d_abc9"');
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom(...ALPHABET), fc.string({ unit: "binary", maxLength: 2 })), maxLength: 20 }), (s) => {
        const y = yamlString(s);
        expect(readYaml(`v: ${y}\n`)).toEqual({ v: s });
        expect(y).not.toMatch(/[<>&[\]`*~]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/u);
        // Shown as text by a Markdown renderer, it is one plain paragraph.
        const names = DomUtils.getElementsByTagName(() => true, parseDocument(md.render(`title: ${y}`)).children, true).map((e) => e.name);
        expect(names.filter((n) => n !== "p")).toEqual([]);
      }),
      { numRuns: 2000 },
    );
    const title = `<img src=x onerror=alert(1)> & [x](https://evil.example) *em* "q" \\ \u0000\u0085\u2028`;
    expect(readYaml(`title: ${yamlString(title)}\n`)).toEqual({ title });
    expect(md.render(`title: ${yamlString(title)}`)).not.toMatch(/<(?!\/?p>)/);
  });
});

describe("CriticMarkup in user text", () => {
  const CRITIC = /\{(?:~~|--|\+\+|==|>>)|~>|(?:~~|--|\+\+|==|<<)\}/g;

  it("never lets user text open, split or close a change, and still renders it literally", () => {
    fc.assert(
      fc.property(userText(), (s) => {
        expect(escapeMarkdown(s)).not.toMatch(CRITIC);
      }),
      { numRuns: 3000 },
    );
    for (const s of ["{~~old~>new~~}", "{--gone--}", "{++added++}", "{==marked==}", "{>>note<<}", "a ~> b"]) {
      expect(escapeMarkdown(s), s).not.toMatch(CRITIC);
      expect(md.render(escapeMarkdown(s)), s).toBe(`<p>${literalParagraph(s)}</p>\n`);
    }
  });

  it("leaves the export's own delimiters the only ones around user text", () => {
    for (const s of ["{~~x~>y~~}", "{--gone--}", "a ~> b", "{>>note<<}", "plain words"]) {
      const out = escapeInline([{ raw: "{~~" }, s, { raw: "~>" }, s, { raw: "~~}" }]);
      expect(out.match(CRITIC), s).toEqual(["{~~", "~>", "~~}"]);
    }
  });
});

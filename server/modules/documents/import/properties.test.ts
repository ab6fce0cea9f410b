import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasVisibleText } from "./document-title.ts";
import { parseHtml } from "./html.ts";
import { parseMarkdown } from "./markdown.ts";
import { parsePlainText } from "./plain-text.ts";
import type { ImportedDocument } from "./types.ts";

/** Pieces that exercise the parsers' special cases, mixed with arbitrary code points. */
const TRICKY = [
  "•", "-", "*", "–", "—", "‣", "◦", ">", "1.", "2)", "(a)", "(iv)", "“", "”", "‘", "’", "«", "??", "Ã©", "\uFFFD",
  "\uD800", "\uDFFF", ":", ".", ",", "…", "@", "#", "<", "&amp;", "\u0000", "\u0085",
];
const WHITESPACE = [" ", "  ", "\t", "\u00a0", "\u2028", "\uFEFF", "\u3000", "\v", "\f"];
const META_LINES = [
  "ORCID: 0000-0002-1825-0097", "ResearcherID: A-1234-2008", "Email: a@b.org", "Jane Doe, PhD", "By Ann Lee",
  "Department of History, University of X", "Vol. 3, No. 1 · Spring 2026", "Tel.: +44 20 7946 0958",
  "12 High Street, London SW1A 1AA, United Kingdom", "PhD (Oxon), M.Sc.", "Introduction",
];

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 3 }) },
  { weight: 4, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 8 }) },
  { weight: 3, arbitrary: fc.constantFrom(...WHITESPACE) },
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 1, arbitrary: fc.constantFrom(...META_LINES) },
);
const line = fc.array(piece, { maxLength: 10 }).map((parts) => parts.join(""));
const separator = fc.constantFrom("\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\n \t\n", "\r\r");
const anyText = fc
  .array(fc.tuple(line, separator), { minLength: 1, maxLength: 25 })
  .map((pairs) => pairs.map(([l, s]) => l + s).join(""));

const nonWhitespace = (s: string) => s.replace(/\s/g, "");

/**
 * Lines that could open a list or quote get an "x" in front, so no marker is
 * stripped and every non-whitespace character must come through.
 */
const MARKER_START = /^\s*(?:[•‣◦▪●○■*>\-–—(]|\d|[a-z]\))/u;
function withoutMarkers(text: string): string {
  return text
    .split(/(\r\n|\r|\n)/)
    .map((part, i) => (i % 2 === 0 && MARKER_START.test(part) ? `x${part}` : part))
    .join("");
}

function isSubsequence(needle: string, haystack: string): boolean {
  let j = 0;
  for (let i = 0; i < haystack.length && j < needle.length; i++) if (haystack[i] === needle[j]) j++;
  return j === needle.length;
}

function checkShape(doc: ImportedDocument): void {
  for (const block of doc.blocks) {
    expect(block.text).not.toBe("");
    for (const mark of block.marks ?? []) {
      expect(mark.start).toBeGreaterThanOrEqual(0);
      expect(mark.end).toBeGreaterThan(mark.start);
      expect(mark.end).toBeLessThanOrEqual(block.text.length);
      if (mark.href !== undefined) expect(mark.href).toMatch(/^(?:https?|mailto):/);
    }
  }
}

describe("parsePlainText properties", () => {
  it("keeps every non-whitespace character, in order, when no line starts with a marker", () => {
    fc.assert(
      // Without form feeds: a form feed starts a page, and a page's number line ("\f 0") is dropped as the page's furniture.
      fc.property(anyText.map((text) => withoutMarkers(text.replace(/\f/g, " "))), (input) => {
        fc.pre(hasVisibleText(input));
        const doc = parsePlainText(input);
        // A line of characters that show nothing (a lone combining mark, a zero-width space) is a blank line.
        const shown = input.split(/\r\n|\r|\n/).filter(hasVisibleText).join("\n");
        expect(nonWhitespace(doc.blocks.map((b) => b.text).join(""))).toBe(nonWhitespace(shown));
        for (const block of doc.blocks) expect(block.text).toBe(block.text.trim());
      }),
      { numRuns: 400 },
    );
  });

  it("never throws on arbitrary text, and only drops list/quote markers", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.string({ unit: "binary", maxLength: 200 })), (input) => {
        fc.pre(hasVisibleText(input));
        const doc = parsePlainText(input);
        checkShape(doc);
        // The title is the first block but for lines over it that turned out to be front matter (a cover line, a running head).
        const title = doc.blocks.findIndex((b) => b.role === "title");
        expect(doc.blocks[title]).toMatchObject({ kind: "heading", role: "title" });
        expect(doc.blocks.slice(0, title).every((b) => b.kind === "meta")).toBe(true);
        expect(isSubsequence(nonWhitespace(doc.blocks.map((b) => b.text).join("")), nonWhitespace(input))).toBe(true);
        // Meta lines only ever come before the body, except notes from a page's foot and a closing run of addresses.
        const firstBody = doc.blocks.findIndex((b, i) => i > title && b.kind !== "meta" && b.role !== "subtitle");
        let closing = doc.blocks.length;
        while (closing > 0 && doc.blocks[closing - 1]?.kind === "meta") closing--;
        if (firstBody > 0) expect(doc.blocks.slice(firstBody, closing).some((b) => b.kind === "meta" && b.role !== "footnote" && b.role !== "bio")).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it("reads bulleted items exactly, joining their wrapped lines with one space", () => {
    const itemLine = fc
      .array(fc.oneof(piece, fc.constantFrom("word", "two words")), { minLength: 1, maxLength: 6 })
      .map((parts) => parts.join("").replace(/[\r\n]/g, "").trim())
      .filter((l) => hasVisibleText(l) && l.length <= 100 && !MARKER_START.test(l));
    const items = fc.array(fc.array(itemLine, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(items, fc.constantFrom("•", "◦", "‣"), (list, bullet) => {
        const text = `Title\n\n${list.map((lines) => `${bullet} ${lines.join("\n  ")}`).join("\n")}\n`;
        const doc = parsePlainText(text);
        expect(doc.blocks.slice(1).map((b) => [b.kind, b.text, b.depth])).toEqual(
          list.map((lines) => ["listItem", lines.join(" "), 0]),
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe("parseMarkdown and parseHtml properties", () => {
  const markup = fc.constantFrom(
    "#", "## ", "*", "**", "_", "`", "```", "[", "](", ")", "<", ">", "</", "<script>", "</script>", "<b>", "</p>",
    "<p>", "<li>", "<ul>", "<a href=\"javascript:alert(1)\">", "<a href='https://x.org'>", "&amp;", "&#0;", "&#xD800;",
    "<!--", "-->", "<![CDATA[", "]]>", "\n", "\n\n", "- ", "1. ", "> ", "|", "---", "    ", "\\", "<br>", "<svg>",
  );
  const markupText = fc
    .array(fc.oneof(piece, markup), { maxLength: 60 })
    .map((parts) => parts.join(""));
  const inputs = fc.oneof(markupText, fc.string({ unit: "binary", maxLength: 300 }));

  it("parseMarkdown never throws and produces well-formed blocks", () => {
    fc.assert(
      fc.property(inputs, (input) => checkShape(parseMarkdown(input))),
      { numRuns: 400 },
    );
  });

  it("parseHtml never throws, produces well-formed blocks and never keeps a tag or unsafe link", () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const doc = parseHtml(input);
        checkShape(doc);
        // Escaped markup ("&lt;script") is legitimate text; without entities no tag can leak into a block.
        if (!input.includes("&")) for (const block of doc.blocks) expect(block.text).not.toMatch(/<script/i);
      }),
      { numRuns: 400 },
    );
  });
});

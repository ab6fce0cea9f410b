import { describe, expect, it } from "vitest";
import { marked } from "marked";
import { csvCell } from "./csv.ts";
import { escapeMarkdown } from "./markdown.ts";
import { escapeHtml } from "./html.ts";
import { codePoints, paragraphStarts } from "./jsonld.ts";

describe("format helpers", () => {
  it("neutralises formula-looking CSV cells and quotes per RFC 4180", () => {
    expect(csvCell("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@cmd")).toBe("'@cmd");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell("\rx")).toBe(`"'\rx"`);
    expect(csvCell('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell("plain")).toBe("plain");
  });

  it("escapes Markdown so hostile text renders literally", async () => {
    const hostile = ["<script>alert(1)</script>", "[x](javascript:alert(1))", "# not a heading", "1. not a list", "**not bold**", "&lt;", "- not an item", "`code`", "<https://evil.example>", "see https://a.example/x or www.b.example or a@c.example"];
    for (const s of hostile) {
      const html = await marked.parse(escapeMarkdown(s));
      expect(html.replace(/^<p>|<\/p>\n$/g, "")).toBe(escapeHtml(s).replace(/&#39;/g, "'").replace(/&quot;/g, '"'));
    }
  });

  it("counts code points, not UTF-16 units, for JSON-LD positions", () => {
    expect(codePoints("a🚀b")).toBe(3);
    expect(paragraphStarts(["🚀🚀", "x", ""])).toEqual([0, 3, 5]);
  });
});

import { describe, expect, it } from "vitest";
import { parseMarkdown } from "./markdown.ts";
import { boundNesting, MAX_PREFIX_INDENT, MAX_PREFIX_MARKERS } from "./markdown-nesting.ts";

describe("boundNesting", () => {
  it("leaves ordinary lists, quotes, code and prose exactly as written", () => {
    const text = [
      "# Title",
      "",
      "- one",
      "  - two",
      "    1. three",
      "       > quoted in a list",
      "> > a nested quote",
      "    indented code line",
      "Prose with - dashes and 1. numbers.",
      "* * *",
    ].join("\n");
    expect(boundNesting(text)).toBe(text);
  });

  it("keeps at most MAX_PREFIX_MARKERS markers on a line", () => {
    const line = `${"1. ".repeat(40)}deep`;
    expect(boundNesting(line)).toBe(`${"1. ".repeat(MAX_PREFIX_MARKERS)}deep`);
    expect(boundNesting(`${"> - ".repeat(20)}x`)).toBe(`${"> - ".repeat(MAX_PREFIX_MARKERS / 2)}x`);
  });

  it("cuts indentation before a marker to MAX_PREFIX_INDENT columns, tabs counted as 4", () => {
    expect(boundNesting(`${" ".repeat(200)}- item`)).toBe(`${" ".repeat(MAX_PREFIX_INDENT)}- item`);
    expect(boundNesting(`${"\t".repeat(50)}- item`)).toBe(`${" ".repeat(MAX_PREFIX_INDENT)}- item`);
    // Indentation before text that is not a marker (code) is kept.
    expect(boundNesting(`${" ".repeat(200)}code`)).toBe(`${" ".repeat(200)}code`);
  });

  it("writes a long thematic break with three marks, keeping whether they were spaced", () => {
    expect(boundNesting(`Para\n${"_".repeat(5_000)}\nNext`)).toBe("Para\n___\nNext");
    expect(boundNesting(`Para\n${"-".repeat(5_000)}`)).toBe("Para\n---");
    expect(boundNesting(`Para\n${"- ".repeat(3_000)}`)).toBe("Para\n- - -");
    expect(boundNesting(`  ${"*".repeat(2_000)}  `)).toBe("  ***");
    // Not a break: another character on the line, or short.
    expect(boundNesting(`${"_".repeat(5_000)}x`)).toBe(`${"_".repeat(5_000)}x`);
    expect(boundNesting("-----")).toBe("-----");
    // A setext underline stays one, a spaced break stays a break.
    const heading = parseMarkdown(`# Title\n\nA Section\n${"-".repeat(5_000)}\n\nText.`);
    expect(heading.blocks.some((b) => b.kind === "heading" && b.text === "A Section")).toBe(true);
    const rule = parseMarkdown(`# Title\n\nA line\n${"- ".repeat(3_000)}\n\nText.`);
    expect(rule.blocks.some((b) => b.kind === "paragraph" && b.text === "A line")).toBe(true);
  });

  it("leaves fenced code untouched", () => {
    const fenced = ["```", `${"- ".repeat(40)}x`, `${" ".repeat(100)}- y`, "```", `${"- ".repeat(40)}z`].join("\n");
    const out = boundNesting(fenced).split("\n");
    expect(out.slice(0, 4)).toEqual(fenced.split("\n").slice(0, 4));
    expect(out[4]).toBe(`${"- ".repeat(MAX_PREFIX_MARKERS)}z`);
  });
});

describe("deeply nested Markdown lists", () => {
  it("read a line of 100,000 list markers as one item at a bounded depth", () => {
    const doc = parseMarkdown(`# Title\n\n${"1. ".repeat(100_000)}deep`);
    const items = doc.blocks.filter((b) => b.kind === "listItem");
    expect(items.map((b) => b.text)).toEqual(["deep"]);
    expect(items[0]?.depth).toBe(MAX_PREFIX_MARKERS - 1);
  });

  it("read a list indented one tab deeper on each line without nesting it thousands deep", () => {
    const lines = Array.from({ length: 3_000 }, (_, i) => `${"\t".repeat(i)}- item ${i}`);
    const doc = parseMarkdown(`# Title\n\n${lines.join("\n")}`);
    const items = doc.blocks.filter((b) => b.kind === "listItem");
    expect(items.length).toBeGreaterThan(0);
    expect(Math.max(...items.map((b) => b.depth ?? 0))).toBeLessThanOrEqual(MAX_PREFIX_INDENT);
    expect(items.map((b) => b.text).join(" ")).toContain("item 2999");
  });
});

import { describe, expect, it } from "vitest";
import { getSchema } from "@tiptap/core";
import { articleContent, splitContent } from "./article-doc.ts";
import { articleExtensions } from "./article-schema.ts";
import { paragraph } from "./test-doc.ts";

const paragraphs = [
  paragraph("p_title", 0, "The Title", { kind: "heading", level: 1, role: "title" }),
  paragraph("p_author", 1, "Ana Author", { kind: "meta", role: "author" }),
  paragraph("p_1", 2, "Alpha beta gamma."),
  paragraph("p_2", 3, "First item", { kind: "listItem", depth: 0 }),
  paragraph("p_3", 4, "Second item", { kind: "listItem", depth: 1 }),
  paragraph("p_4", 5, "A quoted line.", { kind: "quote" }),
  paragraph("p_5", 6, "Last words."),
];

describe("splitContent", () => {
  const schema = getSchema(articleExtensions());
  const whole = articleContent(paragraphs);

  it("cuts the article after its first top-level nodes (front matter and lists whole); the pieces put together are the article", () => {
    const { first, rest } = splitContent(whole, 2);
    expect(first.content!.map((n) => n.type)).toEqual(["frontMatter", "paragraph"]);
    expect(rest.map((n) => n.type)).toEqual(["bulletList", "quote", "paragraph"]);
    const start = schema.nodeFromJSON(first);
    const joined = start.copy(start.content.append(schema.nodeFromJSON({ type: "doc", content: rest }).content));
    expect(joined.eq(schema.nodeFromJSON(whole))).toBe(true);
  });

  it("leaves a short article whole", () => {
    expect(splitContent(whole, 5)).toEqual({ first: whole, rest: [] });
    expect(splitContent(whole, 40).rest).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { getSchema } from "@tiptap/core";
import { articleContent, articleInPieces } from "./article-doc.ts";
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

describe("articleInPieces", () => {
  const schema = getSchema(articleExtensions());
  const whole = articleContent(paragraphs);
  const all = <T>(it: Iterator<T, void, undefined>) => {
    const out: T[] = [];
    for (let n = it.next(); !n.done; n = it.next()) out.push(n.value);
    return out;
  };

  it("cuts the article after its first top-level nodes (front matter and lists whole); the pieces put together are the article", () => {
    // Given out of order: the article is in position order.
    const pieces = articleInPieces([...paragraphs].reverse(), 2);
    expect(pieces.first.content!.map((n) => n.type)).toEqual(["frontMatter", "paragraph"]);
    expect(pieces.left).toBe(4);
    const rest = all(pieces.rest());
    expect(rest.map((n) => n.type)).toEqual(["bulletList", "quote", "paragraph"]);
    // Each call starts again after the first nodes.
    expect(all(pieces.rest())).toEqual(rest);
    const start = schema.nodeFromJSON(pieces.first);
    const joined = start.copy(start.content.append(schema.nodeFromJSON({ type: "doc", content: rest }).content));
    expect(joined.eq(schema.nodeFromJSON(whole))).toBe(true);
  });

  it("cuts after a list, and at no fewer than one node", () => {
    const afterList = articleInPieces(paragraphs, 3);
    expect(afterList.first.content!.map((n) => n.type)).toEqual(["frontMatter", "paragraph", "bulletList"]);
    expect(afterList.left).toBe(2);
    expect(all(afterList.rest()).map((n) => n.type)).toEqual(["quote", "paragraph"]);
    const one = articleInPieces(paragraphs, 0);
    expect(one.first.content!.map((n) => n.type)).toEqual(["frontMatter"]);
    expect(one.left).toBe(5);
  });

  it("leaves a short article whole", () => {
    for (const first of [5, 40]) {
      const pieces = articleInPieces(paragraphs, first);
      expect(pieces.first).toEqual(whole);
      expect(pieces.left).toBe(0);
      expect(all(pieces.rest())).toEqual([]);
    }
    expect(articleInPieces([], 40)).toMatchObject({ first: { type: "doc", content: [] }, left: 0 });
  });
});

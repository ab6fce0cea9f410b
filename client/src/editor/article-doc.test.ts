import { describe, expect, it } from "vitest";
import { getSchema, type JSONContent } from "@tiptap/core";
import { articleContent, articleInPieces } from "./article-doc.ts";
import { articleExtensions } from "./article-schema.ts";
import { paragraph } from "./test-doc.ts";
import { SECTION_MAX, SECTION_MIN } from "./article-sections.ts";
import type { ParagraphDto } from "../../../common/documents.ts";

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

  it("puts the body in sections after the front matter; the pieces put together are the article", () => {
    // Given out of order: the article is in position order.
    const pieces = articleInPieces([...paragraphs].reverse(), 0);
    expect(pieces.first.content!.map((n) => n.type)).toEqual(["frontMatter"]);
    expect(pieces.left).toBe(5);
    const rest = all(pieces.rest());
    expect(rest.map((n) => n.type)).toEqual(["section"]);
    expect(rest[0]!.content!.map((n) => n.type)).toEqual(["paragraph", "bulletList", "quote", "paragraph"]);
    // Each call starts again after the first nodes.
    expect(all(pieces.rest())).toEqual(rest);
    const start = schema.nodeFromJSON(pieces.first);
    const joined = start.copy(start.content.append(schema.nodeFromJSON({ type: "doc", content: rest }).content));
    expect(joined.eq(schema.nodeFromJSON(whole))).toBe(true);
  });

  it("cuts a long article after whole sections holding at least the blocks asked for", () => {
    const long = Array.from({ length: 1000 }, (_, i) => paragraph(`p_long_${i}`, i, `Paragraph ${i}.`));
    const pieces = articleInPieces(long, 40);
    const firstSections = pieces.first.content!;
    const blocksIn = (ns: JSONContent[]) => ns.reduce((n, s) => n + s.content!.length, 0);
    expect(blocksIn(firstSections)).toBeGreaterThanOrEqual(40);
    expect(blocksIn(firstSections.slice(0, -1))).toBeLessThan(40);
    const rest = all(pieces.rest());
    expect(pieces.left).toBe(blocksIn(rest));
    expect([...firstSections, ...rest]).toEqual(articleContent(long).content);
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

describe("the body's sections", () => {
  const body = (n: number, prefix = "p") => Array.from({ length: n }, (_, i) => paragraph(`${prefix}_${i.toString(36)}_x`, i * 10, `Paragraph ${i}.`));
  /** Each section's paragraph ids. */
  const sectionsOf = (ps: ParagraphDto[]) => articleContent(ps).content!.filter((n) => n.type === "section").map((s) => s.content!.map((b) => String(b.attrs!.pid)));

  it("hold between SECTION_MIN and SECTION_MAX blocks (the last may be shorter), every block once, in order", () => {
    const ps = body(5000);
    const sections = sectionsOf(ps);
    expect(sections.flat()).toEqual(ps.map((p) => p.id));
    for (const s of sections.slice(0, -1)) {
      expect(s.length).toBeGreaterThanOrEqual(SECTION_MIN);
      expect(s.length).toBeLessThanOrEqual(SECTION_MAX);
    }
    // Near one block in 32 starts a section: far fewer sections than blocks, far more than one.
    expect(sections.length).toBeGreaterThan(5000 / SECTION_MAX);
    expect(sections.length).toBeLessThan(5000 / 16);
  });

  it("change only around a paragraph added or removed", () => {
    const ps = body(3000);
    const before = sectionsOf(ps);
    const key = (s: string[]) => s.join(" ");
    for (const at of [0, 17, 1500, 2999]) {
      const added = [...ps.slice(0, at + 1), paragraph("p_new_one", ps[at]!.position + 5, "New."), ...ps.slice(at + 1)];
      const removed = ps.filter((_, i) => i !== at);
      for (const after of [sectionsOf(added), sectionsOf(removed)]) {
        const kept = new Set(before.map(key));
        const changed = after.filter((s) => !kept.has(key(s)));
        // The sections holding the change, and at most a few after a long one is cut again.
        expect(changed.length).toBeLessThanOrEqual(4);
        expect(after.length - changed.length).toBeGreaterThanOrEqual(before.length - 5);
      }
    }
  });

  it("keep a list whole, in one section", () => {
    const ps = [...body(40), ...Array.from({ length: 200 }, (_, i) => paragraph(`li_${i}`, 1000 + i, `Item ${i}`, { kind: "listItem", depth: 0 })), ...body(40, "q").map((p) => ({ ...p, position: p.position + 5000 }))];
    const doc = articleContent(ps);
    const lists = doc.content!.flatMap((s) => s.content!.filter((b) => b.type === "bulletList"));
    expect(lists).toHaveLength(1);
    expect(lists[0]!.content).toHaveLength(200);
  });
});

import { describe, expect, it } from "vitest";
import { EditOpSchema } from "../../../../common/editing.ts";
import { META_ROLES, type ParagraphDto } from "../../../../common/documents.ts";
import { matchRoute } from "../../app/router.tsx";
import { BODY_CHOICES, FRONT_MATTER_CHOICES, applyEdit, authorDetails, choiceOf, dateRows, lineCuts, mergeOps, moveToFrontOp, readMetadata, roleLabel, roleOp, sections, splitOps } from "./structure-model.ts";

const para = (id: string, position: number, kind: ParagraphDto["kind"], text: string, role: string | null = null, level: number | null = null): ParagraphDto => ({
  id,
  position,
  version: 3,
  kind,
  text,
  level,
  role,
  depth: kind === "listItem" ? 0 : null,
  ordered: kind === "listItem" ? false : null,
  marks: null,
});

describe("role choices", () => {
  it("offers every front-matter role, the subtitle and the body kinds, and each makes an op the server's schema accepts", () => {
    const values = [...FRONT_MATTER_CHOICES, ...BODY_CHOICES].map((o) => o.value);
    for (const r of META_ROLES) expect(values).toContain(`meta:${r}`);
    expect(values).toEqual(expect.arrayContaining(["subtitle", "paragraph", "heading:1", "heading:2", "heading:3", "listItem", "quote"]));
    const p = para("p1", 0, "paragraph", "Elena Petrova");
    for (const v of values) {
      const op = roleOp(p, v);
      expect(EditOpSchema.safeParse(op).success, v).toBe(true);
      expect(op).toMatchObject({ op: "role", paragraphId: "p1", baseVersion: 3 });
    }
    expect(roleOp(p, "meta:author")).toEqual({ op: "role", paragraphId: "p1", baseVersion: 3, kind: "meta", role: "author" });
    expect(roleOp(p, "subtitle")).toEqual({ op: "role", paragraphId: "p1", baseVersion: 3, kind: "heading", role: "subtitle" });
    expect(roleOp(p, "heading:3")).toEqual({ op: "role", paragraphId: "p1", baseVersion: 3, kind: "heading", role: null, level: 3 });
    expect(roleOp(p, "quote")).toEqual({ op: "role", paragraphId: "p1", baseVersion: 3, kind: "quote", role: null });
  });

  it("reads what a block is now, including the title, a roleless meta block and a deep heading", () => {
    expect(choiceOf(para("a", 0, "meta", "x", "affiliation"))).toBe("meta:affiliation");
    expect(choiceOf(para("a", 0, "meta", "x", null))).toBe("");
    expect(roleLabel(para("a", 0, "meta", "x", null))).toBe("Front matter, no role yet");
    expect(choiceOf(para("a", 0, "heading", "x", "subtitle", 2))).toBe("subtitle");
    expect(choiceOf(para("a", 0, "heading", "x", "title", 1))).toBe("title");
    expect(roleLabel(para("a", 0, "heading", "x", "title", 1))).toBe("Title");
    expect(choiceOf(para("a", 0, "heading", "x", null, 2))).toBe("heading:2");
    expect(roleLabel(para("a", 0, "heading", "x", null, 5))).toBe("Heading, level 5");
    expect(roleLabel(para("a", 0, "meta", "x", "author"))).toBe("Author name (starts a new author)");
    expect(choiceOf(para("a", 0, "listItem", "x"))).toBe("listItem");
  });
});

describe("splitting", () => {
  it("cuts at a caret between words: the new block starts at the word, the first part loses its trailing space in the same edit", () => {
    const p = { id: "p1", version: 4, text: "Uppsala University, Sweden marcus@example.se" };
    const ops = splitOps(p, 26);
    expect(ops).toEqual([
      { op: "split", paragraphId: "p1", baseVersion: 4, offset: 27 },
      { op: "text", paragraphId: "p1", baseVersion: 5, text: "Uppsala University, Sweden" },
    ]);
    // A caret right after the space cuts at the same place.
    expect(splitOps(p, 27)).toEqual(ops);
    for (const op of ops!) expect(EditOpSchema.safeParse(op).success).toBe(true);
  });

  it("cuts inside a word as asked, with no text step when there is no space to drop", () => {
    expect(splitOps({ id: "p", version: 1, text: "ElenaPetrova" }, 5)).toEqual([{ op: "split", paragraphId: "p", baseVersion: 1, offset: 5 }]);
  });

  it("refuses a cut with nothing on one side", () => {
    const p = { id: "p", version: 1, text: "  Elena Petrova  " };
    expect(splitOps(p, 0)).toBeNull();
    expect(splitOps(p, 2)).toBeNull();
    expect(splitOps(p, 15)).toBeNull();
    expect(splitOps(p, 99)).toBeNull();
  });

  it("splits a multi-line block at its line breaks, dropping the break", () => {
    const text = "Department of Economic History\nUppsala University\n\nmarcus@example.se\n";
    const cuts = lineCuts(text);
    expect(cuts.map((c) => c.line)).toEqual(["Department of Economic History", "Uppsala University"]);
    expect(cuts.map((c) => c.offset)).toEqual([30, 49]);
    expect(splitOps({ id: "p", version: 2, text }, cuts[1]!.offset)).toEqual([
      { op: "split", paragraphId: "p", baseVersion: 2, offset: 51 },
      { op: "text", paragraphId: "p", baseVersion: 3, text: "Department of Economic History\nUppsala University" },
    ]);
    expect(lineCuts("one line only")).toEqual([]);
  });
});

describe("the block list", () => {
  const blocks = [
    para("t", 0, "heading", "Harbours After the Blockade", "title", 1),
    para("a", 1, "meta", "Elena Petrova, PhD", "author"),
    para("h", 2, "heading", "Marcus Lindqvist", null, 2),
    para("b", 3, "paragraph", "Abstract. Shipping lanes shifted south."),
    para("c", 4, "paragraph", "Grain exporters looked for routes."),
  ];

  it("puts the leading run of title, subtitle and meta blocks first and the rest after, in order", () => {
    const { front, body } = sections([...blocks].reverse());
    expect(front.map((p) => p.id)).toEqual(["t", "a"]);
    expect(body.map((p) => p.id)).toEqual(["h", "b", "c"]);
  });

  it("applies an edit's answer: changed blocks replaced, new ones placed by the order, retired ones gone", () => {
    const changedH = { ...blocks[2]!, kind: "meta" as const, role: "author", level: null, version: 4 };
    const after = applyEdit(blocks, { paragraphs: [changedH], retired: [], order: null });
    expect(after.map((p) => p.id)).toEqual(["t", "a", "h", "b", "c"]);
    expect(after[2]).toBe(changedH);
    expect(sections(after).front.map((p) => p.id)).toEqual(["t", "a", "h"]);

    const tail = para("n", 0, "paragraph", "Shipping lanes shifted south.");
    const split = applyEdit(after, { paragraphs: [{ ...blocks[3]!, text: "Abstract.", version: 4 }, tail], retired: [], order: ["t", "a", "h", "b", "n", "c"] });
    expect(split.map((p) => [p.id, p.position])).toEqual([
      ["t", 0],
      ["a", 1],
      ["h", 2],
      ["b", 3],
      ["n", 4],
      ["c", 5],
    ]);
    expect(split[3]!.text).toBe("Abstract.");

    const merged = applyEdit(split, { paragraphs: [{ ...split[3]!, text: "Abstract. Shipping lanes shifted south.", version: 5 }], retired: ["n"], order: ["t", "a", "h", "b", "c"] });
    expect(merged.map((p) => p.id)).toEqual(["t", "a", "h", "b", "c"]);
    expect(merged[3]!.text).toBe("Abstract. Shipping lanes shifted south.");
  });
});

describe("metadata for display", () => {
  it("keeps well-formed fields and drops malformed ones", () => {
    const m = readMetadata({
      authors: [
        { name: "Elena Petrova", degrees: ["PhD"], affiliations: ["Institute of Maritime Studies"], positions: [], identifiers: { ORCID: "0000-0002-1825-0097", bad: 3 }, email: "elena@example.org" },
        { name: "" },
        "nonsense",
        { name: "Marcus Lindqvist", degrees: "MA", affiliations: [1, "Uppsala University"] },
      ],
      subtitle: "Insurance and grain",
      keywords: ["shipping", 4, "grain"],
      dates: { received: "3 March 2024", accepted: 7 },
      doi: "",
    });
    expect(m.authors.map((a) => a.name)).toEqual(["Elena Petrova", "Marcus Lindqvist"]);
    expect(m.authors[0]!.identifiers).toEqual({ ORCID: "0000-0002-1825-0097" });
    expect(m.authors[1]).toMatchObject({ degrees: [], affiliations: ["Uppsala University"], positions: [] });
    expect(m.keywords).toEqual(["shipping", "grain"]);
    expect(m.doi).toBeUndefined();
    expect(dateRows(m)).toEqual([{ label: "Received", value: "3 March 2024" }]);
    expect(readMetadata(null)).toEqual({ authors: [] });
    expect(readMetadata("x").authors).toEqual([]);
  });

  it("lists an author's details in reading order, only those present", () => {
    const rows = authorDetails({
      name: "Elena Petrova",
      degrees: ["PhD", "MA"],
      affiliations: ["Institute of Maritime Studies", "Riga Technical University"],
      positions: ["Senior Fellow"],
      identifiers: { ORCID: "0000-0002-1825-0097" },
      email: "elena@example.org",
      bio: "Elena studies ports.",
    });
    expect(rows.map((r) => r.label)).toEqual(["Degrees", "Affiliation", "Affiliation", "Position", "ORCID", "E-mail", "About"]);
    expect(rows[0]!.value).toBe("PhD; MA");
    expect(authorDetails({ name: "X", degrees: [], affiliations: [], positions: [], identifiers: {} })).toEqual([]);
  });
});

describe("route", () => {
  it("opens the structure view at /d/:id/structure", () => {
    expect(matchRoute("/d/doc1/structure")).toEqual({ name: "documentStructure", id: "doc1" });
    expect(matchRoute("/d/doc1").name).toBe("document");
  });
});

describe("merging", () => {
  it("joins the next block as is when a space is already there, and adds one in the same edit otherwise", () => {
    expect(mergeOps({ id: "p", version: 2, text: "Abstract. " }, { text: "It follows grain." })).toEqual([{ op: "merge", paragraphId: "p", baseVersion: 2 }]);
    expect(mergeOps({ id: "p", version: 2, text: "Abstract." }, { text: "It follows grain." })).toEqual([
      { op: "text", paragraphId: "p", baseVersion: 2, text: "Abstract. " },
      { op: "merge", paragraphId: "p", baseVersion: 3 },
    ]);
    expect(mergeOps({ id: "p", version: 2, text: "" }, { text: "x" })).toEqual([{ op: "merge", paragraphId: "p", baseVersion: 2 }]);
  });
});

describe("moving to the front matter", () => {
  it("moves a block after the last leading front-matter block, or to the start when there is none", () => {
    const front = [para("t", 0, "heading", "T", "title", 1), para("a", 1, "meta", "A", "author")];
    const op = moveToFrontOp({ id: "d" }, front);
    expect(op).toEqual({ op: "move", paragraphId: "d", after: "a" });
    expect(EditOpSchema.safeParse(op).success).toBe(true);
    expect(moveToFrontOp({ id: "d" }, [])).toEqual({ op: "move", paragraphId: "d", after: null });
  });
});

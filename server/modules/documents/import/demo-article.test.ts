import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseImport, summarize } from "./index.ts";
import { parsePlainText } from "./plain-text.ts";

const source = readFileSync(new URL("../../../demo/article.txt", import.meta.url), "utf8");

describe("demo article (server/demo/article.txt)", () => {
  const doc = parsePlainText(source);

  it("has a title, a dateline and a subtitle", () => {
    expect(doc.title).toBe("The Hedging Decade: Middle Powers and the Politics of Not Choosing");
    expect(doc.blocks[0]).toEqual({ kind: "heading", level: 1, role: "title", text: doc.title });
    expect(doc.blocks[1]).toEqual({ kind: "meta", role: "dateline", text: "Vol. 31, No. 2 · Spring 2026" });
    expect(doc.metadata.dateline).toBe("Vol. 31, No. 2 · Spring 2026");
    const subtitles = doc.blocks.filter((b) => b.role === "subtitle");
    expect(subtitles).toEqual([
      {
        kind: "heading",
        level: 2,
        role: "subtitle",
        text: "Why the states in between are refusing to choose sides — and what that means for the great powers",
      },
    ]);
    expect(doc.metadata.subtitle).toBe(subtitles[0]?.text);
  });

  it("has meta blocks for both authors and two structured authors", () => {
    const meta = doc.blocks.filter((b) => b.kind === "meta");
    expect(meta.map((b) => b.role)).toEqual([
      "dateline",
      "author", "affiliation", "affiliation", "identifier", "identifier", "email", "phone", "address",
      "author", "affiliation", "identifier", "email", "phone", "address",
    ]);
    const [first, second] = doc.metadata.authors;
    expect(doc.metadata.authors).toHaveLength(2);
    expect(first).toMatchObject({
      name: "Cordelia M. Vantongeren",
      degrees: ["PhD", "MPhil"],
      orcid: "0000-0002-6183-4471",
      researcherId: "G-7315-2016",
      email: "c.vantongeren@eastmoor.example.ac.uk",
    });
    expect(first?.affiliations).toHaveLength(2);
    expect(second).toMatchObject({
      name: "Rafael Okonkwo-Bianchi",
      degrees: ["MA", "MSc"],
      orcid: "0000-0001-9046-2258",
      email: "r.okonkwo@meridian-ips.example.org",
    });
    for (const author of doc.metadata.authors) {
      expect(author.phone).toMatch(/^\+\d/);
      expect(author.address).toBeTruthy();
    }
  });

  it("has at least 28 body paragraphs, 4+ section headings and exactly 5 list items", () => {
    const paragraphs = doc.blocks.filter((b) => b.kind === "paragraph");
    expect(paragraphs.length).toBeGreaterThanOrEqual(28);
    for (const p of paragraphs) expect(p.text).not.toContain("\n");
    const headings = doc.blocks.filter((b) => b.kind === "heading" && b.role === undefined);
    expect(headings.length).toBeGreaterThanOrEqual(4);
    const items = doc.blocks.filter((b) => b.kind === "listItem");
    expect(items).toHaveLength(5);
    for (const item of items) {
      expect(item.depth).toBe(0);
      expect(item.text).not.toMatch(/^•/);
      expect(item.text.split(" ").length).toBeGreaterThan(12); // each item ran over several wrapped lines
    }
  });

  it("keeps the bad-encoding artefact, curly quotes and dashes exactly", () => {
    const withArtefact = doc.blocks.filter((b) => b.text.includes("made ??a commitment"));
    expect(withArtefact).toHaveLength(1);
    expect(withArtefact[0]?.kind).toBe("paragraph");
    const all = doc.blocks.map((b) => b.text).join("\n");
    for (const ch of ["“", "”", "‘", "’", "—", "–"]) expect(all).toContain(ch);
  });

  it("imports through parseImport with the same result", async () => {
    const imported = await parseImport("txt", Buffer.from(source, "utf8"));
    expect(imported).toEqual(doc);
    expect(summarize(imported).kinds).toMatchObject({ listItem: 5, meta: 15 });
  });
});

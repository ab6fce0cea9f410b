import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseImport, summarize } from "./index.ts";
import { parsePlainText } from "./plain-text.ts";

const source = readFileSync(new URL("../../../demo/article.txt", import.meta.url), "utf8");

describe("demo article (server/demo/article.txt)", () => {
  const doc = parsePlainText(source);

  it("has a title, the issue line and a subtitle", () => {
    expect(doc.title).toBe("The Hedging Decade: Middle Powers and the Politics of Not Choosing");
    expect(doc.blocks[0]).toEqual({ kind: "heading", level: 1, role: "title", text: doc.title });
    expect(doc.blocks[1]).toEqual({ kind: "meta", role: "dateline", text: "No. 2 2026 April/June" });
    expect(doc.metadata.dateline).toBe("No. 2 2026 April/June");
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

  it("reads the journal layout: first author under the issue line, details over several blocks, a name-only second author with a bio", () => {
    const meta = doc.blocks.filter((b) => b.kind === "meta");
    expect(meta.map((b) => b.role)).toEqual([
      "dateline",
      "author", "degrees", "affiliation", "affiliation", "position", "position",
      "identifier", "identifier", "identifier", "identifier", "email", "phone", "address",
      "author", "bio",
      "acknowledgement",
    ]);
    expect(doc.metadata.authors).toEqual([
      {
        name: "Cordelia M. Vantongeren",
        degrees: ["Doctor of Political Science"],
        affiliations: ["Department of International Relations, University of Eastmoor", "Centre for the Study of Strategic Autonomy"],
        positions: ["Senior Lecturer", "Deputy Director"],
        identifiers: { SPIN: "3318-6042", ORCID: "0000-0002-6183-4471", ResearcherID: "G-7315-2016", Scopus: "57204418800" },
        email: "[email protected]",
        phone: "+44 20 7946 0871 *4410",
        address: "Room 214, 41 Caxton Row, Eastmoor EM2 6RD, United Kingdom",
      },
      {
        name: "Rafael Okonkwo-Bianchi",
        degrees: [],
        affiliations: [],
        positions: [],
        identifiers: {},
        // The bio spells the name differently; the surname still matches.
        bio: "Rafael Okonkvo-Bianchi is Professor of Global Affairs at the Meridian Institute of Policy Studies in Rome. He holds a Doctorate in International History.",
      },
    ]);
    expect(doc.metadata.acknowledgement).toBe(
      "This article was prepared within the framework of the Strategic Autonomy Research Programme of the University of Eastmoor for 2025–2026.",
    );
    const firstBody = doc.blocks.find((b) => b.kind === "paragraph");
    expect(firstBody?.text).toMatch(/^For most of the three decades after the Cold War/);
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
    expect(summarize(imported).kinds).toMatchObject({ listItem: 5, meta: 17 });
  });
});

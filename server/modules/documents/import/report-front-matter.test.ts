import { describe, expect, it } from "vitest";
import { parseImport } from "./index.ts";
import type { ImportedDocument } from "./types.ts";

const txt = (text: string) => parseImport("txt", Buffer.from(text, "utf8"));
const shape = (doc: ImportedDocument) => doc.blocks.map((b) => `${b.kind}${b.role ? `/${b.role}` : ""}: ${b.text}`);

describe("a report's people", () => {
  const report = [
    "Climate Finance After COP30",
    "",
    "Prepared by: Jane Doe, Senior Analyst, Green Finance Institute",
    "Edited by: Marcus Lee",
    "Reviewed by: Priya Natarajan",
    "",
    "September 2026",
    "",
    "Introduction",
    "The Baku goal of USD 300 billion a year by 2035 set a floor, not a ceiling.",
  ].join("\n");

  it("reads 'Prepared by:' a person with her post and institution as the author; its editor and reviewer are notes", async () => {
    const doc = await txt(report);
    expect(shape(doc).slice(0, 5)).toEqual([
      "heading/title: Climate Finance After COP30",
      "meta/author: Prepared by: Jane Doe, Senior Analyst, Green Finance Institute",
      "meta/other: Edited by: Marcus Lee",
      "meta/other: Reviewed by: Priya Natarajan",
      "meta/dateline: September 2026",
    ]);
    expect(doc.metadata.authors).toEqual([expect.objectContaining({ name: "Jane Doe", positions: ["Senior Analyst"], affiliations: ["Green Finance Institute"] })]);
    expect(doc.metadata.standfirst).toBeUndefined();
  });

  it("still reads 'Prepared by:' an organisation as a note", async () => {
    const doc = await txt("Water Tariffs in Small Towns\n\nPrepared by: Meridian Policy Associates\n\nTariffs have not kept pace with costs. The gap is widening.");
    expect(shape(doc)[1]).toBe("meta/other: Prepared by: Meridian Policy Associates");
    expect(doc.metadata.authors).toEqual([]);
  });

  it("makes a section's name on the line over its text a heading, the text its paragraph", async () => {
    const doc = await txt(report);
    expect(shape(doc).slice(5)).toEqual(["heading: Introduction", "paragraph: The Baku goal of USD 300 billion a year by 2035 set a floor, not a ceiling."]);
    const numbered = await txt("Deterrence at Sea\n\nHannah Lee\n\n1. Introduction\nThe crisis tested the idea that naval presence alone deters.\n\n2. The Houthi Campaign\nAttacks began in November 2023.");
    expect(shape(numbered).slice(2)).toEqual([
      "heading: 1. Introduction",
      "paragraph: The crisis tested the idea that naval presence alone deters.",
      "heading: 2. The Houthi Campaign",
      "paragraph: Attacks began in November 2023.",
    ]);
  });

  it("keeps a numbered list a list", async () => {
    const doc = await txt("Options for the Summit\n\nJane Doe\n\nThe options are these:\n1. Extend the ceasefire\n2. Widen the sanctions\n3. Do nothing");
    expect(shape(doc).filter((b) => b.startsWith("listItem")).length).toBe(3);
  });
});

describe("numbered affiliations", () => {
  it("reads the next numbered line under an affiliation as one, though its name has no 'institute' or 'university'", async () => {
    const doc = await txt(
      "The Sahel's Security Vacuum\n\nAmadou Koné¹ and Claire Dubois²*\n\n¹ Institut d'Études de Sécurité, Dakar, Senegal\n² Sciences Po, Paris, France\n* Corresponding author: claire.dubois@sciencespo.fr\n\nAbstract\nAfter the withdrawal of French forces, the juntas turned to Russian contractors.\n\nIntroduction\nIn August 2022 the last French troops left Mali.",
    );
    expect(doc.metadata.authors.map((a) => [a.name, a.affiliations])).toEqual([
      ["Amadou Koné", ["Institut d'Études de Sécurité, Dakar, Senegal"]],
      ["Claire Dubois", ["Sciences Po, Paris, France"]],
    ]);
    expect(doc.metadata.subtitle).toBeUndefined();
    expect(doc.metadata.abstract).toMatch(/^After the withdrawal/);
  });

  it("does not take a numbered section heading under an affiliation for one", async () => {
    const doc = await txt("Hedging Revisited\n\nJane Doe¹\n\n¹ University of Oslo, Norway\n\n1 Introduction, Scope\nMiddle powers hedge.");
    expect(doc.metadata.authors[0]?.affiliations).toEqual(["University of Oslo, Norway"]);
  });
});

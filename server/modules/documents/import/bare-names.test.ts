/**
 * A plain text or Markdown article's line under the title: a subtitle in title case, or one
 * person's name standing alone. A name is two to four name-shaped words; a subtitle's words are
 * those of titles (function words, subject words, their endings: "Strategies", "Revisited").
 */
import { describe, expect, it } from "vitest";
import { parseMarkdown } from "./markdown.ts";
import { parsePlainText } from "./plain-text.ts";
import type { ImportedDocument } from "./types.ts";

const BODY = "Mainland Southeast Asia has become a test of how small states respond to great power rivalry.";
const summary = (doc: ImportedDocument) => ({
  authors: doc.metadata.authors.map((a) => a.name),
  subtitle: doc.metadata.subtitle,
  body: doc.blocks.filter((b) => b.kind !== "meta" && b.role !== "title" && b.role !== "subtitle").map((b) => b.text),
});

describe("a bare name under the title", () => {
  it("is the author, alone in its paragraph, in a text file and in Markdown", () => {
    const variants: Array<[string, string]> = [
      ["Hedging in the Mekong\nMara Ellison\n\n" + BODY, "Mara Ellison"],
      ["Hedging in the Mekong\n\nMara J. Ellison\n\nIntroduction\n\n" + BODY, "Mara J. Ellison"],
      ["Hedging in the Mekong\n\nHélène Carrère d'Encausse\n\n" + BODY, "Hélène Carrère d'Encausse"],
      ["HEDGING IN THE MEKONG\n\nJEAN-LUC PICARD\n\n" + BODY, "JEAN-LUC PICARD"],
      ["Hedging in the Mekong\n\nSiobhán O'Neill\n\n" + BODY, "Siobhán O'Neill"],
      ["Hedging in the Mekong\n\nTara McDonald\n\n" + BODY, "Tara McDonald"],
      ["Hedging in the Mekong\n\nJ. Ellison\n\n" + BODY, "J. Ellison"],
      ["Hedging in the Mekong\nWhy Small States Hedge\n\nElizabeth Economy\n\n" + BODY, "Elizabeth Economy"],
    ];
    for (const [text, name] of variants) {
      for (const doc of [parsePlainText(text), parseMarkdown(text.replace(/^/, "# "))]) {
        expect(summary(doc).authors, text).toEqual([name]);
        expect(summary(doc).body.at(-1), text).toBe(BODY);
        expect(doc.blocks.find((b) => b.role === "author")?.text).toBe(name);
      }
    }
  });

  it("is not a heading or a line of prose: a section name, a short heading or a sentence stays body", () => {
    const doc = parsePlainText("Hedging in the Mekong\n\nMara Ellison\n\nLooking Ahead\n\n" + BODY);
    expect(summary(doc)).toEqual({ authors: ["Mara Ellison"], subtitle: undefined, body: ["Looking Ahead", BODY] });
    const notNames = ["Looking Ahead", "Key Takeaways", "Policy Options", "Next Steps", "Introduction", "Dear Colleagues", "Press Release", "Guest Editorial", "South China Sea", "Cape Town", "Latin America", "Putin's Russia"];
    for (const line of notNames) {
      expect(summary(parsePlainText(`Hedging in the Mekong\n\n${line}\n\n${BODY}`)).authors, line).toEqual([]);
    }
  });
});

describe("a subtitle in title case", () => {
  it("is the subtitle, not an author, whatever follows it, while names that are also words stay names", () => {
    const cases: Array<[string[], string, string[]]> = [
      [["Small State Strategies Revisited", "Mara Ellison", "University of Leeds"], "Small State Strategies Revisited", ["Mara Ellison"]],
      [["Small State Strategies Revisited", "", "By Mara Ellison"], "Small State Strategies Revisited", ["Mara Ellison"]],
      [["Southeast Asian Perspectives", "March 2024"], "Southeast Asian Perspectives", []],
      [["Hard Choices and Soft Power", "", "Mara Ellison and José Núñez"], "Hard Choices and Soft Power", ["Mara Ellison", "José Núñez"]],
      [["Regional Order Reconsidered", "Mara Ellison"], "Regional Order Reconsidered", ["Mara Ellison"]],
      [["Maritime Security Cooperation", "", "Mara Ellison", "University of Leeds"], "Maritime Security Cooperation", ["Mara Ellison"]],
      [["Crónica de la Guerra Fría", "", "José Núñez"], "Crónica de la Guerra Fría", ["José Núñez"]],
    ];
    for (const [lines, subtitle, authors] of cases) {
      const text = ["Hedging in the Mekong", ...lines, "", BODY].join("\n");
      for (const doc of [parsePlainText(text), parseMarkdown(`# ${text}`)]) {
        expect(summary(doc).subtitle, text).toBe(subtitle);
        expect(summary(doc).authors, text).toEqual(authors);
      }
    }
    // Names that are also words stay names: Samantha Power, John Key, Anne Case, Verity Harding, Octavio Paz, Christopher Guest.
    const doc = parsePlainText(["Hedging in the Mekong", "", "Samantha Power, John Key and Anne Case", "Verity Harding", "Octavio Paz and Christopher Guest", "University of Leeds", "", BODY].join("\n"));
    expect(summary(doc).authors).toEqual(["Samantha Power", "John Key", "Anne Case", "Verity Harding", "Octavio Paz", "Christopher Guest"]);
  });
});

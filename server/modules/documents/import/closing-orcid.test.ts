/**
 * A closing "ORCID" section after the body, as Taylor & Francis and SAGE print it: a heading, then
 * one "Name https://orcid.org/0000-…" a line. The iDs go to the authors they name, and the section
 * leaves the body like the other closing matter.
 */
import { describe, expect, it } from "vitest";
import { parseHtml } from "./html.ts";
import { parseMarkdown } from "./markdown.ts";
import { parsePlainText } from "./plain-text.ts";
import type { ImportedDocument } from "./types.ts";

const orcids = (doc: ImportedDocument) => Object.fromEntries(doc.metadata.authors.map((a) => [a.name, a.identifiers.ORCID]));
const bodyTexts = (doc: ImportedDocument) => doc.blocks.filter((b) => b.kind !== "meta" && b.role !== "title").map((b) => b.text);

const front = [
  "Hedging in the Mekong: Small States between Beijing and Washington",
  "",
  "Mara Ellison and José Núñez",
  "Department of Politics, University of Leeds, Leeds, UK",
  "",
  "ABSTRACT Small states in mainland Southeast Asia hedge between the great powers.",
  "",
  "KEYWORDS Hedging; Mekong; alignment",
  "",
  "Introduction",
  "",
  "Mainland Southeast Asia has become a test of how small states respond to great power rivalry.",
  "",
];

describe("closing ORCID section", () => {
  it("gives each author their iD in a text file, lines joined or apart, with references after it", () => {
    const doc = parsePlainText(
      [
        ...front,
        "Disclosure statement",
        "",
        "No potential conflict of interest was reported by the authors.",
        "",
        "ORCID",
        "",
        "Mara Ellison http://orcid.org/0000-0002-1825-0097",
        "José Nunez http://orcid.org/0000-0001-5109-3700",
        "",
        "References",
        "",
        "Kuik, Cheng-Chwee. 2016. How Do Weaker States Hedge? Journal of Contemporary China 25 (100): 500–514.",
      ].join("\n"),
    );
    expect(orcids(doc)).toEqual({ "Mara Ellison": "0000-0002-1825-0097", "José Núñez": "0000-0001-5109-3700" });
    expect(doc.blocks.filter((b) => b.role === "identifier").map((b) => b.text)).toEqual([
      "ORCID",
      "Mara Ellison http://orcid.org/0000-0002-1825-0097",
      "José Nunez http://orcid.org/0000-0001-5109-3700",
    ]);
    expect(bodyTexts(doc)).not.toContain("ORCID");
    expect(bodyTexts(doc).slice(-2)).toEqual([
      "References",
      "Kuik, Cheng-Chwee. 2016. How Do Weaker States Hedge? Journal of Contemporary China 25 (100): 500–514.",
    ]);
  });

  it("reads the notes on contributors before it, and leaves the references after it in the body", () => {
    const lines = [
      ...front,
      "Notes on contributors",
      "",
      "Mara Ellison is a lecturer in politics at the University of Leeds, where she works on the Mekong.",
      "",
      "José Núñez is a research fellow at the Institute of Southeast Asian Studies in Singapore.",
      "",
      "ORCID",
      "",
      "Mara Ellison http://orcid.org/0000-0002-1825-0097",
      "",
      "References",
      "",
      "Kuik, Cheng-Chwee. 2016. How Do Weaker States Hedge? Journal of Contemporary China 25 (100): 500–514.",
    ];
    for (const doc of [parsePlainText(lines.join("\n")), parseMarkdown(lines.join("\n"))]) {
      expect(doc.metadata.authors.map((a) => [a.name, a.identifiers.ORCID, a.bio])).toEqual([
        ["Mara Ellison", "0000-0002-1825-0097", "Mara Ellison is a lecturer in politics at the University of Leeds, where she works on the Mekong."],
        ["José Núñez", undefined, "José Núñez is a research fellow at the Institute of Southeast Asian Studies in Singapore."],
      ]);
      expect(bodyTexts(doc).slice(-3)).toEqual([
        front[11],
        "References",
        "Kuik, Cheng-Chwee. 2016. How Do Weaker States Hedge? Journal of Contemporary China 25 (100): 500–514.",
      ]);
    }
  });

  it("reads a label run together with its entries, as a PDF's heading at the text's size may be", () => {
    const doc = parsePlainText(
      [...front, "ORCID Mara Ellison http://orcid.org/0000-0002-1825-0097 José Nunez http://orcid.org/0000-0001-5109-3700"].join("\n"),
    );
    expect(orcids(doc)).toEqual({ "Mara Ellison": "0000-0002-1825-0097", "José Núñez": "0000-0001-5109-3700" });
    expect(doc.blocks.slice(-3).map((b) => [b.role, b.text])).toEqual([
      ["identifier", "ORCID"],
      ["identifier", "Mara Ellison http://orcid.org/0000-0002-1825-0097"],
      ["identifier", "José Nunez http://orcid.org/0000-0001-5109-3700"],
    ]);
  });

  it("matches names written with initials, in capitals, surname first or without diacritics", () => {
    const doc = parsePlainText(
      [
        "Water and Power on the Nile",
        "",
        "By Mara J. Ellison, Jonas Hartmann and Zoë Okonkwo-Bianchi",
        "",
        "Introduction",
        "",
        "The Nile has been the subject of negotiations for more than a century and remains so today.",
        "",
        "ORCID iDs",
        "",
        "M. Ellison https://orcid.org/0000-0002-1825-0097",
        "",
        "HARTMANN, Jonas (https://orcid.org/0000-0003-4444-5555)",
        "",
        "Zoe Okonkwo-Bianchi: 0000-0001-9999-888X",
      ].join("\n"),
    );
    expect(orcids(doc)).toEqual({
      "Mara J. Ellison": "0000-0002-1825-0097",
      "Jonas Hartmann": "0000-0003-4444-5555",
      "Zoë Okonkwo-Bianchi": "0000-0001-9999-888X",
    });
    expect(doc.blocks[doc.blocks.length - 1]).toEqual({ kind: "meta", role: "identifier", text: "Zoe Okonkwo-Bianchi: 0000-0001-9999-888X" });
  });

  it("reads a journal web page's section, its closing bios still read before it", () => {
    const doc = parseHtml(
      [
        "<h1>Hedging in the Mekong</h1>",
        '<p class="author">Mara Ellison</p><p class="author">José Núñez</p>',
        "<h2>Introduction</h2><p>Mainland Southeast Asia has become a test of how small states respond to rivalry.</p>",
        "<h2>Notes on contributors</h2>",
        "<p>Mara Ellison is a lecturer in politics at the University of Leeds.</p>",
        "<p>José Núñez is a research fellow at the Institute of Southeast Asian Studies.</p>",
        "<h2>ORCID</h2>",
        '<p>Mara Ellison <a href="https://orcid.org/0000-0002-1825-0097">https://orcid.org/0000-0002-1825-0097</a></p>',
        // The publisher's iD icon links to the address printed after it.
        '<p>José Núñez <a href="https://orcid.org/0000-0001-5109-3700"><img alt="ORCID Icon" src="/orcid.png"></a>https://orcid.org/0000-0001-5109-3700</p>',
      ].join(""),
    );
    expect(doc.metadata.authors.map((a) => [a.name, a.identifiers.ORCID, a.bio])).toEqual([
      ["Mara Ellison", "0000-0002-1825-0097", "Mara Ellison is a lecturer in politics at the University of Leeds."],
      ["José Núñez", "0000-0001-5109-3700", "José Núñez is a research fellow at the Institute of Southeast Asian Studies."],
    ]);
    expect(bodyTexts(doc)).toEqual(["Introduction", "Mainland Southeast Asia has become a test of how small states respond to rivalry."]);
  });

  it("reads a Markdown section and leaves an iD that names no author to no one", () => {
    const doc = parseMarkdown(
      [
        "# Hedging in the Mekong",
        "",
        "Mara Ellison, University of Leeds",
        "",
        "## Introduction",
        "",
        "Mainland Southeast Asia has become a test of how small states respond to great power rivalry.",
        "",
        "## ORCID iD",
        "",
        "- Peter Lindqvist <https://orcid.org/0000-0003-1111-2222>",
        "- Mara Ellison <https://orcid.org/0000-0002-1825-0097>",
      ].join("\n"),
    );
    expect(doc.metadata.authors.map((a) => [a.name, a.identifiers])).toEqual([["Mara Ellison", { ORCID: "0000-0002-1825-0097" }]]);
    expect(doc.blocks.slice(-3).map((b) => b.role)).toEqual(["identifier", "identifier", "identifier"]);
  });

  it("leaves a section about ORCID in the body, and a label with no entries after it, reading the closing one", () => {
    const doc = parsePlainText(
      [
        ...front,
        "ORCID",
        "",
        "Researchers register with ORCID to receive a persistent identifier such as 0000-0002-1825-0097, which publishers then print.",
        "",
        "ORCID",
        "",
        "Conclusion",
        "",
        "Identifiers are only as good as the records behind them.",
        "",
        "ORCID",
        "",
        "José Núñez https://orcid.org/0000-0001-5109-3700",
      ].join("\n"),
    );
    expect(bodyTexts(doc).slice(-5)).toEqual([
      "ORCID",
      "Researchers register with ORCID to receive a persistent identifier such as 0000-0002-1825-0097, which publishers then print.",
      "ORCID",
      "Conclusion",
      "Identifiers are only as good as the records behind them.",
    ]);
    expect(orcids(doc)).toEqual({ "Mara Ellison": undefined, "José Núñez": "0000-0001-5109-3700" });
    // A by-line's "ORCID" link text with no iD written out labels nothing: the body after it stays body.
    const byline = parsePlainText(["Hedging in the Mekong", "", "Mara Ellison", "University of Leeds", "ORCID", "", front[11] ?? ""].join("\n"));
    expect(bodyTexts(byline)).toEqual([front[11]]);
  });
});

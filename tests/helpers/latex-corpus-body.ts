/**
 * The body every document of the LaTeX corpus shares (tests/fixtures/pdf/latex/body.tex), as the
 * importers should read it, whatever the document was made into (PDF by pdflatex, HTML by
 * LaTeXML): "kind: text" per block, the first paragraph ending on its note's mark (or not).
 */
import { expect } from "vitest";

export const LATEX_CORPUS_BODY = [
  "heading: 1 Introduction",
  expect.stringMatching(/^paragraph: Small states have long hedged .* Vilnius to Wellington\.\s?\d?$/),
  expect.stringMatching(/^paragraph: This article asks .* on three cases\.$/),
  "heading: 2 Argument",
  "paragraph: The argument proceeds in three steps:",
  "listItem: first, commitments are costly to verify;",
  "listItem: second, verification is itself a political good;",
  "listItem: third, states that can supply verification gain influence.",
  expect.stringMatching(/^paragraph: Each step is illustrated .* open sea lanes\.$/),
  "heading: 2.1 Data and method",
  expect.stringMatching(/^paragraph: We collected 412 treaty texts .* dispute settlement\.$/),
  "heading: 3 Conclusion",
  expect.stringMatching(/^paragraph: Hedging is not indecision\. .* others can check\.$/),
];

/** The note the body's first paragraph calls. */
export const LATEX_CORPUS_NOTE = "See the discussion in the annual review of the Institute for Strategic Studies, 2024.";

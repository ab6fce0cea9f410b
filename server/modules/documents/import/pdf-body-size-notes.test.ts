/**
 * Footnotes a word processor set at the body's own size at the foot of a page: told from the
 * body by their numbers (each referenced by a raised mark above on the page), their place (the
 * lower half, below a gap) and their order, never by size.
 */
import { describe, expect, it } from "vitest";
import { pdfParagraphs } from "./pdf-blocks.ts";
import type { PdfPage, PdfTextItem } from "./pdf-document.ts";

const SIZE = 10;
const item = (text: string, x: number, y: number, size = SIZE): PdfTextItem => ({ text, x, y, width: text.length * size * 0.5, size });
/** A raised note mark right after `text` set at (x, y). */
const markAfter = (text: string, x: number, y: number, mark: string): PdfTextItem => item(mark, x + text.length * SIZE * 0.5 + 0.5, y + 4, 6);

const BODY = [
  "Mainland Southeast Asia has become a test of how small states respond to great power rivalry",
  "in their neighbourhood, and the riparian states of the Mekong have answered it in several ways",
  "that the literature on hedging describes only in part, as the cases below will show at length",
  "for Cambodia, Laos and Thailand, whose leaders have each balanced the two powers differently.",
];

/** A page: body lines from the top (the first ending in a raised reference to each of `refs`), then `foot` lines. */
function page(refs: string[], foot: Array<{ text: string; y: number; lead?: string }>): PdfPage {
  const items: PdfTextItem[] = [];
  BODY.forEach((text, k) => {
    const y = 700 - k * 12;
    items.push(item(text, 50, y));
    const ref = refs[k];
    if (ref !== undefined) items.push(markAfter(text, 50, y, ref));
  });
  for (const line of foot) {
    if (line.lead !== undefined) {
      items.push(item(line.lead, 50, line.y + 4, 6));
      items.push(item(line.text, 56, line.y));
    } else items.push(item(line.text, 50, line.y));
  }
  return { width: 600, height: 800, items };
}

const bodyLines = (pages: PdfPage[]) => pdfParagraphs(pages).paragraphs.flatMap((p) => p.lines).join(" ");

describe("footnotes at the body's size", () => {
  it("leave the body when their raised numbers open them at a page's foot, continued lines and all", () => {
    const text = pdfParagraphs([
      page(["1", "2"], [
        { lead: "1", text: "See Kuik, How Do Weaker States Hedge?, 500–514.", y: 140 },
        { lead: "2", text: "On the Mekong's dams and their politics, see the account in chapter four", y: 128 },
        { text: "of the commission's report, which sets out the figures.", y: 116 },
      ]),
    ]);
    expect(text.footnotes).toEqual([
      "1 See Kuik, How Do Weaker States Hedge?, 500–514.",
      "2 On the Mekong's dams and their politics, see the account in chapter four of the commission's report, which sets out the figures.",
    ]);
    expect(text.paragraphs.flatMap((p) => p.lines).join(" ")).not.toMatch(/See Kuik|commission's report/);
  });

  it("leave the body when their numbers are written out and go on from an earlier page", () => {
    const pages = [
      page(["1"], [{ lead: "1", text: "See Kuik, How Do Weaker States Hedge?, 500–514.", y: 140 }]),
      page([], []),
      page(["", "3"], [
        { text: "3. Interviews in Vientiane, March 2023; the names are withheld at the speakers' request.", y: 150 },
      ]),
    ];
    const text = pdfParagraphs(pages);
    expect(text.footnotes).toEqual([
      "1 See Kuik, How Do Weaker States Hedge?, 500–514.",
      "3. Interviews in Vientiane, March 2023; the names are withheld at the speakers' request.",
    ]);
    expect(bodyLines(pages)).not.toContain("Vientiane");
  });

  it("stay body without a raised reference, a gap, or when they open a section heading", () => {
    // A section heading "2 Data" at a page's foot, a note mark 2 above: the heading stays.
    const heading = page(["2"], [
      { text: "2 Data", y: 150 },
      { text: "The data come from the commission's records of water flows and of dam approvals.", y: 138 },
    ]);
    expect(bodyLines([heading])).toContain("2 Data");
    // A numbered list at a page's foot with no note reference on the page.
    const list = page([], [{ text: "1 Cambodia and the Lower Sesan dam, approved in 2012 and finished in 2017.", y: 150 }]);
    expect(bodyLines([list])).toContain("1 Cambodia and the Lower Sesan dam");
    // A line right under the body, with no more space than between its lines.
    const close = page(["1"], [{ text: "1 more point that the argument makes, at no distance from the text above it.", y: 652 }]);
    expect(bodyLines([close])).toContain("1 more point");
    // Each alone is body, while the same page with a real note loses only the note.
    const both = page(["1", "2"], [
      { text: "2 Data", y: 300 },
      { lead: "1", text: "See Kuik, How Do Weaker States Hedge?, 500–514.", y: 140 },
    ]);
    expect(pdfParagraphs([both]).footnotes).toEqual(["1 See Kuik, How Do Weaker States Hedge?, 500–514."]);
    expect(bodyLines([both])).toContain("2 Data");
  });
});

import { describe, expect, it } from "vitest";
import { withoutContentsList } from "./contents-list.ts";
import { parsePlainText } from "./plain-text.ts";
import type { ImportedBlock } from "./types.ts";

const p = (text: string): ImportedBlock => ({ kind: "paragraph", text });
const texts = (blocks: readonly ImportedBlock[]) => blocks.map((b) => b.text);

describe("a report's table of contents", () => {
  it("is left out with its heading, one entry a paragraph or all run together, leaders of dots, spaced dots or ellipses", () => {
    const heading: ImportedBlock = { kind: "heading", level: 2, text: "Table of contents" };
    const blocks = [heading, p("Foreword . . . . . . . ii"), p("1. Introduction ........ 5"), { kind: "heading", level: 2, text: "2. Options……… 14" } as ImportedBlock, p("Body.")];
    expect(texts(withoutContentsList(blocks))).toEqual(["Body."]);
    expect(texts(withoutContentsList([p("Contents"), p("Summary ..... 3 1. Introduction ..... 5"), p("Body.")]))).toEqual(["Body."]);
  });

  it("without a Contents label needs three entries; a stray leader line and prose stay", () => {
    const list = [p("Summary ..... 3"), p("Methods ..... 5"), p("Results ..... 9"), p("Body.")];
    expect(texts(withoutContentsList(list))).toEqual(["Body."]);
    const prose = [p("Wait for it... 5 minutes later it came."), p("Prices rose ... by 5"), p("Contents of the bill vary.")];
    expect(withoutContentsList(prose)).toBe(prose);
  });

  it("is looked for only before the body, in the first 200 blocks", () => {
    const late = [...Array.from({ length: 200 }, (_, i) => p(`Paragraph ${i}.`)), p("Contents"), p("Summary ..... 3"), p("Methods ..... 5")];
    expect(withoutContentsList(late)).toBe(late);
  });

  it("is not in the body of an imported text report", () => {
    const doc = parsePlainText("Bus Funding\n\nContents\n\nSummary ........ 3\n1. Introduction ........ 5\n\nSummary\n\nBus patronage fell by a third.");
    expect(doc.blocks.filter((b) => b.kind === "paragraph").map((b) => b.text)).toEqual(["Bus patronage fell by a third."]);
  });
});

import { describe, expect, it } from "vitest";
import type { EditorView } from "@tiptap/pm/view";
import { blockPosAtHeight } from "./block-at-height.ts";

/** A view of `n` stacked blocks, each `h` px tall from `top`; counts the boxes measured. */
function stacked(n: number, top = 100, h = 20) {
  let measured = 0;
  const children = Array.from({ length: n }, (_, i) => ({
    i,
    getBoundingClientRect() {
      measured++;
      return { top: top + i * h, bottom: top + (i + 1) * h };
    },
  }));
  const view = { dom: { children }, posAtDOM: (el: { i: number }) => el.i * 10 + 1 } as unknown as EditorView;
  return { view, measured: () => measured };
}

describe("blockPosAtHeight", () => {
  it("finds the block whose box holds the height", () => {
    const { view } = stacked(50);
    expect(blockPosAtHeight(view, 100)).toBe(1);
    expect(blockPosAtHeight(view, 119)).toBe(1);
    expect(blockPosAtHeight(view, 120)).toBe(11);
    expect(blockPosAtHeight(view, 100 + 37 * 20 + 5)).toBe(371);
  });

  it("takes the first block above the text and the last below it", () => {
    const { view } = stacked(5);
    expect(blockPosAtHeight(view, 0)).toBe(1);
    expect(blockPosAtHeight(view, 10_000)).toBe(41);
  });

  it("measures a handful of boxes in a long article", () => {
    const { view, measured } = stacked(10_000);
    expect(blockPosAtHeight(view, 100 + 7_777 * 20 + 1)).toBe(77_771);
    expect(measured()).toBeLessThanOrEqual(15);
  });

  it("finds the block inside the body's sections, measuring only the section found and its blocks", () => {
    let measured = 0;
    const box = (top: number, bottom: number) => () => (measured++, { top, bottom });
    // 100 sections of 30 blocks, 20 px each, from 100.
    const sections = Array.from({ length: 100 }, (_, s) => ({
      classList: { contains: (c: string) => c === "article-section" },
      getBoundingClientRect: box(100 + s * 600, 100 + (s + 1) * 600),
      children: Array.from({ length: 30 }, (_, b) => ({ i: s * 30 + b, getBoundingClientRect: box(100 + (s * 30 + b) * 20, 100 + (s * 30 + b + 1) * 20) })),
    }));
    const view = { dom: { children: sections }, posAtDOM: (el: { i?: number }) => (el.i === undefined ? -1 : el.i * 10 + 1) } as unknown as EditorView;
    expect(blockPosAtHeight(view, 100 + 1234 * 20 + 3)).toBe(12_341);
    expect(measured).toBeLessThanOrEqual(14);
    expect(blockPosAtHeight(view, 50)).toBe(1);
    expect(blockPosAtHeight(view, 1e9)).toBe(29_991);
  });

  it("answers null for an empty article or a block the document does not know", () => {
    expect(blockPosAtHeight({ dom: { children: [] }, posAtDOM: () => 0 } as unknown as EditorView, 5)).toBeNull();
    const broken = {
      dom: { children: [{ getBoundingClientRect: () => ({ top: 0, bottom: 10 }) }] },
      posAtDOM: () => {
        throw new RangeError("not in the document");
      },
    } as unknown as EditorView;
    expect(blockPosAtHeight(broken, 5)).toBeNull();
  });
});

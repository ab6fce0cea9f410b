import { describe, expect, it } from "vitest";
import { CLAIM_STATUSES } from "../../../common/review.ts";
import { contrastRatio, highlightBackground, iconColor, INK, over, STATUS_ICONS, TONE_COLORS, toneOf, type HighlightTone } from "./highlight-palette.ts";

describe("highlight palette", () => {
  it("computes WCAG contrast like the reference values", () => {
    expect(contrastRatio([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(contrastRatio([255, 255, 255], [255, 255, 255])).toBeCloseTo(1, 5);
    // #767676 on white is the classic 4.54:1.
    expect(contrastRatio([0x76, 0x76, 0x76], [255, 255, 255])).toBeCloseTo(4.54, 2);
  });

  it("keeps the article's ink at 4.5:1 or more over every highlight, at every overlap depth", () => {
    const worst: Array<[HighlightTone, number, number]> = [];
    for (const tone of Object.keys(TONE_COLORS) as HighlightTone[])
      for (const depth of [1, 2, 3, 7]) {
        const ratio = contrastRatio(INK, highlightBackground(tone, depth));
        worst.push([tone, depth, ratio]);
      }
    const failing = worst.filter(([, , r]) => r < 4.5);
    expect(failing).toEqual([]);
  });

  it("gives every claim state its own icon and its own colour", () => {
    const icons = CLAIM_STATUSES.map((s) => STATUS_ICONS[s]);
    expect(new Set(icons).size).toBe(CLAIM_STATUSES.length);
    const colors = CLAIM_STATUSES.map((s) => TONE_COLORS[toneOf("claim", s)].join(","));
    expect(new Set(colors).size).toBe(CLAIM_STATUSES.length);
  });

  it("colours claims by state and other kinds by kind", () => {
    expect(toneOf("claim", null)).toBe("claim-open");
    expect(toneOf("claim", "false")).toBe("claim-false");
    expect(toneOf("comment", "false")).toBe("comment");
    expect(over([0, 0, 0], 0.5)).toEqual([128, 128, 128]);
  });
});

describe("claim icons", () => {
  it("draw at 4.5:1 on the white chip they sit on (whatever highlight is around them)", () => {
    const failing = CLAIM_STATUSES.filter((status) => contrastRatio(iconColor(toneOf("claim", status)), [255, 255, 255]) < 4.5);
    expect(failing).toEqual([]);
  });
});

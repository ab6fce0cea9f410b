import { describe, expect, it } from "vitest";
import { colorFor, PALETTE } from "./rooms.ts";

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

describe("presence colours", () => {
  it("carry white initials at WCAG AA contrast, every one of them", () => {
    for (const c of PALETTE) expect({ c, ratio: 1.05 / (luminance(c) + 0.05) >= 4.5 }).toEqual({ c, ratio: true });
  });

  it("are stable per user and spread over the palette", () => {
    expect(colorFor("u_abc")).toBe(colorFor("u_abc"));
    const seen = new Set(Array.from({ length: 200 }, (_, i) => colorFor(`u_${i}`)));
    expect(seen.size).toBe(PALETTE.length);
  });
});

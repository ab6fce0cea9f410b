import { describe, expect, it } from "vitest";
import { sameHighlights, type Highlight } from "./highlights.ts";

const h = (over: Partial<Highlight> = {}): Highlight => ({ id: "a1", from: 3, to: 9, kind: "comment", tagColor: null, ...over });

describe("sameHighlights (whether a placing needs drawing again)", () => {
  it("is true for equal placings, and treats an absent pending or status as none", () => {
    expect(sameHighlights([], [])).toBe(true);
    expect(sameHighlights([h(), h({ id: "a2" })], [h(), h({ id: "a2" })])).toBe(true);
    expect(sameHighlights([h({ pending: false, status: null })], [h()])).toBe(true);
  });

  it("is false when anything drawn differs", () => {
    const changes: Array<Partial<Highlight>> = [{ id: "b" }, { from: 4 }, { to: 10 }, { kind: "claim" }, { tagColor: "#aa0000" }, { pending: true }, { status: "disputed" }];
    for (const change of changes) expect(sameHighlights([h(change)], [h()]), JSON.stringify(change)).toBe(false);
    expect(sameHighlights([h()], [h(), h({ id: "a2" })])).toBe(false);
    expect(sameHighlights([h(), h({ id: "a2" })], [h({ id: "a2" }), h()])).toBe(false);
  });
});

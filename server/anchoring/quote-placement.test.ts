import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { alignIn, buildTextIndex, placeQuote, type Placement } from "./quote-placement.ts";

const doc = (...texts: string[]) => buildTextIndex(texts.map((text, i) => ({ id: `p${i}`, text })));
const ok = (p: Placement) => {
  if (!p.ok) throw new Error(p.reason);
  return p;
};

describe("re-anchoring by quote and context", () => {
  const index = doc("The fleet sailed at dawn.", "The fleet sailed at dusk, they said.", "Nothing else happened here.");

  it("trusts the position selector when it still selects the quote", () => {
    const p = ok(placeQuote(index, { exact: "sailed at dusk", prefix: "The fleet ", suffix: ", they", start: 36, end: 50 }));
    expect(p).toMatchObject({ method: "position", confidence: 1, start: { paragraphId: "p1", offset: 10 }, end: { paragraphId: "p1", offset: 24 } });
  });

  it("finds a unique quote anywhere, and disambiguates repeats by prefix and suffix", () => {
    expect(ok(placeQuote(index, { exact: "Nothing else", prefix: "", suffix: "" }))).toMatchObject({ method: "quote", start: { paragraphId: "p2", offset: 0 } });
    const p = ok(placeQuote(index, { exact: "The fleet sailed", prefix: "", suffix: " at dusk" }));
    expect(p).toMatchObject({ method: "context", start: { paragraphId: "p1", offset: 0 } });
  });

  it("strictly (a quote whose paragraph is gone): only next to its whole stored prefix or suffix, and only once", () => {
    const draft = doc("Ports reopened. Insurers priced the blockade far above the escort.", "A new blockade of the strait began.");
    const moved = placeQuote(draft, { exact: "blockade", prefix: "Insurers priced the ", suffix: " far above the" }, undefined, { wholeSide: true });
    expect(ok(moved)).toMatchObject({ start: { paragraphId: "p0", offset: 36 } });
    // The same word elsewhere, with other words around it, is not the passage.
    const lookalike = placeQuote(draft, { exact: "blockade", prefix: "the convoy met the ", suffix: " near the coast" }, undefined, { wholeSide: true });
    expect(lookalike.ok).toBe(false);
    // Loosely, the single occurrence rule would have taken it.
    expect(placeQuote(doc("A new blockade of the strait began."), { exact: "blockade", prefix: "the convoy met the ", suffix: " near the coast" }).ok).toBe(true);
  });

  it("refuses a repeat that context cannot tell apart", () => {
    const twice = doc("Same words here.", "Same words here.");
    const p = placeQuote(twice, { exact: "Same words", prefix: "", suffix: " here." });
    expect(p).toEqual({ ok: false, reason: "the quote occurs 2 times and its context does not tell them apart" });
  });

  it("places a lightly edited quote approximately, but never glues a lookalike on", () => {
    const edited = doc("Analysts expect three new regional agreement by 2030, though none will be verifiable.");
    const p = ok(placeQuote(edited, { exact: "three new regional agreements by 2030", prefix: "Analysts expect ", suffix: ", though none will be" }));
    expect(p.method).toBe("approximate");
    expect(p.quote).toBe("three new regional agreement by 2030");
    expect(p.confidence).toBeGreaterThanOrEqual(0.8);

    const lookalike = doc("Naval incidents rose sharply before the talks collapsed.");
    const q = placeQuote(lookalike, { exact: "fell by half after the hotline opened", prefix: "Naval incidents ", suffix: ", the ministry said." });
    expect(q.ok).toBe(false);
  });

  it("spans paragraphs and counts positions in code points", () => {
    const emoji = doc("Rockets 🚀 rose.", "Then 🛰️ fell.");
    const p = ok(placeQuote(emoji, { exact: "rose.\nThen", prefix: "🚀 ", suffix: " 🛰", start: 10, end: 20 }));
    expect(p).toMatchObject({ method: "position", start: { paragraphId: "p0", offset: 11 }, end: { paragraphId: "p1", offset: 4 } });
  });

  it("aligns a pattern inside a region with free ends", () => {
    expect(alignIn("regional", "xx regonal yy")).toEqual({ from: 3, to: 10, distance: 1 });
  });

  it("finds any unique span of a text exactly, wherever the position hint points", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 5 }), fc.nat(), fc.nat(), fc.integer({ min: -5, max: 5 }), (texts, a, b, shift) => {
        const idx = doc(...texts);
        const from = a % idx.text.length;
        const to = from + 1 + (b % (idx.text.length - from));
        const exact = idx.text.slice(from, to);
        if (idx.text.indexOf(exact) !== idx.text.lastIndexOf(exact) || /[\uD800-\uDFFF]/.test(idx.text)) return;
        const p = ok(placeQuote(idx, { exact, prefix: idx.text.slice(Math.max(0, from - 8), from), suffix: idx.text.slice(to, to + 8), start: Math.max(0, from + shift), end: Math.max(0, to + shift) }));
        expect(p.quote).toBe(exact);
      }),
    );
  });
});

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { bestMatch, endScores } from "./approximate-match.ts";

/** The textbook dynamic programme (Sellers: free start), one column per text position. */
function naiveEndScores(pattern: string, text: string): number[] {
  const m = pattern.length;
  let col = Array.from({ length: m + 1 }, (_, i) => i);
  const out = [col[m]!];
  for (let j = 1; j <= text.length; j++) {
    const next = [0];
    for (let i = 1; i <= m; i++) {
      next.push(Math.min(col[i]! + 1, next[i - 1]! + 1, col[i - 1]! + (pattern[i - 1] === text[j - 1] ? 0 : 1)));
    }
    col = next;
    out.push(col[m]!);
  }
  return out;
}

function naiveDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = cur;
  }
  return prev[b.length]!;
}

const small = (max: number) => fc.string({ unit: fc.constantFrom("a", "b", "c", " ", "é"), maxLength: max });

describe("approximate match (Myers, blocks of 32)", () => {
  it("agrees with the dynamic programme at every end position, across block boundaries", () => {
    fc.assert(
      fc.property(small(130).filter((p) => p.length > 0), small(200), (pattern, text) => {
        expect([...endScores(pattern, text)]).toEqual(naiveEndScores(pattern, text));
      }),
      { numRuns: 400 },
    );
  });

  it("finds a span whose distance to the pattern is the best distance", () => {
    fc.assert(
      fc.property(small(90).filter((p) => p.length > 0), small(160), (pattern, text) => {
        const m = bestMatch(pattern, text);
        expect(m.distance).toBe(Math.min(...naiveEndScores(pattern, text)));
        expect(naiveDistance(pattern, text.slice(m.from, m.to))).toBe(m.distance);
      }),
      { numRuns: 300 },
    );
  });

  it("locates an edited long quote inside a long text", () => {
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const words = Array.from({ length: 3000 }, () => `w${next() % 5000}`).join(" ");
    // Whole words, so no neighbouring character can stand in for the quote's first or last one.
    const start = words.indexOf(" ", 5000) + 1;
    const end = words.indexOf(" ", 7000);
    const quote = words.slice(start, end);
    const edited = words.slice(0, start) + quote.replace(/ w1/g, " v1") + words.slice(end);
    const m = bestMatch(quote, edited);
    expect([m.from, m.to]).toEqual([start, end]);
    expect(m.distance).toBe((quote.match(/ w1/g) ?? []).length);
  });
});

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { rankAt, rankBetween, ranksBetween } from "./ranks.ts";

const sorted = (keys: string[]) => keys.every((k, i) => i === 0 || keys[i - 1]! < k);
const wellFormed = (k: string) => /^[0-9a-z]+$/.test(k) && !k.endsWith("0");

describe("paragraph ranks", () => {
  it("puts a key strictly between two, at the start and at the end", () => {
    const [a, b] = [rankAt(3), rankAt(4)];
    for (const [x, y] of [[a, b], [null, a], [b, null]] as Array<[string | null, string | null]>) {
      const k = rankBetween(x, y);
      expect(wellFormed(k)).toBe(true);
      if (x !== null) expect(k > x).toBe(true);
      if (y !== null) expect(k < y).toBe(true);
    }
    expect(() => rankBetween(b, a)).toThrow(/not before/);
  });

  it("spreads a run of new keys over the gap, a few digits long however many", () => {
    const keys = ranksBetween(rankAt(10), rankAt(11), 5_000);
    expect(keys).toHaveLength(5_000);
    expect(sorted([rankAt(10), ...keys, rankAt(11)])).toBe(true);
    expect(keys.every(wellFormed)).toBe(true);
    expect(Math.max(...keys.map((k) => k.length))).toBeLessThanOrEqual(rankAt(10).length + 3);
  });

  it("keeps keys short when paragraphs are added one by one at the end", () => {
    const keys = [rankAt(0)];
    for (let i = 0; i < 20_000; i++) keys.push(rankBetween(keys.at(-1)!, null));
    expect(sorted(keys)).toBe(true);
    expect(keys.every(wellFormed)).toBe(true);
    expect(keys.at(-1)!.length).toBeLessThanOrEqual(rankAt(0).length + 1);
  });

  it("keeps keys short when paragraphs are put in one by one above the first", () => {
    const keys = [rankAt(0)];
    for (let i = 0; i < 10_000; i++) keys.unshift(rankBetween(null, keys[0]!));
    expect(sorted(keys)).toBe(true);
    expect(keys.every(wellFormed)).toBe(true);
    expect(keys[0]!.length).toBeLessThanOrEqual(200);
  });

  it("takes a thousand inserts one by one into the same gap", () => {
    const fixed = rankAt(1);
    const keys = [rankAt(0)];
    for (let i = 0; i < 1_000; i++) keys.push(rankBetween(keys.at(-1)!, fixed));
    expect(sorted([...keys, fixed])).toBe(true);
    expect(keys.every(wellFormed)).toBe(true);
  });

  it("keeps any sequence of inserts in order", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 40 })), { minLength: 1, maxLength: 60 }), (ops) => {
        const keys = [rankAt(0), rankAt(1), rankAt(2)];
        for (const [at, count] of ops) {
          const i = at % (keys.length + 1);
          keys.splice(i, 0, ...ranksBetween(keys[i - 1] ?? null, keys[i] ?? null, count));
        }
        return sorted(keys) && keys.every(wellFormed);
      }),
      { numRuns: 200, seed: Number(process.env.FUZZ_SEED ?? 20261206) },
    );
  });
});

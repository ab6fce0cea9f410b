/**
 * Paragraph ranks: keys whose string order is the paragraphs' order and that survive edits. A
 * new paragraph gets a key strictly between its neighbours', so inserting or moving one never
 * renumbers the others, and a version's order is rebuilt from the ranks its revisions stored.
 * Keys use the digits 0-9a-z (ASCII order is their order); imported paragraphs get fixed-width
 * decimal keys with room between them.
 */
const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
const BASE = DIGITS.length;
const MIN = DIGITS[0]!;

/** The key of the paragraph at `position` of an import (or of a migrated document). */
export function rankAt(position: number): string {
  // Odd, so a key never ends in the smallest digit (rankBetween needs that to find room).
  return String((position + 1) * 1024 + 1).padStart(8, "0");
}

/** Longer keys are refused: thousands of inserts one at a time into one gap get there. */
const MAX_KEY_LENGTH = 512;
const B36 = BigInt(BASE);

/** A key of `length` digits as an integer: the key's digits, padded on the right with the smallest. */
function scaled(key: string, length: number): bigint {
  let n = 0n;
  for (let i = 0; i < length; i++) n = n * B36 + BigInt(i < key.length ? DIGITS.indexOf(key[i]!) : 0);
  return n;
}

function keyOf(n: bigint, length: number): string {
  const out: string[] = [];
  for (let i = 0; i < length; i++) {
    out.push(DIGITS[Number(n % B36)]!);
    n /= B36;
  }
  return out.reverse().join("");
}

/**
 * `count` keys strictly between `before` and `after` (`null` meaning the start or the end), in
 * order, evenly spread over the gap and as short as that allows: a run of new paragraphs (a
 * revised draft's new section) costs a digit or two, however long. Keys are read as base-36
 * fractions; since no key ends in the smallest digit, their string order is their value's order.
 */
export function ranksBetween(before: string | null, after: string | null, count: number): string[] {
  const a = before ?? "";
  if (after !== null && a >= after) throw new Error(`rankBetween: ${a} is not before ${after}`);
  if (count <= 0) return [];
  for (let length = Math.max(a.length, after?.length ?? 0, 1); length <= MAX_KEY_LENGTH; length++) {
    const lo = scaled(a, length);
    const hi = after === null ? B36 ** BigInt(length) : scaled(after, length);
    let step = (hi - lo) / BigInt(count + 1);
    // At the end (typing paragraph after paragraph), a fixed stride rather than half of what
    // is left: the keys then stay as long as they are for millions of paragraphs.
    if (after === null) {
      const stride = B36 ** BigInt(Math.max(1, length - 4));
      if (step > stride) step = stride;
    }
    // At the start (paragraphs put in one after another above the first), the keys go just
    // below the first one, a 36th of the gap, leaving the rest for the next ones.
    const atStart = before === null && after !== null;
    if (atStart && step > (hi - lo) / B36) step = (hi - lo) / B36;
    // Steps of at least two leave room to move a key off the smallest last digit.
    if (step < 2n) continue;
    return Array.from({ length: count }, (_, i) => {
      // Counted down from `after` at the start, up from `before` elsewhere; moved off a
      // smallest last digit away from its neighbour.
      const n = atStart ? hi - step * BigInt(count - i) : lo + step * BigInt(i + 1);
      return keyOf(n % B36 === 0n ? (atStart ? n - 1n : n + 1n) : n, length);
    });
  }
  throw new Error("rankBetween: keys too long");
}

/**
 * A key strictly between `before` and `after` (`null` meaning the start or the end). Neither
 * key may end in the smallest digit, which every key made here and by rankAt satisfies.
 */
export function rankBetween(before: string | null, after: string | null): string {
  return ranksBetween(before, after, 1)[0]!;
}

export const RANK_MIN_DIGIT = MIN;

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

const digit = (s: string, i: number) => (i < s.length ? DIGITS.indexOf(s[i]!) : 0);

/**
 * A key strictly between `before` and `after` (`null` meaning the start or the end). Neither
 * key may end in the smallest digit, which every key made here and by rankAt satisfies, so there
 * is always room: the result is as short as the two allow plus at most one digit.
 */
export function rankBetween(before: string | null, after: string | null): string {
  const a = before ?? "";
  if (after !== null && a >= after) throw new Error(`rankBetween: ${a} is not before ${after}`);
  let out = "";
  for (let i = 0; ; i++) {
    const lo = digit(a, i);
    const hi = after === null ? BASE : i < after.length ? digit(after, i) : 0;
    if (hi - lo > 1) return out + DIGITS[Math.floor((lo + hi) / 2)]!;
    // No room at this digit: keep a's digit and go one deeper; once we are past `after`'s
    // prefix, anything above a's remaining digits fits.
    out += DIGITS[lo]!;
    if (after !== null && hi > lo) return rankBetween(a.slice(i + 1) || null, null).replace(/^/, out);
    if (i > 64) throw new Error("rankBetween: keys too long");
  }
}

/** `count` keys strictly between `before` and `after`, in order. */
export function ranksBetween(before: string | null, after: string | null, count: number): string[] {
  const out: string[] = [];
  let lo = before;
  for (let i = 0; i < count; i++) {
    const k = rankBetween(lo, after);
    out.push(k);
    lo = k;
  }
  return out;
}

export const RANK_MIN_DIGIT = MIN;

/**
 * Approximate search of a pattern inside a text (edit distance, free start and end), by Myers'
 * bit-parallel algorithm in Hyyrö's block form: the pattern is cut into 32-row blocks and each
 * text character costs one pass over the blocks, so a search costs ceil(m/32) * n word
 * operations instead of the m * n cells of the textbook dynamic programme. That bound is what
 * keeps re-anchoring a 2,000-character quote in milliseconds.
 *
 * Distances are over UTF-16 code units, like every offset in Scholia.
 */

interface Blocks {
  /** Pattern code unit -> its index in the pattern's alphabet. */
  alphabet: Map<number, number>;
  /** peq[b * alphabetSize + a]: bitmask of the rows of block b holding alphabet letter a. */
  peq: Int32Array;
  count: number;
  /** The bit of the pattern's last row inside the last block. */
  lastBit: number;
}

function blocksOf(pattern: string): Blocks {
  const alphabet = new Map<number, number>();
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (!alphabet.has(c)) alphabet.set(c, alphabet.size);
  }
  const count = Math.ceil(pattern.length / 32);
  const peq = new Int32Array(count * alphabet.size);
  for (let i = 0; i < pattern.length; i++) {
    peq[(i >> 5) * alphabet.size + alphabet.get(pattern.charCodeAt(i))!]! |= 1 << (i & 31);
  }
  return { alphabet, peq, count, lastBit: 1 << ((pattern.length - 1) & 31) };
}

/**
 * For each end position j in 0..text.length (exclusive end), the least edit distance between
 * the pattern and any substring of text ending at j. scores[0] is the pattern's length.
 */
export function endScores(pattern: string, text: string): Int32Array {
  const m = pattern.length;
  const scores = new Int32Array(text.length + 1);
  scores[0] = m;
  if (m === 0) return scores;
  const { alphabet, peq, count, lastBit } = blocksOf(pattern);
  const size = alphabet.size;
  const pv = new Int32Array(count).fill(-1);
  const mv = new Int32Array(count);
  let score = m;
  for (let j = 0; j < text.length; j++) {
    // A code unit the pattern does not hold matches no row: -1 selects the all-zero mask.
    const letter = alphabet.get(text.charCodeAt(j)) ?? -1;
    // Row 0 of every column is 0 (free start): no horizontal change enters the first block.
    let hin = 0;
    for (let b = 0; b < count; b++) {
      const high = b === count - 1 ? lastBit : 0x80000000 | 0;
      let eq = letter < 0 ? 0 : peq[b * size + letter]!;
      const p = pv[b]!;
      const mm = mv[b]!;
      const negIn = hin < 0 ? 1 : 0;
      const xv = eq | mm;
      eq |= negIn;
      const xh = ((((eq & p) + p) | 0) ^ p) | eq;
      let ph = mm | ~(xh | p);
      let mh = p & xh;
      let hout = 0;
      if (ph & high) hout = 1;
      else if (mh & high) hout = -1;
      ph = (ph << 1) | (hin > 0 ? 1 : 0);
      mh = (mh << 1) | negIn;
      pv[b] = mh | ~(xv | ph);
      mv[b] = ph & xv;
      hin = hout;
    }
    score += hin;
    scores[j + 1] = score;
  }
  return scores;
}

const reverse = (s: string) => {
  let out = "";
  for (let i = s.length - 1; i >= 0; i--) out += s[i];
  return out;
};

/**
 * The best approximate occurrence of `pattern` in `text`: the end with the least distance
 * (the earliest on ties), and the start found by the same search run backwards from that end.
 */
export function bestMatch(pattern: string, text: string): { from: number; to: number; distance: number } {
  const forward = endScores(pattern, text);
  let to = 0;
  for (let j = 1; j < forward.length; j++) if (forward[j]! < forward[to]!) to = j;
  const distance = forward[to]!;
  // Backwards: the reversed pattern against the reversed text before `to`; its best end is the start.
  const backward = endScores(reverse(pattern), reverse(text.slice(0, to)));
  let back = 0;
  for (let j = 1; j < backward.length; j++) if (backward[j]! < backward[back]!) back = j;
  return { from: to - back, to, distance };
}

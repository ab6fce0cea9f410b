/**
 * Reads the markers of docx-markers.ts off the blocks of the marked conversion and gives each
 * its offset in the blocks the document is imported with (the unmarked conversion: markers are
 * characters, and the HTML reader's rules about a line's first word, names or labels must not
 * see them). Each marked block, markers removed, is matched to the next imported block with the
 * same text; whitespace may differ where a marker split a run of spaces. A block that matches
 * none loses its markers (their notes are reported as not placed), so a marker is never moved
 * to a passage it was not on.
 */
import { markerIndex } from "./docx-markers.ts";
import type { BlockPoint } from "./types.ts";

/** How many imported blocks ahead a marked block is looked for. */
const LOOKAHEAD = 8;

const isSpace = (ch: string | undefined) => ch !== undefined && /\s/.test(ch);

/** `text` without markers, and each marker's offset in it. */
function splitMarkers(text: string): { plain: string; found: Array<[number, number]> } {
  let plain = "";
  const found: Array<[number, number]> = [];
  for (let k = 0; k < text.length; ) {
    const cp = text.codePointAt(k)!;
    const idx = markerIndex(cp);
    if (idx >= 0) {
      found.push([idx, plain.length]);
      k += 2;
    } else {
      plain += text[k];
      k++;
    }
  }
  return { plain, found };
}

/**
 * The offsets in `target` of the markers in `marked`, when the two texts are the same but for
 * whitespace; null when they differ.
 */
export function alignMarked(marked: string, target: string): Array<[number, number]> | null {
  const found: Array<[number, number]> = [];
  let j = 0;
  for (let k = 0; k < marked.length; ) {
    const idx = markerIndex(marked.codePointAt(k)!);
    if (idx >= 0) {
      found.push([idx, j]);
      k += 2;
      continue;
    }
    const ch = marked[k];
    if (j < target.length && target[j] === ch) {
      j++;
      k++;
    } else if (isSpace(ch)) k++;
    else if (isSpace(target[j])) j++;
    else return null;
  }
  while (isSpace(target[j])) j++;
  return j === target.length ? found : null;
}

/**
 * Each marker's place in `blocks` (the imported texts), or null when it could not be placed
 * exactly. `isEnd(i)` says whether marker i closes a span: a marker in a block of its own (an
 * otherwise empty paragraph) goes to the end of the previous block if it does, else to the start
 * of the next one.
 */
export function locateMarkers(markedBlocks: readonly string[], blocks: readonly string[], markerCount: number, isEnd: (i: number) => boolean): Array<BlockPoint | null> {
  const points: Array<BlockPoint | null> = new Array<BlockPoint | null>(markerCount).fill(null);
  // Markers are the only private-use characters of that plane the marked text may hold.
  if (blocks.some((t) => splitMarkers(t).found.length > 0)) return points;
  let next = 0;
  let floating: number[] = [];
  const settleFloating = (at: number, last = false) => {
    for (const i of floating) {
      if (isEnd(i)) {
        if (at > 0) points[i] = { block: at - 1, offset: blocks[at - 1]!.length };
      } else if (!last && at < blocks.length) points[i] = { block: at, offset: 0 };
    }
    floating = [];
  };
  /** Whether the last marked block with text matched the imported block just before `next`. */
  let chained = true;
  for (const text of markedBlocks) {
    const { plain, found } = splitMarkers(text);
    if (plain.trim() === "") {
      floating.push(...found.map(([i]) => i));
      continue;
    }
    let matched = false;
    for (let j = next; j < Math.min(blocks.length, next + LOOKAHEAD); j++) {
      const aligned = alignMarked(text, blocks[j]!);
      if (!aligned) continue;
      // Markers of an empty paragraph settle only between blocks matched without a gap.
      if (j === next && chained) settleFloating(j);
      for (const [i, offset] of aligned) points[i] = { block: j, offset };
      next = j + 1;
      matched = true;
      break;
    }
    chained = matched;
    floating = [];
  }
  if (chained) settleFloating(next, true);
  return points;
}

/**
 * A title typed by hand rather than given the Title style: a short first paragraph set in type
 * markedly larger than the size most of the text is set in. Word and OpenDocument files are
 * judged by the same rule (the PDF reader judges sizes its own way, line by line).
 */

/** A hand-set title's type is at least this many times the body's size. */
const TITLE_SIZE_RATIO = 1.3;
/** Longer than this, a large first paragraph is a display quote or a notice, not a title. */
const MAX_TITLE_LENGTH = 300;

/** The size with the most characters set in it (`chars`: size -> characters), or `fallback` when there are none. */
export function mostUsedSize(chars: ReadonlyMap<number, number>, fallback: number): number {
  let best = fallback;
  let most = 0;
  for (const [size, n] of chars) if (n > most) [best, most] = [size, n];
  return best;
}

/** Is a first paragraph of `text`, all of it set at `size` or larger, a hand-set title over a body set at `body`? */
export function isHandSetTitle(text: string, size: number, body: number): boolean {
  return text.trim().length <= MAX_TITLE_LENGTH && size >= TITLE_SIZE_RATIO * body;
}

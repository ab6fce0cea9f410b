/**
 * The article's body in sections: runs of top-level blocks, each drawn in one element that the
 * browser may leave out of layout and paint while it is off screen (`content-visibility` on the
 * section, styles.css). On one element per paragraph that costs the browser a check of every
 * paragraph in every scrolled frame (about 50 ms a frame for 10,000 paragraphs in Chromium); on
 * sections of a few dozen blocks it is a few hundred checks.
 *
 * Where a section starts depends only on the block itself (a hash of its paragraph id) and on
 * how many blocks its section already has: a paragraph added, removed or moved changes the
 * sections around it and no others, so putting an edited article into the editor replaces a
 * section or two, not everything after the edit.
 */

/** A section is at least this many blocks long (unless it ends the article)... */
export const SECTION_MIN = 8;
/** ...and at most this many. */
export const SECTION_MAX = 96;
/** About one block in this many starts a section (it must be a power of two). */
const SECTION_EVERY = 32;

/** FNV-1a over the key's UTF-16 code units. */
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Whether the block keyed `key` (its paragraph id, a list's first item's) starts a new section
 * when the current one already holds `size` blocks.
 */
export function startsSection(key: string, size: number): boolean {
  if (size === 0) return false;
  if (size >= SECTION_MAX) return true;
  return size >= SECTION_MIN && (hash(key) & (SECTION_EVERY - 1)) === 0;
}

/** Groups blocks (each with its key) into sections, in order; built as they are taken. */
export function* inSections<B>(blocks: Iterable<B>, keyOf: (block: B) => string): Generator<B[], void, undefined> {
  let section: B[] = [];
  for (const block of blocks) {
    if (startsSection(keyOf(block), section.length)) {
      yield section;
      section = [];
    }
    section.push(block);
  }
  if (section.length) yield section;
}

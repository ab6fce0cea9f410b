/**
 * Which of the article's blocks is at a given height on screen. ProseMirror's posAtCoords can
 * measure every block of the article when the point falls between blocks (in a margin or a
 * gap), which on a long article costs tens of milliseconds per call; the blocks are stacked in
 * document order, so a bisection by their boxes takes a few measures however long the article.
 */
import type { EditorView } from "@tiptap/pm/view";

/**
 * A document position inside the first top-level block whose box reaches below `y` (viewport
 * coordinates): the last block when every box is above, null when the article has no block.
 */
export function blockPosAtHeight(view: EditorView, y: number): number | null {
  const blocks = view.dom.children;
  if (blocks.length === 0) return null;
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid]!.getBoundingClientRect().bottom <= y) lo = mid + 1;
    else hi = mid;
  }
  try {
    return view.posAtDOM(blocks[lo]!, 0);
  } catch {
    // Not a node of the document (a widget): leave it to the caller's default.
    return null;
  }
}

/**
 * Which of the article's blocks is at a given height on screen. ProseMirror's posAtCoords can
 * measure every block of the article when the point falls between blocks (in a margin or a
 * gap), which on a long article costs tens of milliseconds per call; the blocks are stacked in
 * document order, so a bisection by their boxes takes a few measures however long the article.
 */
import type { EditorView } from "@tiptap/pm/view";

/** The index of the first of `boxes` (stacked top to bottom) whose box reaches below `y`; the last when none does. */
function firstBelow(boxes: HTMLCollection, y: number): number {
  let lo = 0;
  let hi = boxes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (boxes[mid]!.getBoundingClientRect().bottom <= y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A document position inside the first block whose box reaches below `y` (viewport
 * coordinates): the last block when every box is above, null when the article has no block. The
 * body's sections (article-sections.ts) are bisected first, then the blocks of the one found, so
 * only that section's blocks are measured (the others may be out of layout).
 */
export function blockPosAtHeight(view: EditorView, y: number): number | null {
  const top = view.dom.children;
  if (top.length === 0) return null;
  let block = top[firstBelow(top, y)]!;
  if (block.classList?.contains("article-section") && block.children.length > 0) block = block.children[firstBelow(block.children, y)]!;
  try {
    return view.posAtDOM(block, 0);
  } catch {
    // Not a node of the document (a widget): leave it to the caller's default.
    return null;
  }
}

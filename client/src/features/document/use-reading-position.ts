/**
 * Where the reader is: the start of the first paragraph visible at the top of the article's
 * pane, updated when the scrolling rests (and only when it moved to another paragraph): each
 * update re-renders the screen, and while the article has focus React measures the selection
 * across the whole text on every commit, which a long article cannot afford once per frame.
 * Only on wide screens, where the sidebar sits beside the text and can follow it.
 */
import { useEffect, useState } from "react";
import type { Editor } from "@tiptap/react";
import { blockAt, type BlockIndex } from "../../editor/anchors.ts";
import { blockPosAtHeight } from "../../editor/block-at-height.ts";

/** Wide enough for the sidebar to sit beside the article (matches the layout's breakpoint). */
export const SIDE_BY_SIDE = "(min-width: 901px)";
/** How long the scrolling must rest before the reading position is taken (ms). */
const REST_MS = 120;

export function useReadingPosition(editor: Editor | null, index: BlockIndex | null, pane: HTMLElement | null): number | null {
  const [pos, setPos] = useState<number | null>(null);
  useEffect(() => {
    if (!editor || !index || !pane) return;
    const wide = window.matchMedia(SIDE_BY_SIDE);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const measure = () => {
      timer = undefined;
      if (!wide.matches) return setPos(null);
      const box = pane.getBoundingClientRect();
      const text = editor.view.dom.getBoundingClientRect();
      const at = blockPosAtHeight(editor.view, Math.max(box.top, text.top) + 12);
      if (at === null) return;
      const block = blockAt(index, at, 1);
      setPos(block ? block.start : null);
    };
    const onScroll = () => {
      clearTimeout(timer);
      timer = setTimeout(measure, REST_MS);
    };
    // The first reading too waits for a rest: taken at once, it laid out the article just put in
    // (and the sidebar then scrolled to it, laying the page out again) inside the task that shows
    // the page, on its way to being usable.
    onScroll();
    pane.addEventListener("scroll", onScroll, { passive: true });
    wide.addEventListener("change", onScroll);
    return () => {
      clearTimeout(timer);
      pane.removeEventListener("scroll", onScroll);
      wide.removeEventListener("change", onScroll);
    };
  }, [editor, index, pane]);
  return pos;
}

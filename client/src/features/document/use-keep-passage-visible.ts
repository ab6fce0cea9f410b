/**
 * Keeps a passage (the one being annotated, or the open thread's) in sight when the article's
 * pane changes size under it — the phone's bottom sheet rising, the on-screen keyboard opening.
 * Scrolling by the reader is left alone: only a resize or a new passage moves the text.
 */
import { useEffect } from "react";
import type { Editor } from "@tiptap/react";
import type { PosRange } from "../../editor/anchors.ts";

export function useKeepPassageVisible(editor: Editor | null, pane: HTMLElement | null, range: PosRange | null, scrollToRange: (r: PosRange) => void): void {
  const from = range?.from;
  const to = range?.to;
  useEffect(() => {
    if (!editor || !pane || from === undefined || to === undefined) return;
    let frame = 0;
    const check = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const box = pane.getBoundingClientRect();
        if (box.height === 0) return;
        const start = editor.view.coordsAtPos(from);
        const end = editor.view.coordsAtPos(to);
        const hidden = start.top < box.top || end.bottom > box.bottom;
        // A passage taller than the pane cannot fit: its start in view is enough.
        if (hidden && !(start.top >= box.top && start.top < box.bottom && end.bottom - start.top > box.height)) scrollToRange({ from, to });
      });
    };
    check();
    const observer = new ResizeObserver(check);
    observer.observe(pane);
    window.visualViewport?.addEventListener("resize", check);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      window.visualViewport?.removeEventListener("resize", check);
    };
  }, [editor, pane, from, to, scrollToRange]);
}

/**
 * The article as the rest of the screen reaches it: the editor and its paragraph index once
 * ready, where an annotation (or a pending one) sits in the text, and moving the reader there.
 */
import { startTransition, useCallback, useState } from "react";
import type { Editor } from "@tiptap/react";
import { TextSelection } from "@tiptap/pm/state";
import { anchorToRange, type BlockIndex, type PosRange } from "../../editor/anchors.ts";
import type { OutboxEntry } from "../../realtime/outbox.ts";
import type { AnnotationsSnapshot } from "../annotations/annotation-store.ts";
import { PENDING_PREFIX } from "./pending.ts";

export interface ArticleNavigation {
  editor: Editor | null;
  index: BlockIndex | null;
  /** For ArticleEditor's onReady. */
  handleReady(editor: Editor, index: BlockIndex): void;
  /** The text changed: positions are read from this index from now on. */
  reindex(index: BlockIndex): void;
  /** The text range of an annotation, or of a create still in the outbox. */
  rangeOf(id: string): PosRange | null;
  scrollToRange(range: PosRange): void;
  /** Selects a range of the article, scrolls to it and focuses the text. */
  selectInText(range: PosRange): void;
  /** Selects an annotation's passage in the text. */
  showInText(id: string): void;
  /** Puts the caret at a paragraph's start, scrolls there and focuses the text. */
  showParagraph(paragraphId: string): void;
}

export function useArticleNavigation(snapshot: AnnotationsSnapshot, outboxEntries: OutboxEntry[]): ArticleNavigation {
  const [editor, setEditor] = useState<Editor | null>(null);
  const [index, setIndex] = useState<BlockIndex | null>(null);

  // The screen's first render with the article in (the list ordered, the overview, the layers)
  // is a transition: React renders it in slices, between which the page stays responsive.
  const handleReady = useCallback((e: Editor, idx: BlockIndex) => {
    startTransition(() => {
      setEditor(e);
      setIndex(idx);
    });
  }, []);

  const rangeOf = useCallback(
    (id: string): PosRange | null => {
      if (!index) return null;
      const a = snapshot.byId.get(id);
      // An orphan's points are where its words were: nothing to show.
      if (a) return a.anchor.state === "orphaned" ? null : anchorToRange(index, a.anchor);
      if (id.startsWith(PENDING_PREFIX)) {
        const entry = outboxEntries.find((e) => e.id === id.slice(PENDING_PREFIX.length));
        if (entry?.name === "annotation:create") return anchorToRange(index, entry.input.anchor);
      }
      return null;
    },
    [index, snapshot, outboxEntries],
  );

  const scrollToRange = useCallback(
    (range: PosRange) => {
      if (!editor) return;
      const { node } = editor.view.domAtPos(range.from);
      const el = node instanceof Element ? node : node.parentElement;
      const pane = el?.closest<HTMLElement>(".article-pane");
      if (!el || !pane) return el?.scrollIntoView({ block: "center", behavior: "auto" });
      // Only the article's own pane scrolls: the page (and its top bar) stays put.
      const centre = () => {
        const box = pane.getBoundingClientRect();
        const start = editor.view.coordsAtPos(range.from);
        const end = editor.view.coordsAtPos(range.to);
        const middle = end.bottom - start.top > box.height ? start.top + box.height / 3 : (start.top + end.bottom) / 2;
        const before = pane.scrollTop;
        pane.scrollTop += middle - (box.top + box.height / 2);
        return Math.abs(pane.scrollTop - before);
      };
      centre();
      // Paragraphs far away are laid out at an estimated height until they are drawn
      // (content-visibility, decided after the frame's callbacks), so the first jump can land
      // short: correct over the next frames until three in a row move nothing.
      let frames = 0;
      let still = 0;
      const settle = () => {
        still = centre() > 1 ? 0 : still + 1;
        if (still < 3 && ++frames < 20) requestAnimationFrame(settle);
      };
      requestAnimationFrame(settle);
    },
    [editor],
  );

  const selectInText = useCallback(
    (range: PosRange) => {
      if (!editor) return;
      const { state, view } = editor;
      view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, range.from, range.to)));
      view.focus();
      scrollToRange(range);
    },
    [editor, scrollToRange],
  );

  const showInText = useCallback(
    (id: string) => {
      const range = rangeOf(id);
      if (range) selectInText(range);
    },
    [rangeOf, selectInText],
  );

  const showParagraph = useCallback(
    (paragraphId: string) => {
      const block = index?.byPid.get(paragraphId);
      if (!editor || !block) return;
      const { state, view } = editor;
      view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, block.start)));
      view.focus();
      scrollToRange({ from: block.start, to: block.start + block.size });
    },
    [editor, index, scrollToRange],
  );

  return { editor, index, handleReady, reindex: setIndex, rangeOf, scrollToRange, selectInText, showInText, showParagraph };
}

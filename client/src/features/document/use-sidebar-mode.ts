/**
 * What the sidebar shows — its tab (annotations or the document's activity) and, under the
 * annotations tab, the list, one thread or a new annotation being written — and the moves
 * between them. Opening a thread scrolls the article to its
 * passage; going back to the list puts focus on the entry last opened; moving through the list
 * previews each entry's passage in the article.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { AnnotationKind } from "../../../../common/annotations.ts";
import type { PosRange } from "../../editor/anchors.ts";
import type { SelectionInfo } from "../../editor/SelectionToolbar.tsx";
import type { AnnotationsSnapshot, AnnotationStore } from "../annotations/annotation-store.ts";
import type { SidebarMode } from "../annotations/Sidebar.tsx";
import { PENDING_PREFIX } from "./pending.ts";

export type SidebarTab = "annotations" | "activity";

export interface SidebarModeState {
  tab: SidebarTab;
  setTab(tab: SidebarTab): void;
  mode: SidebarMode;
  setMode(m: SidebarMode): void;
  /** The annotation whose thread is open, if any. */
  openId: string | null;
  /** The list entry being looked at (keyboard), outlined in the article. */
  previewId: string | null;
  openThread(id: string, opts?: { focus?: boolean }): void;
  backToList(): void;
  /** Scrolls the article to an annotation's passage and outlines it, without leaving the list. */
  preview(id: string): void;
  /** Starts writing a new annotation on the selected text. */
  startDraft(kind: AnnotationKind, sel: SelectionInfo): void;
}

interface Deps {
  store: AnnotationStore;
  snapshot: AnnotationsSnapshot;
  rangeOf(id: string): PosRange | null;
  scrollToRange(range: PosRange): void;
}

export function useSidebarMode({ store, snapshot, rangeOf, scrollToRange }: Deps): SidebarModeState {
  const [tab, setTab] = useState<SidebarTab>("annotations");
  const [mode, setModeState] = useState<SidebarMode>({ view: "list" });
  const [previewId, setPreviewId] = useState<string | null>(null);
  const lastListFocus = useRef<string | null>(null);

  const setMode = useCallback((m: SidebarMode) => {
    setPreviewId(null);
    setModeState(m);
    setTab("annotations");
  }, []);

  const openThread = useCallback(
    (id: string, opts: { focus?: boolean } = {}) => {
      lastListFocus.current = id;
      setMode({ view: "thread", id, focus: opts.focus ?? true });
      const range = rangeOf(id);
      if (range) scrollToRange(range);
    },
    [rangeOf, scrollToRange, setMode],
  );

  const backToList = useCallback(() => setMode({ view: "list", focusId: lastListFocus.current ?? undefined }), [setMode]);

  const preview = useCallback(
    (id: string) => {
      lastListFocus.current = id;
      setPreviewId(id);
      const range = rangeOf(id);
      if (range) scrollToRange(range);
    },
    [rangeOf, scrollToRange],
  );

  const startDraft = useCallback(
    (kind: AnnotationKind, sel: SelectionInfo) => setMode({ view: "compose", draft: { kind, anchor: sel.anchor, range: { from: sel.from, to: sel.to } } }),
    [setMode],
  );

  // A created annotation's thread: follow the pending id to the real one once confirmed.
  const openId = mode.view === "thread" ? mode.id : null;
  useEffect(() => {
    if (!openId?.startsWith(PENDING_PREFIX)) return;
    const real = store.createdBy(openId.slice(PENDING_PREFIX.length));
    if (!real) return;
    lastListFocus.current = real;
    setModeState((m) => (m.view === "thread" && m.id === openId ? { ...m, id: real, focus: false } : m));
  }, [openId, snapshot, store]);

  return { tab, setTab, mode, setMode, openId, previewId: mode.view === "list" ? previewId : null, openThread, backToList, preview, startDraft };
}

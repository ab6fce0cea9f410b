/**
 * Feeds the editor's decoration layers from React state: highlights (annotations passing the
 * filters, pending ones from the outbox included) and the overlay (open annotation, draft, the
 * others' selections). The highlight layer is rebuilt only when what it draws changed.
 */
import { useEffect, useRef, useSyncExternalStore } from "react";
import type { Editor } from "@tiptap/react";
import type { TagDto } from "../../../../common/annotations.ts";
import { anchorToRange, type BlockIndex, type PosRange } from "../../editor/anchors.ts";
import { sameHighlights, type Highlight } from "../../editor/highlights.ts";
import { drawHighlights, keepDomSelection, setOverlay, type Drawing, type RemoteSelection } from "../../editor/plugins.ts";
import type { DocumentSession, SessionSnapshot } from "../../realtime/document-session.ts";
import { claimStatusOf } from "../review/claim-of.ts";
import { PENDING_PREFIX, type AnnotationView } from "./pending.ts";
import { nextTask } from "../../app/next-task.ts";

interface LayerInputs {
  editor: Editor | null;
  index: BlockIndex | null;
  /** The annotations passing the filters, pending ones included. */
  visible: AnnotationView[];
  tagsById: Map<string, TagDto>;
  activeRange: PosRange | null;
  draftRange: PosRange | null;
  session: DocumentSession | null;
}

const EMPTY_SESSION: SessionSnapshot = { state: "connecting", presence: [], typing: [], waiting: 0 };
const emptySession = () => EMPTY_SESSION;
const noop = () => () => {};

export function useEditorLayers(i: LayerInputs): void {
  const { editor, index, visible, tagsById, activeRange, draftRange, session } = i;
  const drawn = useRef<Highlight[]>([]);
  const firstPaint = useRef(false);
  // The drawing going on (steps to come, or following the scroll): replaced by the next one.
  const drawing = useRef<Drawing | null>(null);
  useEffect(() => () => drawing.current?.cancel(), []);

  useEffect(() => {
    if (!editor || !index) return;
    /** Every visible annotation placed in the article. */
    const place = () => {
      const highlights: Highlight[] = [];
      for (const a of visible) {
        // An orphan's words are gone: it is listed for re-attaching, not drawn.
        if (a.anchor.state === "orphaned") continue;
        const range = anchorToRange(index, a.anchor);
        if (!range) continue;
        const tag = a.tagIds.map((t) => tagsById.get(t)).find((t) => t && !t.archived);
        highlights.push({ id: a.id, from: range.from, to: range.to, kind: a.kind, tagColor: tag?.color ?? null, pending: a.id.startsWith(PENDING_PREFIX), status: claimStatusOf(a) });
      }
      return highlights;
    };
    const draw = (highlights: Highlight[]) => {
      if (sameHighlights(highlights, drawn.current) && drawing.current?.view === editor.view && drawing.current.live) return;
      drawn.current = highlights;
      // Only the chunks of the article whose highlights changed are redrawn; a large drawing goes
      // in steps, the part in view first, the rest when the page is idle (editor/plugins.ts).
      drawing.current?.cancel();
      drawing.current = drawHighlights(editor.view, highlights, () => {
        if (firstPaint.current || highlights.length === 0) return;
        firstPaint.current = true;
        requestAnimationFrame(() => setTimeout(() => performance.mark("scholia:highlights-painted"), 0));
      });
    };
    if (firstPaint.current) return void draw(place());
    // The first drawing waits for a task of its own (the list and the article were just drawn in
    // this one), and places the annotations in one task, draws in the next.
    let cancelled = false;
    void (async () => {
      await nextTask();
      if (cancelled || editor.view.isDestroyed) return;
      const placed = place();
      await nextTask();
      if (cancelled || editor.view.isDestroyed) return;
      draw(placed);
    })();
    return () => {
      cancelled = true;
    };
  }, [editor, index, visible, tagsById]);

  const presence = useSyncExternalStore(session?.subscribe ?? noop, session?.getSnapshot ?? emptySession).presence;

  const [aFrom, aTo, dFrom, dTo] = [activeRange?.from, activeRange?.to, draftRange?.from, draftRange?.to];
  const overlayDrawn = useRef<{ view: unknown; signature: string } | null>(null);
  useEffect(() => {
    if (!editor || !index) return;
    const range = (from?: number, to?: number): PosRange | null => (from !== undefined && to !== undefined ? { from, to } : null);
    const remote: RemoteSelection[] = [];
    for (const m of presence) {
      const sel = m.selection ? anchorToRange(index, m.selection) : null;
      if (sel) remote.push({ key: m.socketId, name: m.displayName, color: m.color, range: sel });
    }
    // Nothing to redraw, nothing to dispatch: a dispatch while the reader extends a selection by
    // keyboard makes ProseMirror hold its own selection briefly, and a key pressed then is lost.
    const signature = JSON.stringify([aFrom, aTo, dFrom, dTo, remote]);
    if (overlayDrawn.current?.view === editor.view && overlayDrawn.current.signature === signature) return;
    overlayDrawn.current = { view: editor.view, signature };
    editor.view.dispatch(keepDomSelection(editor.view, setOverlay(editor.state, { active: range(aFrom, aTo), draft: range(dFrom, dTo), remote })));
  }, [editor, index, presence, aFrom, aTo, dFrom, dTo]);
}

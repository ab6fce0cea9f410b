/**
 * The annotations in document order, virtualized (thousands of entries render a screenful).
 * One entry is in the tab order at a time; arrow keys, Home, End, PageUp and PageDown move
 * between entries, and the article scrolls to each one's passage. On wide screens the list
 * follows the reading position (the first annotation at the top of the article in view), unless
 * the reader is busy in the list (focus or pointer inside it).
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";
import { useVirtualizer, type Virtualizer } from "@tanstack/react-virtual";
import { anchorToRange, type BlockIndex } from "../../editor/anchors.ts";
import { useDocument } from "../document/document-context.ts";
import type { AnnotationView } from "../document/pending.ts";
import { AnnotationSummary } from "./AnnotationSummary.tsx";

/** The first item whose passage ends at or after `pos` (items in document order), or -1. */
export function firstAtOrAfter(ends: number[], pos: number): number {
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid]! < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo < ends.length ? lo : -1;
}

/** An entry's height before it is measured (px). */
const ESTIMATED_ROW = 92;
const estimateRow = () => ESTIMATED_ROW;

/**
 * An entry's height as the resize observer reports it, after the browser's own layout. Never
 * read from the element while rendering: that lays the whole page out inside React's task (with
 * a long article just put in, the longest part of showing the list). Until its first report, an
 * entry keeps the size it had or the estimate.
 */
function observedRowHeight(el: Element, entry: ResizeObserverEntry | undefined, v: Virtualizer<HTMLDivElement, Element>): number {
  const box = entry?.borderBoxSize?.[0];
  if (box) return Math.round(box.blockSize);
  const i = v.indexFromElement(el);
  return v.itemSizeCache.get(v.options.getItemKey(i)) ?? ESTIMATED_ROW;
}

/** Where each passage ends, in list order, as a running maximum (so it stays sorted). */
function passageEnds(items: AnnotationView[], index: BlockIndex | null): number[] {
  let max = 0;
  return items.map((a) => {
    const r = index ? anchorToRange(index, a.anchor) : null;
    max = Math.max(max, r?.to ?? max);
    return max;
  });
}

export function AnnotationList({ items, focusId, followPos }: { items: AnnotationView[]; focusId?: string; followPos: number | null }) {
  const { openThread, preview, index } = useDocument();
  const scroller = useRef<HTMLDivElement>(null);
  const [current, setCurrent] = useState(() => Math.max(0, focusId ? items.findIndex((a) => a.id === focusId) : 0));
  const focusWanted = useRef(focusId !== undefined);
  const pointerInside = useRef(false);
  // The same key function while the list is the same: a new one makes the virtualizer place all
  // the entries again (thousands) on every render.
  const itemKey = useCallback((i: number) => items[i]!.id, [items]);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: estimateRow,
    measureElement: observedRowHeight,
    overscan: 6,
    getItemKey: itemKey,
  });

  const safeCurrent = Math.min(current, Math.max(0, items.length - 1));

  useLayoutEffect(() => {
    if (focusId === undefined) return;
    const i = items.findIndex((a) => a.id === focusId);
    if (i >= 0) virtualizer.scrollToIndex(i, { align: "center" });
    // Only when coming back from a thread (focusId changes), not on every list change.
  }, [focusId]);

  // Where each passage ends, for following the reading position: worked out when first followed
  // (not while the list is first drawn), once per list and text.
  const ends = useRef<{ items: AnnotationView[]; index: BlockIndex | null; ends: number[] } | null>(null);

  useEffect(() => {
    if (followPos === null || items.length === 0) return;
    const el = scroller.current;
    if (!el || pointerInside.current || el.contains(document.activeElement)) return;
    if (ends.current?.items !== items || ends.current.index !== index) ends.current = { items, index, ends: passageEnds(items, index) };
    const i = firstAtOrAfter(ends.current.ends, followPos);
    virtualizer.scrollToIndex(i < 0 ? items.length - 1 : i, { align: "start" });
  }, [followPos, items, index]);

  // Focus follows the current entry once it is rendered (the virtualizer may need a frame or two).
  useEffect(() => {
    if (!focusWanted.current) return;
    let frames = 0;
    let raf = 0;
    const tryFocus = () => {
      const el = scroller.current?.querySelector<HTMLElement>(`li[data-index="${safeCurrent}"] button.summary-open`);
      if (el) {
        el.focus({ preventScroll: true });
        focusWanted.current = false;
      } else if (frames++ < 10) raf = requestAnimationFrame(tryFocus);
    };
    tryFocus();
    return () => cancelAnimationFrame(raf);
  });

  useEffect(() => {
    if (performance.getEntriesByName("scholia:sidebar-rendered").length === 0 && items.length > 0) performance.mark("scholia:sidebar-rendered");
  }, [items.length]);

  function move(to: number) {
    const i = Math.max(0, Math.min(items.length - 1, to));
    setCurrent(i);
    focusWanted.current = true;
    virtualizer.scrollToIndex(i, { align: "auto" });
    preview(items[i]!.id);
  }

  function handleKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const keys: Record<string, number> = { ArrowDown: safeCurrent + 1, ArrowUp: safeCurrent - 1, Home: 0, End: items.length - 1, PageDown: safeCurrent + 8, PageUp: safeCurrent - 8 };
    const to = keys[e.key];
    if (to === undefined || items.length === 0) return;
    e.preventDefault();
    move(to);
  }

  if (items.length === 0) return <p className="empty-list">No annotations to show.</p>;

  return (
    <div
      ref={scroller}
      className="annotation-list"
      onKeyDown={handleKeyDown}
      onPointerEnter={() => {
        pointerInside.current = true;
      }}
      onPointerLeave={() => {
        pointerInside.current = false;
      }}
    >
      <ul aria-label={`Annotations, ${items.length} in document order`} aria-describedby="list-help" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const a = items[row.index]!;
          return (
            <li
              key={row.key}
              data-index={row.index}
              ref={virtualizer.measureElement}
              aria-setsize={items.length}
              aria-posinset={row.index + 1}
              style={{ transform: `translateY(${row.start}px)` }}
            >
              <AnnotationSummary
                annotation={a}
                tabIndex={row.index === safeCurrent ? 0 : -1}
                onOpen={() => {
                  setCurrent(row.index);
                  openThread(a.id, { focus: true });
                }}
              />
            </li>
          );
        })}
      </ul>
      <p id="list-help" className="visually-hidden">
        Up and down arrows move between annotations and scroll the article to each; Enter opens the thread.
      </p>
    </div>
  );
}

/**
 * A thin bar beside the article showing where its annotations are: one mark per group of
 * nearby annotations at their relative height, drawn in the claim state's colour and icon
 * (or the kind's colour), and a frame showing the part of the article in view. A mark jumps
 * the article there. One tab stop: arrows move between marks, Enter or Space jumps.
 */
import { useCallback, useEffect, useRef, useState, type CSSProperties, type KeyboardEvent } from "react";
import type { Editor } from "@tiptap/react";
import type { BlockIndex } from "../../editor/anchors.ts";
import { css, iconColor, STATUS_ICONS, statusOfTone, TONE_COLORS, toneOf, toneWords } from "../../editor/highlight-palette.ts";
import { claimStatusOf } from "../review/claim-of.ts";
import { bucketize, type Bucket, type PlacedAnnotation } from "./overview-buckets.ts";
import type { AnnotationView } from "./pending.ts";

/** A mark's height: annotations closer than this share a mark. */
const MARK = 14;
/** Quiet time before measuring. */
const SETTLE_MS = 250;
/** The longest a measure waits for an idle moment once things have settled. */
const MEASURE_WAIT_MS = 1000;

/** Whether the browser moves the frame itself, by the article pane's scroll timeline (document.css). */
function scrollDriven(): boolean {
  return typeof CSS !== "undefined" && typeof CSS.supports === "function" && CSS.supports("animation-timeline: --a") && CSS.supports("timeline-scope: --a");
}

function bucketLabel(b: Bucket, height: number): string {
  const pct = Math.round((b.top / Math.max(1, height - MARK)) * 100);
  const counts = new Map<string, number>();
  for (const t of b.tones) counts.set(toneWords(t), (counts.get(toneWords(t)) ?? 0) + 1);
  const what = [...counts].map(([w, n]) => (n > 1 ? `${n} × ${w}` : w)).join(", ");
  return `${b.ids.length} ${b.ids.length === 1 ? "annotation" : "annotations"} ${pct}% down the article: ${what}`;
}

/**
 * Where a section's blocks start, as shares of its text before them (0 for the first block):
 * where a block of a section that is out of layout stands, near enough for a bar of buckets.
 */
function shares(section: Element): Map<string, number> {
  const blocks = [...section.querySelectorAll<HTMLElement>("[data-pid]")];
  const lengths = blocks.map((b) => b.textContent?.length ?? 0);
  const total = Math.max(1, lengths.reduce((a, b) => a + b, 0));
  const out = new Map<string, number>();
  let before = 0;
  blocks.forEach((b, i) => {
    out.set(b.dataset.pid!, before / total);
    before += lengths[i]!;
  });
  return out;
}

/**
 * Where each annotation starts, from 0 to 1 of the pane's scrollable height (one measure per
 * paragraph). The paragraphs' elements are found in one pass over the text's DOM (by their
 * `data-pid`): asking the view for each block's node by position walks the blocks before it,
 * which over a long article is quadratic. A paragraph in a section the browser keeps out of
 * layout (off screen, styles.css) is placed by its share of the section's text, not measured:
 * measuring it would lay the section out, and every section with an annotation would be.
 */
function placeAll(items: AnnotationView[], editor: Editor, pane: HTMLElement): PlacedAnnotation[] {
  const paneTop = pane.getBoundingClientRect().top - pane.scrollTop;
  const total = Math.max(1, pane.scrollHeight);
  const elements = new Map<string, HTMLElement>();
  for (const el of editor.view.dom.querySelectorAll<HTMLElement>("[data-pid]")) {
    const pid = el.dataset.pid!;
    if (!elements.has(pid)) elements.set(pid, el);
  }
  const sections = new Map<Element, { top: number; height: number; shares: Map<string, number> } | null>();
  const sectionOf = (section: Element) => {
    let s = sections.get(section);
    if (s === undefined) {
      const box = section.getBoundingClientRect();
      // The section's own box is always there; its children are what the browser skips. A
      // browser without checkVisibility measures every paragraph, as before.
      const first = section.firstElementChild;
      const shown = !first || typeof first.checkVisibility !== "function" || first.checkVisibility({ contentVisibilityAuto: true });
      s = shown ? null : { top: box.top - paneTop, height: box.height, shares: shares(section) };
      sections.set(section, s);
    }
    return s;
  };
  const tops = new Map<string, number>();
  const out: PlacedAnnotation[] = [];
  for (const a of items) {
    const pid = a.anchor.start.paragraphId;
    let top = tops.get(pid);
    if (top === undefined) {
      const dom = elements.get(pid);
      if (!dom) continue;
      const section = dom.closest(".article-section");
      const skipped = section ? sectionOf(section) : null;
      top = skipped ? skipped.top + skipped.height * (skipped.shares.get(pid) ?? 0) : dom.getBoundingClientRect().top - paneTop;
      tops.set(pid, top);
    }
    out.push({ id: a.id, at: top / total, tone: toneOf(a.kind, claimStatusOf(a)) });
  }
  return out;
}

export function OverviewBar({ items, editor, index, pane, onJump }: { items: AnnotationView[]; editor: Editor | null; index: BlockIndex | null; pane: HTMLElement | null; onJump(id: string): void }) {
  const bar = useRef<HTMLDivElement>(null);
  const frameRail = useRef<HTMLDivElement>(null);
  const [buckets, setBuckets] = useState<Bucket[]>([]);
  const [height, setHeight] = useState(0);
  const [current, setCurrent] = useState(0);

  const measure = useCallback(() => {
    const el = bar.current;
    if (!el || !editor || !index || !pane) return;
    const h = el.clientHeight;
    setHeight(h);
    setBuckets(bucketize(placeAll(items, editor, pane), h, MARK));
  }, [items, editor, index, pane]);

  // Re-measure when the annotations change and whenever the article or the pane changes size,
  // once things have settled: measuring lays out the whole article, which must not compete with
  // drawing the highlights while the page loads (the article grows as its paragraphs are drawn).
  // Scrolling also puts a waiting measure off: paragraphs coming into view for the first time
  // take their real height, so the article changes size all along a scroll, and a long
  // article's measure (a box read per paragraph) would land in the middle of it.
  // The measure itself waits for an idle moment after that (at most MEASURE_WAIT_MS): while the
  // page loads, the highlights in view and the list come first.
  useEffect(() => {
    if (!editor || !pane) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let idle: number | null = null;
    const cancelIdle = () => {
      if (idle !== null && typeof cancelIdleCallback === "function") cancelIdleCallback(idle);
      idle = null;
    };
    const later = () => {
      if (timer !== null) clearTimeout(timer);
      cancelIdle();
      timer = setTimeout(() => {
        timer = null;
        if (typeof requestIdleCallback !== "function") return measure();
        idle = requestIdleCallback(
          () => {
            idle = null;
            measure();
          },
          { timeout: MEASURE_WAIT_MS },
        );
      }, SETTLE_MS);
    };
    later();
    const observer = new ResizeObserver(later);
    observer.observe(pane);
    observer.observe(editor.view.dom);
    const onScroll = () => {
      if (timer !== null || idle !== null) later();
    };
    pane.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      if (timer !== null) clearTimeout(timer);
      cancelIdle();
      observer.disconnect();
      pane.removeEventListener("scroll", onScroll);
    };
  }, [measure, editor, pane]);

  // The frame of what is in view follows the scroll without re-rendering: where the browser
  // runs scroll-driven animations, on the compositor (document.css, `.overview-rail`), so a
  // scroll costs the page no work per frame; elsewhere moved here by a transform. Only its
  // height (the share of the article in view) is set here, when the pane or the article
  // changes size.
  useEffect(() => {
    if (!pane) return;
    let raf = 0;
    const byScroll = scrollDriven();
    const place = () => {
      raf = 0;
      const rail = frameRail.current;
      const track = bar.current;
      if (!rail || !track || pane.scrollHeight === 0) return;
      const h = track.clientHeight;
      const frameHeight = Math.max(8, (pane.clientHeight / pane.scrollHeight) * h);
      const height = `${frameHeight.toFixed(1)}px`;
      if (track.style.getPropertyValue("--frame-height") !== height) {
        track.style.setProperty("--frame-height", height);
        track.style.setProperty("--rail-room", `${(h - frameHeight).toFixed(1)}px`);
      }
      if (byScroll) return;
      const room = pane.scrollHeight - pane.clientHeight;
      rail.style.transform = `translateY(${room > 0 ? (pane.scrollTop / room) * 100 : 0}%)`;
    };
    const onChange = () => {
      if (!raf) raf = requestAnimationFrame(place);
    };
    // Placed in the next frame, with the layout the browser makes for it anyway: reading the
    // pane's height here would lay the whole article out in the task that just drew it.
    onChange();
    if (!byScroll) pane.addEventListener("scroll", onChange, { passive: true });
    const observer = new ResizeObserver(onChange);
    observer.observe(pane);
    if (editor) observer.observe(editor.view.dom);
    return () => {
      cancelAnimationFrame(raf);
      pane.removeEventListener("scroll", onChange);
      observer.disconnect();
    };
  }, [pane, editor]);

  const safe = Math.min(current, Math.max(0, buckets.length - 1));
  function handleKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const to = e.key === "ArrowDown" ? safe + 1 : e.key === "ArrowUp" ? safe - 1 : e.key === "Home" ? 0 : e.key === "End" ? buckets.length - 1 : null;
    if (to === null || buckets.length === 0) return;
    e.preventDefault();
    const i = Math.max(0, Math.min(buckets.length - 1, to));
    setCurrent(i);
    bar.current?.querySelector<HTMLButtonElement>(`button[data-bucket="${i}"]`)?.focus();
  }

  return (
    <nav className="overview-bar" aria-label="Where the annotations are">
      <div className="overview-track" ref={bar} onKeyDown={handleKeyDown}>
        <div className="overview-rail" ref={frameRail} aria-hidden="true">
          <div className="overview-frame" />
        </div>
        {buckets.map((b, i) => {
          const label = bucketLabel(b, height);
          const status = statusOfTone(b.tone);
          const claim = status ? STATUS_ICONS[status] : null;
          return (
            <button
              key={`${b.top}-${b.ids[0]}`}
              type="button"
              className={`overview-mark tone-${b.tone}${claim ? " is-claim" : ""}`}
              data-bucket={i}
              data-ids={b.ids.join(" ")}
              tabIndex={i === safe ? 0 : -1}
              style={{ top: b.top, "--mark": css(TONE_COLORS[b.tone]), "--mark-ink": css(iconColor(b.tone)) } as CSSProperties}
              aria-label={label}
              title={label}
              data-icon={claim ?? undefined}
              onClick={() => {
                setCurrent(i);
                onJump(b.ids[0]!);
              }}
            >
              {b.ids.length > 1 && <span className="overview-count" aria-hidden="true">{b.ids.length}</span>}
            </button>
          );
        })}
      </div>
    </nav>
  );
}


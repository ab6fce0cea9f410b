/**
 * The article editor's ProseMirror plugins: read-only text with a live caret (so a keyboard
 * can move and select), the highlight layer, and an overlay layer for the open annotation, the
 * draft selection and the other people's selections.
 */
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet, type EditorView } from "@tiptap/pm/view";
import type { Node as PMNode } from "@tiptap/pm/model";
import type { JSONContent } from "@tiptap/core";
import { FROM_SERVER } from "../features/editing/text-guard.ts";
import { blockPosAtHeight } from "./block-at-height.ts";
import { articleChunks, buildChunk, buildHighlightDecorations, chunkAt, chunkKey, highlightsByChunk, type ChunkDrawing, type Highlight, type Segment } from "./highlights.ts";
import type { PosRange } from "./anchors.ts";

/** Refuses every change to the document text while keeping selection and caret movement. */
export const ReadOnlyText = Extension.create({
  name: "readOnlyText",
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey("readOnlyText"),
        filterTransaction: (tr) => !tr.docChanged,
        props: {
          handleDOMEvents: {
            beforeinput: (_view, event) => {
              event.preventDefault();
              return true;
            },
          },
          handlePaste: () => true,
          handleDrop: () => true,
          handleTextInput: () => true,
        },
      }),
    ];
  },
});

interface HighlightState {
  set: DecorationSet;
  segments: Segment[];
  /** What each chunk of the article draws, while the text is the one they were drawn on. */
  chunks?: { doc: PMNode; drawn: Array<ChunkDrawing | null> };
}

export const highlightKey = new PluginKey<HighlightState>("highlights");

/** Replaces the highlight layer (one transaction, no document change). */
export function setHighlights(state: EditorState, highlights: Highlight[]): Transaction {
  return state.tr.setMeta(highlightKey, buildHighlightDecorations(state.doc, highlights)).setMeta("addToHistory", false);
}

/** Below this many highlights in the changed chunks, a drawing is done in one step. */
const ONE_STEP = 600;
/**
 * What one later step of a drawing should take, building and showing (ms): the number of
 * chunks per step grows or shrinks after each step to stay near it.
 */
const STEP_TARGET_MS = 24;
/**
 * From this many chunks on, only the chunks around the view are drawn (and drawn anew as the
 * reader scrolls): every redraw of the layer costs the view time in proportion to the square
 * of the number of decorated blocks, which a very long article cannot afford.
 */
const WINDOWED_FROM_CHUNKS = 200;
/**
 * When windowed: once a chunk within AHEAD chunks of the view needs drawing, the chunks within
 * LEAD are drawn too, as many per step as the idle time allows, so a steady scroll redraws the
 * layer every few chunks rather than at each (each redraw costs the view a pass over the
 * article's sections, and garbage). Drawn chunks further than KEEP from the view are dropped
 * once DROP_AFTER of them have gathered, at once when their highlights changed, and otherwise
 * when the page is idle (QUIET_MS of idle time ahead: not while it scrolls).
 */
const AHEAD = 3;
const LEAD = 8;
const KEEP = 12;
const DROP_AFTER = 8;
const QUIET_MS = 20;
/** How long far chunks left drawn may wait for an idle moment before they are looked at again (ms). */
const LINGER_MS = 2000;
/** What drawing or dropping a chunk takes at first (ms), until steps have measured it. */
const FIRST_CHUNK_MS = 2;

type IdleHandle = { cancel(): void };
/** Runs `run` when the page is idle (with the time left there), or after `timeout` ms at the latest. */
function whenIdle(run: (deadline?: IdleDeadline) => void, timeout: number): IdleHandle {
  if (typeof window.requestIdleCallback === "function") {
    const id = window.requestIdleCallback(run, { timeout });
    return { cancel: () => window.cancelIdleCallback(id) };
  }
  const id = setTimeout(run, 1);
  return { cancel: () => clearTimeout(id) };
}

/** The first and last chunk in view, from one measure of where the text is. */
function chunksInView(view: EditorView, chunks: Array<{ from: number; to: number }>): [number, number] {
  const box = view.dom.getBoundingClientRect();
  const top = Math.max(box.top, 0);
  const bottom = Math.min(box.bottom, window.innerHeight || box.bottom);
  if (bottom <= top) return box.top >= 0 ? [0, 0] : [chunks.length - 1, chunks.length - 1];
  const first = blockPosAtHeight(view, top + 1);
  const last = blockPosAtHeight(view, bottom - 1);
  const a = chunkAt(chunks, first ?? 0);
  return [a, Math.max(a, chunkAt(chunks, last ?? first ?? 0))];
}

export interface Drawing {
  readonly view: EditorView;
  /** Stops a drawing (steps still to come, following the scroll); what was drawn stays. */
  cancel(): void;
  /** Every step done (a windowed drawing is done once the part around the view is). */
  readonly done: boolean;
  /** Still drawing the text the view shows (not cancelled, the text not changed since). */
  readonly live: boolean;
}

/**
 * Draws `highlights` as the highlight layer, rebuilding only the chunks of the article whose
 * highlights changed since the last drawing on the same text. A large change is drawn in
 * steps: the chunks in view at once, the others in idle time a few at a time, nearest first,
 * so no single task rebuilds the whole article. A very long article keeps only the chunks
 * around the view drawn, following the scroll. Each step is one transaction that keeps the
 * reader's DOM selection; `onStep` is told after each.
 */
export function drawHighlights(view: EditorView, highlights: Highlight[], onStep?: (done: boolean) => void): Drawing {
  const doc = view.state.doc;
  const chunks = articleChunks(doc);
  const max = doc.content.size;
  const per = highlightsByChunk(
    chunks,
    highlights.filter((h) => h.from >= 0 && h.to <= max),
  );
  const before = highlightKey.getState(view.state);
  const known = before?.chunks?.doc === doc ? before.chunks.drawn : null;
  const drawn: Array<ChunkDrawing | null> = known ? [...known] : chunks.map(() => null);
  /** The chunks drawn now (their indexes). */
  const shown = new Set<number>();
  drawn.forEach((d, i) => d && shown.add(i));
  // Segments per chunk: those drawn, or (not drawn in chunks yet) the ones in the layer now.
  const segments: Segment[][] = known ? drawn.map((d) => d?.segments ?? []) : chunks.map((): Segment[] => []);
  if (!known) for (const seg of before?.segments ?? []) if (seg.from <= max) segments[chunkAt(chunks, seg.from)]!.push(seg);
  // What each chunk should draw, keyed when first needed: a first drawing keys only the chunks it
  // draws, each in the step that draws it.
  const keys: Array<string | undefined> = [];
  const keyOf = (i: number) => (keys[i] ??= chunkKey(per[i]!));
  // Chunks whose drawing is not what they should draw (never drawn in chunks: redrawn).
  const stale = (i: number) => (drawn[i] ? drawn[i]!.key !== keyOf(i) : per[i]!.length > 0 || (!known && segments[i]!.length > 0));
  let set = before?.set ?? DecorationSet.empty;
  let cleared = !!known;
  /** `lingering`: the pending step only looks for a quiet moment to drop far chunks. */
  const state = { done: false, stopped: false, handle: null as IdleHandle | null, lingering: false, stopScroll: () => {} };

  /** Draws chunk `i` anew, or (`drop`) takes its drawing away. */
  const apply = (indices: number[], drop = false) => {
    const removed: Decoration[] = [];
    const added: Decoration[] = [];
    for (const i of indices) {
      const chunk = chunks[i]!;
      const old = drawn[i];
      if (old) removed.push(...old.decorations);
      else if (!cleared) removed.push(...set.find(chunk.from, chunk.to));
      const next = drop ? null : buildChunk(chunk, per[i]!, keyOf(i));
      drawn[i] = next;
      if (next) shown.add(i);
      else shown.delete(i);
      segments[i] = next?.segments ?? [];
      if (next) added.push(...next.decorations);
    }
    if (removed.length) set = set.remove(removed);
    if (added.length) set = set.add(doc, added);
  };
  const show = () => {
    const value: HighlightState = { set, segments: segments.flat(), chunks: { doc, drawn: [...drawn] } };
    view.dispatch(keepDomSelection(view, view.state.tr.setMeta(highlightKey, value).setMeta("addToHistory", false)));
  };
  const usable = () => !state.stopped && !view.isDestroyed && view.state.doc === doc;
  const drawing: Drawing = {
    view,
    cancel() {
      state.stopped = true;
      state.handle?.cancel();
      state.handle = null;
      state.stopScroll();
    },
    get done() {
      return state.done;
    },
    get live() {
      return usable();
    },
  };

  if (chunks.length >= WINDOWED_FROM_CHUNKS) {
    // Whatever the layer held before is not in chunks: clear it once, then draw around the view.
    if (!cleared) {
      set = DecorationSet.empty;
      for (let i = 0; i < chunks.length; i++) segments[i] = [];
      cleared = true;
    }
    let perChunk = FIRST_CHUNK_MS;
    const follow = (deadline?: IdleDeadline) => {
      state.handle = null;
      state.lingering = false;
      if (!usable()) return;
      const [a, b] = chunksInView(view, chunks);
      const last = chunks.length - 1;
      const distance = (i: number) => (i < a ? a - i : i > b ? i - b : 0);
      let needed = false;
      for (let i = Math.max(0, a - AHEAD); i <= Math.min(last, b + AHEAD) && !needed; i++) needed = stale(i);
      const want: number[] = [];
      const far: number[] = [];
      let farStale = false;
      // Drawn chunks: out of date near the view, redrawn; far from it, dropped (at once when out of date).
      for (const i of shown) {
        if (distance(i) > KEEP) {
          far.push(i);
          farStale ||= stale(i);
        } else if (stale(i)) want.push(i);
      }
      // The first step draws only what is needed, to show the highlights in view soonest.
      const reach = state.done ? LEAD : AHEAD;
      if (needed) for (let i = Math.max(0, a - reach); i <= Math.min(last, b + reach); i++) if (!drawn[i] && stale(i)) want.push(i);
      const quiet = !deadline || deadline.timeRemaining() >= QUIET_MS;
      const drop = far.length >= DROP_AFTER || farStale || quiet ? far : [];
      const linger = () => {
        // Far chunks left for a quiet moment: looked at again when the page is idle.
        state.handle = whenIdle(follow, LINGER_MS);
        state.lingering = true;
      };
      if (!want.length && !drop.length && state.done) {
        if (far.length) linger();
        return;
      }
      // Nearest the view first; what is in view is drawn in this step whatever it takes, the rest
      // as far as the idle time goes (the first step, and any in a browser without idle callbacks, does it all).
      want.sort((x, y) => distance(x) - distance(y));
      drop.sort((x, y) => (stale(y) ? 1 : 0) - (stale(x) ? 1 : 0));
      const inView = want.filter((i) => distance(i) === 0).length;
      const room = deadline && state.done ? Math.max(inView, 1, Math.floor(deadline.timeRemaining() / perChunk)) : Infinity;
      const drawNow = want.slice(0, room);
      const dropNow = drop.slice(0, Math.max(0, room - drawNow.length));
      const started = performance.now();
      apply(dropNow, true);
      apply(drawNow);
      show();
      const count = drawNow.length + dropNow.length;
      if (count) perChunk = Math.max(0.25, (perChunk + (performance.now() - started) / count) / 2);
      const first = !state.done;
      state.done = true;
      if (first) onStep?.(true);
      if (drawNow.length < want.length || dropNow.length < drop.length) state.handle = whenIdle(follow, 100);
      else if (far.length > dropNow.length) linger();
    };
    follow();
    const onScroll = () => {
      if (!usable()) return;
      // A look for a quiet moment gives way to following the scroll.
      if (state.handle && state.lingering) state.handle.cancel();
      else if (state.handle) return;
      state.lingering = false;
      state.handle = whenIdle(follow, 100);
    };
    const target = view.dom.ownerDocument;
    target.addEventListener("scroll", onScroll, { capture: true, passive: true });
    state.stopScroll = () => target.removeEventListener("scroll", onScroll, { capture: true });
    return drawing;
  }

  const todo: number[] = [];
  let size = 0;
  for (let i = 0; i < chunks.length; i++)
    if (stale(i)) {
      todo.push(i);
      size += per[i]!.length;
    }
  if (todo.length === 0) {
    state.done = true;
    return drawing;
  }
  if (size <= ONE_STEP) {
    apply(todo);
    show();
    state.done = true;
    onStep?.(true);
    return drawing;
  }
  // In view first; the rest nearest first.
  const [a, b] = chunksInView(view, chunks);
  const near = (i: number) => i >= a && i <= b;
  const rest = todo.filter((i) => !near(i)).sort((x, y) => Math.min(Math.abs(x - a), Math.abs(x - b)) - Math.min(Math.abs(y - a), Math.abs(y - b)) || x - y);
  apply(todo.filter(near));
  show();
  onStep?.(false);
  let perStep = 1;
  const step = () => {
    state.handle = null;
    // The text changed under the drawing: the next drawing starts over on the new text.
    if (!usable()) return;
    const started = performance.now();
    apply(rest.splice(0, perStep));
    show();
    const took = performance.now() - started;
    perStep = took > STEP_TARGET_MS ? Math.max(1, perStep >> 1) : took < STEP_TARGET_MS / 2 ? perStep * 2 : perStep;
    state.done = rest.length === 0;
    onStep?.(state.done);
    if (!state.done) state.handle = whenIdle(step, 300);
  };
  state.handle = whenIdle(step, 300);
  return drawing;
}

/** Meta on the transactions that put the rest of a long article in (see `appendBlocks`). */
export const ARTICLE_LOADING = "scholia:articleLoading";

export interface Appending {
  cancel(): void;
}

/**
 * What one step of putting an article in should take (ms, building its nodes and DOM): the
 * number of sections per step grows or shrinks after each step to stay near it.
 */
const APPEND_TARGET_MS = 16;

/**
 * Appends `nodes` (top-level nodes of the article, its sections, as JSON, each built as a step takes it) to the end of the view's document,
 * a few at a time, each step in a task of its own; `done` is called after the last one. Each
 * step is the page's own text going in (FROM_SERVER: not an edit, not sent anywhere, not in any
 * undo history) and keeps the reader's DOM selection.
 */
export function appendBlocks(view: EditorView, nodes: Iterator<JSONContent, void, undefined>, done: () => void): Appending {
  let perStep = 2;
  let stopped = false;
  // Each step is a task of its own, posted through a message channel: a chain of zero-delay
  // timers is held to 4 ms apiece by the browser after a few links, which over a long article
  // adds up to a noticeable wait.
  const channel = new MessageChannel();
  channel.port1.onmessage = () => step();
  const stop = () => {
    stopped = true;
    channel.port1.onmessage = null;
    channel.port1.close();
  };
  const step = () => {
    if (stopped) return;
    if (view.isDestroyed) return stop();
    const started = performance.now();
    const batch: PMNode[] = [];
    let last = false;
    while (batch.length < perStep) {
      const n = nodes.next();
      if (n.done) {
        last = true;
        break;
      }
      batch.push(view.state.schema.nodeFromJSON(n.value));
    }
    if (batch.length) {
      const tr = view.state.tr.insert(view.state.doc.content.size, batch).setMeta(FROM_SERVER, true).setMeta(ARTICLE_LOADING, true).setMeta("addToHistory", false);
      view.dispatch(keepDomSelection(view, tr));
    }
    const took = performance.now() - started;
    perStep = took > APPEND_TARGET_MS ? Math.max(1, Math.round(perStep * 0.7)) : took < APPEND_TARGET_MS / 2 ? perStep * 2 : perStep;
    if (!last) channel.port2.postMessage(null);
    else {
      stop();
      done();
    }
  };
  // The first step too waits for a task of its own: the editor was just made in this one.
  channel.port2.postMessage(null);
  return { cancel: stop };
}

/**
 * Carries a selection the browser has made but ProseMirror has not read yet (it reads DOM
 * selection changes asynchronously) into `tr`. Without it, a decoration redraw landing in that
 * moment (highlights drawn in steps while the page loads, the others' selections moving) puts
 * ProseMirror's older selection back into the page and the person's fresh selection is lost.
 */
export function keepDomSelection(view: EditorView, tr: Transaction): Transaction {
  if (!view.hasFocus()) return tr;
  const sel = view.dom.ownerDocument.getSelection();
  if (!sel?.anchorNode || !sel.focusNode || !view.dom.contains(sel.anchorNode) || !view.dom.contains(sel.focusNode)) return tr;
  try {
    const anchor = view.posAtDOM(sel.anchorNode, sel.anchorOffset);
    const head = view.posAtDOM(sel.focusNode, sel.focusOffset);
    if (tr.selection.anchor === anchor && tr.selection.head === head) return tr;
    return tr.setSelection(TextSelection.between(tr.doc.resolve(anchor), tr.doc.resolve(head)));
  } catch {
    // A DOM point ProseMirror cannot place (inside a widget): leave the selection alone.
    return tr;
  }
}

/** The highlight segments currently drawn (for "which annotation is at this position"). */
export function highlightSegments(state: EditorState): Segment[] {
  return highlightKey.getState(state)?.segments ?? [];
}

export interface RemoteSelection {
  key: string;
  name: string;
  color: string;
  range: PosRange;
}

export interface Overlay {
  active: PosRange | null;
  draft: PosRange | null;
  remote: RemoteSelection[];
}

export const overlayKey = new PluginKey<DecorationSet>("overlay");

function nameLabel(sel: RemoteSelection): HTMLElement {
  const el = document.createElement("span");
  el.className = "remote-caret";
  el.style.setProperty("--who", sel.color);
  el.setAttribute("aria-hidden", "true");
  el.dataset.name = sel.name;
  return el;
}

/** Decorations of the overlay layer. */
export function overlayDecorations(doc: PMNode, overlay: Overlay): DecorationSet {
  const max = doc.content.size;
  const fits = (r: PosRange | null): r is PosRange => !!r && r.from >= 0 && r.to <= max && r.to > r.from;
  const decos: Decoration[] = [];
  if (fits(overlay.active)) decos.push(Decoration.inline(overlay.active.from, overlay.active.to, { class: "anno-active" }));
  if (fits(overlay.draft)) decos.push(Decoration.inline(overlay.draft.from, overlay.draft.to, { class: "anno-draft" }));
  for (const sel of overlay.remote) {
    if (!fits(sel.range)) continue;
    decos.push(Decoration.inline(sel.range.from, sel.range.to, { class: "remote-selection", style: `--who: ${sel.color}` }));
    decos.push(Decoration.widget(sel.range.to, () => nameLabel(sel), { key: `remote-${sel.key}-${sel.name}-${sel.color}`, side: 1 }));
  }
  return DecorationSet.create(doc, decos);
}

export function setOverlay(state: EditorState, overlay: Overlay): Transaction {
  return state.tr.setMeta(overlayKey, overlayDecorations(state.doc, overlay)).setMeta("addToHistory", false);
}

function mapHighlights(value: HighlightState, tr: Transaction): HighlightState {
  const segments: Segment[] = [];
  for (const s of value.segments) {
    const from = tr.mapping.map(s.from, 1);
    const to = tr.mapping.map(s.to, -1);
    if (to > from) segments.push({ ...s, from, to });
  }
  return { set: value.set.map(tr.mapping, tr.doc), segments };
}

/** The two decoration layers as one extension. */
export const AnnotationLayers = Extension.create({
  name: "annotationLayers",
  addProseMirrorPlugins() {
    return [
      new Plugin<HighlightState>({
        key: highlightKey,
        state: {
          init: () => ({ set: DecorationSet.empty, segments: [] }),
          // A change of the text (an edit applied live) carries the drawn layer along until it is redrawn.
          apply: (tr, value) => tr.getMeta(highlightKey) ?? (tr.docChanged ? mapHighlights(value, tr) : value),
        },
        props: { decorations: (state) => highlightKey.getState(state)?.set },
      }),
      new Plugin<DecorationSet>({
        key: overlayKey,
        state: {
          init: () => DecorationSet.empty,
          apply: (tr, value) => tr.getMeta(overlayKey) ?? (tr.docChanged ? value.map(tr.mapping, tr.doc) : value),
        },
        props: { decorations: (state) => overlayKey.getState(state) },
      }),
    ];
  },
});

/**
 * The article editor's ProseMirror plugins: read-only text with a live caret (so a keyboard
 * can move and select), the highlight layer, and an overlay layer for the open annotation, the
 * draft selection and the other people's selections.
 */
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet, type EditorView } from "@tiptap/pm/view";
import type { Node as PMNode } from "@tiptap/pm/model";
import { buildHighlightDecorations, type Highlight, type Segment } from "./highlights.ts";
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
}

export const highlightKey = new PluginKey<HighlightState>("highlights");

/** Replaces the highlight layer (one transaction, no document change). */
export function setHighlights(state: EditorState, highlights: Highlight[]): Transaction {
  return state.tr.setMeta(highlightKey, buildHighlightDecorations(state.doc, highlights)).setMeta("addToHistory", false);
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

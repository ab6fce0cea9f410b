/**
 * A layer of the article for the text's own changes: open suggestions as tracked changes (the
 * span struck through, the proposed words shown inserted after it) and annotations whose text
 * changed since they were written (confidence below CERTAIN_CONFIDENCE) underlined dashed, with
 * the reason in their title. Drawn from the page's annotations, carried along when the text
 * changes until it is drawn again.
 */
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import type { Node as PMNode } from "@tiptap/pm/model";

export const UNCERTAIN_TITLE = "Text changed since this was written; check the passage";

export type TrackedItem =
  | { kind: "suggestion"; id: string; from: number; to: number; replacement: string; author: string }
  | { kind: "uncertain"; id: string; from: number; to: number; confidence: number };

export const trackedKey = new PluginKey<DecorationSet>("trackedChanges");

function insertion(item: Extract<TrackedItem, { kind: "suggestion" }>): HTMLElement {
  const el = document.createElement("ins");
  el.className = "suggestion-ins";
  el.dataset.anno = item.id;
  el.contentEditable = "false";
  el.textContent = item.replacement;
  el.title = `Suggested by ${item.author}`;
  return el;
}

export function trackedDecorations(doc: PMNode, items: TrackedItem[]): DecorationSet {
  const max = doc.content.size;
  const decos: Decoration[] = [];
  for (const item of items) {
    if (item.from < 0 || item.to > max || item.to <= item.from) continue;
    if (item.kind === "suggestion") {
      const title = item.replacement ? `Suggested change by ${item.author}: replace with “${item.replacement}”` : `Suggested change by ${item.author}: delete`;
      decos.push(Decoration.inline(item.from, item.to, { class: "suggestion-del", "data-suggestion": item.id, title }));
      if (item.replacement) decos.push(Decoration.widget(item.to, () => insertion(item), { side: 1, key: `ins-${item.id}-${item.replacement}`, ignoreSelection: true, marks: [] }));
    } else {
      decos.push(Decoration.inline(item.from, item.to, { class: "anno-uncertain", "data-uncertain": item.id, title: `${UNCERTAIN_TITLE} (${Math.round(item.confidence * 100)}% sure).` }));
    }
  }
  return DecorationSet.create(doc, decos);
}

/** Replaces the layer (no change to the text). */
export function setTracked(state: EditorState, items: TrackedItem[]): Transaction {
  return state.tr.setMeta(trackedKey, trackedDecorations(state.doc, items)).setMeta("addToHistory", false);
}

export const TrackedChanges = Extension.create({
  name: "trackedChanges",
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: trackedKey,
        state: {
          init: () => DecorationSet.empty,
          apply: (tr, set) => (tr.getMeta(trackedKey) as DecorationSet | undefined) ?? (tr.docChanged ? set.map(tr.mapping, tr.doc) : set),
        },
        props: { decorations: (state) => trackedKey.getState(state) },
      }),
    ];
  },
});

/** Feeds the article's tracked-changes layer: open suggestions, and annotations whose text changed. */
import { useEffect, useRef } from "react";
import type { Editor } from "@tiptap/react";
import { CERTAIN_CONFIDENCE } from "../../../../common/anchoring.ts";
import type { AnnotationDto } from "../../../../common/annotations.ts";
import { anchorToRange, type BlockIndex } from "../../editor/anchors.ts";
import { keepDomSelection } from "../../editor/plugins.ts";
import { setTracked, type TrackedItem } from "./tracked-changes.ts";

/** The layer's items for some annotations placed by `index`. */
export function trackedItems(index: BlockIndex, annotations: Iterable<Pick<AnnotationDto, "id" | "kind" | "anchor" | "suggestion" | "author">>): TrackedItem[] {
  const items: TrackedItem[] = [];
  for (const a of annotations) {
    if (a.anchor.state !== "anchored") continue;
    const range = anchorToRange(index, a.anchor);
    if (!range) continue;
    if (a.kind === "suggestion" && a.suggestion?.state === "open") items.push({ kind: "suggestion", id: a.id, ...range, replacement: a.suggestion.replacement, author: a.author.displayName });
    if (a.anchor.confidence < CERTAIN_CONFIDENCE) items.push({ kind: "uncertain", id: a.id, ...range, confidence: a.anchor.confidence });
  }
  return items;
}

export function useTrackedLayer(editor: Editor | null, index: BlockIndex | null, annotations: Array<Pick<AnnotationDto, "id" | "kind" | "anchor" | "suggestion" | "author">>): void {
  const drawn = useRef("");
  useEffect(() => {
    if (!editor || !index || editor.isDestroyed) return;
    const items = trackedItems(index, annotations);
    const signature = JSON.stringify(items);
    if (signature === drawn.current) return;
    drawn.current = signature;
    editor.view.dispatch(keepDomSelection(editor.view, setTracked(editor.state, items)));
  }, [editor, index, annotations]);
}

/** The small toolbar over a selection: comment, highlight, claim (also Alt+Shift+C/H/L) or a suggested change. */
import { useLayoutEffect, useState } from "react";
import type { Editor } from "@tiptap/react";
import type { AnchorInput, AnnotationKind } from "../../../common/annotations.ts";

export interface SelectionInfo {
  from: number;
  to: number;
  anchor: AnchorInput & { quote: string };
}

/** KeyboardEvent.code -> kind, used with Alt+Shift. */
export const SHORTCUT_KINDS: Record<string, AnnotationKind> = { KeyC: "comment", KeyH: "highlight", KeyL: "claim" };

const BUTTONS: Array<{ kind: AnnotationKind; label: string; keys?: string }> = [
  { kind: "comment", label: "Comment", keys: "Alt+Shift+C" },
  { kind: "highlight", label: "Highlight", keys: "Alt+Shift+H" },
  { kind: "claim", label: "Claim", keys: "Alt+Shift+L" },
  { kind: "suggestion", label: "Suggest" },
];

export function SelectionToolbar(props: {
  editor: Editor;
  container: HTMLElement | null;
  selection: SelectionInfo;
  onChoose(kind: AnnotationKind): void;
  onFocusChange(focused: boolean): void;
}) {
  const { editor, container, selection } = props;
  const [pos, setPos] = useState<{ top: number; left: number } | null>(null);

  useLayoutEffect(() => {
    if (!container) return;
    const box = container.getBoundingClientRect();
    const start = editor.view.coordsAtPos(selection.from);
    const end = editor.view.coordsAtPos(selection.to);
    const top = Math.min(start.top, end.top) - box.top - 44;
    const left = Math.max(0, Math.min(start.left, box.width - 340 + box.left) - box.left);
    setPos({ top: Math.max(0, top), left });
  }, [editor, container, selection.from, selection.to]);

  return (
    <div
      role="toolbar"
      aria-label="Annotate the selected text"
      className="selection-toolbar"
      style={pos ? { top: pos.top, left: pos.left } : { visibility: "hidden" }}
      onFocus={() => props.onFocusChange(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) props.onFocusChange(false);
      }}
      onMouseDown={(e) => e.preventDefault()}
    >
      {BUTTONS.map((b) => (
        <button key={b.kind} type="button" className={`kind-button kind-${b.kind}`} aria-keyshortcuts={b.keys} title={b.keys ? `${b.label} (${b.keys})` : "Suggest a change to these words"} onClick={() => props.onChoose(b.kind)}>
          {b.label}
        </button>
      ))}
    </div>
  );
}

/**
 * Where several annotations cover the clicked text, a small list of all of them (innermost
 * first) to choose from, instead of opening only the innermost. Arrows move, Enter opens,
 * Escape (or a click elsewhere) closes and returns to the text.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";
import type { Editor } from "@tiptap/react";
import { KIND_LABELS } from "../annotations/labels.ts";
import { claimStatusOf } from "../review/claim-of.ts";
import { ClaimStateIcon, statusText } from "../review/status.tsx";
import type { AnnotationView } from "./pending.ts";
import { SHORTCUTS } from "./shortcuts.ts";

export interface PickerRequest {
  ids: string[];
  /** The document position clicked (or under the caret). */
  pos: number;
  /** Opened by Enter: focus moves into the list (a click leaves it where the reader was). */
  via: "mouse" | "keyboard";
}

function excerpt(s: string, n: number) {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

export function OverlapPicker(props: { request: PickerRequest; editor: Editor; byId: Map<string, AnnotationView>; onChoose(id: string): void; onClose(): void }) {
  const { request, editor, byId, onChoose, onClose } = props;
  const box = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<{ top: number; left: number } | null>(null);
  const items = request.ids.map((id) => byId.get(id)).filter((a): a is AnnotationView => !!a);

  useLayoutEffect(() => {
    const wrapper = box.current?.offsetParent;
    if (!(wrapper instanceof HTMLElement)) return;
    const area = wrapper.getBoundingClientRect();
    const at = editor.view.coordsAtPos(request.pos);
    const width = box.current?.offsetWidth ?? 300;
    setPlace({ top: at.bottom - area.top + 6, left: Math.max(0, Math.min(at.left - area.left - 16, area.width - width)) });
  }, [editor, request.pos]);

  // Into the list once it is placed (it is hidden until then, and hidden things take no focus).
  const placed = place !== null;
  useEffect(() => {
    if (placed && request.via === "keyboard") box.current?.querySelector<HTMLButtonElement>("button")?.focus({ preventScroll: true });
  }, [placed, request]);

  useEffect(() => {
    const outside = (e: PointerEvent) => {
      if (box.current && e.target instanceof Node && !box.current.contains(e.target)) onClose();
    };
    // Escape closes it wherever focus is (after a click it stays in the text, whose editor
    // would take the key first: hence the capture phase).
    const escape = (e: globalThis.KeyboardEvent) => {
      if (e.key !== "Escape") return;
      e.preventDefault();
      e.stopPropagation();
      onClose();
      editor.view.focus();
    };
    document.addEventListener("pointerdown", outside, true);
    document.addEventListener("keydown", escape, true);
    return () => {
      document.removeEventListener("pointerdown", outside, true);
      document.removeEventListener("keydown", escape, true);
    };
  }, [request, onClose, editor]);

  function handleKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const buttons = [...(box.current?.querySelectorAll<HTMLButtonElement>("button.picker-item") ?? [])];
    const at = buttons.findIndex((b) => b === document.activeElement);
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const next = (at + (e.key === "ArrowDown" ? 1 : buttons.length - 1)) % buttons.length;
      buttons[next]?.focus();
    }
  }

  return (
    <div
      ref={box}
      className="overlap-picker"
      role="dialog"
      aria-label={`${items.length} annotations overlap here`}
      aria-keyshortcuts={SHORTCUTS.pickerMove.aria}
      style={place ? { top: place.top, left: place.left } : { visibility: "hidden" }}
      onKeyDown={handleKeyDown}
    >
      <p className="picker-title">{items.length} annotations overlap here</p>
      <ul>
        {items.map((a) => {
          const status = claimStatusOf(a);
          return (
            <li key={a.id}>
              <button type="button" className={`picker-item summary-${a.kind}`} data-annotation-id={a.id} onClick={() => onChoose(a.id)}>
                <span className="picker-head">
                  <span className={`kind-badge kind-${a.kind}`}>{KIND_LABELS[a.kind]}</span>
                  {status && (
                    <>
                      <ClaimStateIcon status={status} />
                      <span className="picker-status">{statusText(status)}</span>
                    </>
                  )}
                  <span className="picker-author">{a.author.displayName}</span>
                </span>
                <span className="picker-quote">“{excerpt(a.anchor.quote, 70)}”</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

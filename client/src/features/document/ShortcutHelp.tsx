/** The list of every keyboard shortcut (opened with ?), as a modal dialog; Escape or Close returns. */
import { useEffect, useRef } from "react";
import { SHORTCUT_GROUPS, SHORTCUTS } from "./shortcuts.ts";

export function ShortcutHelp({ open, onClose }: { open: boolean; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      className="shortcut-help"
      aria-labelledby="shortcut-help-title"
      onClose={() => {
        onClose();
        returnTo.current?.focus({ preventScroll: true });
      }}
    >
      <div className="shortcut-help-head">
        <h2 id="shortcut-help-title">Keyboard shortcuts</h2>
        <button type="button" onClick={() => dialog.current?.close()} autoFocus>
          Close
        </button>
      </div>
      {SHORTCUT_GROUPS.map((g) => (
        <section key={g.title} aria-labelledby={`shortcuts-${g.names[0]}`}>
          <h3 id={`shortcuts-${g.names[0]}`}>{g.title}</h3>
          <dl>
            {g.names.map((n) => (
              <div key={n} className="shortcut-row">
                <dt>
                  <kbd>{SHORTCUTS[n].keys}</kbd>
                </dt>
                <dd>{SHORTCUTS[n].does}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </dialog>
  );
}

/**
 * One block of the document in the structure view: its text (clamped), what it is now, and the
 * three corrections — give it another part (pick in the select, then "Save role", or Enter in the
 * select; Escape drops the pick), split it (after a line, or at a caret placed in its text), or
 * merge the next block onto it.
 */
import { useId, useRef, useState } from "react";
import type { ParagraphDto } from "../../../../common/documents.ts";
import type { EditOp } from "../../../../common/editing.ts";
import { BODY_CHOICES, FRONT_MATTER_CHOICES, choiceOf, isRoleChoice, lineCuts, mergeOps, roleLabel, roleOp, splitOps } from "./structure-model.ts";

export interface BlockRowProps {
  block: ParagraphDto;
  /** The block after this one (null for the last: nothing to merge). */
  next: ParagraphDto | null;
  busy: boolean;
  canEdit: boolean;
  /** For a front-matter block standing in the body: brings it up to the front matter. */
  moveToFront?: () => void;
  send(ops: EditOp[], what: string, focusAfter?: "self" | "next"): void;
}

const short = (text: string) => (text.length > 48 ? `${text.slice(0, 47)}…` : text);

export function BlockRow({ block, next, busy, canEdit, moveToFront, send }: BlockRowProps) {
  const id = useId();
  const textId = `${id}-text`;
  const [splitting, setSplitting] = useState(false);
  const [caretNote, setCaretNote] = useState<string | null>(null);
  const caretRef = useRef<HTMLTextAreaElement>(null);
  const current = choiceOf(block);
  const offered = [...FRONT_MATTER_CHOICES, ...BODY_CHOICES].some((o) => o.value === current);
  const cuts = lineCuts(block.text);
  const label = roleLabel(block);

  // The select only picks (arrow keys on a closed select change its value one step at a time);
  // "Save role" sends. A pick is forgotten when the block changes underneath.
  const stamp = `${block.version}:${current}`;
  const [picked, setPicked] = useState<{ at: string; value: string } | null>(null);
  const pending = picked && picked.at === stamp ? picked.value : current;
  const changed = pending !== current && isRoleChoice(pending);

  const save = () => {
    if (!isRoleChoice(pending) || pending === current) return;
    const name = [...FRONT_MATTER_CHOICES, ...BODY_CHOICES].find((o) => o.value === pending)?.label ?? pending;
    setPicked(null);
    send([roleOp(block, pending)], `“${short(block.text)}” is now: ${name}.`, "self");
  };

  const splitAt = (offset: number) => {
    const ops = splitOps(block, offset);
    if (!ops) {
      setCaretNote("Put the caret between two words: there must be text on both sides of the cut.");
      return;
    }
    setCaretNote(null);
    setSplitting(false);
    send(ops, `“${short(block.text)}” was split in two.`, "next");
  };

  return (
    <li className="sb-block" data-kind={block.kind} data-role={block.role ?? ""} data-pid={block.id}>
      <div className="sb-block-head">
        <span className={`sb-kind sb-kind-${block.kind}`}>{label}</span>
      </div>
      <p id={textId} className="sb-text">
        {block.text === "" ? <span className="muted">(empty)</span> : block.text}
      </p>
      {canEdit && (
        <div className="sb-controls">
          <label className="sb-role">
            <span>Role</span>
            <select
              id={`role-${block.id}`}
              value={pending}
              disabled={busy}
              aria-describedby={textId}
              onChange={(e) => setPicked({ at: stamp, value: e.target.value })}
              onKeyDown={(e) => {
                if (e.key === "Enter" && changed) {
                  e.preventDefault();
                  save();
                } else if (e.key === "Escape" && changed) {
                  e.preventDefault();
                  setPicked(null);
                }
              }}
            >
              {current === "" && <option value="">Choose a role…</option>}
              {!offered && current !== "" && <option value={current}>{label}</option>}
              <optgroup label="Front matter">
                {FRONT_MATTER_CHOICES.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
              <optgroup label="Body">
                {BODY_CHOICES.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
            </select>
          </label>
          {changed && (
            <button type="button" className="primary" aria-describedby={textId} disabled={busy} onClick={save}>
              Save role
            </button>
          )}
          <button type="button" aria-expanded={splitting} aria-describedby={textId} disabled={busy || block.text.length < 2} onClick={() => setSplitting((s) => !s)}>
            Split…
          </button>
          <button type="button" aria-describedby={textId} disabled={busy || !next} onClick={() => send(mergeOps(block, next), `The next block was joined onto “${short(block.text)}”.`, "self")}>
            Merge with next
          </button>
          {moveToFront && (
            <button type="button" aria-describedby={textId} disabled={busy} onClick={moveToFront}>
              Move to the front matter
            </button>
          )}
        </div>
      )}
      {canEdit && splitting && (
        <div className="sb-split" role="group" aria-label={`Split “${short(block.text)}”`}>
          {cuts.length > 0 && (
            <ul className="sb-cuts">
              {cuts.map((c) => (
                <li key={c.offset}>
                  <button type="button" disabled={busy} onClick={() => splitAt(c.offset)}>
                    Split after “{c.line}”
                  </button>
                </li>
              ))}
            </ul>
          )}
          <label className="sb-caret">
            <span>Place the caret where the first part ends</span>
            <textarea ref={caretRef} readOnly value={block.text} rows={Math.min(6, Math.max(2, Math.ceil(block.text.length / 40)))} />
          </label>
          {caretNote && <p className="sb-note" role="alert">{caretNote}</p>}
          <div className="sb-split-actions">
            <button type="button" className="primary" disabled={busy} onClick={() => splitAt(caretRef.current?.selectionStart ?? 0)}>
              Split here
            </button>
            <button type="button" onClick={() => setSplitting(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

/**
 * Tools over the article for the text itself: editing mode (editors), with the block menu, Save
 * and what is saved; and a conflict on a paragraph, shown with both texts until the editor
 * chooses.
 */
import { useState, type ReactNode } from "react";
import type { ParagraphKind } from "../../../../common/documents.ts";
import { useDocument } from "../document/document-context.ts";
import type { SaveStatus } from "./use-text-editing.ts";
import { RevisionUpload } from "./RevisionUpload.tsx";
import { HistoryPanel } from "../versions/HistoryPanel.tsx";
import "./editing.css";

const BLOCKS: Array<{ value: string; label: string; kind: ParagraphKind; level: number | null }> = [
  { value: "paragraph", label: "Paragraph", kind: "paragraph", level: null },
  { value: "heading-1", label: "Heading 1", kind: "heading", level: 1 },
  { value: "heading-2", label: "Heading 2", kind: "heading", level: 2 },
  { value: "heading-3", label: "Heading 3", kind: "heading", level: 3 },
  { value: "listItem", label: "List item", kind: "listItem", level: null },
  { value: "quote", label: "Quote", kind: "quote", level: null },
];

const STATUS: Record<SaveStatus, string> = { saved: "All changes saved", unsaved: "Unsaved changes", saving: "Saving…" };

function blockValue(kind: ParagraphKind, level: number | null): string {
  return kind === "heading" ? `heading-${Math.min(3, level ?? 2)}` : kind;
}

export function EditingTools({ caretBlock, extra }: { caretBlock: string | null; extra?: ReactNode }) {
  const { canEdit, text } = useDocument();
  // The article as shown now (live edits applied), in its order.
  const blocks = text.shown;
  const at = caretBlock ? blocks.findIndex((p) => p.id === caretBlock) : -1;
  const block = at >= 0 ? blocks[at] : undefined;
  // Body blocks move and go here; front matter is arranged in the structure view.
  const movable = !!block && block.kind !== "meta" && !text.locked;
  const before = at > 0 ? blocks[at - 1] : undefined;
  const after = at >= 0 ? blocks[at + 1] : undefined;
  const [panel, setPanel] = useState<"revision" | "history" | null>(null);
  const toggle = (p: "revision" | "history") => setPanel((now) => (now === p ? null : p));
  return (
    <div className="editing-tools">
      {extra}
      <button type="button" aria-expanded={panel === "history"} onClick={() => toggle("history")}>
        History
      </button>
      {canEdit && (
        <button type="button" aria-expanded={panel === "revision"} onClick={() => toggle("revision")}>
          Upload revised draft
        </button>
      )}
      {canEdit && (
        <button type="button" className="edit-toggle" aria-pressed={text.editing} onClick={() => text.setEditing(!text.editing)}>
          Edit text
        </button>
      )}
      {canEdit && text.editing && (
        <>
          <label className="block-kind">
            Block{" "}
            <select
              value={block ? blockValue(block.kind, block.level) : ""}
              disabled={!block || block.kind === "meta" || text.locked}
              onChange={(e) => {
                const choice = BLOCKS.find((b) => b.value === e.currentTarget.value);
                if (block && choice) text.structure({ op: "kind", paragraphId: block.id, kind: choice.kind, level: choice.level });
              }}
            >
              {!block && <option value="">(put the caret in a paragraph)</option>}
              {block?.kind === "meta" && <option value="meta">Front matter</option>}
              {BLOCKS.map((b) => (
                <option key={b.value} value={b.value}>
                  {b.label}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            disabled={!movable || !before || before.kind === "meta"}
            onClick={() => block && text.structure({ op: "move", paragraphId: block.id, after: at >= 2 ? blocks[at - 2]!.id : null })}
          >
            Move up
          </button>
          <button type="button" disabled={!movable || !after} onClick={() => block && after && text.structure({ op: "move", paragraphId: block.id, after: after.id })}>
            Move down
          </button>
          <button
            type="button"
            disabled={!movable}
            onClick={() => {
              // Notes on it are kept: they wait in the re-attach list, and History keeps the text.
              if (block && window.confirm("Remove this block? Notes on it will wait in the re-attach list.")) text.structure({ op: "retire", paragraphId: block.id });
            }}
          >
            Remove block
          </button>
          <button type="button" className="primary" onClick={text.saveNow} disabled={text.status !== "unsaved"}>
            Save
          </button>
          <span className="save-status" role="status" data-status={text.status}>
            {STATUS[text.status]}
          </span>
        </>
      )}
      {panel === "revision" && <RevisionUpload onClose={() => setPanel(null)} />}
      {panel === "history" && <HistoryPanel onClose={() => setPanel(null)} />}
      {text.conflict && (
        <section className="text-conflict" role="alert" aria-labelledby="text-conflict-heading">
          <h2 id="text-conflict-heading">Someone else changed the same words</h2>
          <p>Their text (now saved):</p>
          <blockquote className="conflict-theirs">{text.conflict.current.text}</blockquote>
          <p>Your text:</p>
          <blockquote className="conflict-mine">{text.conflict.mine}</blockquote>
          <div className="form-actions">
            <button type="button" className="primary" onClick={text.keepMine}>
              Keep mine
            </button>
            <button type="button" onClick={text.takeTheirs}>
              Take theirs
            </button>
          </div>
        </section>
      )}
    </div>
  );
}

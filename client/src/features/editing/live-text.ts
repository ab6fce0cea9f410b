/**
 * The text the page holds, and what comes in to change it: `document.edited` events, in log
 * order, and the answers to the person's own edits, which come before or after their events (an
 * edit that changed nothing has none).
 */
import type { DocumentEditDto } from "../../../../common/editing.ts";
import { applyEdit, followsOn, type DocumentText } from "./document-text.ts";
import type { EditBuffer } from "./edit-buffer.ts";

export interface CaretTarget {
  paragraphId: string;
  offset: number;
}

/** A split, merge, kind change, move or removal on its way: the text waits for it. */
export interface StructuralEdit {
  cmid: string;
  /** Where the caret goes once its answer is shown. */
  caret: (edit: DocumentEditDto) => CaretTarget | null;
}

export class LiveText {
  structural: StructuralEdit | null = null;
  /** Where the caret goes next (set by the answer to a structural edit, taken once). */
  caret: CaretTarget | null = null;

  constructor(
    public text: DocumentText,
    readonly buffer: EditBuffer,
  ) {}

  /** True while a structural edit waits for its answer. */
  get locked(): boolean {
    return this.structural !== null;
  }

  /** An edit from the log, or the answer to one's own (`cmid`). Answers whether the page changed. */
  receive(edit: DocumentEditDto, cmid: string | null): boolean {
    const before = this.text;
    const next = applyEdit(before, edit);
    if (next === before) return false;
    for (const id of edit.retired) this.buffer.drop(id);
    for (const p of edit.paragraphs) this.buffer.received(p, cmid);
    this.text = next;
    const s = this.structural;
    if (s && cmid === s.cmid) {
      this.caret = s.caret(edit);
      this.structural = null;
    }
    return true;
  }

  /** The server's answer to one's own edit `cmid`. Answers whether the page changed. */
  answered(edit: DocumentEditDto, cmid: string): boolean {
    // Applied now only when it is the very next version; a later one comes with its event, in order.
    if (followsOn(this.text, edit)) return this.receive(edit, cmid);
    if (edit.version > this.text.version) return false;
    // Not newer than the text: its event came already (and settled it), or the edit changed
    // nothing and has no event (someone else had made the same change). Whatever of it is still
    // waiting is done with, against the text as it now is.
    let changed = false;
    for (const id of this.buffer.flightsOf(cmid)) {
      const p = this.text.paragraphs.find((q) => q.id === id);
      if (p) this.buffer.received(p, cmid);
      else this.buffer.drop(id);
      changed = true;
    }
    if (this.structural?.cmid === cmid) {
      this.structural = null;
      changed = true;
    }
    return changed;
  }

  /** One's own edit `cmid` was refused: its typing stays, the text is unlocked. Answers its paragraph. */
  refused(cmid: string): string | null {
    if (this.structural?.cmid === cmid) this.structural = null;
    return this.buffer.refused(cmid);
  }
}

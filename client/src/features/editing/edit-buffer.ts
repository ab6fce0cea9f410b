/**
 * What an editor has typed and not yet had confirmed, paragraph by paragraph, and how it meets
 * the changes that arrive meanwhile. Each touched paragraph keeps the server text it was typed
 * on (`base`), the text now in the editor (`local`) and what was sent (`flight`).
 *
 * - A change from someone else to a paragraph with unsent typing is put into the typing when the
 *   two touch different characters; otherwise the typing stays, made on the older version, and
 *   the server merges it or answers with a conflict for the person to settle.
 * - The answer to one's own save replaces what was sent, and typing done since is put on top.
 */
import type { ParagraphDto } from "../../../../common/documents.ts";
import { rebase } from "./text-diff.ts";

export interface TextSave {
  paragraphId: string;
  /** The paragraph version the text was typed on. */
  version: number;
  text: string;
}

export interface InlineMarkRange {
  type: string;
  start: number;
  end: number;
  href?: string;
}

interface Entry {
  base: { version: number; text: string };
  local: string;
  marks: InlineMarkRange[];
  flight?: { cmid: string; sent: string };
}

export class EditBuffer {
  private entries = new Map<string, Entry>();

  /** The editor's text of `server`'s paragraph changed to `text` (typing). */
  typed(server: Pick<ParagraphDto, "id" | "version" | "text">, text: string, marks: InlineMarkRange[] = []): void {
    const e = this.entries.get(server.id) ?? { base: { version: server.version, text: server.text }, local: server.text, marks: [] };
    e.local = text;
    e.marks = marks;
    if (!e.flight && e.local === e.base.text) this.entries.delete(server.id);
    else this.entries.set(server.id, e);
  }

  /** Paragraphs whose typing differs from their server text. */
  has(paragraphId: string): boolean {
    return this.entries.has(paragraphId);
  }

  /** True when something is typed and not yet confirmed. */
  get busy(): boolean {
    return this.entries.size > 0;
  }

  /** What should be sent now: changed paragraphs with no save on its way. */
  due(): TextSave[] {
    const out: TextSave[] = [];
    for (const [id, e] of this.entries) if (!e.flight && e.local !== e.base.text) out.push({ paragraphId: id, version: e.base.version, text: e.local });
    return out;
  }

  /** `save` went out as mutation `cmid`. */
  sent(save: TextSave, cmid: string): void {
    const e = this.entries.get(save.paragraphId);
    if (e) e.flight = { cmid, sent: save.text };
  }

  /** The paragraphs whose save went out as mutation `cmid`. */
  flightsOf(cmid: string): string[] {
    const out: string[] = [];
    for (const [id, e] of this.entries) if (e.flight?.cmid === cmid) out.push(id);
    return out;
  }

  /** True while a save of this paragraph waits for its answer. */
  inFlight(paragraphId: string): boolean {
    return !!this.entries.get(paragraphId)?.flight;
  }

  /**
   * A new server state of a paragraph, from edit `cmid` (null: not known to be one's own).
   * Answers the text the editor should show, or null for the server's own text.
   */
  received(p: Pick<ParagraphDto, "id" | "version" | "text">, cmid: string | null): string | null {
    const e = this.entries.get(p.id);
    if (!e) return null;
    if (e.flight) {
      if (cmid !== e.flight.cmid) return e.local;
      const local = rebase(e.flight.sent, p.text, e.local) ?? e.local;
      e.flight = undefined;
      return this.settle(p, e, local);
    }
    const local = rebase(e.base.text, p.text, e.local);
    // Overlapping changes: keep the typing on the older version; the server merges or refuses it.
    if (local === null) return e.local;
    return this.settle(p, e, local);
  }

  private settle(p: Pick<ParagraphDto, "id" | "version" | "text">, e: Entry, local: string): string | null {
    e.base = { version: p.version, text: p.text };
    e.local = local;
    if (local === p.text) {
      this.entries.delete(p.id);
      return null;
    }
    return local;
  }

  /** A save was refused: the paragraph's typing stays, ready to go again or to be settled. Answers its paragraph. */
  refused(cmid: string): string | null {
    for (const [id, e] of this.entries)
      if (e.flight?.cmid === cmid) {
        e.flight = undefined;
        return id;
      }
    return null;
  }

  /** Settles a conflict by keeping one's own text: it is sent again on the current version. */
  keepMine(current: { paragraphId: string; version: number; text: string }): void {
    const e = this.entries.get(current.paragraphId);
    if (!e) return;
    e.base = { version: current.version, text: current.text };
    e.flight = undefined;
    if (e.local === current.text) this.entries.delete(current.paragraphId);
  }

  /** Drops the typing of a paragraph (taking the other text, or the paragraph left the document). */
  drop(paragraphId: string): void {
    this.entries.delete(paragraphId);
  }

  /** The paragraphs as the editor shows them: the server's, with the typing over them. */
  overlay(paragraphs: ParagraphDto[]): ParagraphDto[] {
    if (this.entries.size === 0) return paragraphs;
    return paragraphs.map((p) => {
      const e = this.entries.get(p.id);
      return e && e.local !== p.text ? { ...p, text: e.local, marks: e.marks } : p;
    });
  }

  /** Forgets everything (leaving editing mode with nothing waiting). */
  clear(): void {
    this.entries.clear();
  }
}

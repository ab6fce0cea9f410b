/**
 * The document's text on the page, live: every `document.edited` (and the answer to one's own
 * edit) updates the paragraphs, order, version and metadata; and, for editors, editing mode —
 * typing saved paragraph by paragraph (after a pause, or at once with Save), Enter, Backspace,
 * Delete and the block menu sent as split, merge and kind steps, and a conflict on a paragraph
 * shown with both texts until the person chooses.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ParagraphDto, ParagraphKind } from "../../../../common/documents.ts";
import type { DocumentEditDto, EditOp } from "../../../../common/editing.ts";
import type { DocumentEventDto } from "../../../../common/events.ts";
import { api } from "../../api/http.ts";
import type { DocumentEvents } from "../document/document-events.ts";
import type { Mutate } from "../document/use-live-document.ts";
import type { MutationResults } from "../document/mutation-results.ts";
import { documentText, type DocumentText } from "./document-text.ts";
import { EditBuffer, type InlineMarkRange, type TextSave } from "./edit-buffer.ts";
import { LiveText, type CaretTarget } from "./live-text.ts";

export type { CaretTarget } from "./live-text.ts";

/** Typing is saved this long after it stops. */
export const SAVE_DELAY_MS = 900;

export interface TextConflict {
  paragraphId: string;
  /** The paragraph as it is now on the server. */
  current: { version: number; text: string };
  mine: string;
}

/** An edit made with a key or the block menu (its paragraph version, where it needs one, is filled in when sent). */
export type StructureStep =
  | { op: "split"; paragraphId: string; offset: number }
  | { op: "merge"; paragraphId: string }
  | { op: "kind"; paragraphId: string; kind: ParagraphKind; level?: number | null }
  | { op: "move"; paragraphId: string; after: string | null }
  | { op: "retire"; paragraphId: string };

export type SaveStatus = "saved" | "unsaved" | "saving";

export interface TextEditing {
  text: DocumentText;
  /** What the article shows: the server's paragraphs, with unsaved typing over them. */
  shown: ParagraphDto[];
  canEdit: boolean;
  editing: boolean;
  setEditing(on: boolean): void;
  /** A split, merge or kind change is on its way: the text waits for it. */
  locked: boolean;
  status: SaveStatus;
  conflict: TextConflict | null;
  keepMine(): void;
  takeTheirs(): void;
  saveNow(): void;
  typed(paragraphId: string, text: string, marks: InlineMarkRange[]): void;
  structure(step: StructureStep): boolean;
  /** Where the caret goes once the editor shows the answer to a split or merge (taken once). */
  takeCaret(): CaretTarget | null;
}

function currentOf(details: unknown): { paragraphId: string; version: number; text: string } | null {
  const c = (details as { current?: unknown } | undefined)?.current as Record<string, unknown> | undefined;
  if (!c || typeof c.paragraphId !== "string" || typeof c.version !== "number" || typeof c.text !== "string") return null;
  return { paragraphId: c.paragraphId, version: c.version, text: c.text };
}

interface Deps {
  documentId: string;
  initial: { version: number; paragraphs: ParagraphDto[]; metadata: unknown };
  /**
   * The log position the first text reflects, and the annotations snapshot's (read just after it):
   * edits between the two are fetched, since the live session starts from the later one.
   */
  catchUp?: { fromSeq: number | undefined; toSeq: Promise<number> };
  canEdit: boolean;
  events: DocumentEvents;
  results: MutationResults;
  mutate: Mutate;
  notify(message: string): void;
}

/**
 * The ops of one structural edit: unsaved text first (each on the version it was typed on), then
 * the step, on the version its paragraph will have once its own text step (if any) is applied.
 */
export function structureOps(saves: TextSave[], step: StructureStep, serverVersion: number): EditOp[] {
  const ops: EditOp[] = saves.map((s) => ({ op: "text", paragraphId: s.paragraphId, baseVersion: s.version, text: s.text }));
  // A move or a removal names no paragraph version: it does not depend on the text.
  if (step.op === "move" || step.op === "retire") {
    ops.push(step);
    return ops;
  }
  const own = saves.find((s) => s.paragraphId === step.paragraphId);
  // A text step bumps the paragraph's version once (merged onto a newer one, past that one).
  ops.push({ ...step, baseVersion: own ? Math.max(own.version, serverVersion) + 1 : serverVersion });
  return ops;
}

export function useTextEditing({ documentId, initial, catchUp, canEdit, events, results, mutate, notify }: Deps): TextEditing {
  const [live] = useState(() => new LiveText(documentText(initial.version, initial.paragraphs, initial.metadata), new EditBuffer()));
  const buffer = live.buffer;
  // `shownRevision` changes what the article shows; `statusRevision` only what the toolbar says
  // (typing must not make the article re-read its paragraphs on every key).
  const [shownRevision, setShownRevision] = useState(0);
  const bump = useCallback(() => setShownRevision((r) => r + 1), []);
  const [, setStatusRevision] = useState(0);
  const bumpStatus = useCallback(() => setStatusRevision((r) => r + 1), []);
  const [editing, setEditingState] = useState(false);
  const [locked, setLocked] = useState(false);
  const [conflict, setConflict] = useState<TextConflict | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const receive = useCallback(
    (edit: DocumentEditDto, cmid: string | null) => {
      if (!live.receive(edit, cmid)) return;
      setLocked(live.locked);
      bump();
    },
    [live, bump],
  );

  useEffect(
    () =>
      events.subscribe((e) => {
        if (e.type === "document.edited") receive(e.payload, e.clientMutationId);
      }),
    [events, receive],
  );

  // Edits made between reading the text and reading the annotations: the session will not replay them.
  const catchUpRef = useRef(catchUp);
  useEffect(() => {
    const c = catchUpRef.current;
    const from = c?.fromSeq;
    if (!c || from === undefined) return;
    let live = true;
    c.toSeq
      .then(async (to) => {
        if (!live || to <= from) return;
        const { events: missed } = await api.get<{ events: DocumentEventDto[] }>(`/documents/${encodeURIComponent(documentId)}/events?after=${from}&limit=1000`);
        for (const e of missed) if (live && e.seq <= to && e.type === "document.edited") receive(e.payload, e.clientMutationId);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [documentId, receive]);

  const save = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    for (const s of buffer.due()) buffer.sent(s, mutate("paragraph:update", { paragraphId: s.paragraphId, version: s.version, text: s.text }));
    bumpStatus();
  }, [buffer, mutate, bumpStatus]);

  useEffect(
    () =>
      results.subscribe({
        accepted: (outcome) => {
          if (outcome.name !== "paragraph:update" && outcome.name !== "document:edit") return;
          if (!live.answered(outcome.result, outcome.entry.id)) return;
          setLocked(live.locked);
          bump();
        },
        refused: (entry, error) => {
          if (entry.name !== "paragraph:update" && entry.name !== "document:edit") return;
          const paragraphId = live.refused(entry.id);
          setLocked(live.locked);
          const current = error.status === 409 ? currentOf(error.details) : null;
          if (current) {
            const mine = buffer.overlay(live.text.paragraphs).find((p) => p.id === current.paragraphId)?.text ?? current.text;
            setConflict({ paragraphId: current.paragraphId, current: { version: current.version, text: current.text }, mine });
          } else if (error.status === 409) notify("Someone else changed this text just before you. Check it and try again.");
          else if (paragraphId || entry.name === "document:edit") notify(`The text was not saved: ${error.message}`);
          bump();
        },
      }),
    [results, live, buffer, notify, bump],
  );

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const typed = useCallback(
    (paragraphId: string, text: string, marks: InlineMarkRange[]) => {
      const server = live.text.paragraphs.find((p) => p.id === paragraphId);
      if (!server) return;
      buffer.typed(server, text, marks);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(save, SAVE_DELAY_MS);
      bumpStatus();
    },
    [buffer, save, bumpStatus],
  );

  const structure = useCallback(
    (step: StructureStep): boolean => {
      if (live.structural) return false;
      if (buffer.inFlight(step.paragraphId)) {
        notify("Saving this paragraph first; try again in a moment.");
        return false;
      }
      const server = live.text.paragraphs.find((p) => p.id === step.paragraphId);
      if (!server) return false;
      const saves = buffer.due();
      const ops = structureOps(saves, step, server.version);
      if (timer.current) clearTimeout(timer.current);
      const cmid = mutate("document:edit", { documentId, ops });
      for (const s of saves) buffer.sent(s, cmid);
      const shownText = buffer.overlay([server])[0]!.text;
      live.structural = {
        cmid,
        caret: (edit) => {
          if (step.op === "split") {
            const order = edit.order ?? [];
            const next = order[order.indexOf(step.paragraphId) + 1];
            return next ? { paragraphId: next, offset: 0 } : null;
          }
          if (step.op === "merge") return { paragraphId: step.paragraphId, offset: shownText.length };
          // A block whose kind changed or that moved is redrawn: the caret stays in it.
          if (step.op === "move" || step.op === "kind") return { paragraphId: step.paragraphId, offset: 0 };
          return null;
        },
      };
      setLocked(true);
      bump();
      return true;
    },
    [live, buffer, documentId, mutate, notify, bump],
  );

  const setEditing = useCallback(
    (on: boolean) => {
      if (!on) save();
      setEditingState(on && canEdit);
    },
    [canEdit, save],
  );

  const keepMine = useCallback(() => {
    if (!conflict) return;
    buffer.keepMine({ paragraphId: conflict.paragraphId, ...conflict.current });
    setConflict(null);
    save();
  }, [buffer, conflict, save]);

  const takeTheirs = useCallback(() => {
    if (!conflict) return;
    buffer.drop(conflict.paragraphId);
    setConflict(null);
    bump();
  }, [buffer, conflict, bump]);

  const takeCaret = useCallback(() => {
    const c = live.caret;
    live.caret = null;
    return c;
  }, [live]);

  // Typing not yet sent would be lost with the page (what was sent waits in the outbox).
  const unsent = buffer.due().length > 0;
  useEffect(() => {
    if (!unsent) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsent]);

  const text = live.text;
  // The buffer changes in place: shownRevision says when what it overlays changed.
  const shown = useMemo(() => buffer.overlay(text.paragraphs), [buffer, text, shownRevision]);
  const status: SaveStatus = unsent ? "unsaved" : buffer.busy || locked ? "saving" : "saved";
  return { text, shown, canEdit, editing, setEditing, locked, status, conflict, keepMine, takeTheirs, saveNow: save, typed, structure, takeCaret };
}

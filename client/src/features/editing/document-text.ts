/**
 * The document's text as the page holds it: its version, paragraphs in order and metadata, and
 * how one edit (a `document.edited` event, or the answer to the person's own edit) changes it.
 * Every edit carries the whole new state of what it changed, so applying one is a replacement
 * by id; an edit the page has already seen (its version is not newer) changes nothing.
 */
import type { ParagraphDto } from "../../../../common/documents.ts";
import type { DocumentEditDto } from "../../../../common/editing.ts";

export interface DocumentText {
  version: number;
  /** In document order, `position` counting from 0. */
  paragraphs: ParagraphDto[];
  metadata: unknown;
}

export function documentText(version: number, paragraphs: ParagraphDto[], metadata: unknown): DocumentText {
  const sorted = [...paragraphs].sort((a, b) => a.position - b.position);
  return { version, paragraphs: sorted, metadata };
}

/** True when `edit` is the next step from `state` (the answer to an edit can be applied at once only then). */
export function followsOn(state: DocumentText, edit: DocumentEditDto): boolean {
  return edit.version === state.version + 1;
}

/**
 * The text after `edit`. Returns `state` itself when the edit is not newer than it (seen already,
 * or an edit that changed nothing), so callers can compare by identity.
 */
export function applyEdit(state: DocumentText, edit: DocumentEditDto): DocumentText {
  if (edit.version <= state.version) return state;
  const changed = new Map(edit.paragraphs.map((p) => [p.id, p]));
  const retired = new Set(edit.retired);
  const byId = new Map<string, ParagraphDto>();
  for (const p of state.paragraphs) if (!retired.has(p.id)) byId.set(p.id, changed.get(p.id) ?? p);
  for (const p of edit.paragraphs) if (!retired.has(p.id)) byId.set(p.id, p);
  let ids: string[];
  if (edit.order) ids = edit.order.filter((id) => byId.has(id));
  else {
    // No new order: the old one, less what left, new paragraphs (if any) by their positions.
    ids = state.paragraphs.filter((p) => byId.has(p.id)).map((p) => p.id);
    const added = edit.paragraphs.filter((p) => !state.paragraphs.some((q) => q.id === p.id) && !retired.has(p.id));
    for (const p of added.sort((a, b) => a.position - b.position)) ids.splice(Math.min(p.position, ids.length), 0, p.id);
  }
  const paragraphs = ids.map((id, position) => {
    const p = byId.get(id)!;
    return p.position === position ? p : { ...p, position };
  });
  return { version: edit.version, paragraphs, metadata: edit.metadata ?? state.metadata };
}

/**
 * Puts new paragraphs into the article editor as one transaction that replaces only what
 * differs, so the reader's selection, the caret and the drawn layers move with the text
 * instead of being reset.
 */
import type { Fragment, Node as PMNode } from "@tiptap/pm/model";
import type { EditorState, Transaction } from "@tiptap/pm/state";
import { TextSelection } from "@tiptap/pm/state";
import type { ParagraphDto } from "../../../../common/documents.ts";
import { articleContent, textblock } from "../../editor/article-doc.ts";
import { buildBlockIndex, posToPoint, pointToPos } from "../../editor/anchors.ts";
import type { InlineMarkRange } from "./edit-buffer.ts";
import { FROM_SERVER } from "./text-guard.ts";

/** A paragraph node's text, and its marks as ranges (the API's shape). */
export function blockContent(node: PMNode): { text: string; marks: InlineMarkRange[] } {
  let text = "";
  const marks: InlineMarkRange[] = [];
  node.forEach((child) => {
    const start = text.length;
    text += child.text ?? "";
    for (const m of child.marks) {
      const href = typeof m.attrs.href === "string" ? m.attrs.href : undefined;
      const open = marks.find((x) => x.type === m.type.name && x.end === start && x.href === href);
      if (open) open.end = text.length;
      else marks.push(href ? { type: m.type.name, start, end: text.length, href } : { type: m.type.name, start, end: text.length });
    }
  });
  return { text, marks };
}

/** True when only paragraphs' text or marks differ (same ids, kinds and list shapes, same order). */
function sameBlocks(a: ParagraphDto[], b: ParagraphDto[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (x.id !== y.id || x.kind !== y.kind || x.level !== y.level || x.role !== y.role || x.depth !== y.depth || x.ordered !== y.ordered) return false;
  }
  return true;
}

/**
 * Where two contents differ: from `start`, up to `endA` in the old one and `endB` in the new one
 * (pulled apart when a repeated run makes the two ends overlap). Null when they are the same.
 */
function differingRange(a: Fragment, b: Fragment): { start: number; endA: number; endB: number } | null {
  const start = a.findDiffStart(b);
  if (start === null) return null;
  const ends = a.findDiffEnd(b)!;
  const overlap = start - Math.min(ends.a, ends.b);
  return overlap > 0 ? { start, endA: ends.a + overlap, endB: ends.b + overlap } : { start, endA: ends.a, endB: ends.b };
}

/**
 * The quick way for the common edit (text changed inside paragraphs): only the changed
 * paragraphs (a new object in `paragraphs`) are compared with their nodes and patched. Null when a
 * paragraph cannot be found (the caller then compares the whole article).
 */
function patchParagraphs(state: EditorState, previous: ParagraphDto[], paragraphs: ParagraphDto[]): Transaction | null | "whole" {
  const changed = paragraphs.filter((p, i) => p !== previous[i]);
  if (changed.length === 0) return null;
  const index = buildBlockIndex(state.doc);
  const tr = state.tr.setMeta(FROM_SERVER, true).setMeta("addToHistory", false);
  for (const p of changed) {
    const block = index.byPid.get(p.id);
    const node = block ? state.doc.nodeAt(block.start - 1) : null;
    if (!block || !node) return "whole";
    const next = state.schema.nodeFromJSON(textblock(p));
    const range = differingRange(node.content, next.content);
    if (!range) continue;
    const { start, endA, endB } = range;
    tr.replace(tr.mapping.map(block.start + start), tr.mapping.map(block.start + endA), next.slice(start, endB));
  }
  return tr.docChanged ? tr : null;
}

/**
 * The transaction that makes the editor show `paragraphs`, or null when it already does.
 * `previous` (what it showed before) lets a change of text alone skip the whole comparison.
 */
export function syncTransaction(state: EditorState, paragraphs: ParagraphDto[], previous?: ParagraphDto[]): Transaction | null {
  if (previous && sameBlocks(previous, paragraphs)) {
    const quick = patchParagraphs(state, previous, paragraphs);
    if (quick !== "whole") return quick;
  }
  const next = state.schema.nodeFromJSON(articleContent(paragraphs));
  const doc = state.doc;
  const range = differingRange(doc.content, next.content);
  if (!range) return null;
  const { start, endA, endB } = range;
  const tr = state.tr.setMeta(FROM_SERVER, true).setMeta("addToHistory", false);
  try {
    tr.replace(start, endA, next.slice(start, endB));
    if (tr.doc.eq(next)) return tr;
  } catch {
    // Falls through to the whole replacement.
  }
  // A change of structure the minimal step cannot express: replace everything, keeping the
  // selection on the same paragraph and offset.
  const before = buildBlockIndex(doc);
  const { anchor, head } = state.selection;
  const a = posToPoint(before, anchor, 1);
  const h = posToPoint(before, head, 1);
  const whole = state.tr.setMeta(FROM_SERVER, true).setMeta("addToHistory", false).replaceWith(0, doc.content.size, next.content);
  const after = buildBlockIndex(whole.doc);
  const pa = a ? pointToPos(after, a) : null;
  const ph = h ? pointToPos(after, h) : null;
  if (pa !== null && ph !== null) whole.setSelection(TextSelection.create(whole.doc, pa, ph));
  return whole;
}

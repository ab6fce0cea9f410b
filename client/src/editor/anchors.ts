/**
 * Anchors (paragraph id + UTF-16 offset) <-> ProseMirror positions. Each paragraph is one
 * textblock whose content starts at `start`; a ProseMirror position counts UTF-16 code units
 * inside text, so position = start + offset. Quotes join paragraphs as common/anchoring.ts says,
 * the same rule the server applies.
 */
import type { Node as PMNode } from "@tiptap/pm/model";
import type { AnchorInput } from "../../../common/annotations.ts";
import type { SelectionRange } from "../../../common/realtime.ts";
import { joinParagraphs } from "../../../common/anchoring.ts";

export interface BlockInfo {
  pid: string;
  /** Position of the first character of the block's content. */
  start: number;
  /** Length of the block's text. */
  size: number;
  /** Index in document order. */
  order: number;
}

export interface BlockIndex {
  byPid: Map<string, BlockInfo>;
  /** Blocks in document order (ascending `start`). */
  blocks: BlockInfo[];
}

export interface PosRange {
  from: number;
  to: number;
}

/** Indexes every textblock that carries a paragraph id. */
export function buildBlockIndex(doc: PMNode): BlockIndex {
  const blocks: BlockInfo[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    const pid = node.attrs.pid as string | null;
    if (pid) blocks.push({ pid, start: pos + 1, size: node.content.size, order: blocks.length });
    return false;
  });
  return { byPid: new Map(blocks.map((b) => [b.pid, b])), blocks };
}

type Point = { paragraphId: string; offset: number };

/** The position of one anchor point, or null when its paragraph is unknown or too short. */
export function pointToPos(index: BlockIndex, point: Point): number | null {
  const block = index.byPid.get(point.paragraphId);
  if (!block || point.offset < 0 || point.offset > block.size) return null;
  return block.start + point.offset;
}

/** The document range of an anchor, or null when it cannot be placed (or is empty/backwards). */
export function anchorToRange(index: BlockIndex, anchor: { start: Point; end: Point }): PosRange | null {
  const from = pointToPos(index, anchor.start);
  const to = pointToPos(index, anchor.end);
  if (from === null || to === null || to <= from) return null;
  return { from, to };
}

/** The block holding `pos`, or the nearest one after it (`bias` 1) or before it (`bias` -1). */
export function blockAt(index: BlockIndex, pos: number, bias: 1 | -1): BlockInfo | null {
  const { blocks } = index;
  let lo = 0;
  let hi = blocks.length - 1;
  let before = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid]!.start <= pos) {
      before = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const b = before >= 0 ? blocks[before]! : null;
  if (b && pos <= b.start + b.size) return b;
  return bias === 1 ? (blocks[before + 1] ?? null) : b;
}

/** The anchor point at `pos`, clamped into the nearest textblock in the direction of `bias`. */
export function posToPoint(index: BlockIndex, pos: number, bias: 1 | -1): Point | null {
  const b = blockAt(index, pos, bias);
  if (!b) return null;
  const offset = Math.min(b.size, Math.max(0, pos - b.start));
  return { paragraphId: b.pid, offset };
}

/** The paragraph text between two anchor points, paragraphs joined as the server joins them. */
export function quoteBetween(doc: PMNode, index: BlockIndex, start: Point, end: Point): string {
  const a = index.byPid.get(start.paragraphId);
  const b = index.byPid.get(end.paragraphId);
  if (!a || !b) return "";
  const parts: string[] = [];
  for (let i = a.order; i <= b.order; i++) {
    const blk = index.blocks[i]!;
    const from = i === a.order ? blk.start + start.offset : blk.start;
    const to = i === b.order ? blk.start + end.offset : blk.start + blk.size;
    parts.push(doc.textBetween(from, to));
  }
  return joinParagraphs(parts);
}

/**
 * The anchor for a selection, or null when it covers no text. A selection ending at the very
 * start of a paragraph ends instead at the end of the previous one (a triple click does that).
 */
export function rangeToAnchor(doc: PMNode, index: BlockIndex, from: number, to: number): (AnchorInput & { quote: string }) | null {
  if (to <= from) return null;
  const start = posToPoint(index, from, 1);
  let end = posToPoint(index, to, -1);
  if (!start || !end) return null;
  const startBlock = index.byPid.get(start.paragraphId)!;
  let endBlock = index.byPid.get(end.paragraphId)!;
  if (end.offset === 0 && endBlock.order > startBlock.order) {
    endBlock = index.blocks[endBlock.order - 1]!;
    end = { paragraphId: endBlock.pid, offset: endBlock.size };
  }
  if (endBlock.order < startBlock.order || (endBlock === startBlock && end.offset <= start.offset)) return null;
  const quote = quoteBetween(doc, index, start, end);
  if (quote.trim().length === 0) return null;
  return { start, end, quote };
}

/** A selection as presence shares it (anchor points), or null when empty. */
export function rangeToSelection(index: BlockIndex, from: number, to: number): SelectionRange | null {
  if (to <= from) return null;
  const start = posToPoint(index, from, 1);
  const end = posToPoint(index, to, -1);
  if (!start || !end) return null;
  return { start, end };
}

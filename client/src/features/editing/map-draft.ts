/**
 * A selection being annotated when the text changes under it: carried through the change, or,
 * when its words were cut out, found again where the same words are nearest; null when they are
 * nowhere (the note being written is kept, and the person picks new words).
 */
import type { Node as PMNode } from "@tiptap/pm/model";
import type { Mappable } from "@tiptap/pm/transform";
import type { AnchorInput } from "../../../../common/annotations.ts";
import { rangeToAnchor, type BlockIndex, type PosRange } from "../../editor/anchors.ts";

export interface DraftSpan {
  anchor: AnchorInput & { quote: string };
  range: PosRange;
}

/** The nearest place of `quote` inside one paragraph, by distance from `near`. */
export function findQuote(doc: PMNode, index: BlockIndex, quote: string, near: number): DraftSpan | null {
  if (!quote || quote.includes("\n")) return null;
  let best: DraftSpan | null = null;
  let bestDistance = Infinity;
  for (const b of index.blocks) {
    const text = doc.textBetween(b.start, b.start + b.size);
    for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
      const from = b.start + at;
      const distance = Math.abs(from - near);
      if (distance >= bestDistance) continue;
      const anchor = rangeToAnchor(doc, index, from, from + quote.length);
      if (!anchor) continue;
      best = { anchor, range: { from, to: from + quote.length } };
      bestDistance = distance;
    }
  }
  return best;
}

/** Where a draft's span is after a change of the text (`doc`, `index`: the text after it). */
export function mapDraftSpan(span: DraftSpan, mapping: Mappable, doc: PMNode, index: BlockIndex): DraftSpan | null {
  const from = mapping.map(span.range.from, 1);
  const to = mapping.map(span.range.to, -1);
  const anchor = to > from ? rangeToAnchor(doc, index, from, to) : null;
  if (anchor) return { anchor, range: { from, to } };
  return findQuote(doc, index, span.anchor.quote, from);
}

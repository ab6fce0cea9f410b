/**
 * Cuts each paragraph into pieces at every annotation boundary, so overlapping and nested
 * annotations render exactly: a text piece knows every annotation covering it, and "open" /
 * "close" pieces mark where an annotation truly starts and ends (in its first and last
 * paragraph). HTML turns covered text into highlight segments and closes into note markers;
 * DOCX turns opens and closes into comment range starts and ends; Markdown places footnote
 * markers at closes.
 */
import type { ExportAnnotation, ExportParagraph } from "./snapshot.ts";

export type Piece = { kind: "text"; text: string; notes: number[] } | { kind: "open"; note: number } | { kind: "close"; note: number };

interface Range {
  note: number;
  from: number;
  to: number;
  opens: boolean;
  closes: boolean;
}

/** For each paragraph index, the annotation ranges that fall in it. */
function rangesByParagraph(paragraphs: ExportParagraph[], annotations: ExportAnnotation[]): Map<number, Range[]> {
  const out = new Map<number, Range[]>();
  for (const a of annotations) {
    for (let i = a.start.index; i <= a.end.index; i++) {
      const p = paragraphs[i];
      if (!p) continue;
      const from = i === a.start.index ? Math.min(a.start.offset, p.text.length) : 0;
      const to = i === a.end.index ? Math.min(a.end.offset, p.text.length) : p.text.length;
      const list = out.get(i) ?? [];
      list.push({ note: a.number, from, to, opens: i === a.start.index, closes: i === a.end.index });
      out.set(i, list);
    }
  }
  return out;
}

/** The pieces of one paragraph, in reading order. */
export function piecesOf(text: string, ranges: Range[]): Piece[] {
  if (ranges.length === 0) return text ? [{ kind: "text", text, notes: [] }] : [];
  const bounds = [...new Set([0, text.length, ...ranges.flatMap((r) => [r.from, r.to])])].sort((a, b) => a - b);
  const active = new Set<number>();
  const pieces: Piece[] = [];
  for (let i = 0; i < bounds.length; i++) {
    const b = bounds[i]!;
    // Closes first (innermost, i.e. highest number, first), then opens in number order.
    const closing = ranges.filter((r) => r.to === b && r.closes).sort((x, y) => y.note - x.note);
    for (const r of ranges) if (r.to === b) active.delete(r.note);
    for (const r of closing) pieces.push({ kind: "close", note: r.note });
    const opening = ranges.filter((r) => r.from === b).sort((x, y) => x.note - y.note);
    for (const r of opening) {
      if (r.opens) pieces.push({ kind: "open", note: r.note });
      if (r.to > r.from) active.add(r.note);
    }
    const next = bounds[i + 1];
    if (next !== undefined && next > b) pieces.push({ kind: "text", text: text.slice(b, next), notes: [...active].sort((x, y) => x - y) });
  }
  return pieces;
}

/** Pieces for every paragraph of the snapshot, by paragraph index. */
export function layout(paragraphs: ExportParagraph[], annotations: ExportAnnotation[]): Piece[][] {
  const ranges = rangesByParagraph(paragraphs, annotations);
  return paragraphs.map((p, i) => piecesOf(p.text, ranges.get(i) ?? []));
}

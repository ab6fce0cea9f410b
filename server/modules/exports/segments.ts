/**
 * Cuts each paragraph into pieces at every annotation boundary, so overlapping and nested
 * annotations render exactly: a text piece knows every annotation covering it, and "open" /
 * "close" pieces mark where an annotation truly starts and ends (in its first and last
 * paragraph). HTML turns covered text into highlight segments and closes into note markers;
 * DOCX turns opens and closes into comment range starts and ends; Markdown places footnote
 * markers at closes.
 */
import type { ExportAnnotation, ExportParagraph } from "./snapshot.ts";

/** What the pieces read of an annotation: its number and its span. */
export type PlacedSpan = Pick<ExportAnnotation, "number" | "start" | "end">;

export type Piece = { kind: "text"; text: string; notes: number[] } | { kind: "open"; note: number } | { kind: "close"; note: number };

interface Range {
  note: number;
  from: number;
  to: number;
  opens: boolean;
  closes: boolean;
}

/** For each paragraph index, the annotation ranges that fall in it. */
function rangesByParagraph(paragraphs: ExportParagraph[], annotations: PlacedSpan[]): Map<number, Range[]> {
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
  // The ranges by end (innermost, i.e. highest number, first) and by start (number order): each
  // bound takes the next few of each, instead of scanning every range at every bound.
  const byEnd = ranges.slice().sort((x, y) => x.to - y.to || y.note - x.note);
  const byStart = ranges.slice().sort((x, y) => x.from - y.from || x.note - y.note);
  /** The notes covering the text from the current bound, in number order (each paragraph holds a note's range once). */
  const active: number[] = [];
  const pieces: Piece[] = [];
  let ends = 0;
  let starts = 0;
  for (let i = 0; i < bounds.length; i++) {
    const b = bounds[i]!;
    // Closes first, then opens.
    for (; ends < byEnd.length && byEnd[ends]!.to === b; ends++) {
      const r = byEnd[ends]!;
      const at = active.indexOf(r.note);
      if (at >= 0) active.splice(at, 1);
      if (r.closes) pieces.push({ kind: "close", note: r.note });
    }
    for (; starts < byStart.length && byStart[starts]!.from === b; starts++) {
      const r = byStart[starts]!;
      if (r.opens) pieces.push({ kind: "open", note: r.note });
      if (r.to > r.from && !active.includes(r.note)) {
        let at = active.length;
        while (at > 0 && active[at - 1]! > r.note) at--;
        active.splice(at, 0, r.note);
      }
    }
    const next = bounds[i + 1];
    if (next !== undefined && next > b) pieces.push({ kind: "text", text: text.slice(b, next), notes: active.slice() });
  }
  return pieces;
}

/** Pieces for every paragraph of the snapshot, by paragraph index. */
export function layout(paragraphs: ExportParagraph[], annotations: ExportAnnotation[]): Piece[][] {
  const pieces = paragraphPieces(paragraphs, annotations);
  return paragraphs.map((_, i) => pieces(i));
}

/**
 * The pieces of each paragraph on demand, by paragraph index: a writer that goes through the
 * paragraphs once holds one paragraph's pieces at a time, not the whole document's.
 */
export function paragraphPieces(paragraphs: ExportParagraph[], annotations: PlacedSpan[]): (index: number) => Piece[] {
  const ranges = rangesByParagraph(paragraphs, annotations);
  return (i) => piecesOf(paragraphs[i]!.text, ranges.get(i) ?? []);
}

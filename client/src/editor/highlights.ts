/**
 * Annotation highlights as ProseMirror decorations. Overlapping ranges are cut into disjoint
 * segments (one sweep over sorted boundaries), each decorated once with its depth, so overlaps
 * read as darker, double-underlined runs rather than a pile of nested spans. A claim also gets
 * its review state's icon, as a widget just before its first character. A large article is
 * drawn in chunks of blocks (plugins.ts draws the ones in view first, the rest when idle).
 */
import type { Node as PMNode } from "@tiptap/pm/model";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import type { AnnotationKind } from "../../../common/annotations.ts";
import { CLAIM_STATUS_LABELS, type ClaimStatus } from "../../../common/review.ts";
import { paletteCss, STATUS_ICONS, toneOf } from "./highlight-palette.ts";

export interface Highlight {
  id: string;
  from: number;
  to: number;
  kind: AnnotationKind;
  /** Colour of the annotation's first tag, when it has one. */
  tagColor: string | null;
  /** Not yet confirmed by the server (waiting in the outbox). */
  pending?: boolean;
  /** A claim's review state (null or absent for other kinds). */
  status?: ClaimStatus | null;
}

export interface Segment {
  from: number;
  to: number;
  /** Covering highlights, innermost (shortest) first. */
  ids: string[];
}

/**
 * Disjoint segments covering every highlight; a segment lists all highlights over it. With
 * `clip`, only the part inside it (overlaps still ordered by each highlight's whole length).
 */
export function segmentize(highlights: Highlight[], clip?: { from: number; to: number }): Segment[] {
  const points: Array<{ pos: number; open: boolean; h: Highlight }> = [];
  for (const h of highlights) {
    const from = clip ? Math.max(h.from, clip.from) : h.from;
    const to = clip ? Math.min(h.to, clip.to) : h.to;
    if (to <= from) continue;
    points.push({ pos: from, open: true, h }, { pos: to, open: false, h });
  }
  // At one position, closings come first so touching ranges do not count as overlapping.
  points.sort((a, b) => a.pos - b.pos || Number(a.open) - Number(b.open));
  const active = new Map<string, Highlight>();
  const out: Segment[] = [];
  let last = -1;
  for (const p of points) {
    if (active.size > 0 && p.pos > last) {
      const ids = [...active.values()].sort((x, y) => x.to - x.from - (y.to - y.from) || (x.id < y.id ? -1 : 1)).map((h) => h.id);
      out.push({ from: last, to: p.pos, ids });
    }
    last = p.pos;
    if (p.open) active.set(p.h.id, p.h);
    else active.delete(p.h.id);
  }
  return out;
}

/** The segment at `pos` (binary search), or null. A position at a segment's end belongs to it. */
export function segmentAt(segments: Segment[], pos: number): Segment | null {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid]!;
    if (pos < s.from) hi = mid - 1;
    else if (pos > s.to) lo = mid + 1;
    else return s;
  }
  return null;
}

/** Decoration attributes for one segment. */
export function segmentAttrs(seg: Segment, byId: Map<string, Highlight>): Record<string, string> {
  const top = byId.get(seg.ids[0]!)!;
  const depth = seg.ids.length;
  const tone = toneOf(top.kind, top.status ?? null);
  const classes = ["anno", `anno-${top.kind}`, `anno-tone-${tone}`];
  if (depth > 1) classes.push(depth > 2 ? "anno-depth-3" : "anno-depth-2");
  if (seg.ids.some((id) => byId.get(id)?.pending)) classes.push("anno-pending");
  const attrs: Record<string, string> = { class: classes.join(" "), "data-anno": seg.ids.join(" ") };
  // Tone colours come from classes (paletteCss); only a tag's own colour is inline.
  const tagColor = seg.ids.map((id) => byId.get(id)?.tagColor).find((c) => c);
  if (tagColor) attrs.style = `--anno-tag: ${tagColor}`;
  return attrs;
}

let paletteInstalled = false;

/** Puts the palette's rules in the page once (a style element: the CSP allows inline styles). */
export function installPalette(doc: Document = document): void {
  if (paletteInstalled || doc.getElementById("highlight-palette")) return;
  const style = doc.createElement("style");
  style.id = "highlight-palette";
  style.textContent = paletteCss();
  doc.head.append(style);
  paletteInstalled = true;
}

/** The icon of a claim's state: drawn by CSS from `data-icon`, so no text enters the article. */
export function claimIcon(status: ClaimStatus, annotationId?: string): HTMLElement {
  const el = document.createElement("span");
  el.className = "claim-icon";
  el.dataset.status = status;
  if (annotationId) el.dataset.anno = annotationId;
  el.dataset.icon = STATUS_ICONS[status];
  el.title = `Claim: ${CLAIM_STATUS_LABELS[status]}`;
  el.setAttribute("aria-hidden", "true");
  return el;
}

function claimWidget(h: Highlight): Decoration {
  const status = h.status ?? "open";
  return Decoration.widget(h.from, () => claimIcon(status, h.id), { side: -1, key: `claim-${h.id}-${status}`, ignoreSelection: true, marks: [] });
}

/** Builds the highlight decorations; the segments also answer "which annotation is here". */
export function buildHighlightDecorations(doc: PMNode, highlights: Highlight[]): { set: DecorationSet; segments: Segment[] } {
  const byId = new Map(highlights.map((h) => [h.id, h]));
  const max = doc.content.size;
  const placed = highlights.filter((h) => h.from >= 0 && h.to <= max);
  const segments = segmentize(placed);
  const decorations = segments.map((s) => Decoration.inline(s.from, s.to, segmentAttrs(s, byId)));
  for (const h of placed) if (h.kind === "claim" && h.to > h.from) decorations.push(claimWidget(h));
  return { set: DecorationSet.create(doc, decorations), segments };
}

/**
 * The article in runs of blocks (front matter, and the body's paragraphs, headings, quotes and
 * lists): the unit in which the highlight layer is built,
 * drawn (the runs in view first) and redrawn (only the runs whose highlights changed).
 */
export const CHUNK_BLOCKS = 12;

export interface Chunk {
  from: number;
  to: number;
}

const chunkCache = new WeakMap<PMNode, Chunk[]>();

/** The article's chunks (computed once per version of the text). */
export function articleChunks(doc: PMNode): Chunk[] {
  let chunks = chunkCache.get(doc);
  if (chunks) return chunks;
  chunks = [];
  let start = 0;
  let n = 0;
  const block = (offset: number) => {
    if (n === CHUNK_BLOCKS) {
      chunks!.push({ from: start, to: offset });
      start = offset;
      n = 0;
    }
    n++;
  };
  // The blocks of the body's sections count, not the sections.
  doc.forEach((node, offset) => {
    if (node.type.name === "section") node.forEach((_child, inner) => block(offset + 1 + inner));
    else block(offset);
  });
  chunks.push({ from: start, to: doc.content.size });
  chunkCache.set(doc, chunks);
  return chunks;
}

/** The index of the chunk holding `pos` (binary search). */
export function chunkAt(chunks: Chunk[], pos: number): number {
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (chunks[mid]!.from <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The highlights touching each chunk (a highlight over two chunks is in both). */
export function highlightsByChunk(chunks: Chunk[], highlights: Highlight[]): Highlight[][] {
  const out = chunks.map((): Highlight[] => []);
  for (const h of highlights) {
    if (h.to <= h.from) continue;
    for (let i = chunkAt(chunks, h.from); i < chunks.length && chunks[i]!.from < h.to; i++) out[i]!.push(h);
  }
  return out;
}

/** What a chunk draws: equal keys draw the same decorations. */
export function chunkKey(highlights: Highlight[]): string {
  return highlights.map((h) => `${h.id}:${h.from}:${h.to}:${h.kind}:${h.tagColor ?? ""}:${h.pending ? 1 : 0}:${h.status ?? ""}`).join("|");
}

/** Whether two placings draw the same: the fields `chunkKey` keys on, in the same order. */
export function sameHighlights(a: Highlight[], b: Highlight[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.id !== y.id || x.from !== y.from || x.to !== y.to || x.kind !== y.kind || x.tagColor !== y.tagColor || !!x.pending !== !!y.pending || (x.status ?? null) !== (y.status ?? null)) return false;
  }
  return true;
}

export interface ChunkDrawing {
  key: string;
  decorations: Decoration[];
  segments: Segment[];
}

/** The decorations and segments of one chunk, from the highlights touching it. */
export function buildChunk(chunk: Chunk, highlights: Highlight[], key = chunkKey(highlights)): ChunkDrawing {
  const byId = new Map(highlights.map((h) => [h.id, h]));
  const segments = segmentize(highlights, chunk);
  const decorations = segments.map((s) => Decoration.inline(s.from, s.to, segmentAttrs(s, byId)));
  for (const h of highlights) if (h.kind === "claim" && h.from >= chunk.from && h.from < chunk.to) decorations.push(claimWidget(h));
  return { key, decorations, segments };
}

/**
 * The overview bar's marks (pure, for the bar and its tests): annotations placed at their
 * relative height in the article, those closer than a mark's height grouped into one bucket,
 * each bucket shown in the tone that matters most (a false claim before a comment).
 */
import type { HighlightTone } from "../../editor/highlight-palette.ts";

export interface PlacedAnnotation {
  id: string;
  /** 0 (top of the article) to 1 (bottom). */
  at: number;
  tone: HighlightTone;
}

export interface Bucket {
  /** Pixels from the top of the bar. */
  top: number;
  ids: string[];
  tones: HighlightTone[];
  /** The tone the mark is drawn in. */
  tone: HighlightTone;
}

/** Most pressing first: verdicts against the text, open questions, then the rest. */
const PRIORITY: HighlightTone[] = [
  "claim-false",
  "claim-disputed",
  "claim-misleading",
  "claim-unverifiable",
  "claim-in_review",
  "claim-open",
  "claim-supported",
  "claim-retracted",
  "comment",
  "highlight",
];

export function mainTone(tones: HighlightTone[]): HighlightTone {
  let best = tones[0] ?? "comment";
  for (const t of tones) if (PRIORITY.indexOf(t) < PRIORITY.indexOf(best)) best = t;
  return best;
}

/** Groups placed annotations into marks at least `gap` pixels apart on a bar `height` pixels tall. */
export function bucketize(placed: PlacedAnnotation[], height: number, gap: number): Bucket[] {
  const sorted = [...placed].sort((a, b) => a.at - b.at);
  const out: Bucket[] = [];
  const span = Math.max(0, height - gap);
  for (const p of sorted) {
    const top = Math.round(Math.min(1, Math.max(0, p.at)) * span);
    const last = out[out.length - 1];
    if (last && top - last.top < gap) {
      last.ids.push(p.id);
      last.tones.push(p.tone);
    } else out.push({ top, ids: [p.id], tones: [p.tone], tone: p.tone });
  }
  for (const b of out) b.tone = mainTone(b.tones);
  return out;
}

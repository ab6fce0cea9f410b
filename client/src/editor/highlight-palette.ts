/**
 * What a highlight looks like: one colour per kind, and for claims one colour and one icon per
 * review state, so a claim's state reads from its shape as well as its colour. The backgrounds
 * are the colour laid over the white page at an opacity that grows with overlap depth; every
 * one keeps the article's ink at WCAG AA contrast (checked in highlight-palette.test.ts).
 */
import type { AnnotationKind } from "../../../common/annotations.ts";
import { CLAIM_STATUSES, CLAIM_STATUS_LABELS, type ClaimStatus } from "../../../common/review.ts";

export type Rgb = readonly [number, number, number];

/** The article's text colour (styles.css `--ink`). */
export const INK: Rgb = [0x1f, 0x24, 0x30];
const PAPER: Rgb = [255, 255, 255];

/** Opacity of a highlight's colour at overlap depth 1, 2 and 3+. */
export const DEPTH_OPACITY = [0.2, 0.34, 0.48] as const;

/** What a highlight's colour follows: the kind, or a claim's review state. */
export type HighlightTone = Exclude<AnnotationKind, "claim"> | `claim-${ClaimStatus}`;

export const TONE_COLORS: Record<HighlightTone, Rgb> = {
  comment: [47, 91, 211],
  highlight: [230, 180, 0],
  suggestion: [13, 148, 136],
  "claim-open": [214, 84, 30],
  "claim-in_review": [124, 58, 237],
  "claim-supported": [6, 118, 71],
  "claim-disputed": [219, 39, 119],
  "claim-false": [180, 35, 24],
  "claim-misleading": [161, 98, 7],
  "claim-unverifiable": [71, 84, 103],
  "claim-retracted": [152, 162, 179],
};

/** One glyph per claim state (drawn as CSS content, so it never enters the text or its offsets). */
export const STATUS_ICONS: Record<ClaimStatus, string> = {
  open: "○",
  in_review: "◔",
  supported: "✓",
  disputed: "!",
  false: "✗",
  misleading: "≈",
  unverifiable: "?",
  retracted: "⊘",
};

/** The tone of an annotation: claims by their state (a claim without a review yet is open). */
export function toneOf(kind: AnnotationKind, status: ClaimStatus | null): HighlightTone {
  return kind === "claim" ? `claim-${status ?? "open"}` : kind;
}

/** The colour laid over white at `opacity`. */
export function over(color: Rgb, opacity: number, base: Rgb = PAPER): Rgb {
  const mix = (i: 0 | 1 | 2) => Math.round(color[i] * opacity + base[i] * (1 - opacity));
  return [mix(0), mix(1), mix(2)];
}

/** The background of a highlight of `tone` at overlap `depth` (1, 2, 3 or more). */
export function highlightBackground(tone: HighlightTone, depth: number): Rgb {
  return over(TONE_COLORS[tone], DEPTH_OPACITY[Math.min(Math.max(depth, 1), 3) - 1]!);
}

export function css(c: Rgb): string {
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

function channel(v: number): number {
  const s = v / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

function luminance(c: Rgb): number {
  return 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
}

/** WCAG 2 contrast ratio between two colours (1 to 21). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** The legend's rows: each claim state with its icon and words. */
export const CLAIM_LEGEND = CLAIM_STATUSES.map((status) => ({ status, icon: STATUS_ICONS[status], label: CLAIM_STATUS_LABELS[status], tone: toneOf("claim", status) }));

/**
 * The colour a claim's icon is drawn in, on its own white chip: its tone darkened toward the ink
 * until it reads at 4.5:1 there (light tones such as "retracted" would otherwise fade out).
 */
export function iconColor(tone: HighlightTone): Rgb {
  for (let t = 0; t <= 1; t += 0.05) {
    const c = over(INK, t, TONE_COLORS[tone]);
    if (contrastRatio(c, PAPER) >= 4.5) return c;
  }
  return INK;
}

/** The claim state a tone stands for, or null for comments and highlights. */
export function statusOfTone(tone: HighlightTone): ClaimStatus | null {
  return CLAIM_STATUSES.find((s) => tone === `claim-${s}`) ?? null;
}

/** A tone in words: "comment", "claim (disputed)". */
export function toneWords(tone: HighlightTone): string {
  const status = statusOfTone(tone);
  return status ? `claim (${CLAIM_STATUS_LABELS[status].toLowerCase()})` : tone;
}

/**
 * The palette as CSS rules, one class per tone (and per tone and depth), so a highlighted run
 * carries class names only: thousands of inline style attributes would each be parsed and
 * matched on every style recalculation.
 */
export function paletteCss(): string {
  const rules: string[] = [];
  for (const tone of Object.keys(TONE_COLORS) as HighlightTone[]) {
    const line = css(TONE_COLORS[tone]);
    rules.push(`.anno-tone-${tone}{--anno-bg:${css(highlightBackground(tone, 1))};--anno-line:${line}}`);
    rules.push(`.anno-tone-${tone}.anno-depth-2{--anno-bg:${css(highlightBackground(tone, 2))}}`);
    rules.push(`.anno-tone-${tone}.anno-depth-3{--anno-bg:${css(highlightBackground(tone, 3))}}`);
    const status = statusOfTone(tone);
    if (status) rules.push(`.claim-icon[data-status="${status}"]{--icon:${css(iconColor(tone))}}`);
  }
  return rules.join("\n");
}

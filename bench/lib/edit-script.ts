/**
 * A realistic editing session for the anchoring benchmark: an article of prose, annotations on
 * words, phrases, sentences and across paragraph ends, and a script of edits an editor makes
 * (typo fixes inside and outside annotated passages, words reworded, sentences added and removed,
 * paragraphs split, merged, moved, inserted and deleted), then a revised draft. Edits are found
 * on the model's current text and turned into the server's edit operations.
 */
import type { EditOp } from "../../common/editing.ts";
import type { ArticleModel, ModelAnnotation } from "./article-model.ts";

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const NOUNS = "corridor tariff ministry harvest insurer convoy blockade treaty inspector missile deterrence alliance summit embargo pipeline refinery tanker subsidy quota ledger parliament coalition ceasefire observer envoy mandate protocol clause tribunal reserve currency bond deficit freight harbour strait canal warhead doctrine posture frigate border garrison minister cabinet budget election".split(" ");
const VERBS = "raised lowered signed delayed blocked rerouted financed questioned extended suspended reviewed announced rejected approved doubled halved monitored challenged restored weakened".split(" ");
const ADJECTIVES = "northern fragile costly regional binding informal naval unilateral credible reluctant sudden modest decisive partial temporary".split(" ");
const OPENERS = ["By the spring", "Within a year", "Despite the pressure", "In practice", "According to officials", "For the first time", "As a result", "Meanwhile"];

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)]!;
}

/** One sentence of policy prose. */
export function sentence(rand: () => number): string {
  const parts: string[] = [];
  if (rand() < 0.4) parts.push(`${pick(rand, OPENERS)},`);
  parts.push(`the ${pick(rand, ADJECTIVES)} ${pick(rand, NOUNS)}`, pick(rand, VERBS), `the ${pick(rand, NOUNS)}`);
  if (rand() < 0.6) parts.push(`of the ${pick(rand, ADJECTIVES)} ${pick(rand, NOUNS)}`);
  if (rand() < 0.5) parts.push(`after ${2 + Math.floor(rand() * 40)} ${pick(rand, ["days", "weeks", "months"])} of ${pick(rand, NOUNS)} talks`);
  const s = parts.join(" ");
  return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
}

export function paragraphText(rand: () => number, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(rand)).join(" ");
}

export function article(rand: () => number, paragraphs: number): string[] {
  return Array.from({ length: paragraphs }, () => paragraphText(rand, 3 + Math.floor(rand() * 4)));
}

interface Span {
  start: number;
  end: number;
}

function words(text: string): Span[] {
  return [...text.matchAll(/[A-Za-z]+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** Offsets where a sentence starts (after ". "), and the end of the text. */
function sentenceStarts(text: string): number[] {
  const at = [0];
  for (const m of text.matchAll(/\. /g)) at.push(m.index + 2);
  return at;
}

function sentences(text: string): Span[] {
  const starts = sentenceStarts(text);
  return starts.map((s, i) => ({ start: s, end: i + 1 < starts.length ? starts[i + 1]! : text.length }));
}

/** Annotations on words, phrases, whole sentences, and a few across a paragraph end. */
export function annotations(model: ArticleModel, rand: () => number, count: number, idOf: (i: number) => string): Array<ModelAnnotation & { para: number; start: number; end: number; endPara: number }> {
  const out: Array<ModelAnnotation & { para: number; start: number; end: number; endPara: number }> = [];
  for (let i = 0; i < count; i++) {
    const para = Math.floor(rand() * model.paragraphs.length);
    const text = model.text(para);
    const id = idOf(i);
    const r = rand();
    if (r < 0.05 && para + 1 < model.paragraphs.length) {
      const ss = sentences(text);
      const start = ss[ss.length - 1]!.start;
      const end = sentences(model.text(para + 1))[0]!.end - 1;
      out.push({ ...model.annotateAcross(id, para, start, end), para, start, end, endPara: para + 1 });
      continue;
    }
    let span: Span;
    if (r < 0.3) {
      const s = pick(rand, sentences(text));
      span = { start: s.start, end: text[s.end - 1] === " " ? s.end - 1 : s.end };
    } else {
      const ws = words(text);
      const from = Math.floor(rand() * ws.length);
      const to = Math.min(ws.length - 1, from + Math.floor(rand() * (r < 0.6 ? 1 : 6)));
      span = { start: ws[from]!.start, end: ws[to]!.end };
    }
    out.push({ ...model.annotate(id, para, span.start, span.end), para, start: span.start, end: span.end, endPara: para });
  }
  return out;
}

/** An edit described on the model's text, independent of the server's paragraph ids. */
export type ScriptEdit =
  | { kind: "typo-outside" | "typo-inside" | "reword" | "sentence-added" | "sentence-removed"; para: number; start: number; end: number; text: string }
  | { kind: "split"; para: number; offset: number }
  | { kind: "merge"; para: number }
  | { kind: "move"; para: number; after: number }
  | { kind: "retire"; para: number }
  | { kind: "insert"; after: number; text: string };

const MIX: Array<[ScriptEdit["kind"], number]> = [
  ["typo-outside", 25],
  ["typo-inside", 20],
  ["reword", 15],
  ["sentence-added", 20],
  ["sentence-removed", 15],
  ["split", 12],
  ["merge", 12],
  ["move", 12],
  ["retire", 6],
  ["insert", 13],
];

/** The 150 kinds of the script, shuffled. */
export function scriptKinds(rand: () => number): Array<ScriptEdit["kind"]> {
  const kinds = MIX.flatMap(([k, n]) => Array.from({ length: n }, () => k));
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j]!, kinds[i]!];
  }
  return kinds;
}

function typo(rand: () => number, word: string): string {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  let c = pick(rand, [...letters]);
  while (c === word) c = pick(rand, [...letters]);
  return c;
}

/**
 * Finds a spot for an edit of `kind` on the model's current text. `covered(para)` lists the
 * spans that annotations cover now; typo fixes outside avoid them, typo fixes inside pick them.
 */
export function planEdit(model: ArticleModel, rand: () => number, kind: ScriptEdit["kind"], covered: (para: number) => Span[]): ScriptEdit {
  const n = model.paragraphs.length;
  const para = Math.floor(rand() * n);
  const text = model.text(para);
  const inside = (w: Span, spans: Span[]) => spans.some((s) => w.start < s.end && w.end > s.start);
  switch (kind) {
    case "typo-outside":
    case "typo-inside": {
      for (let tries = 0; tries < 200; tries++) {
        const p = Math.floor(rand() * n);
        const spans = covered(p);
        const candidates = words(model.text(p)).filter((w) => w.end - w.start >= 4 && (kind === "typo-inside" ? spans.some((s) => w.start > s.start && w.end < s.end) : !inside(w, spans)));
        if (candidates.length === 0) continue;
        const w = pick(rand, candidates);
        const at = w.start + 1 + Math.floor(rand() * (w.end - w.start - 2));
        return { kind, para: p, start: at, end: at + 1, text: typo(rand, model.text(p)[at]!) };
      }
      return planEdit(model, rand, "reword", covered);
    }
    case "reword": {
      const w = pick(rand, words(text));
      let next = pick(rand, [...NOUNS, ...ADJECTIVES]);
      while (next === text.slice(w.start, w.end)) next = pick(rand, NOUNS);
      return { kind, para, start: w.start, end: w.end, text: next };
    }
    case "sentence-added": {
      const starts = sentenceStarts(text);
      const at = rand() < 0.3 ? text.length : pick(rand, starts);
      const s = sentence(rand);
      return at === text.length ? { kind, para, start: at, end: at, text: ` ${s}` } : { kind, para, start: at, end: at, text: `${s} ` };
    }
    case "sentence-removed": {
      const ss = sentences(text);
      if (ss.length < 2) return planEdit(model, rand, "sentence-added", covered);
      const i = Math.floor(rand() * ss.length);
      const s = ss[i]!;
      // The last sentence takes the space before it with it.
      return i === ss.length - 1 ? { kind, para, start: s.start - 1, end: s.end, text: "" } : { kind, para, start: s.start, end: s.end, text: "" };
    }
    case "split": {
      const starts = sentenceStarts(text).slice(1);
      if (starts.length === 0) return planEdit(model, rand, "sentence-added", covered);
      return { kind, para, offset: pick(rand, starts) - 1 };
    }
    case "merge":
      return n < 3 ? planEdit(model, rand, "reword", covered) : { kind, para: Math.min(para, n - 2) };
    case "move": {
      let after = Math.floor(rand() * (n + 1)) - 1;
      if (after === para || after === para - 1) after = para === 0 ? n - 1 : -1;
      return { kind, para, after };
    }
    case "retire":
      return n < 20 ? planEdit(model, rand, "insert", covered) : { kind, para };
    case "insert":
      return { kind, after: Math.floor(rand() * (n + 1)) - 1, text: paragraphText(rand, 2 + Math.floor(rand() * 3)) };
  }
}

/**
 * Applies an edit to the model and returns the server's operations for it. A split drops the
 * space between the two sentences; a merge puts one between the joined paragraphs.
 */
export function applyToModel(model: ArticleModel, e: ScriptEdit): EditOp[] {
  const pid = (i: number) => model.paragraphs[i]!.pid!;
  switch (e.kind) {
    case "typo-outside":
    case "typo-inside":
    case "reword":
    case "sentence-added":
    case "sentence-removed": {
      const base = model.paragraphs[e.para]!.version;
      model.replace(e.para, e.start, e.end, e.text);
      return [{ op: "text", paragraphId: pid(e.para), baseVersion: base, text: model.text(e.para) }];
    }
    case "split": {
      const p = model.paragraphs[e.para]!;
      const id = pid(e.para);
      const base = p.version;
      model.replace(e.para, e.offset, e.offset + 1, "");
      const withoutSpace = model.text(e.para);
      model.split(e.para, e.offset);
      return [
        { op: "text", paragraphId: id, baseVersion: base, text: withoutSpace },
        { op: "split", paragraphId: id, baseVersion: base + 1, offset: e.offset },
      ];
    }
    case "merge": {
      const id = pid(e.para);
      const base = model.paragraphs[e.para]!.version;
      const joint = model.paragraphs[e.para]!.chars.length;
      model.merge(e.para);
      model.replace(e.para, joint, joint, " ");
      return [
        { op: "merge", paragraphId: id, baseVersion: base },
        { op: "text", paragraphId: id, baseVersion: base + 1, text: model.text(e.para) },
      ];
    }
    case "move": {
      const id = pid(e.para);
      const after = e.after < 0 ? null : pid(e.after);
      model.move(e.para, e.after);
      return [{ op: "move", paragraphId: id, after }];
    }
    case "retire": {
      const id = pid(e.para);
      model.retire(e.para);
      return [{ op: "retire", paragraphId: id }];
    }
    case "insert": {
      const after = e.after < 0 ? null : pid(e.after);
      model.insert(e.after, e.text);
      return [{ op: "insert", after, paragraphs: [{ kind: "paragraph", text: e.text }] }];
    }
  }
}

/**
 * A revised draft of the model's current text, made on a copy: a quarter of the paragraphs
 * reworded in one to three words, one rewritten almost entirely, sentences added to three, two
 * paragraphs dropped, two new ones, one moved.
 */
export function reviseModel(model: ArticleModel, rand: () => number): ArticleModel {
  const draft = model.clone();
  const n = draft.paragraphs.length;
  for (let i = 0; i < n; i++) {
    if (rand() >= 0.25) continue;
    const times = 1 + Math.floor(rand() * 3);
    for (let k = 0; k < times; k++) {
      const [start, end] = wordIn(draft, i, rand);
      const old = draft.text(i).slice(start, end);
      draft.replace(i, start, end, pick(rand, NOUNS.filter((w) => w !== old)));
    }
  }
  const heavy = Math.floor(rand() * n);
  const ws = words(draft.text(heavy));
  for (let k = ws.length - 1; k >= 0; k--) {
    const old = draft.text(heavy).slice(ws[k]!.start, ws[k]!.end);
    if (rand() < 0.7) draft.replace(heavy, ws[k]!.start, ws[k]!.end, pick(rand, NOUNS.filter((w) => w !== old)));
  }
  for (let k = 0; k < 3; k++) {
    const i = Math.floor(rand() * draft.paragraphs.length);
    draft.replace(i, draft.text(i).length, draft.text(i).length, ` ${sentence(rand)}`);
  }
  for (let k = 0; k < 2; k++) draft.retire(1 + Math.floor(rand() * (draft.paragraphs.length - 1)));
  for (let k = 0; k < 2; k++) draft.insert(Math.floor(rand() * draft.paragraphs.length), paragraphText(rand, 3));
  const from = 2 + Math.floor(rand() * (draft.paragraphs.length - 4));
  draft.move(from, from - 2);
  return draft;
}

function wordIn(model: ArticleModel, para: number, rand: () => number): [number, number] {
  const w = pick(rand, words(model.text(para)));
  return [w.start, w.end];
}

/**
 * What the anchoring fuzz suites share (tests/fuzz/anchoring*.test.ts): a seeded random source,
 * articles of prose with repeated phrases, near-duplicate paragraphs, emoji (surrogate pairs and
 * ZWJ sequences), combining marks and right-to-left text; an independent model of the article in
 * which every UTF-16 code unit keeps an identity through the changes made to it; annotations of
 * every shape over it; random edits (as the edit route's operations) and random revised drafts;
 * and the judge that checks every carried anchor against the new text and the model.
 *
 * Replay: a failure names its seed; FUZZ_SEED=<seed> runs that case first, FUZZ_RUNS_SCALE=<x>
 * scales the number of cases.
 */
import { contextOf, PARAGRAPH_SEPARATOR, quoteOf, splitsSurrogatePair } from "../../common/anchoring.ts";
import type { EditOp } from "../../common/editing.ts";
import { MIN_SURVIVAL, type StoredAnchor } from "../../server/anchoring/carry.ts";
import { survival } from "../../server/anchoring/text-map.ts";
import { DIFF_EQUAL, makeDiff } from "@sanity/diff-match-patch";

// ---------------------------------------------------------------------------------------------
// Random source
// ---------------------------------------------------------------------------------------------

export interface Rand {
  (): number;
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
}

/** mulberry32: small, fast, and the same sequence on every platform. */
export function rng(seed: number): Rand {
  let s = seed >>> 0;
  const next = (() => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }) as Rand;
  next.int = (n) => Math.floor(next() * n);
  next.pick = (xs) => xs[Math.floor(next() * xs.length)]!;
  next.chance = (p) => next() < p;
  return next;
}

/** The seeds of a run: FUZZ_SEED first (a replay), then `count` seeds from a fixed base, scaled by FUZZ_RUNS_SCALE. */
export function fuzzSeeds(base: number, count: number): number[] {
  const scale = Number(process.env.FUZZ_RUNS_SCALE ?? "1");
  const n = Math.max(1, Math.round(count * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
  const seeds = Array.from({ length: n }, (_, i) => base + i);
  return process.env.FUZZ_SEED ? [Number(process.env.FUZZ_SEED), ...seeds] : seeds;
}

// ---------------------------------------------------------------------------------------------
// Prose
// ---------------------------------------------------------------------------------------------

const NOUNS = "corridor tariff ministry harvest insurer convoy blockade treaty inspector missile alliance summit embargo pipeline refinery tanker subsidy quota ledger coalition ceasefire envoy mandate protocol clause tribunal reserve freight harbour strait canal frigate border minister cabinet budget".split(" ");
const VERBS = "raised lowered signed delayed blocked rerouted financed questioned extended suspended reviewed announced rejected approved doubled halved monitored restored".split(" ");
const ADJECTIVES = "northern fragile costly regional binding informal naval unilateral credible reluctant sudden modest decisive partial temporary".split(" ");
/** Phrases that recur across the article, so a quote's words occur several times. */
const STOCK = ["the grain corridor", "as the minister said", "in the northern ports", "under the new treaty", "the grain corridor reopened", "for the second time"];
/** Text that is not plain ASCII: surrogate pairs, ZWJ sequences, flags, combining marks, RTL, CJK. */
const EXOTIC = ["🌾", "🚢", "👩‍🔬", "🇺🇦", "café", "São Paulo", "naïve", "Ångström", "بحسب الوزارة", "שלום עולם", "粮食走廊", "Zoë’s 📦 report", "e\u0301\u0301"];

export function sentence(rand: Rand): string {
  const parts: string[] = [];
  if (rand.chance(0.3)) parts.push(`${rand.pick(["By the spring", "Within a year", "In practice", "Meanwhile", "For the first time"])},`);
  parts.push(`the ${rand.pick(ADJECTIVES)} ${rand.pick(NOUNS)}`, rand.pick(VERBS));
  parts.push(rand.chance(0.35) ? rand.pick(STOCK) : `the ${rand.pick(NOUNS)}`);
  if (rand.chance(0.35)) parts.push(rand.pick(EXOTIC));
  if (rand.chance(0.4)) parts.push(rand.chance(0.5) ? rand.pick(STOCK) : `after ${2 + rand.int(40)} ${rand.pick(["days", "weeks", "months"])} of talks`);
  const s = parts.join(" ");
  return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
}

export function paragraphText(rand: Rand, sentences = 1 + rand.int(4)): string {
  return Array.from({ length: sentences }, () => sentence(rand)).join(" ");
}

/** An article: prose paragraphs, a few short ones, and near-duplicates (one word changed). */
export function article(rand: Rand, paragraphs: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < paragraphs; i++) {
    if (i > 2 && rand.chance(0.12)) {
      const copy = out[rand.int(out.length)]!;
      out.push(rand.chance(0.5) ? copy : replaceWord(rand, copy));
    } else if (rand.chance(0.1)) out.push(rand.pick([...EXOTIC, "Notes", "A short line.", ...STOCK]));
    else out.push(paragraphText(rand));
  }
  return out;
}

function replaceWord(rand: Rand, text: string): string {
  const ws = wordsOf(text);
  if (ws.length === 0) return text;
  const w = rand.pick(ws);
  const old = text.slice(w.start, w.end);
  let next = rand.pick(NOUNS);
  if (next === old) next = `${next}s`;
  return text.slice(0, w.start) + next + text.slice(w.end);
}

export interface Span {
  start: number;
  end: number;
}

/** Runs of non-space text (never cut a character). */
export function wordsOf(text: string): Span[] {
  return [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** Offsets where a cut splits no surrogate pair. */
function safeOffset(text: string, at: number): number {
  return splitsSurrogatePair(text, at) ? at - 1 : at;
}

// ---------------------------------------------------------------------------------------------
// The model: every code unit has an identity
// ---------------------------------------------------------------------------------------------

export interface Ch {
  c: string;
  id: number;
}

export interface ModelParagraph {
  pid: string | null;
  chars: Ch[];
}

export class Model {
  paragraphs: ModelParagraph[] = [];
  private nextId = 0;

  constructor(texts: string[]) {
    this.paragraphs = texts.map((t) => ({ pid: null, chars: this.fresh(t) }));
  }

  clone(): Model {
    const m = new Model([]);
    m.paragraphs = this.paragraphs.map((p) => ({ pid: p.pid, chars: [...p.chars] }));
    m.nextId = this.nextId;
    return m;
  }

  fresh(text: string): Ch[] {
    return [...Array(text.length)].map((_, k) => ({ c: text[k]!, id: this.nextId++ }));
  }

  text(i: number): string {
    return this.paragraphs[i]!.chars.map((c) => c.c).join("");
  }

  texts(): string[] {
    return this.paragraphs.map((_, i) => this.text(i));
  }

  replace(i: number, start: number, end: number, text: string): void {
    this.paragraphs[i]!.chars.splice(start, end - start, ...this.fresh(text));
  }

  split(i: number, offset: number): void {
    const tail = this.paragraphs[i]!.chars.splice(offset);
    this.paragraphs.splice(i + 1, 0, { pid: null, chars: tail });
  }

  merge(i: number): void {
    const [next] = this.paragraphs.splice(i + 1, 1);
    this.paragraphs[i]!.chars.push(...next!.chars);
  }

  /** Moves paragraph i to follow what is now paragraph `after` (-1: first). */
  move(i: number, after: number): void {
    const [p] = this.paragraphs.splice(i, 1);
    this.paragraphs.splice(after < i ? after + 1 : after, 0, p!);
  }

  retire(i: number): void {
    this.paragraphs.splice(i, 1);
  }

  insert(after: number, text: string): void {
    this.paragraphs.splice(after + 1, 0, { pid: null, chars: this.fresh(text) });
  }

  learnOrder(ids: readonly string[]): void {
    if (ids.length !== this.paragraphs.length) throw new Error(`the document has ${ids.length} paragraphs, the model ${this.paragraphs.length}`);
    ids.forEach((id, i) => {
      const p = this.paragraphs[i]!;
      if (p.pid !== null && p.pid !== id) throw new Error(`paragraph ${i} is ${id} in the document and ${p.pid} in the model`);
      p.pid = id;
    });
  }

  index(pid: string): number {
    return this.paragraphs.findIndex((p) => p.pid === pid);
  }

  locations(): Map<number, { para: number; offset: number }> {
    const at = new Map<number, { para: number; offset: number }>();
    this.paragraphs.forEach((p, para) => p.chars.forEach((c, offset) => at.set(c.id, { para, offset })));
    return at;
  }

  /** The identities of the characters from (sp, so) to (ep, eo). */
  charIds(sp: number, so: number, ep: number, eo: number): number[] {
    const ids: number[] = [];
    for (let i = sp; i <= ep; i++) {
      const chars = this.paragraphs[i]!.chars;
      for (let k = i === sp ? so : 0; k < (i === ep ? eo : chars.length); k++) ids.push(chars[k]!.id);
    }
    return ids;
  }
}

// ---------------------------------------------------------------------------------------------
// Annotations
// ---------------------------------------------------------------------------------------------

/** An anchor as stored (the fields carry.ts reads), plus what the model knows of it. */
export interface FuzzAnchor extends StoredAnchor {
  /** The characters it covered when it was made. */
  charIds: number[];
  /** How it was made (for failure reports). */
  shape: string;
}

export interface PlannedAnchor {
  shape: string;
  sp: number;
  so: number;
  ep: number;
  eo: number;
}

/** Anchors of every shape over the model's current text (paragraph indexes and offsets). */
export function planAnchors(model: Model, rand: Rand, count: number): PlannedAnchor[] {
  const out: PlannedAnchor[] = [];
  const n = model.paragraphs.length;
  for (let tries = 0; out.length < count && tries < count * 20; tries++) {
    const sp = rand.int(n);
    const text = model.text(sp);
    const ws = wordsOf(text);
    if (ws.length === 0) continue;
    const r = rand();
    let a: PlannedAnchor;
    if (r < 0.25) {
      const w = rand.pick(ws);
      a = { shape: "word", sp, so: w.start, ep: sp, eo: w.end };
    } else if (r < 0.45) {
      const from = rand.int(ws.length);
      const to = Math.min(ws.length - 1, from + 1 + rand.int(6));
      a = { shape: "phrase", sp, so: ws[from]!.start, ep: sp, eo: ws[to]!.end };
    } else if (r < 0.55) a = { shape: "whole paragraph", sp, so: 0, ep: sp, eo: text.length };
    else if (r < 0.63) {
      const at = safeOffset(text, rand.int(text.length));
      const end = splitsSurrogatePair(text, at + 1) ? at + 2 : at + 1;
      a = { shape: "one character", sp, so: at, ep: sp, eo: end };
    } else if (r < 0.7) {
      const w = rand.pick(ws);
      a = rand.chance(0.5) ? { shape: "paragraph start", sp, so: 0, ep: sp, eo: w.end } : { shape: "paragraph end", sp, so: w.start, ep: sp, eo: text.length };
    } else if (r < 0.85 && sp + 1 < n) {
      const ep = Math.min(n - 1, sp + 1 + (rand.chance(0.3) ? 1 : 0));
      const end = model.text(ep);
      const ew = wordsOf(end);
      const so = rand.pick(ws).start;
      const eo = ew.length ? rand.pick(ew).end : end.length;
      a = { shape: "across paragraphs", sp, so, ep, eo };
    } else if (r < 0.93 && out.length) {
      // Overlapping another one: shares its start or end, or covers part of it.
      const o = rand.pick(out);
      const t = model.text(o.ep);
      a = { shape: "overlapping", sp: o.sp, so: o.so, ep: o.ep, eo: Math.max(o.sp === o.ep ? o.so + 1 : 0, safeOffset(t, Math.min(t.length, o.eo + rand.int(12) - 6))) };
    } else {
      // A recurring phrase: one of its occurrences.
      const stock = STOCK.map((s) => ({ s, at: text.indexOf(s) })).filter((x) => x.at >= 0);
      if (stock.length === 0) continue;
      const x = rand.pick(stock);
      a = { shape: "recurring phrase", sp, so: x.at, ep: sp, eo: x.at + x.s.length };
    }
    const span = model.paragraphs.slice(a.sp, a.ep + 1).map((_, k) => ({ text: model.text(a.sp + k) }));
    if (a.sp === a.ep && a.eo <= a.so) continue;
    if (splitsSurrogatePair(model.text(a.sp), a.so) || splitsSurrogatePair(model.text(a.ep), a.eo)) continue;
    if (quoteOf(span, a.so, a.eo).trim().length === 0) continue;
    out.push(a);
  }
  return out;
}

/** The stored anchor of a planned one, computed as the server does (resolve.ts). */
export function anchorOf(model: Model, id: string, a: PlannedAnchor): FuzzAnchor {
  const span = model.paragraphs.slice(a.sp, a.ep + 1).map((_, k) => ({ text: model.text(a.sp + k) }));
  return {
    id,
    startPid: model.paragraphs[a.sp]!.pid!,
    startOffset: a.so,
    endPid: model.paragraphs[a.ep]!.pid!,
    endOffset: a.eo,
    quote: quoteOf(span, a.so, a.eo),
    ...contextOf(model.text(a.sp), a.so, model.text(a.ep), a.eo),
    confidence: 1,
    charIds: model.charIds(a.sp, a.so, a.ep, a.eo),
    shape: a.shape,
  };
}

// ---------------------------------------------------------------------------------------------
// Changes
// ---------------------------------------------------------------------------------------------

/** One change of one paragraph's text: [start, end) replaced by `text`. */
interface TextChange {
  kind: string;
  para: number;
  start: number;
  end: number;
  text: string;
}

/** A random change of one paragraph's text, often at or inside an annotated passage. */
function textChange(model: Model, rand: Rand, anchors: readonly FuzzAnchor[]): TextChange | null {
  const at = model.locations();
  // Half the time, next to or inside a live annotation's characters.
  const target = anchors.length && rand.chance(0.6) ? rand.pick(anchors) : null;
  const here = target ? target.charIds.map((id) => at.get(id)).find((x) => x !== undefined) : undefined;
  const para = here ? here.para : rand.int(model.paragraphs.length);
  const text = model.text(para);
  const ws = wordsOf(text);
  const near = here ? ws.filter((w) => Math.abs(w.start - here.offset) < 40) : ws;
  const pool = near.length ? near : ws;
  const r = rand();
  if (pool.length === 0 || r < 0.05) return { kind: "replace paragraph", para, start: 0, end: text.length, text: paragraphText(rand) };
  const w = rand.pick(pool);
  if (r < 0.25) {
    // A typo fixed: one ASCII letter inside a word.
    const letters = [...Array(w.end - w.start).keys()].map((k) => w.start + k).filter((k) => /[a-z]/.test(text[k]!));
    if (letters.length === 0) return null;
    const k = rand.pick(letters);
    const c = text[k] === "e" ? "a" : "e";
    return { kind: "typo", para, start: k, end: k + 1, text: c };
  }
  if (r < 0.45) {
    let next = rand.pick([...NOUNS, ...ADJECTIVES]);
    if (next === text.slice(w.start, w.end)) next = `${next}s`;
    return { kind: "reword", para, start: w.start, end: w.end, text: next };
  }
  if (r < 0.55 && target && here) {
    // The quoted words deleted (within this paragraph), with the space before them.
    const mine = target.charIds.map((id) => at.get(id)).filter((x) => x !== undefined && x.para === para) as Array<{ offset: number }>;
    if (mine.length === 0) return null;
    const from = Math.min(...mine.map((x) => x.offset));
    const to = Math.max(...mine.map((x) => x.offset)) + 1;
    const start = from > 0 && text[from - 1] === " " ? from - 1 : from;
    return { kind: "quote deleted", para, start, end: to, text: "" };
  }
  if (r < 0.68) {
    // A sentence inserted before a word; sometimes one repeating an annotated quote.
    const dup = target && !target.quote.includes(PARAGRAPH_SEPARATOR) && rand.chance(0.5) ? `${target.quote} ` : `${sentence(rand)} `;
    return { kind: dup.startsWith(target?.quote ?? "\u0000") ? "duplicate inserted" : "sentence inserted", para, start: w.start, end: w.start, text: dup };
  }
  if (r < 0.78) {
    // White space only: a doubled space, a trailing space, a space removed before punctuation.
    const spaces = [...text.matchAll(/ /g)].map((m) => m.index);
    if (rand.chance(0.3) || spaces.length === 0) return { kind: "whitespace", para, start: text.length, end: text.length, text: " " };
    const s = rand.pick(spaces);
    return { kind: "whitespace", para, start: s, end: s, text: rand.chance(0.5) ? " " : "\u00a0" };
  }
  if (r < 0.88) {
    // Words deleted around a spot (may cut into a quote).
    const from = rand.int(pool.length);
    const to = Math.min(ws.length - 1, ws.indexOf(pool[from]!) + rand.int(3));
    const start = pool[from]!.start;
    const end = ws[to]!.end;
    return end < text.length && text[end] === " " ? { kind: "words deleted", para, start, end: end + 1, text: "" } : { kind: "words deleted", para, start, end, text: "" };
  }
  // A phrase reworded: a few words replaced by a few others.
  const i = ws.indexOf(w);
  const j = Math.min(ws.length - 1, i + 1 + rand.int(3));
  return { kind: "phrase reworded", para, start: w.start, end: ws[j]!.end, text: `${rand.pick(ADJECTIVES)} ${rand.pick(NOUNS)}` };
}

/** A split point: after a space (the space stays with the first part) or at a sentence end. */
function splitPoint(text: string, rand: Rand): number | null {
  const spaces = [...text.matchAll(/ /g)].map((m) => m.index + 1);
  if (spaces.length === 0) return null;
  return rand.pick(spaces);
}

/**
 * A random edit as the edit route's operations (one to four steps), applied to the model too.
 * `pid` of a model paragraph must be known; `version` answers a paragraph's current version.
 */
export function randomEdit(model: Model, rand: Rand, anchors: readonly FuzzAnchor[], version: (pid: string) => number): { kinds: string[]; ops: EditOp[] } {
  const ops: EditOp[] = [];
  const kinds: string[] = [];
  const versions = new Map<string, number>();
  const v = (pid: string) => versions.get(pid) ?? version(pid);
  const bump = (pid: string) => versions.set(pid, v(pid) + 1);
  const steps = 1 + (rand.chance(0.3) ? rand.int(3) : 0);
  for (let s = 0; s < steps; s++) {
    const n = model.paragraphs.length;
    const r = rand();
    const para = rand.int(n);
    const p = model.paragraphs[para]!;
    // Steps on paragraphs this edit added would need their ids; those are left to later edits.
    if (p.pid === null) continue;
    if (r < 0.55) {
      const c = textChange(model, rand, anchors);
      if (!c || model.paragraphs[c.para]!.pid === null) continue;
      const pid = model.paragraphs[c.para]!.pid!;
      const before = model.text(c.para);
      model.replace(c.para, c.start, c.end, c.text);
      if (model.text(c.para) === before) continue;
      ops.push({ op: "text", paragraphId: pid, baseVersion: v(pid), text: model.text(c.para) });
      bump(pid);
      kinds.push(c.kind);
    } else if (r < 0.65) {
      const at = splitPoint(model.text(para), rand);
      if (at === null) continue;
      ops.push({ op: "split", paragraphId: p.pid, baseVersion: v(p.pid), offset: at });
      bump(p.pid);
      model.split(para, at);
      kinds.push("split");
    } else if (r < 0.73) {
      if (para + 1 >= n || model.paragraphs[para + 1]!.pid === null) continue;
      ops.push({ op: "merge", paragraphId: p.pid, baseVersion: v(p.pid) });
      bump(p.pid);
      model.merge(para);
      kinds.push("merge");
    } else if (r < 0.83) {
      let after = rand.int(n + 1) - 1;
      if (after === para) after = -1;
      if (after >= 0 && model.paragraphs[after]!.pid === null) continue;
      if (after === para - 1 || (after === -1 && para === 0)) continue;
      ops.push({ op: "move", paragraphId: p.pid, after: after < 0 ? null : model.paragraphs[after]!.pid });
      model.move(para, after);
      kinds.push("move");
    } else if (r < 0.88) {
      if (n < 4) continue;
      ops.push({ op: "retire", paragraphId: p.pid });
      model.retire(para);
      kinds.push("retire");
    } else {
      // A new paragraph: fresh prose, a copy of another paragraph, or one repeating a quote.
      const quoted = anchors.filter((a) => !a.quote.includes(PARAGRAPH_SEPARATOR));
      const text = rand.chance(0.4) ? model.text(rand.int(n)) : quoted.length && rand.chance(0.5) ? `${rand.pick(quoted).quote} ${sentence(rand)}` : paragraphText(rand);
      if (text.trim().length === 0) continue;
      ops.push({ op: "insert", after: p.pid, paragraphs: [{ kind: "paragraph", text }] });
      model.insert(para, text);
      kinds.push("insert");
    }
  }
  return { kinds, ops };
}

/**
 * A revised draft of the model's text, made on a copy: several of the changes above at once,
 * paragraphs reordered, split, merged, dropped and added, a whitespace-only draft, or a whole new
 * text. Answers the draft's model (its paragraphs' pids are the ids they came from, or null).
 */
export function randomDraft(model: Model, rand: Rand, anchors: readonly FuzzAnchor[]): { kinds: string[]; draft: Model } {
  const draft = model.clone();
  const kinds: string[] = [];
  const r = rand();
  if (r < 0.05) {
    kinds.push("whole text replaced");
    draft.paragraphs = [];
    const fresh = article(rand, 3 + rand.int(10));
    fresh.forEach((t, i) => draft.insert(i - 1, t));
  } else if (r < 0.12) {
    kinds.push("whitespace only");
    for (let i = 0; i < draft.paragraphs.length; i++) {
      const text = draft.text(i);
      const spaces = [...text.matchAll(/ /g)].map((m) => m.index);
      if (spaces.length && rand.chance(0.5)) {
        const s = rand.pick(spaces);
        draft.replace(i, s, s, " ");
      }
    }
  } else {
    const changes = 1 + rand.int(8);
    for (let k = 0; k < changes; k++) {
      const n = draft.paragraphs.length;
      const x = rand();
      if (x < 0.5) {
        const c = textChange(draft, rand, anchors);
        if (!c) continue;
        draft.replace(c.para, c.start, c.end, c.text);
        kinds.push(c.kind);
      } else if (x < 0.6) {
        const para = rand.int(n);
        const at = splitPoint(draft.text(para), rand);
        if (at === null) continue;
        // A draft's split loses the space where the paragraph broke.
        if (draft.text(para)[at - 1] === " ") draft.replace(para, at - 1, at, "");
        draft.split(para, at - 1);
        kinds.push("split");
      } else if (x < 0.68 && n > 2) {
        const para = rand.int(n - 1);
        const joint = draft.paragraphs[para]!.chars.length;
        draft.merge(para);
        draft.replace(para, joint, joint, " ");
        kinds.push("merge");
      } else if (x < 0.8 && n > 2) {
        const para = rand.int(n);
        let after = rand.int(n + 1) - 1;
        if (after === para) after = -1;
        if (after === para - 1 || (after === -1 && para === 0)) continue;
        draft.move(para, after);
        kinds.push("move");
      } else if (x < 0.87 && n > 3) {
        draft.retire(rand.int(n));
        kinds.push("retire");
      } else {
        const quoted = anchors.filter((a) => !a.quote.includes(PARAGRAPH_SEPARATOR));
        const text = quoted.length && rand.chance(0.5) ? `${sentence(rand)} ${rand.pick(quoted).quote}` : rand.chance(0.3) ? draft.text(rand.int(n)) : paragraphText(rand);
        draft.insert(rand.int(n + 1) - 1, text);
        kinds.push("insert");
      }
    }
  }
  // A draft's paragraphs hold text: empty ones do not survive a file.
  draft.paragraphs = draft.paragraphs.filter((p) => p.chars.some((c) => c.c.trim()));
  return { kinds, draft };
}

// ---------------------------------------------------------------------------------------------
// The judge
// ---------------------------------------------------------------------------------------------

/** An anchor after a change, as the server answers it. */
export interface Carried extends StoredAnchor {
  outcome?: "exact" | "changed" | "orphaned";
  anchorState: string;
}

export interface Tally {
  exact: number;
  changed: number;
  orphaned: number;
  /** Orphaned though the model says all its characters survived side by side (flagged, not wrong). */
  intactOrphaned: number;
  /** Anchored by a changed quote though the model says it survived intact (flagged, not wrong). */
  intactChanged: number;
}

export const emptyTally = (): Tally => ({ exact: 0, changed: 0, orphaned: 0, intactOrphaned: 0, intactChanged: 0 });

const flat = (s: string) => s.split(PARAGRAPH_SEPARATOR).join("");
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Checks one annotation after a change against the new text (paragraphs in order, as ids and
 * texts) and the model (which knows where its characters went). Answers the problems found.
 * `draft`: the change was a revised draft (text, not keystrokes: an identical quote with its
 * context in new text is its passage as far as anyone can tell).
 */
export function judge(
  before: FuzzAnchor,
  after: Carried,
  order: ReadonlyArray<{ id: string; text: string }>,
  model: Model,
  at: Map<number, { para: number; offset: number }>,
  tally: Tally,
  draft: boolean,
  oldText: ReadonlyMap<string, OldParagraph>,
): string[] {
  const problems: string[] = [];
  if (after.anchorState === "orphaned") {
    tally.orphaned++;
    if (after.quote !== before.quote || after.prefix !== before.prefix || after.suffix !== before.suffix) problems.push("orphaned but its quote or context changed");
    const where = before.charIds.map((id) => at.get(id));
    if (where.every((w) => w !== undefined) && contiguous(where as Array<{ para: number; offset: number }>, model)) tally.intactOrphaned++;
    return problems;
  }
  if (after.anchorState !== "anchored") return [`state ${after.anchorState}`];
  const si = order.findIndex((p) => p.id === after.startPid);
  const ei = order.findIndex((p) => p.id === after.endPid);
  if (si < 0 || ei < 0) return [`points at a paragraph that is not in the document (${si}, ${ei})`];
  if (ei < si || (si === ei && after.endOffset <= after.startOffset)) return ["runs backwards or is empty"];
  const first = order[si]!.text;
  const last = order[ei]!.text;
  if (after.startOffset < 0 || after.startOffset > first.length || after.endOffset < 0 || after.endOffset > last.length) return [`offset outside its paragraph (${si}:${after.startOffset} of ${first.length}, ${ei}:${after.endOffset} of ${last.length})`];
  if (splitsSurrogatePair(first, after.startOffset) || splitsSurrogatePair(last, after.endOffset)) problems.push("splits a surrogate pair");
  const actual = quoteOf(order.slice(si, ei + 1), after.startOffset, after.endOffset);
  if (actual !== after.quote) problems.push(`stored quote ${JSON.stringify(after.quote)} is not the text between its points ${JSON.stringify(actual)}`);
  const ctx = contextOf(first, after.startOffset, last, after.endOffset);
  if (ctx.prefix !== after.prefix || ctx.suffix !== after.suffix) problems.push(`prefix or suffix is not the text around it: ${JSON.stringify([after.prefix, after.suffix])}, the text has ${JSON.stringify([ctx.prefix, ctx.suffix])}`);
  if (actual.trim().length === 0) problems.push("covers only white space");
  if (LONE_SURROGATE.test(after.prefix) || LONE_SURROGATE.test(after.suffix) || LONE_SURROGATE.test(after.quote)) problems.push("its quote or context holds half a character");

  const where = before.charIds.map((id) => at.get(id));
  const intact = where.every((w) => w !== undefined) && contiguous(where as Array<{ para: number; offset: number }>, model);
  const covered = coveredIds(model, after);
  const own = before.charIds.filter((id) => covered.has(id)).length;
  const certain = after.confidence >= before.confidence && after.confidence === 1;
  if (after.outcome === "changed" || flat(after.quote) !== flat(before.quote)) {
    tally.changed++;
    if (intact) tally.intactChanged++;
    if (after.outcome === "exact") problems.push("reported exact with a different quote");
    if (after.confidence >= before.confidence && before.confidence > 0.05) problems.push(`quote changed but confidence stayed ${after.confidence}`);
    if (after.confidence <= 0 || after.confidence > 1) problems.push(`confidence ${after.confidence}`);
    const kept = survival(flat(before.quote), flat(after.quote)).kept;
    if (kept < MIN_SURVIVAL) problems.push(`carried with a new quote keeping only ${kept.toFixed(2)} of the old one`);
    if (own === 0 && !draft) problems.push("carried with a new quote onto none of its own characters");
  } else {
    tally.exact++;
    if (after.confidence > before.confidence) problems.push(`confidence rose from ${before.confidence} to ${after.confidence}`);
    if (certain || after.confidence === before.confidence) {
      // Carried exactly: it must sit where its characters went.
      if (intact) {
        const f = where[0]!;
        const l = where[where.length - 1]!;
        const want = normalPoints(order, f.para, f.offset, l.para, l.offset + 1);
        const got = normalPoints(order, si, after.startOffset, ei, after.endOffset);
        const same = want.join() === got.join();
        // Two places the text cannot tell apart: identical paragraphs of a draft, or an edit that reads as cheaply either way.
        const twin = draft && si === ei && ((f.para === l.para && order[f.para]!.text === order[si]!.text && f.offset === after.startOffset) || keptTwin(before, after, order[si]!.text, oldText));
        const ambiguous = f.para === l.para && si === f.para && ei === si && before.startPid === before.endPid && after.startPid === before.startPid && equallyCheap(oldText.get(before.startPid), before, model, f.para, after.startOffset);
        if (!same && !twin && !ambiguous) {
          problems.push(`carried exactly onto another occurrence: at ${si}:${after.startOffset}-${ei}:${after.endOffset}, its words went to ${f.para}:${f.offset}-${l.para}:${l.offset + 1}`);
        }
      } else if (own === 0 && !draft) {
        const para = model.index(before.startPid);
        const cheap = si === ei && before.startPid === before.endPid && after.startPid === before.startPid && equallyCheap(oldText.get(before.startPid), before, model, para, after.startOffset);
        if (!cheap) problems.push("carried exactly onto none of its own characters (its words were changed or deleted)");
      }
    }
  }
  return problems;
}

/**
 * A draft holds a paragraph with exactly the text the anchor's old paragraph had (kept, or a copy
 * pasted while the original was merged or changed elsewhere): as far as any text can tell, that
 * is the old paragraph, and the anchor sits at its old offsets in it.
 */
function keptTwin(before: FuzzAnchor, after: Carried, now: string, oldText: ReadonlyMap<string, OldParagraph>): boolean {
  const mine = oldText.get(before.startPid)?.text;
  if (mine === undefined || before.startPid !== before.endPid || now !== mine) return false;
  return after.startOffset === before.startOffset && after.endOffset === before.endOffset;
}

/** A span's ends, with a start at a paragraph's end read as the next one's start and an end at a paragraph's start as the previous one's end. */
function normalPoints(order: ReadonlyArray<{ text: string }>, sp: number, so: number, ep: number, eo: number): number[] {
  while (sp + 1 < order.length && so === order[sp]!.text.length && (sp < ep || so < eo)) [sp, so] = [sp + 1, 0];
  while (ep > 0 && eo === 0 && ep > sp) [ep, eo] = [ep - 1, order[ep - 1]!.text.length];
  return [sp, so, ep, eo];
}

/** Characters a minimal diff changes. */
function minimalCost(a: string, b: string): number {
  let n = 0;
  for (const [op, t] of makeDiff(a, b, { timeout: 0, checkLines: false })) if (op !== DIFF_EQUAL) n += t.length;
  return n;
}

/** A paragraph before the change: its text and its characters' identities. */
export interface OldParagraph {
  text: string;
  ids: Set<number>;
}

/**
 * True when reading the edit of one paragraph as "the quote stayed, the text changed around it"
 * with the quote at `x` of the new text costs no more characters than the edit the model made:
 * the same edit, explained another way, which no one can tell apart from the text.
 */
function equallyCheap(old: OldParagraph | undefined, a: FuzzAnchor, model: Model, para: number, x: number): boolean {
  if (old === undefined) return false;
  const now = model.text(para);
  const kept = model.paragraphs[para]!.chars.filter((c) => old.ids.has(c.id)).length;
  const modelCost = old.text.length + now.length - 2 * kept;
  const alt = minimalCost(old.text.slice(0, a.startOffset), now.slice(0, x)) + minimalCost(old.text.slice(a.endOffset), now.slice(x + a.quote.length));
  return alt <= modelCost;
}

function contiguous(where: Array<{ para: number; offset: number }>, model: Model): boolean {
  for (let k = 1; k < where.length; k++) {
    const a = where[k - 1]!;
    const b = where[k]!;
    const same = b.para === a.para && b.offset === a.offset + 1;
    const next = b.para === a.para + 1 && b.offset === 0 && a.offset === model.paragraphs[a.para]!.chars.length - 1;
    // An empty paragraph between is not possible: drafts drop them, edits cannot make them here.
    if (!same && !next) return false;
  }
  return where.length > 0;
}

/** The identities of the characters an anchor covers now, in order (what it is judged against next). */
export function coveredBy(model: Model, s: Carried): number[] {
  return [...coveredIds(model, s)];
}

function coveredIds(model: Model, s: Carried): Set<number> {
  const from = model.index(s.startPid);
  const to = model.index(s.endPid);
  const ids = new Set<number>();
  if (from < 0 || to < from) return ids;
  for (let i = from; i <= to; i++) {
    const chars = model.paragraphs[i]!.chars;
    for (let k = i === from ? s.startOffset : 0; k < (i === to ? s.endOffset : chars.length); k++) if (chars[k]) ids.add(chars[k]!.id);
  }
  return ids;
}

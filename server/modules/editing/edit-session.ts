/**
 * An edit applied to a document held in memory: the paragraphs in order, each step (text,
 * insert, retire, split, merge, move, kind) applied in turn, and for every step a mapping of
 * anchor points from before it to after it. Composing the mappings tells where any point of the
 * old text is in the new one (and whether its text was deleted) with no searching. Pure: the
 * service loads the paragraphs and writes what changed.
 */
import type { Diff } from "@sanity/diff-match-patch";
import type { EditOp } from "../../../common/editing.ts";
import type { ParagraphKind } from "../../../common/documents.ts";
import { ConflictError, ValidationError } from "../../http/errors.ts";
import { newId } from "../../lib/ids.ts";
import { mapOffset, mergeTexts, textDiff, type Assoc } from "../../anchoring/text-map.ts";
import type { ParagraphColumns } from "../documents/document.presenter.ts";
import { rankBetween, ranksBetween } from "../documents/ranks.ts";

export interface ParagraphState extends ParagraphColumns<ParagraphKind> {
  id: string;
  rank: string;
  version: number;
}

export interface Point {
  paragraphId: string;
  offset: number;
}

export interface MappedPoint extends Point {
  /** The point's text was deleted, or its paragraph left: it stands at the nearest place left. */
  lost: boolean;
}

type Step = (p: MappedPoint, assoc: Assoc) => MappedPoint;

export interface NewParagraph {
  kind: ParagraphKind;
  text: string;
  level?: number | null | undefined;
  depth?: number | null | undefined;
  ordered?: boolean | null | undefined;
  role?: string | null | undefined;
  marks?: string | null | undefined;
}

/** Finds a paragraph's text as it was at one of its versions (for merging a stale edit). */
export type TextAtVersion = (paragraphId: string, version: number) => string | null;

export class EditSession {
  readonly order: ParagraphState[];
  private readonly byId: Map<string, ParagraphState>;
  readonly added = new Set<string>();
  readonly edited = new Set<string>();
  readonly retired = new Map<string, ParagraphState>();
  readonly moved = new Set<string>();
  /** Splits, merges, inserts, retirements or moves happened: the order changed. */
  structural = false;
  private readonly steps: Step[] = [];
  private readonly before: Map<string, string>;

  constructor(
    paragraphs: ParagraphState[],
    private readonly textAt: TextAtVersion,
  ) {
    this.order = paragraphs.map((p) => ({ ...p }));
    this.byId = new Map(this.order.map((p) => [p.id, p]));
    this.before = new Map(paragraphs.map((p) => [p.id, p.text]));
    this.beforeOrder = new Map(paragraphs.map((p, i) => [p.id, i]));
  }

  /** Each paragraph's place before the edit. */
  readonly beforeOrder: Map<string, number>;

  /** A paragraph's text before the edit (undefined for one the edit added). */
  textBefore(id: string): string | undefined {
    return this.before.get(id);
  }

  private get(id: string, field: string): ParagraphState {
    const p = this.byId.get(id);
    if (!p) throw ValidationError(`${field}: no such paragraph in this document`, field);
    return p;
  }

  private indexOf(id: string): number {
    return this.order.findIndex((p) => p.id === id);
  }

  private checkVersion(p: ParagraphState, baseVersion: number, field: string) {
    if (baseVersion > p.version) throw ValidationError(`${field}: the paragraph has no version ${baseVersion} yet`, field);
    if (baseVersion < p.version) {
      throw ConflictError(`The paragraph was changed by someone else (now version ${p.version})`, { current: { paragraphId: p.id, version: p.version, text: p.text, kind: p.kind } });
    }
  }

  private touch(p: ParagraphState) {
    if (!this.added.has(p.id)) this.edited.add(p.id);
  }

  /** A rank for a paragraph placed at index `at` of the current order. */
  private rankFor(at: number, count = 1): string[] {
    const before = this.order[at - 1]?.rank ?? null;
    const after = this.order[at]?.rank ?? null;
    return ranksBetween(before, after, count);
  }

  apply(op: EditOp, i: number): void {
    const field = `ops.${i}`;
    switch (op.op) {
      case "text":
        return this.setText(this.get(op.paragraphId, `${field}.paragraphId`), op.baseVersion, op.text, field);
      case "insert":
        this.insert(op.after, op.paragraphs, field);
        return;
      case "retire":
        return this.retire(this.get(op.paragraphId, `${field}.paragraphId`));
      case "split":
        return this.split(this.get(op.paragraphId, `${field}.paragraphId`), op.baseVersion, op.offset, field);
      case "merge":
        return this.merge(this.get(op.paragraphId, `${field}.paragraphId`), op.baseVersion, field);
      case "move":
        return this.move(this.get(op.paragraphId, `${field}.paragraphId`), op.after, field);
      case "role": {
        const p = this.get(op.paragraphId, `${field}.paragraphId`);
        this.checkVersion(p, op.baseVersion, `${field}.baseVersion`);
        const level = op.kind === "heading" ? (op.level ?? p.level ?? 2) : null;
        if (p.kind === op.kind && p.role === op.role && p.level === level) return;
        p.kind = op.kind;
        p.role = op.role;
        p.level = level;
        p.depth = op.kind === "listItem" ? (p.depth ?? 0) : null;
        p.ordered = op.kind === "listItem" ? (p.ordered ?? false) : null;
        p.version++;
        this.touch(p);
        return;
      }
      case "kind": {
        const p = this.get(op.paragraphId, `${field}.paragraphId`);
        this.checkVersion(p, op.baseVersion, `${field}.baseVersion`);
        if (p.kind === op.kind && (op.level ?? p.level) === p.level) return;
        p.kind = op.kind;
        p.level = op.kind === "heading" ? (op.level ?? p.level ?? 2) : null;
        p.version++;
        this.touch(p);
        return;
      }
    }
  }

  /** Replaces a paragraph's text, merging with changes made since `baseVersion` when they touch other words. */
  setText(p: ParagraphState, baseVersion: number, text: string, field = "text"): void {
    let next = text;
    if (baseVersion > p.version) throw ValidationError(`${field}.baseVersion: the paragraph has no version ${baseVersion} yet`, `${field}.baseVersion`);
    if (baseVersion < p.version) {
      const base = this.textAt(p.id, baseVersion);
      const merged = base === null ? null : mergeTexts(base, p.text, text);
      if (merged === null) {
        throw ConflictError(`The paragraph was changed by someone else in the same words (now version ${p.version}); keep one text`, {
          current: { paragraphId: p.id, version: p.version, text: p.text, kind: p.kind },
        });
      }
      next = merged;
    }
    if (next === p.text) return;
    this.changeText(p, next);
  }

  /** Sets a paragraph's text (no version check) and records the exact mapping of the change. */
  changeText(p: ParagraphState, next: string, diffs: Diff[] = textDiff(p.text, next)): void {
    p.text = next;
    p.version++;
    this.touch(p);
    const id = p.id;
    this.steps.push((pt, assoc) => {
      if (pt.paragraphId !== id) return pt;
      const m = mapOffset(diffs, pt.offset, assoc);
      return { paragraphId: id, offset: m.offset, lost: pt.lost || m.lost };
    });
  }

  /** Inserts paragraphs after `after` (null: at the start); answers their new ids. */
  insert(after: string | null, paragraphs: NewParagraph[], field = "insert"): string[] {
    const at = after === null ? 0 : this.indexOf(this.get(after, `${field}.after`).id) + 1;
    const ranks = this.rankFor(at, paragraphs.length);
    const fresh = paragraphs.map((n, k) => ({
      id: newId("p"),
      rank: ranks[k]!,
      version: 1,
      kind: n.kind,
      text: n.text,
      level: n.kind === "heading" ? (n.level ?? 2) : null,
      role: n.role ?? null,
      depth: n.kind === "listItem" ? (n.depth ?? 0) : null,
      ordered: n.kind === "listItem" ? (n.ordered ?? false) : null,
      marks: n.marks ?? null,
    }));
    this.order.splice(at, 0, ...fresh);
    for (const p of fresh) {
      this.byId.set(p.id, p);
      this.added.add(p.id);
    }
    this.structural = true;
    return fresh.map((p) => p.id);
  }

  /** Sets a paragraph's kind and block attributes (no version check: for a revised draft). */
  reshape(p: ParagraphState, shape: Pick<ParagraphState, "kind" | "level" | "role" | "depth" | "ordered">): void {
    if (p.kind === shape.kind && p.level === shape.level && p.role === shape.role && p.depth === shape.depth && p.ordered === shape.ordered) return;
    Object.assign(p, shape);
    p.version++;
    this.touch(p);
  }

  retire(p: ParagraphState): void {
    const at = this.indexOf(p.id);
    this.order.splice(at, 1);
    this.byId.delete(p.id);
    this.edited.delete(p.id);
    if (this.added.delete(p.id)) return;
    this.retired.set(p.id, p);
    this.structural = true;
    // A point in a retired paragraph is lost; it stands at the nearest surviving edge. The end
    // of the paragraph before is taken now: later steps (its text changed) map from this length.
    const prev = this.order[at - 1] ? { paragraphId: this.order[at - 1]!.id, offset: this.order[at - 1]!.text.length } : null;
    const next = this.order[at] ? { paragraphId: this.order[at]!.id, offset: 0 } : null;
    const id = p.id;
    this.steps.push((pt, assoc) => {
      if (pt.paragraphId !== id) return pt;
      const to = assoc > 0 ? (next ?? prev) : (prev ?? next);
      return to ? { ...to, lost: true } : { ...pt, lost: true };
    });
  }

  split(p: ParagraphState, baseVersion: number, offset: number, field = "split"): void {
    this.checkVersion(p, baseVersion, `${field}.baseVersion`);
    if (offset > p.text.length) throw ValidationError(`${field}.offset: past the paragraph's end (${p.text.length})`, `${field}.offset`);
    const at = this.indexOf(p.id);
    const tail: ParagraphState = { ...p, id: newId("p"), rank: this.rankFor(at + 1)[0]!, version: 1, text: p.text.slice(offset), role: null };
    p.text = p.text.slice(0, offset);
    p.version++;
    this.touch(p);
    this.order.splice(at + 1, 0, tail);
    this.byId.set(tail.id, tail);
    this.added.add(tail.id);
    this.structural = true;
    const id = p.id;
    this.steps.push((pt, assoc) => {
      if (pt.paragraphId !== id) return pt;
      if (pt.offset > offset || (pt.offset === offset && assoc > 0)) return { paragraphId: tail.id, offset: pt.offset - offset, lost: pt.lost };
      return pt;
    });
  }

  merge(p: ParagraphState, baseVersion: number, field = "merge"): void {
    this.checkVersion(p, baseVersion, `${field}.baseVersion`);
    const at = this.indexOf(p.id);
    const next = this.order[at + 1];
    if (!next) throw ValidationError(`${field}.paragraphId: it is the last paragraph; there is nothing to merge`, `${field}.paragraphId`);
    const shift = p.text.length;
    p.text += next.text;
    p.version++;
    this.touch(p);
    this.order.splice(at + 1, 1);
    this.byId.delete(next.id);
    this.edited.delete(next.id);
    if (!this.added.delete(next.id)) this.retired.set(next.id, next);
    this.structural = true;
    const from = next.id;
    const into = p.id;
    this.steps.push((pt) => (pt.paragraphId === from ? { paragraphId: into, offset: pt.offset + shift, lost: pt.lost } : pt));
  }

  move(p: ParagraphState, after: string | null, field = "move"): void {
    if (after === p.id) throw ValidationError(`${field}.after: a paragraph cannot move after itself`, `${field}.after`);
    const from = this.indexOf(p.id);
    this.order.splice(from, 1);
    const at = after === null ? 0 : this.indexOf(this.get(after, `${field}.after`).id) + 1;
    this.order.splice(at, 0, p);
    if (from === at) return;
    p.rank = rankBetween(this.order[at - 1]?.rank ?? null, this.order[at + 1]?.rank ?? null);
    if (!this.added.has(p.id)) this.moved.add(p.id);
    this.structural = true;
  }

  /** Where a point of the text before the edit is after it. */
  map(point: Point, assoc: Assoc): MappedPoint {
    let p: MappedPoint = { ...point, lost: false };
    for (const step of this.steps) p = step(p, assoc);
    return p;
  }

  paragraph(id: string): ParagraphState | undefined {
    return this.byId.get(id);
  }

  position(id: string): number {
    return this.indexOf(id);
  }

  get changed(): boolean {
    return this.added.size + this.edited.size + this.retired.size + this.moved.size > 0;
  }
}

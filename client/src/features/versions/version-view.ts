/**
 * Earlier versions as the History panel shows them, as pure functions: a paragraph cut into runs
 * under the annotations of then, a paragraph's difference as kept, removed and added runs, and a
 * version's changes in words.
 */
import type { AnnotationDto } from "../../../../common/annotations.ts";
import type { ParagraphDto } from "../../../../common/documents.ts";
import type { ParagraphDiffDto, VersionDto } from "../../../../common/editing.ts";

export interface Run {
  text: string;
  /** Annotations over this run. */
  ids: string[];
}

/** Each paragraph's text cut at every annotation edge (annotations spanning paragraphs included). */
export function paragraphRuns(paragraphs: ParagraphDto[], annotations: Pick<AnnotationDto, "id" | "anchor">[]): Map<string, Run[]> {
  const order = new Map(paragraphs.map((p, i) => [p.id, i]));
  const spans = new Map<string, Array<{ id: string; from: number; to: number }>>();
  for (const a of annotations) {
    if (a.anchor.state === "orphaned") continue;
    const s = order.get(a.anchor.start.paragraphId);
    const e = order.get(a.anchor.end.paragraphId);
    if (s === undefined || e === undefined || e < s) continue;
    for (let i = s; i <= e; i++) {
      const p = paragraphs[i]!;
      const from = i === s ? a.anchor.start.offset : 0;
      const to = i === e ? a.anchor.end.offset : p.text.length;
      if (to <= from || to > p.text.length) continue;
      spans.set(p.id, [...(spans.get(p.id) ?? []), { id: a.id, from, to }]);
    }
  }
  const out = new Map<string, Run[]>();
  for (const p of paragraphs) {
    const list = spans.get(p.id) ?? [];
    const cuts = [...new Set([0, p.text.length, ...list.flatMap((x) => [x.from, x.to])])].sort((a, b) => a - b);
    const runs: Run[] = [];
    for (let i = 0; i < cuts.length - 1; i++) {
      const from = cuts[i]!;
      const to = cuts[i + 1]!;
      runs.push({ text: p.text.slice(from, to), ids: list.filter((x) => x.from <= from && x.to >= to).map((x) => x.id) });
    }
    out.set(p.id, runs.length ? runs : [{ text: p.text, ids: [] }]);
  }
  return out;
}

export interface DiffRun {
  op: "equal" | "delete" | "insert";
  text: string;
}

/** A paragraph's difference as runs to draw with <del> and <ins>. */
export function diffRuns(p: ParagraphDiffDto): DiffRun[] {
  if (p.change === "added") return [{ op: "insert", text: p.after ?? "" }];
  if (p.change === "retired") return [{ op: "delete", text: p.before ?? "" }];
  if (p.words.length > 0) {
    // Neighbouring runs of one kind read as one.
    const out: DiffRun[] = [];
    for (const w of p.words) {
      const last = out[out.length - 1];
      if (last && last.op === w.op) last.text += w.text;
      else out.push({ op: w.op, text: w.text });
    }
    return out;
  }
  return [{ op: "equal", text: p.after ?? p.before ?? "" }];
}

const KINDS: Record<VersionDto["changes"]["kind"], string> = { import: "Imported", edit: "Edited", revision: "Revised draft", suggestion: "Suggestion accepted" };

/** "Edited: 2 paragraphs changed, 1 added" and the like. */
export function versionSummary(v: VersionDto): string {
  const c = v.changes;
  const parts: string[] = [];
  const n = (list: string[] | undefined, what: string) => list?.length && parts.push(`${list.length} ${what}`);
  n(c.edited, "changed");
  n(c.added, "added");
  n(c.retired, "removed");
  n(c.moved, "moved");
  return parts.length ? `${KINDS[c.kind]}: ${parts.join(", ")}` : KINDS[c.kind];
}

/**
 * An independent model of an article for the anchoring benchmark: every character carries an
 * identity that survives the edits applied to it, so where each annotation's characters went is
 * known without asking the server. The server's answer is then judged against it: an annotation
 * whose characters all survive, in order and side by side, must sit exactly on them; one whose
 * characters are all gone must be orphaned; any anchored annotation that covers none of its own
 * surviving characters is silently mis-attached.
 */

export interface Ch {
  c: string;
  id: number;
}

export interface ModelParagraph {
  /** The server's id, once known (a new paragraph learns it from the edit's answer). */
  pid: string | null;
  version: number;
  chars: Ch[];
}

export interface ModelAnnotation {
  id: string;
  /** Identities of the characters it covered when it was made. */
  charIds: number[];
}

export interface ServerAnchor {
  id: string;
  startPid: string;
  startOffset: number;
  endPid: string;
  endOffset: number;
  anchorState: string;
  confidence: number;
}

/** What the model says should have happened to one annotation. */
export type Expected = { fate: "intact"; startPid: string; startOffset: number; endPid: string; endOffset: number } | { fate: "damaged"; surviving: Set<number> } | { fate: "destroyed" };

export type Verdict = "exact" | "intact-moved" | "intact-orphaned" | "damaged-kept" | "damaged-orphaned" | "destroyed-orphaned" | "misattached";

export class ArticleModel {
  paragraphs: ModelParagraph[];
  private nextId = 0;

  constructor(texts: string[]) {
    this.paragraphs = texts.map((t) => ({ pid: null, version: 1, chars: this.fresh(t) }));
  }

  clone(): ArticleModel {
    const copy = new ArticleModel([]);
    copy.paragraphs = this.paragraphs.map((p) => ({ pid: p.pid, version: p.version, chars: [...p.chars] }));
    copy.nextId = this.nextId;
    return copy;
  }

  /** New characters, one per UTF-16 code unit (the server's offsets count code units). */
  private fresh(text: string): Ch[] {
    const chars: Ch[] = [];
    for (let k = 0; k < text.length; k++) chars.push({ c: text[k]!, id: this.nextId++ });
    return chars;
  }

  text(i: number): string {
    return this.paragraphs[i]!.chars.map((ch) => ch.c).join("");
  }

  texts(): string[] {
    return this.paragraphs.map((_, i) => this.text(i));
  }

  replace(i: number, start: number, end: number, text: string): void {
    const p = this.paragraphs[i]!;
    p.chars.splice(start, end - start, ...this.fresh(text));
    p.version++;
  }

  split(i: number, offset: number): void {
    const p = this.paragraphs[i]!;
    const tail = p.chars.splice(offset);
    p.version++;
    this.paragraphs.splice(i + 1, 0, { pid: null, version: 1, chars: tail });
  }

  merge(i: number): void {
    const p = this.paragraphs[i]!;
    const next = this.paragraphs.splice(i + 1, 1)[0]!;
    p.chars.push(...next.chars);
    p.version++;
  }

  /** Moves paragraph `i` so that it follows what is now paragraph `after` (-1: to the start). */
  move(i: number, after: number): void {
    const [p] = this.paragraphs.splice(i, 1);
    const at = after < i ? after + 1 : after;
    this.paragraphs.splice(at, 0, p!);
  }

  retire(i: number): void {
    this.paragraphs.splice(i, 1);
  }

  insert(after: number, text: string): void {
    this.paragraphs.splice(after + 1, 0, { pid: null, version: 1, chars: this.fresh(text) });
  }

  /** Takes the server's paragraph order after an edit: paragraphs new to the model learn their ids. */
  learnOrder(order: string[]): void {
    if (order.length !== this.paragraphs.length) throw new Error(`the server has ${order.length} paragraphs, the model ${this.paragraphs.length}`);
    order.forEach((pid, i) => {
      const p = this.paragraphs[i]!;
      if (p.pid !== null && p.pid !== pid) throw new Error(`paragraph ${i} is ${pid} on the server and ${p.pid} in the model`);
      p.pid = pid;
    });
  }

  index(pid: string): number {
    return this.paragraphs.findIndex((p) => p.pid === pid);
  }

  /** Where every surviving character is now. */
  locations(): Map<number, { para: number; offset: number }> {
    const at = new Map<number, { para: number; offset: number }>();
    this.paragraphs.forEach((p, para) => p.chars.forEach((ch, offset) => at.set(ch.id, { para, offset })));
    return at;
  }

  annotate(id: string, para: number, start: number, end: number): ModelAnnotation {
    return { id, charIds: this.paragraphs[para]!.chars.slice(start, end).map((ch) => ch.id) };
  }

  /** Annotation across a paragraph end: from `start` in `para` to `end` in the next one. */
  annotateAcross(id: string, para: number, start: number, end: number): ModelAnnotation {
    const ids = [...this.paragraphs[para]!.chars.slice(start), ...this.paragraphs[para + 1]!.chars.slice(0, end)].map((ch) => ch.id);
    return { id, charIds: ids };
  }

  expected(a: ModelAnnotation, at: Map<number, { para: number; offset: number }>): Expected {
    const where = a.charIds.map((id) => at.get(id));
    const surviving = where.filter((w) => w !== undefined);
    if (surviving.length === 0) return { fate: "destroyed" };
    if (surviving.length < where.length) return { fate: "damaged", surviving: new Set(a.charIds.filter((id) => at.has(id))) };
    for (let k = 1; k < surviving.length; k++) {
      const prev = surviving[k - 1]!;
      const cur = surviving[k]!;
      const sameParagraph = cur.para === prev.para && cur.offset === prev.offset + 1;
      const nextParagraph = cur.para === prev.para + 1 && cur.offset === 0 && prev.offset === this.paragraphs[prev.para]!.chars.length - 1;
      if (!sameParagraph && !nextParagraph) return { fate: "damaged", surviving: new Set(a.charIds) };
    }
    const first = surviving[0]!;
    const last = surviving[surviving.length - 1]!;
    return { fate: "intact", startPid: this.paragraphs[first.para]!.pid!, startOffset: first.offset, endPid: this.paragraphs[last.para]!.pid!, endOffset: last.offset + 1 };
  }

  /** Identities of the characters a server anchor covers in the model's text (null: it points outside it). */
  covered(s: ServerAnchor): Set<number> | null {
    const from = this.index(s.startPid);
    const to = this.index(s.endPid);
    if (from < 0 || to < 0 || to < from) return null;
    const ids = new Set<number>();
    for (let i = from; i <= to; i++) {
      const chars = this.paragraphs[i]!.chars;
      const a = i === from ? s.startOffset : 0;
      const b = i === to ? s.endOffset : chars.length;
      if (a > chars.length || b > chars.length) return null;
      for (let k = a; k < b; k++) ids.add(chars[k]!.id);
    }
    return ids;
  }

  /** Judges the server's anchor for one annotation against the model. */
  judge(a: ModelAnnotation, s: ServerAnchor, at: Map<number, { para: number; offset: number }>): Verdict {
    const e = this.expected(a, at);
    const orphaned = s.anchorState !== "anchored";
    if (e.fate === "destroyed") return orphaned ? "destroyed-orphaned" : "misattached";
    if (orphaned) return e.fate === "intact" ? "intact-orphaned" : "damaged-orphaned";
    const covered = this.covered(s);
    if (!covered) return "misattached";
    if (e.fate === "intact") {
      if (s.startPid === e.startPid && s.startOffset === e.startOffset && s.endPid === e.endPid && s.endOffset === e.endOffset) return "exact";
      return a.charIds.some((id) => covered.has(id)) ? "intact-moved" : "misattached";
    }
    for (const id of e.surviving) if (covered.has(id)) return "damaged-kept";
    return "misattached";
  }
}

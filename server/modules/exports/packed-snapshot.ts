/**
 * A snapshot packed for the trip to a worker thread. Copying the snapshot as it is (structured
 * clone) writes and rebuilds tens of thousands of small objects, each with its property names
 * and dates: on a large document that cost as much CPU as rendering. Packed, the notes and
 * replies travel as one string holding all their text one piece after another, and one array of
 * numbers (each piece's length, counts, indexes into the tables of people and tags, times), in
 * a fixed order that unpack reads back; each copies flat. The rest (document, paragraphs,
 * filters, the people and tags the notes share) is few objects and travels as it is.
 *
 * unpackSnapshot(packSnapshot(s)) equals s field for field, with the same key order (formats
 * that print an object print the same bytes), and notes sharing a person or tag object still
 * share one. Each field is named in both functions: a field added to ExportNote or ExportReply
 * fails to compile until unpack builds it, and the round-trip test until pack carries it.
 *
 * A thread that does only part of the work (a half of a Word export) can be sent only part of
 * the notes: packSnapshot(s, { from, to }) leaves out the notes before `from` (only how many
 * there are, and how many replies they have, travel) and the replies of the notes from `to` on
 * (their number travels); the notes in [from, to) travel whole. With `bare`, the notes from `to`
 * on travel as their place only (BareNote: what a writer that only places them in the text
 * reads, such as the Word document part), not whole.
 */
import type { AnnotationKind, PersonDto, SuggestionState } from "../../../common/annotations.ts";
import type { ClaimStatus, ClaimTagDto } from "../../../common/review.ts";
import type { ExportAnnotation, ExportClaim, ExportNote, ExportReply, ExportSnapshot, ExportSuggestion, UnplacedNote } from "./snapshot.ts";

export interface PackedSnapshot {
  /** Everything but the notes, as it is. */
  rest: Omit<ExportSnapshot, "annotations" | "unplaced">;
  /** The notes' and replies' people and tags, each once; the numbers refer to them by index. */
  people: PersonDto[];
  tags: ClaimTagDto[];
  /** The snapshot's placed notes and notes not placed, whether or not all of them were packed. */
  placed: number;
  unplaced: number;
  /** The notes before the first one packed (by position, placed ones first): how many, and their replies. */
  skipped: { notes: number; replies: number };
  /** The notes from this position on come without their replies (only how many they have). */
  threadsTo: number;
  /** Whether those notes come as their place only (BareNote). */
  bare: boolean;
  /** The notes' and replies' strings, one after another. */
  text: string;
  /** Lengths of those strings (-1 for null), counts, flags, indexes, times in milliseconds. */
  numbers: Float64Array;
}

/** A placed note as its place only: its number, author, time, span, and its suggestion when shown as a change. */
export type BarePlaced = Pick<ExportAnnotation, "number" | "author" | "createdAt" | "start" | "end" | "suggestion">;
/** A note not placed as what lists it: its number, kind, author and quote. */
export type BareUnplaced = Pick<UnplacedNote, "number" | "kind" | "author" | "quote">;

/** The index of `item` in `list`, appended the first time (each person and tag is sent once). */
function intern<T>(list: T[], index: Map<T, number>, item: T): number {
  let i = index.get(item);
  if (i === undefined) {
    i = list.push(item) - 1;
    index.set(item, i);
  }
  return i;
}

class Packer {
  /** The numbers so far: numbers[0, length). */
  private numbers = new Float64Array(1 << 16);
  private length = 0;
  /** The strings so far, appended one to the next (V8 joins them once, when the text is copied). */
  private strings = "";
  private readonly peopleIndex = new Map<PersonDto, number>();
  private readonly tagIndex = new Map<ClaimTagDto, number>();
  readonly people: PersonDto[] = [];
  readonly tags: ClaimTagDto[] = [];

  text(): string {
    return this.strings;
  }

  /** The numbers written, in an array of their own size. */
  packedNumbers(): Float64Array {
    return this.numbers.slice(0, this.length);
  }

  num(n: number): void {
    if (this.length === this.numbers.length) {
      const more = new Float64Array(this.numbers.length * 2);
      more.set(this.numbers);
      this.numbers = more;
    }
    this.numbers[this.length++] = n;
  }

  str(s: string): void {
    this.strings += s;
    this.num(s.length);
  }

  nullableStr(s: string | null): void {
    if (s === null) this.num(-1);
    else this.str(s);
  }

  /** A flag, then the value when there is one: exact for any number or time. */
  nullableNum(n: number | null): void {
    if (n === null) this.num(0);
    else {
      this.num(1);
      this.num(n);
    }
  }

  date(d: Date): void {
    this.num(d.getTime());
  }

  nullableDate(d: Date | null): void {
    this.nullableNum(d === null ? null : d.getTime());
  }

  person(p: PersonDto | null): void {
    if (p === null) {
      this.num(-1);
      return;
    }
    this.num(intern(this.people, this.peopleIndex, p));
  }

  tag(t: ClaimTagDto): void {
    this.num(intern(this.tags, this.tagIndex, t));
  }

  note(a: ExportNote, withReplies: boolean): void {
    this.str(a.id);
    this.num(a.number);
    this.str(a.kind);
    this.str(a.text);
    this.person(a.author);
    this.date(a.createdAt);
    this.date(a.updatedAt);
    this.str(a.quote);
    this.num(a.tags.length);
    for (const t of a.tags) this.tag(t);
    const c = a.claim;
    this.num(c ? 1 : 0);
    if (c) {
      this.str(c.status);
      this.str(c.rationale);
      this.num(c.sources.length);
      for (const u of c.sources) this.str(u);
      this.person(c.assignee);
      this.person(c.reviewer);
      this.nullableDate(c.decidedAt);
    }
    const g = a.suggestion;
    this.num(g ? 1 : 0);
    if (g) {
      this.str(g.replacement);
      this.str(g.state);
      this.nullableDate(g.decidedAt);
      this.nullableNum(g.appliedVersion);
      this.num(g.tracked ? 1 : 0);
    }
    this.num(a.replies.length);
    if (withReplies) for (const r of a.replies) {
      this.str(r.id);
      this.nullableStr(r.parentId);
      this.person(r.author);
      this.str(r.text);
      this.str(r.stance);
      this.date(r.createdAt);
      this.num(r.depth);
    }
    this.num(a.replyCount);
    this.num(a.stances.supports);
    this.num(a.stances.disputes);
    this.num(a.stances.questions);
  }

  /** What `Unpacker.bare` reads: the note's place only, and how many replies it has. */
  bare(a: ExportAnnotation | UnplacedNote, placed: boolean): void {
    this.num(a.number);
    this.person(a.author);
    this.num(a.replies.length);
    if (placed) {
      const { createdAt, start, end, suggestion: g } = a as ExportAnnotation;
      this.date(createdAt);
      this.num(start.index);
      this.num(start.offset);
      this.num(end.index);
      this.num(end.offset);
      this.num(g?.tracked ? 1 : 0);
      if (g?.tracked) {
        this.str(g.replacement);
        this.str(g.state);
        this.nullableDate(g.decidedAt);
        this.nullableNum(g.appliedVersion);
      }
    } else {
      this.str(a.kind);
      this.str(a.quote);
    }
  }
}

/**
 * Which notes to pack (by position, placed ones first): none before `from`, and the replies of
 * none from `to` on; with `bare`, the notes from `to` on as their place only.
 */
export interface PackedRange {
  from: number;
  to: number;
  bare?: boolean;
}

/** The snapshot, packed to be copied to a worker thread: all of it, or the notes `part` says. */
export function packSnapshot(s: ExportSnapshot, part?: PackedRange): PackedSnapshot {
  const { annotations, unplaced, ...rest } = s;
  const count = annotations.length + unplaced.length;
  const from = Math.min(Math.max(part?.from ?? 0, 0), count);
  const to = Math.max(part?.to ?? count, from);
  const bare = part?.bare ?? false;
  const skipped = { notes: from, replies: 0 };
  const p = new Packer();
  for (let i = 0; i < annotations.length; i++) {
    const a = annotations[i]!;
    if (i < from) {
      skipped.replies += a.replies.length;
      continue;
    }
    if (bare && i >= to) {
      p.bare(a, true);
      continue;
    }
    p.note(a, i < to);
    p.num(a.start.index);
    p.num(a.start.offset);
    p.num(a.end.index);
    p.num(a.end.offset);
  }
  for (let i = 0; i < unplaced.length; i++) {
    const a = unplaced[i]!;
    if (annotations.length + i < from) {
      skipped.replies += a.replies.length;
      continue;
    }
    if (bare && annotations.length + i >= to) {
      p.bare(a, false);
      continue;
    }
    p.note(a, annotations.length + i < to);
    p.str(a.prefix);
    p.str(a.suffix);
  }
  return { rest, people: p.people, tags: p.tags, placed: annotations.length, unplaced: unplaced.length, skipped, threadsTo: to, bare, text: p.text(), numbers: p.packedNumbers() };
}

class Unpacker {
  private readonly numbers: Float64Array;
  private readonly source: string;
  /** The next number, and where the next string starts. */
  private at = 0;
  private from = 0;
  /** The length of the last note's thread as packed (whether or not its replies were made). */
  thread = 0;

  constructor(private readonly p: PackedSnapshot) {
    this.numbers = p.numbers;
    this.source = p.text;
  }

  num(): number {
    return this.numbers[this.at++]!;
  }

  str(): string {
    const n = this.numbers[this.at++]!;
    const s = this.source.slice(this.from, this.from + n);
    this.from += n;
    return s;
  }

  /** Steps over a string without making it. */
  skipStr(): void {
    this.from += this.numbers[this.at++]!;
  }

  /** Steps over a reply (the fields `note` reads, in its order) without making it. */
  skipReply(): void {
    this.skipStr(); // id
    if (this.numbers[this.at] === -1) this.at++; // parentId
    else this.skipStr();
    this.at++; // author
    this.skipStr(); // text
    this.skipStr(); // stance
    this.at += 2; // createdAt, depth
  }

  nullableStr(): string | null {
    return this.numbers[this.at] === -1 ? (this.at++, null) : this.str();
  }

  nullableNum(): number | null {
    return this.num() === 0 ? null : this.num();
  }

  date(): Date {
    return new Date(this.num());
  }

  nullableDate(): Date | null {
    const ms = this.nullableNum();
    return ms === null ? null : new Date(ms);
  }

  person(): PersonDto | null {
    const i = this.num();
    return i < 0 ? null : this.p.people[i]!;
  }

  /**
   * A note with its place (placed) or the words around its quote (not placed), keys in the
   * snapshot's order; `packed` says whether its replies were packed, `withReplies` whether to make them.
   */
  note(placed: true, packed: boolean, withReplies: boolean): ExportAnnotation;
  note(placed: false, packed: boolean, withReplies: boolean): UnplacedNote;
  note(placed: boolean, packed: boolean, withReplies: boolean): ExportAnnotation | UnplacedNote {
    const id = this.str();
    const number = this.num();
    const kind = this.str() as AnnotationKind;
    const text = this.str();
    const author = this.person()!;
    const createdAt = this.date();
    const updatedAt = this.date();
    const quote = this.str();
    const tags: ClaimTagDto[] = [];
    for (let n = this.num(); n > 0; n--) tags.push(this.p.tags[this.num()]!);
    let claim: ExportClaim | null = null;
    if (this.num() === 1) {
      const status = this.str() as ClaimStatus;
      const rationale = this.str();
      const sources: string[] = [];
      for (let n = this.num(); n > 0; n--) sources.push(this.str());
      claim = { status, rationale, sources, assignee: this.person(), reviewer: this.person(), decidedAt: this.nullableDate() };
    }
    let suggestion: ExportSuggestion | null = null;
    if (this.num() === 1) {
      suggestion = { replacement: this.str(), state: this.str() as SuggestionState, decidedAt: this.nullableDate(), appliedVersion: this.nullableNum(), tracked: this.num() === 1 };
    }
    const replies: ExportReply[] = [];
    this.thread = this.num();
    if (!packed) {
      // Only their number travelled.
    } else if (withReplies) {
      for (let n = this.thread; n > 0; n--) {
        replies.push({ id: this.str(), parentId: this.nullableStr(), author: this.person()!, text: this.str(), stance: this.str(), createdAt: this.date(), depth: this.num() });
      }
    } else for (let n = this.thread; n > 0; n--) this.skipReply();
    const replyCount = this.num();
    const stances = { supports: this.num(), disputes: this.num(), questions: this.num() };
    if (placed) {
      const start = { index: this.num(), offset: this.num() };
      const end = { index: this.num(), offset: this.num() };
      return { id, kind, text, author, createdAt, updatedAt, tags, claim, suggestion, replies, replyCount, stances, quote, start, end, number };
    }
    return { id, kind, text, author, createdAt, updatedAt, tags, claim, suggestion, replies, replyCount, stances, quote, prefix: this.str(), suffix: this.str(), number };
  }

  /** A note packed bare (Packer.bare); its thread's length in `thread`. */
  bare(placed: true): BarePlaced;
  bare(placed: false): BareUnplaced;
  bare(placed: boolean): BarePlaced | BareUnplaced {
    const number = this.num();
    const author = this.person()!;
    this.thread = this.num();
    if (!placed) return { number, kind: this.str() as AnnotationKind, author, quote: this.str() };
    const createdAt = this.date();
    const start = { index: this.num(), offset: this.num() };
    const end = { index: this.num(), offset: this.num() };
    const suggestion: ExportSuggestion | null =
      this.num() === 1 ? { replacement: this.str(), state: this.str() as SuggestionState, decidedAt: this.nullableDate(), appliedVersion: this.nullableNum(), tracked: true } : null;
    return { number, author, createdAt, start, end, suggestion };
  }
}

/** A note unpacked by unpackNotes, with the length of its thread as packed. */
export type PackedNote = { note: ExportAnnotation; placed: true; thread: number; bare?: undefined } | { note: UnplacedNote; placed: false; thread: number; bare?: undefined };
/** A note packed bare, as unpackNotes gives it. */
export type BareNote = { note: BarePlaced; placed: true; thread: number; bare: true } | { note: BareUnplaced; placed: false; thread: number; bare: true };

/**
 * The packed notes one at a time, in the snapshot's order (placed ones, then the ones not
 * placed; from p.skipped.notes on when the first were left out), each unpacked when it is
 * reached: a reader that lets each go when done never holds them all with their threads. A note
 * whose position `withReplies` refuses, or whose replies were not packed, comes without them (an
 * empty list; `thread` still says how many it has); packed ones are stepped over unmade. Notes
 * packed bare come as their place only (BareNote, `bare` true).
 */
export function* unpackNotes(p: PackedSnapshot, withReplies: (index: number) => boolean = () => true): Generator<PackedNote | BareNote> {
  const u = new Unpacker(p);
  for (let i = p.skipped.notes; i < p.placed; i++) {
    const packed = i < p.threadsTo;
    if (p.bare && !packed) {
      const note = u.bare(true);
      yield { note, placed: true, thread: u.thread, bare: true };
      continue;
    }
    const note = u.note(true, packed, packed && withReplies(i));
    yield { note, placed: true, thread: u.thread };
  }
  for (let i = Math.max(p.skipped.notes - p.placed, 0); i < p.unplaced; i++) {
    const packed = p.placed + i < p.threadsTo;
    if (p.bare && !packed) {
      const note = u.bare(false);
      yield { note, placed: false, thread: u.thread, bare: true };
      continue;
    }
    const note = u.note(false, packed, packed && withReplies(p.placed + i));
    yield { note, placed: false, thread: u.thread };
  }
}

/** The snapshot packSnapshot packed (whole: the notes left out, or their replies, are not there; none bare). */
export function unpackSnapshot(p: PackedSnapshot): ExportSnapshot {
  if (p.bare) throw new Error("packed snapshot: notes packed bare cannot be unpacked whole");
  const annotations: ExportAnnotation[] = [];
  const unplaced: UnplacedNote[] = [];
  for (const n of unpackNotes(p)) {
    if (n.bare) continue;
    if (n.placed) annotations.push(n.note);
    else unplaced.push(n.note);
  }
  const { rest } = p;
  return {
    document: rest.document,
    paragraphs: rest.paragraphs,
    annotations,
    unplaced,
    madeAt: rest.madeAt,
    origin: rest.origin,
    exportedBy: rest.exportedBy,
    filters: rest.filters,
    filterTagPaths: rest.filterTagPaths,
  };
}

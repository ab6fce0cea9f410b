/**
 * Word: the article's headings, lists, quotes and paragraphs with a native comment per
 * annotation whose range spans exactly the annotated text (commentRangeStart/End around the
 * runs; ranges may overlap and may cross paragraphs, as Word allows). The comment holds the
 * note, its tags and verdict. Each reply is a Word threaded reply: a comment of its own,
 * anchored on the same range, linked to the note's comment in word/commentsExtended.xml
 * (w15:commentEx paraIdParent = the note comment's w14:paraId). Word threads are one level
 * deep, so a reply to a reply hangs from the note's comment and says whom it answers.
 *
 * An open suggestion shown as a change is a Word tracked change by its author at its time: the
 * words it replaces in `w:del` runs (`w:delText`), the replacement in a `w:ins` run right after
 * them, and, when it spans paragraphs, the paragraph marks it would join marked deleted; its
 * thread is a comment on the same span. Accepting it in Word gives the text accepting it in
 * Scholia gives. Every revision has its own w:id, distinct from every comment's.
 * Annotations that lost their place are listed after the article under "Not placed", each with
 * its comment on the quote it was made on.
 *
 * The XML is written as text from the layout's pieces (no object tree) straight into UTF-8
 * blocks that are deflated while the rest is written (zip.ts PartWriter), every user string
 * through xmlText (control characters become U+FFFD, markup characters entities), at a fast
 * deflate level. Paragraphs are spaced through the document defaults; the file names Scholia as
 * creator and the exporting member as last modifier.
 */
import type { ExportAnnotation, ExportNote, ExportParagraph, ExportReply, ExportSnapshot, ExportSuggestion, UnplacedNote } from "./snapshot.ts";
import { packSnapshot, unpackNotes, type BareNote, type BarePlaced, type BareUnplaced, type PackedSnapshot } from "./packed-snapshot.ts";
import { provenance } from "./snapshot.ts";
import { paragraphPieces, type Piece } from "./segments.ts";
import { humanTime, KIND_LABEL, NOT_PLACED_NOTE, NOT_PLACED_TITLE, STANCE_LABEL, STATUS_LABEL, suggestionLine } from "./labels.ts";
import { isPlainLine, isVisibleLine, markupEscaped, xmlText } from "./xml.ts";
import { visibleText } from "./visible-text.ts";
import { joinParts, packPart, PartWriter, zip, type PackedPart } from "./zip.ts";
import { APP, BULLET_LIST, CONTENT_TYPES, coreProperties, DOCUMENT_RELS, NS, NUMBERING, ORDERED_LIST, PACKAGE_RELS, SETTINGS, STYLES, XML_HEAD } from "./docx-parts.ts";

export { PARAGRAPH_SPACING_AFTER } from "./docx-parts.ts";

const ITALIC = "<w:rPr><w:i/><w:iCs/></w:rPr>";
const BOLD = "<w:rPr><w:b/><w:bCs/></w:rPr>";
const SECTION = `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>`;
const REFERENCE_RUN = `<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="`;
const COMMENT_TEXT = `<w:pPr><w:pStyle w:val="CommentText"/></w:pPr>`;

const DAY_MS = 86_400_000;
/** Rough costs, in characters written, of a note's comment, a reply's, and a comment's range in the document (docxSplit). */
const NOTE_COST = 600;
const REPLY_COST = 450;
const RANGE_COST = 200;
const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, "0"));
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));
let datePrefixDay = NaN;
let datePrefix = "";

/**
 * xsd:dateTime without milliseconds, as Word writes it (toISOString's first 19 characters). The
 * date part is formatted once per day, as the thousands of comments of an export share a few.
 */
function wordDate(d: Date): string {
  const ms = d.getTime();
  const day = Math.floor(ms / DAY_MS);
  if (day !== datePrefixDay) {
    const iso = d.toISOString();
    // A year outside 0000-9999 is written with a sign and six digits: not worth a shortcut.
    if (iso[10] !== "T") return `${iso.slice(0, 19)}Z`;
    datePrefixDay = day;
    datePrefix = iso.slice(0, 11);
  }
  const seconds = Math.floor((ms - day * DAY_MS) / 1000);
  const minutes = Math.floor(seconds / 60);
  return `${datePrefix}${TWO_DIGITS[Math.floor(minutes / 60)]}:${TWO_DIGITS[minutes % 60]}:${TWO_DIGITS[seconds % 60]}Z`;
}

/** One run of text (line feeds as breaks); `deleted` writes w:delText, as runs inside w:del must. */
function run(out: PartWriter, text: string, rPr = "", deleted = false): void {
  if (text === "") return;
  const open = deleted ? `<w:delText xml:space="preserve">` : `<w:t xml:space="preserve">`;
  const close = deleted ? "</w:delText>" : "</w:t>";
  if (isPlainLine(text)) {
    out.write(`<w:r>${rPr}${open}${text}${close}</w:r>`);
    return;
  }
  // Markup characters but nothing else to change: the next most common case, one scan less.
  if (isVisibleLine(text)) {
    out.write(`<w:r>${rPr}${open}${markupEscaped(text)}${close}</w:r>`);
    return;
  }
  const v = visibleText(text);
  if (v === "") return;
  if (!v.includes("\n")) {
    out.write(`<w:r>${rPr}${open}${markupEscaped(v)}${close}</w:r>`);
    return;
  }
  out.write(`<w:r>${rPr}`);
  const lines = v.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (i > 0) out.write("<w:br/>");
    if (lines[i]) out.write(`${open}${markupEscaped(lines[i]!)}${close}`);
  }
  out.write("</w:r>");
}

/**
 * Word ids: comments (a note's is its number; its replies' are consecutive, after every note's
 * and the earlier notes' replies'), revisions after every comment, paragraph ids for comment
 * paragraphs. Notes are added in number order as their comments are written; revisions are
 * numbered once every note is in.
 */
class Ids {
  /** By note number (1-based): the first of its replies' comment ids, and how many there are. */
  private readonly firstReply: Float64Array;
  private readonly replyCount: Float64Array;
  private nextComment: number;
  private revision = 0;
  private paragraph = 0;

  constructor(notes: number) {
    this.nextComment = notes + 1;
    this.firstReply = new Float64Array(notes + 1);
    this.replyCount = new Float64Array(notes + 1);
  }

  /** Gives the note's replies their comment ids; the first of them. */
  addNote(note: number, replies: number): number {
    const first = this.nextComment;
    this.firstReply[note] = first;
    this.replyCount[note] = replies;
    this.nextComment += replies;
    return first;
  }

  /** Paragraph ids for `count` comments written elsewhere (by the other half of the render). */
  skipParagraphs(count: number): void {
    this.paragraph += count;
  }

  /** The first `notes` notes, with `replies` replies in all, written elsewhere: their comment and paragraph ids (not their ranges: for a half without the document). */
  skipNotes(notes: number, replies: number): void {
    this.nextComment += replies;
    this.paragraph += notes + replies;
  }

  /** Every note is in: revision ids start after the last comment's. */
  startRevisions(): void {
    this.revision = this.nextComment;
  }

  /** The first of the note's replies' comment ids. */
  firstReplyOf(note: number): number {
    return this.firstReply[note] ?? 0;
  }

  /** How many replies the note has. */
  repliesOf(note: number): number {
    return this.replyCount[note] ?? 0;
  }

  nextRevision(): number {
    return this.revision++;
  }

  /** A w14:paraId: eight hex digits below 0x80000000, unique in the file. */
  nextParagraph(): string {
    const n = ++this.paragraph;
    return HEX_BYTE[(n >>> 24) & 0x7f]! + HEX_BYTE[(n >>> 16) & 0xff]! + HEX_BYTE[(n >>> 8) & 0xff]! + HEX_BYTE[n & 0xff]!;
  }
}

/** What the document part reads of a placed note: its place, and the suggestion it shows as a change (null when it shows none). */
type DocumentNote = Pick<ExportAnnotation, "number" | "start" | "end" | "author" | "createdAt"> & { change: ExportSuggestion | null };
/** What it reads of a note not placed. */
type DocumentUnplaced = Pick<UnplacedNote, "number" | "kind" | "author" | "quote">;

/** A note as the document part keeps it, without what only its comment shows (what a note packed bare holds). */
function documentNote(a: BarePlaced): DocumentNote {
  return { number: a.number, start: a.start, end: a.end, author: a.author, createdAt: a.createdAt, change: a.suggestion?.tracked ? a.suggestion : null };
}

function documentUnplaced(a: BareUnplaced): DocumentUnplaced {
  return { number: a.number, kind: a.kind, author: a.author, quote: a.quote };
}

/** A revision's attributes: its own id, the suggestion's author and time. */
function revision(ids: Ids, a: Pick<ExportNote, "author" | "createdAt">): string {
  return `w:id="${ids.nextRevision()}" w:author="${xmlText(a.author.displayName)}" w:date="${wordDate(a.createdAt)}"`;
}

/** Where the note's comment and its replies' comments start. */
function rangeStarts(out: PartWriter, ids: Ids, note: number): void {
  const first = ids.firstReplyOf(note);
  const end = first + ids.repliesOf(note);
  out.write(`<w:commentRangeStart w:id="${note}"/>`);
  for (let id = first; id < end; id++) out.write(`<w:commentRangeStart w:id="${id}"/>`);
}

/** Where they end, each followed by its reference mark. */
function rangeEnds(out: PartWriter, ids: Ids, note: number): void {
  const first = ids.firstReplyOf(note);
  const end = first + ids.repliesOf(note);
  out.write(`<w:commentRangeEnd w:id="${note}"/>${REFERENCE_RUN}${note}"/></w:r>`);
  for (let id = first; id < end; id++) out.write(`<w:commentRangeEnd w:id="${id}"/>${REFERENCE_RUN}${id}"/></w:r>`);
}

/** One paragraph's content: runs, comment marks, and the tracked changes of open suggestions. */
function paragraphContent(out: PartWriter, pieces: Piece[], byNumber: DocumentNote[], ids: Ids): void {
  for (const p of pieces) {
    if (p.kind === "open") rangeStarts(out, ids, p.note);
    else if (p.kind === "close") {
      const a = byNumber[p.note - 1]!;
      if (a.change && a.change.replacement !== "") {
        out.write(`<w:ins ${revision(ids, a)}>`);
        run(out, a.change.replacement);
        out.write("</w:ins>");
      }
      rangeEnds(out, ids, p.note);
    } else {
      let change: DocumentNote | undefined;
      for (const n of p.notes) {
        const a = byNumber[n - 1]!;
        if (a.change) {
          change = a;
          break;
        }
      }
      if (change === undefined) run(out, p.text);
      else {
        out.write(`<w:del ${revision(ids, change)}>`);
        run(out, p.text, "", true);
        out.write("</w:del>");
      }
    }
  }
}

/** A paragraph's properties; `markDeleted` marks its paragraph mark deleted (a suggestion that joins it to the next). */
function paragraphProperties(p: ExportParagraph, markDeleted: string): string {
  let pPr = "";
  if (p.kind === "heading") pPr = `<w:pStyle w:val="Heading${Math.min(Math.max(p.level ?? 2, 1), 6)}"/>`;
  else if (p.kind === "listItem") {
    const level = Math.min(Math.max(p.depth ?? 0, 0), 8);
    pPr = `<w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="${level}"/><w:numId w:val="${p.ordered ? ORDERED_LIST : BULLET_LIST}"/></w:numPr>`;
  } else if (p.kind === "quote") pPr = `<w:pStyle w:val="Quote"/>`;
  if (markDeleted) pPr += `<w:rPr>${markDeleted}</w:rPr>`;
  return pPr ? `<w:pPr>${pPr}</w:pPr>` : "";
}

/** The "Not placed" appendix: each note's comment on the quote it was made on. */
function notPlaced(out: PartWriter, s: DocumentNotes, ids: Ids): void {
  if (s.unplaced.length === 0) return;
  out.write(`<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>`);
  run(out, NOT_PLACED_TITLE);
  out.write("</w:p><w:p>");
  run(out, NOT_PLACED_NOTE, ITALIC);
  out.write("</w:p>");
  for (const a of s.unplaced) {
    out.write("<w:p>");
    run(out, `[${a.number}] ${KIND_LABEL[a.kind]} by ${a.author.displayName}: “`);
    rangeStarts(out, ids, a.number);
    run(out, a.quote);
    rangeEnds(out, ids, a.number);
    run(out, "”");
    out.write("</w:p>");
  }
}

/** The snapshot as the document part reads it. */
type DocumentNotes = Omit<ExportSnapshot, "annotations" | "unplaced"> & { annotations: DocumentNote[]; unplaced: DocumentUnplaced[] };

function documentXml(s: DocumentNotes, ids: Ids): Promise<PackedPart> {
  const out = new PartWriter("word/document.xml");
  // Each paragraph's pieces as it is written: garbage as soon as it is done.
  const pieces = paragraphPieces(s.paragraphs, s.annotations);
  // Paragraph marks a tracked suggestion deletes: every paragraph of its span but the last.
  const joins = new Map<number, DocumentNote>();
  for (const a of s.annotations) if (a.change) for (let i = a.start.index; i < a.end.index; i++) joins.set(i, a);
  out.write(`${XML_HEAD}<w:document xmlns:w="${NS.w}" xmlns:r="${NS.r}"><w:body><w:p>`);
  run(out, provenance(s), ITALIC);
  out.write("</w:p>");
  for (const p of s.paragraphs) {
    const joiner = joins.get(p.index);
    out.write(`<w:p>${paragraphProperties(p, joiner ? `<w:del ${revision(ids, joiner)}/>` : "")}`);
    paragraphContent(out, pieces(p.index), s.annotations, ids);
    out.write("</w:p>");
  }
  notPlaced(out, s, ids);
  out.write(`${SECTION}</w:body></w:document>`);
  return out.part();
}

function initials(name: string): string {
  return (
    name
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => [...w][0]!)
      .join("")
      .slice(0, 4) || "?"
  );
}

/** A comment paragraph's runs: text and run properties. */
type Runs = Array<[text: string, rPr: string]>;

/** The note's comment: kind, verdict and tags, what a suggestion proposes, the note, the verdict's rationale and sources. */
function noteParagraphs(a: ExportNote, placed: boolean): Runs[] {
  const head = `${KIND_LABEL[a.kind]}${a.claim ? ` · ${STATUS_LABEL[a.claim.status]}` : ""}${a.tags.length ? ` · ${a.tags.map((t) => t.path).join("; ")}` : ""}`;
  const paras: Runs[] = [[[`[${a.number}] ${head}`, BOLD]]];
  const proposal = suggestionLine(a, placed);
  if (proposal) paras.push([[proposal, ""]]);
  if (a.text) paras.push([[a.text, ""]]);
  if (a.claim?.rationale) paras.push([["Rationale: ", BOLD], [a.claim.rationale, ""]]);
  if (a.claim?.reviewer && a.claim.decidedAt) paras.push([[`Reviewed by ${a.claim.reviewer.displayName}, ${humanTime(a.claim.decidedAt)}`, ITALIC]]);
  for (const url of a.claim?.sources ?? []) paras.push([[`Source: ${url}`, ""]]);
  return paras;
}

/** A reply's head: its stance and, for a reply to a reply, whom it answers ("" when neither). */
function replyHead(r: ExportReply, parent: ExportReply | undefined): string {
  const stance = STANCE_LABEL[r.stance] ?? "";
  if (!parent) return stance;
  const answers = `in reply to ${parent.author.displayName}`;
  return stance ? `${stance}, ${answers}` : answers;
}

/** The reply the thread's reply `i` answers: in thread order it comes before, most often just before. */
function parentOf(replies: ExportReply[], i: number): ExportReply | undefined {
  const id = replies[i]!.parentId;
  if (id === null) return undefined;
  for (let j = i - 1; j >= 0; j--) if (replies[j]!.id === id) return replies[j];
  return replies.find((r) => r.id === id);
}

/** A note as the comments take it: whether it is placed in the text. */
export type DocxNote = { note: ExportAnnotation; placed: true } | { note: UnplacedNote; placed: false };

/**
 * word/comments.xml and word/commentsExtended.xml: each note's comment, then its replies'
 * comments, written as each note comes (in number order, placed notes first). The notes may be a
 * run of the snapshot's: `first` writes the parts' opening, `last` their end (otherwise each part
 * is left open for joinParts to append the next run).
 */
function commentParts(notes: Iterable<DocxNote>, ids: Ids, first = true, last = true): { comments: Promise<PackedPart>; extended: Promise<PackedPart> } {
  const comments = new PartWriter("word/comments.xml");
  const extended = new PartWriter("word/commentsExtended.xml");
  if (first) {
    comments.write(`${XML_HEAD}<w:comments xmlns:w="${NS.w}" xmlns:w14="${NS.w14}" xmlns:mc="${NS.mc}" mc:Ignorable="w14">`);
    extended.write(`${XML_HEAD}<w15:commentsEx xmlns:w15="${NS.w15}">`);
  }
  // A person's attributes, written once however many comments they made.
  const people = new Map<string, string>();
  const open = (id: number, p: { displayName: string }, at: Date) => {
    let who = people.get(p.displayName);
    if (who === undefined) {
      who = `w:author="${xmlText(p.displayName)}" w:initials="${xmlText(initials(p.displayName))}"`;
      people.set(p.displayName, who);
    }
    comments.write(`<w:comment w:id="${id}" ${who} w:date="${wordDate(at)}">`);
  };
  for (const { note: a, placed } of notes) {
    const first = ids.addNote(a.number, a.replies.length);
    const paras = noteParagraphs(a, placed);
    const noteParaId = ids.nextParagraph();
    open(a.number, a.author, a.createdAt);
    for (let i = 0; i < paras.length; i++) {
      // The comment's paraId is its last paragraph's.
      comments.write(i === paras.length - 1 ? `<w:p w14:paraId="${noteParaId}">${COMMENT_TEXT}` : `<w:p>${COMMENT_TEXT}`);
      for (const [text, rPr] of paras[i]!) run(comments, text, rPr);
      comments.write("</w:p>");
    }
    comments.write("</w:comment>");
    extended.write(`<w15:commentEx w15:paraId="${noteParaId}" w15:done="0"/>`);
    for (let i = 0; i < a.replies.length; i++) {
      const r = a.replies[i]!;
      const paraId = ids.nextParagraph();
      open(first + i, r.author, r.createdAt);
      comments.write(`<w:p w14:paraId="${paraId}">${COMMENT_TEXT}`);
      const head = replyHead(r, parentOf(a.replies, i));
      if (head) run(comments, `(${head}) `, ITALIC);
      run(comments, r.text);
      comments.write("</w:p></w:comment>");
      extended.write(`<w15:commentEx w15:paraId="${paraId}" w15:paraIdParent="${noteParaId}" w15:done="0"/>`);
    }
  }
  if (last) {
    comments.write("</w:comments>");
    extended.write("</w15:commentsEx>");
  }
  return { comments: comments.part(last), extended: extended.part(last) };
}

/** The parts of the Word file that depend on the notes. */
export interface DocxParts {
  document: PackedPart;
  comments: PackedPart;
  extended: PackedPart;
}

/** The parts every Word file holds as they are: deflated once, when the first file is made. */
let fixedParts: Record<"types" | "rels" | "documentRels" | "styles" | "numbering" | "settings" | "app", Promise<PackedPart>> | undefined;

function fixed(): NonNullable<typeof fixedParts> {
  // A part that failed to deflate is deflated again for the next file.
  const once = (name: string, data: string) =>
    packPart({ name, data }).catch((e: unknown) => {
      fixedParts = undefined;
      throw e;
    });
  fixedParts ??= {
    types: once("[Content_Types].xml", CONTENT_TYPES),
    rels: once("_rels/.rels", PACKAGE_RELS),
    documentRels: once("word/_rels/document.xml.rels", DOCUMENT_RELS),
    styles: once("word/styles.xml", STYLES),
    numbering: once("word/numbering.xml", NUMBERING),
    settings: once("word/settings.xml", SETTINGS),
    app: once("docProps/app.xml", APP),
  };
  return fixedParts;
}

/** The Word file: the fixed parts, the core properties of the snapshot, and the parts written from it. */
export async function assembleDocx(s: ExportSnapshot, parts: DocxParts): Promise<Buffer> {
  const core = coreProperties({ title: s.document.title, description: provenance(s), lastModifiedBy: s.exportedBy?.displayName ?? "Scholia", at: s.madeAt });
  const f = fixed();
  return zip(
    [f.types, f.rels, parts.document, f.documentRels, f.styles, f.numbering, f.settings, parts.comments, parts.extended, { name: "docProps/core.xml", data: core }, f.app],
    s.madeAt,
  );
}

function* notesOf(s: ExportSnapshot): Generator<DocxNote & { thread: number }> {
  for (const note of s.annotations) yield { note, placed: true, thread: note.replies.length };
  for (const note of s.unplaced) yield { note, placed: false, thread: note.replies.length };
}

/**
 * The Word file, written as the two halves a worker pool writes side by side (one after the
 * other here), so that it is the same file byte for byte wherever it is made.
 */
export async function renderDocx(s: ExportSnapshot): Promise<Buffer> {
  const { annotations, unplaced, ...frame } = s;
  const [split, count] = [docxSplit(s), annotations.length + unplaced.length];
  const none = { notes: 0, replies: 0 };
  const first = await writeHalf(frame, notesOf(s), count, none, 0, split, true);
  const second = await writeHalf(frame, notesOf(s), count, none, split, count, false);
  return joinDocxHalves(s, first, second);
}

/*
 * A large export is written in two halves side by side on two worker threads, each from the
 * packed snapshot: one writes the document and the comments of the notes before a split point,
 * the other the comments from there on; joinParts appends the second run of comments to the
 * first. Each half unpacks a note as it comes and lets its thread go once written (the document
 * keeps the notes without their threads), and numbers comments, revisions and paragraph ids as
 * one writer would, counting the other half's. Each is sent only what it reads (packDocxHalves).
 */

/**
 * What each half is sent, split at `split`: the first the paragraphs, its own notes with their
 * replies and the place of every later note (packed bare: what the document reads of it); the
 * second its own notes with their replies, and only the counts of the notes before them (no
 * paragraphs). Less than half as much to pack, copy and read as the whole snapshot twice.
 */
export function packDocxHalves(s: ExportSnapshot, split: number): [first: PackedSnapshot, second: PackedSnapshot] {
  return [packDocxHalf(s, split, true), packDocxHalf(s, split, false)];
}

/** What the first half (`first`) or the second is sent (packDocxHalves). */
export function packDocxHalf(s: ExportSnapshot, split: number, first: boolean): PackedSnapshot {
  const notes = s.annotations.length + s.unplaced.length;
  return first ? packSnapshot(s, { from: 0, to: split, bare: true }) : packSnapshot({ ...s, paragraphs: [] }, { from: split, to: notes });
}

/** One half's parts: the document (in the first half only) and its run of the comment parts. */
export interface DocxHalf {
  document: PackedPart | null;
  comments: PackedPart;
  extended: PackedPart;
}

/**
 * A half of a packed snapshot's Word parts: the comments of notes [from, to) (by position); the
 * first half also the document and the comment parts' opening, the second their end.
 */
export function docxHalf(p: PackedSnapshot, from: number, to: number, first: boolean): Promise<DocxHalf> {
  if (p.skipped.notes > from || (first && p.skipped.notes > 0) || (p.bare && p.threadsTo < to)) throw new Error("docx: a half was sent without notes it writes");
  return writeHalf(p.rest, unpackNotes(p, (i) => i >= from && i < to), p.placed + p.unplaced, p.skipped, from, to, first);
}

/**
 * A half (docxHalf) from the snapshot's frame and its notes in order from the first not
 * `skipped` (the document's half skips none), each with its thread's length (its replies needed
 * only in [from, to)).
 */
async function writeHalf(
  frame: Omit<ExportSnapshot, "annotations" | "unplaced">,
  notes: Iterable<(DocxNote & { thread: number; bare?: undefined }) | BareNote>,
  count: number,
  skipped: { notes: number; replies: number },
  from: number,
  to: number,
  first: boolean,
): Promise<DocxHalf> {
  const ids = new Ids(count);
  ids.skipNotes(skipped.notes, skipped.replies);
  const withDocument = first;
  // What the document reads of each note: kept through the whole half, so only that.
  const annotations: DocumentNote[] = [];
  const unplaced: DocumentUnplaced[] = [];
  function* run(): Generator<DocxNote> {
    let i = skipped.notes;
    for (const n of notes) {
      const mine = i >= from && i < to;
      i++;
      if (withDocument) {
        // The document reads no replies nor comment text: each thread is garbage once its comments are written.
        if (n.placed) annotations.push(documentNote(n.note));
        else unplaced.push(documentUnplaced(n.note));
      }
      if (mine) {
        if (n.bare) throw new Error("docx: a half was sent only the place of a note it writes");
        yield n;
      } else if (withDocument || i <= from) {
        // Written by the other half: counted, so that ids after it are the same as in one render.
        ids.addNote(n.note.number, n.thread);
        ids.skipParagraphs(1 + n.thread);
      } else break;
    }
  }
  const { comments, extended } = commentParts(run(), ids, first, !first);
  let document: Promise<PackedPart> | null = null;
  if (withDocument) {
    ids.startRevisions();
    document = documentXml({ ...frame, annotations, unplaced }, ids);
  }
  return { document: document && (await document), comments: await comments, extended: await extended };
}

/** The two halves as one file; `first` holds the document. */
export function joinDocxHalves(s: ExportSnapshot, first: DocxHalf, second: DocxHalf): Promise<Buffer> {
  if (!first.document) throw new Error("docx: the first half holds the document");
  return assembleDocx(s, { document: first.document, comments: joinParts(first.comments, second.comments), extended: joinParts(first.extended, second.extended) });
}

/**
 * Where the second half starts: the note that leaves both halves about as much to write, the
 * first half's share counting the document. Estimated from the sizes of what each writes.
 */
export function docxSplit(s: ExportSnapshot): number {
  const notes = s.annotations.length + s.unplaced.length;
  // Characters written per note, reply and placed range, about (markup as much as text).
  const cost = (a: ExportNote) => {
    let n = NOTE_COST + a.text.length;
    for (const r of a.replies) n += REPLY_COST + r.text.length;
    return n;
  };
  let document = 0;
  for (const p of s.paragraphs) document += p.text.length;
  for (const a of s.annotations) document += RANGE_COST * (1 + a.replies.length);
  let total = document;
  for (const a of s.annotations) total += cost(a);
  for (const a of s.unplaced) total += cost(a);
  let first = document;
  let i = 0;
  for (const a of s.annotations) {
    if (first >= total / 2) return i;
    first += cost(a);
    i++;
  }
  for (const a of s.unplaced) {
    if (first >= total / 2) return i;
    first += cost(a);
    i++;
  }
  return notes;
}

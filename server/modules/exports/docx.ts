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
 * The XML is built as text from the layout's pieces (no object tree), every user string through
 * xmlText (control characters become U+FFFD, markup characters entities), and zipped with a fast
 * deflate level. Paragraphs are spaced through the document defaults; the file names Scholia as
 * creator and the exporting member as last modifier.
 */
import type { ExportAnnotation, ExportNote, ExportParagraph, ExportReply, ExportSnapshot } from "./snapshot.ts";
import { provenance } from "./snapshot.ts";
import { layout, type Piece } from "./segments.ts";
import { humanTime, KIND_LABEL, NOT_PLACED_NOTE, NOT_PLACED_TITLE, STANCE_LABEL, STATUS_LABEL, suggestionLine } from "./labels.ts";
import { xmlText } from "./xml.ts";
import { visibleText } from "./visible-text.ts";
import { zip } from "./zip.ts";
import { APP, BULLET_LIST, CONTENT_TYPES, coreProperties, DOCUMENT_RELS, NS, NUMBERING, ORDERED_LIST, PACKAGE_RELS, SETTINGS, STYLES, XML_HEAD } from "./docx-parts.ts";

export { PARAGRAPH_SPACING_AFTER } from "./docx-parts.ts";

const ITALIC = "<w:rPr><w:i/><w:iCs/></w:rPr>";
const BOLD = "<w:rPr><w:b/><w:bCs/></w:rPr>";
const SECTION = `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>`;

/** xsd:dateTime without milliseconds, as Word writes it. */
const wordDate = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

/** One run of text (line feeds as breaks); `deleted` writes w:delText, as runs inside w:del must. */
function run(text: string, rPr = "", deleted = false): string {
  const v = visibleText(text);
  if (v === "") return "";
  const tag = deleted ? "w:delText" : "w:t";
  if (!v.includes("\n")) return `<w:r>${rPr}<${tag} xml:space="preserve">${xmlText(v)}</${tag}></w:r>`;
  let body = "";
  const lines = v.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (i > 0) body += "<w:br/>";
    if (lines[i]) body += `<${tag} xml:space="preserve">${xmlText(lines[i]!)}</${tag}>`;
  }
  return `<w:r>${rPr}${body}</w:r>`;
}

/** Word ids: comments (a note's, then its replies'), revisions after every comment, paragraph ids for comment paragraphs. */
class Ids {
  private readonly replyIds = new Map<number, number[]>();
  private revision: number;
  private paragraph = 0;

  constructor(notes: ExportNote[]) {
    let next = notes.length + 1;
    for (const a of notes) this.replyIds.set(a.number, a.replies.map(() => next++));
    this.revision = next;
  }

  /** The note's comment and its replies' comments. */
  comments(note: number): number[] {
    return [note, ...(this.replyIds.get(note) ?? [])];
  }

  replies(note: number): number[] {
    return this.replyIds.get(note) ?? [];
  }

  nextRevision(): number {
    return this.revision++;
  }

  /** A w14:paraId: eight hex digits below 0x80000000, unique in the file. */
  nextParagraph(): string {
    return (++this.paragraph).toString(16).toUpperCase().padStart(8, "0");
  }
}

/** A revision's attributes: its own id, the suggestion's author and time. */
function revision(ids: Ids, a: ExportNote): string {
  return `w:id="${ids.nextRevision()}" w:author="${xmlText(a.author.displayName)}" w:date="${wordDate(a.createdAt)}"`;
}

const rangeStarts = (ids: Ids, note: number) => ids.comments(note).map((id) => `<w:commentRangeStart w:id="${id}"/>`).join("");
const rangeEnds = (ids: Ids, note: number) =>
  ids
    .comments(note)
    .map((id) => `<w:commentRangeEnd w:id="${id}"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="${id}"/></w:r>`)
    .join("");

/** One paragraph's content: runs, comment marks, and the tracked changes of open suggestions. */
function paragraphContent(pieces: Piece[], byNumber: ExportAnnotation[], ids: Ids): string {
  let out = "";
  for (const p of pieces) {
    if (p.kind === "open") out += rangeStarts(ids, p.note);
    else if (p.kind === "close") {
      const a = byNumber[p.note - 1]!;
      if (a.suggestion?.tracked && a.suggestion.replacement !== "") out += `<w:ins ${revision(ids, a)}>${run(a.suggestion.replacement)}</w:ins>`;
      out += rangeEnds(ids, p.note);
    } else {
      const change = p.notes.find((n) => byNumber[n - 1]!.suggestion?.tracked);
      out += change === undefined ? run(p.text) : `<w:del ${revision(ids, byNumber[change - 1]!)}>${run(p.text, "", true)}</w:del>`;
    }
  }
  return out;
}

/** A paragraph; `markDeletedBy` marks its paragraph mark deleted (a suggestion that joins it to the next). */
function paragraph(p: ExportParagraph, content: string, markDeleted: string): string {
  let pPr = "";
  if (p.kind === "heading") pPr = `<w:pStyle w:val="Heading${Math.min(Math.max(p.level ?? 2, 1), 6)}"/>`;
  else if (p.kind === "listItem") {
    const level = Math.min(Math.max(p.depth ?? 0, 0), 8);
    pPr = `<w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="${level}"/><w:numId w:val="${p.ordered ? ORDERED_LIST : BULLET_LIST}"/></w:numPr>`;
  } else if (p.kind === "quote") pPr = `<w:pStyle w:val="Quote"/>`;
  if (markDeleted) pPr += `<w:rPr>${markDeleted}</w:rPr>`;
  return `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ""}${content}</w:p>`;
}

/** The "Not placed" appendix: each note's comment on the quote it was made on. */
function notPlaced(s: ExportSnapshot, ids: Ids): string[] {
  if (s.unplaced.length === 0) return [];
  const out = [`<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>${run(NOT_PLACED_TITLE)}</w:p>`, `<w:p>${run(NOT_PLACED_NOTE, ITALIC)}</w:p>`];
  for (const a of s.unplaced) {
    out.push(`<w:p>${run(`[${a.number}] ${KIND_LABEL[a.kind]} by ${a.author.displayName}: “`)}${rangeStarts(ids, a.number)}${run(a.quote)}${rangeEnds(ids, a.number)}${run("”")}</w:p>`);
  }
  return out;
}

function documentXml(s: ExportSnapshot, ids: Ids): string {
  const pieces = layout(s.paragraphs, s.annotations);
  // Paragraph marks a tracked suggestion deletes: every paragraph of its span but the last.
  const joins = new Map<number, ExportAnnotation>();
  for (const a of s.annotations) if (a.suggestion?.tracked) for (let i = a.start.index; i < a.end.index; i++) joins.set(i, a);
  const body: string[] = [`<w:p>${run(provenance(s), ITALIC)}</w:p>`];
  for (const p of s.paragraphs) {
    const joiner = joins.get(p.index);
    const content = paragraphContent(pieces[p.index]!, s.annotations, ids);
    body.push(paragraph(p, content, joiner ? `<w:del ${revision(ids, joiner)}/>` : ""));
  }
  body.push(...notPlaced(s, ids));
  return `${XML_HEAD}<w:document xmlns:w="${NS.w}" xmlns:r="${NS.r}"><w:body>${body.join("")}${SECTION}</w:body></w:document>`;
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

const commentParagraph = (content: string, paraId?: string) =>
  `<w:p${paraId ? ` w14:paraId="${paraId}"` : ""}><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>${content}</w:p>`;

/** The note's comment: kind, verdict and tags, what a suggestion proposes, the note, the verdict's rationale and sources. */
function noteParagraphs(a: ExportNote, placed: boolean): string[] {
  const head = `${KIND_LABEL[a.kind]}${a.claim ? ` · ${STATUS_LABEL[a.claim.status]}` : ""}${a.tags.length ? ` · ${a.tags.map((t) => t.path).join("; ")}` : ""}`;
  const paras = [run(`[${a.number}] ${head}`, BOLD)];
  const proposal = suggestionLine(a, placed);
  if (proposal) paras.push(run(proposal));
  if (a.text) paras.push(run(a.text));
  if (a.claim?.rationale) paras.push(run("Rationale: ", BOLD) + run(a.claim.rationale));
  if (a.claim?.reviewer && a.claim.decidedAt) paras.push(run(`Reviewed by ${a.claim.reviewer.displayName}, ${humanTime(a.claim.decidedAt)}`, ITALIC));
  for (const url of a.claim?.sources ?? []) paras.push(run(`Source: ${url}`));
  return paras;
}

/** A reply's comment: its stance and, for a reply to a reply, whom it answers, then its text. */
function replyContent(r: ExportReply, byId: Map<string, ExportReply>): string {
  const parent = r.parentId ? byId.get(r.parentId) : undefined;
  const head = [STANCE_LABEL[r.stance] ?? "", parent ? `in reply to ${parent.author.displayName}` : ""].filter(Boolean).join(", ");
  return (head ? run(`(${head}) `, ITALIC) : "") + run(r.text);
}

/** word/comments.xml and word/commentsExtended.xml. */
function commentParts(notes: Array<{ note: ExportNote; placed: boolean }>, ids: Ids): { comments: string; extended: string } {
  const comments: string[] = [];
  const extended: string[] = [];
  // A person's attributes, written once however many comments they made.
  const people = new Map<string, string>();
  const open = (id: number, p: { displayName: string }, at: Date) => {
    let who = people.get(p.displayName);
    if (who === undefined) {
      who = `w:author="${xmlText(p.displayName)}" w:initials="${xmlText(initials(p.displayName))}"`;
      people.set(p.displayName, who);
    }
    return `<w:comment w:id="${id}" ${who} w:date="${wordDate(at)}">`;
  };
  for (const { note: a, placed } of notes) {
    const paras = noteParagraphs(a, placed);
    const noteParaId = ids.nextParagraph();
    comments.push(open(a.number, a.author, a.createdAt), ...paras.map((c, i) => commentParagraph(c, i === paras.length - 1 ? noteParaId : undefined)), "</w:comment>");
    extended.push(`<w15:commentEx w15:paraId="${noteParaId}" w15:done="0"/>`);
    const replyIds = ids.replies(a.number);
    const byId = a.replies.length > 1 ? new Map(a.replies.map((r) => [r.id, r])) : new Map<string, ExportReply>();
    a.replies.forEach((r, i) => {
      const paraId = ids.nextParagraph();
      comments.push(open(replyIds[i]!, r.author, r.createdAt), commentParagraph(replyContent(r, byId), paraId), "</w:comment>");
      extended.push(`<w15:commentEx w15:paraId="${paraId}" w15:paraIdParent="${noteParaId}" w15:done="0"/>`);
    });
  }
  return {
    comments: `${XML_HEAD}<w:comments xmlns:w="${NS.w}" xmlns:w14="${NS.w14}" xmlns:mc="${NS.mc}" mc:Ignorable="w14">${comments.join("")}</w:comments>`,
    extended: `${XML_HEAD}<w15:commentsEx xmlns:w15="${NS.w15}">${extended.join("")}</w15:commentsEx>`,
  };
}

export async function renderDocx(s: ExportSnapshot): Promise<Buffer> {
  const notes = [...s.annotations.map((note) => ({ note, placed: true })), ...s.unplaced.map((note) => ({ note, placed: false }))];
  const ids = new Ids(notes.map((n) => n.note));
  const document = documentXml(s, ids);
  const { comments, extended } = commentParts(notes, ids);
  const core = coreProperties({ title: s.document.title, description: provenance(s), lastModifiedBy: s.exportedBy?.displayName ?? "Scholia", at: s.madeAt });
  return zip(
    [
      { name: "[Content_Types].xml", data: CONTENT_TYPES },
      { name: "_rels/.rels", data: PACKAGE_RELS },
      { name: "word/document.xml", data: document },
      { name: "word/_rels/document.xml.rels", data: DOCUMENT_RELS },
      { name: "word/styles.xml", data: STYLES },
      { name: "word/numbering.xml", data: NUMBERING },
      { name: "word/settings.xml", data: SETTINGS },
      { name: "word/comments.xml", data: comments },
      { name: "word/commentsExtended.xml", data: extended },
      { name: "docProps/core.xml", data: core },
      { name: "docProps/app.xml", data: APP },
    ],
    s.madeAt,
  );
}

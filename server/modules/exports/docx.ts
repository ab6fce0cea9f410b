/**
 * Word: the article's headings, lists, quotes and paragraphs with a native comment per
 * annotation whose range spans exactly the annotated text (CommentRangeStart/End around the
 * runs; ranges may overlap and may cross paragraphs, as Word allows). The comment holds the
 * note, its tags and verdict. Each reply is a Word threaded reply: a comment of its own,
 * anchored on the same range, linked to the note's comment in word/commentsExtended.xml
 * (w15:commentEx paraIdParent = the note comment's w14:paraId). Word threads are one level
 * deep, so a reply to a reply hangs from the note's comment and says whom it answers.
 * Paragraphs are spaced (8 pt after) through the document defaults; the file names Scholia as
 * creator and the exporting member as last modifier. The docx library escapes all text as
 * XML, so user content cannot become markup; control characters become U+FFFD.
 */
import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  TextRun,
  type ICommentOptions,
  type ParagraphChild,
} from "docx";
import type { ExportAnnotation, ExportParagraph, ExportReply, ExportSnapshot } from "./snapshot.ts";
import { provenance } from "./snapshot.ts";
import { layout, type Piece } from "./segments.ts";
import { humanTime, KIND_LABEL, STANCE_LABEL, STATUS_LABEL } from "./labels.ts";
import { visibleText } from "./visible-text.ts";

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6] as const;
const ORDERED = "scholia-ordered";

/** Space after each paragraph, in twentieths of a point (8 pt, as Word's own Normal style). */
export const PARAGRAPH_SPACING_AFTER = 160;
const clean = visibleText;

/** Word comment ids: a note's comment first, then one per reply, in thread order. */
interface CommentIds {
  note: number;
  replies: number[];
}

/** Runs for a text, with line breaks as Word breaks. */
function runs(text: string, style: { bold?: boolean; italics?: boolean } = {}): TextRun[] {
  return clean(text)
    .split(/\r?\n/)
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, ...style }));
}

/** Runs and comment marks of one paragraph; a note's replies share its range, as Word's own replies do. */
function children(pieces: Piece[], ids: Map<number, CommentIds>): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  const all = (note: number) => {
    const c = ids.get(note)!;
    return [c.note, ...c.replies];
  };
  for (const p of pieces) {
    if (p.kind === "open") out.push(...all(p.note).map((id) => new CommentRangeStart(id)));
    else if (p.kind === "close") out.push(...all(p.note).flatMap((id) => [new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] })]));
    else out.push(...runs(p.text));
  }
  return out;
}

function block(p: ExportParagraph, kids: ParagraphChild[]): Paragraph {
  switch (p.kind) {
    case "heading":
      return new Paragraph({ children: kids, heading: HEADINGS[Math.min(Math.max((p.level ?? 2) - 1, 0), 5)] });
    case "listItem": {
      const level = Math.min(Math.max(p.depth ?? 0, 0), 8);
      return p.ordered ? new Paragraph({ children: kids, numbering: { reference: ORDERED, level } }) : new Paragraph({ children: kids, bullet: { level } });
    }
    case "quote":
      return new Paragraph({ children: kids, indent: { left: 720 }, style: "IntenseQuote" });
    default:
      return new Paragraph({ children: kids });
  }
}

function commentBody(a: ExportAnnotation): Paragraph[] {
  const head = `${KIND_LABEL[a.kind]}${a.claim ? ` · ${STATUS_LABEL[a.claim.status]}` : ""}${a.tags.length ? ` · ${a.tags.map((t) => t.path).join("; ")}` : ""}`;
  const paras = [new Paragraph({ children: [new TextRun({ text: `[${a.number}] ${clean(head)}`, bold: true })] })];
  if (a.text) paras.push(new Paragraph({ children: runs(a.text) }));
  if (a.claim?.rationale) paras.push(new Paragraph({ children: [new TextRun({ text: "Rationale: ", bold: true }), ...runs(a.claim.rationale)] }));
  if (a.claim?.reviewer && a.claim.decidedAt) paras.push(new Paragraph({ children: runs(`Reviewed by ${a.claim.reviewer.displayName}, ${humanTime(a.claim.decidedAt)}`, { italics: true }) }));
  for (const url of a.claim?.sources ?? []) paras.push(new Paragraph({ children: runs(`Source: ${url}`) }));
  return paras;
}

/** A reply's comment: its stance and, for a reply to a reply, whom it answers, then its text. */
function replyBody(r: ExportReply, a: ExportAnnotation): Paragraph[] {
  const parent = r.parentId ? a.replies.find((x) => x.id === r.parentId) : undefined;
  const head = [STANCE_LABEL[r.stance] ?? "", parent ? `in reply to ${parent.author.displayName}` : ""].filter(Boolean).join(", ");
  return [new Paragraph({ children: [...(head ? runs(`(${head}) `, { italics: true }) : []), ...runs(r.text)] })];
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

/** Comment ids: notes keep their numbers (1..n), replies follow from n + 1 in document order. */
function commentIds(annotations: ExportAnnotation[]): Map<number, CommentIds> {
  let next = annotations.length + 1;
  return new Map(annotations.map((a) => [a.number, { note: a.number, replies: a.replies.map(() => next++) }]));
}

function commentsOf(annotations: ExportAnnotation[], ids: Map<number, CommentIds>): ICommentOptions[] {
  const by = (p: { displayName: string }) => ({ author: clean(p.displayName), initials: clean(initials(p.displayName)) });
  return annotations.flatMap((a) => {
    const c = ids.get(a.number)!;
    const note: ICommentOptions = { id: c.note, ...by(a.author), date: a.createdAt, children: commentBody(a), resolved: false };
    const replies = a.replies.map((r, i): ICommentOptions => ({ id: c.replies[i]!, parentId: c.note, ...by(r.author), date: r.createdAt, children: replyBody(r, a), resolved: false }));
    return [note, ...replies];
  });
}

export async function renderDocx(s: ExportSnapshot): Promise<Buffer> {
  const pieces = layout(s.paragraphs, s.annotations);
  const ids = commentIds(s.annotations);
  const doc = new Document({
    title: clean(s.document.title),
    creator: "Scholia",
    lastModifiedBy: clean(s.exportedBy?.displayName ?? "Scholia"),
    description: clean(provenance(s)),
    comments: { children: commentsOf(s.annotations, ids) },
    styles: { default: { document: { paragraph: { spacing: { after: PARAGRAPH_SPACING_AFTER } } } } },
    numbering: {
      config: [
        {
          reference: ORDERED,
          levels: Array.from({ length: 9 }, (_, level) => ({ level, format: LevelFormat.DECIMAL, text: `%${level + 1}.`, alignment: AlignmentType.START, style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } } })),
        },
      ],
    },
    sections: [
      {
        children: [
          new Paragraph({ children: runs(provenance(s), { italics: true }) }),
          ...s.paragraphs.map((p) => block(p, children(pieces[p.index]!, ids))),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

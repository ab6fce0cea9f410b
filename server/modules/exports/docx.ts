/**
 * Word: the article's headings, lists, quotes and paragraphs with a native comment per
 * annotation whose range spans exactly the annotated text (CommentRangeStart/End around the
 * runs; ranges may overlap and may cross paragraphs, as Word allows). The comment holds the
 * note, its tags and verdict, and the thread's replies as further paragraphs. The docx
 * library escapes all text as XML, so user content cannot become markup.
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
import type { ExportAnnotation, ExportParagraph, ExportSnapshot } from "./snapshot.ts";
import { provenance } from "./snapshot.ts";
import { layout, type Piece } from "./segments.ts";
import { humanTime, KIND_LABEL, STANCE_LABEL, STATUS_LABEL } from "./labels.ts";

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6] as const;
const ORDERED = "scholia-ordered";

/** Word forbids some control characters in XML text; they cannot appear in a run. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const clean = (s: string) => s.replace(XML_ILLEGAL, "");

/** Runs for a text, with line breaks as Word breaks. */
function runs(text: string, style: { bold?: boolean; italics?: boolean } = {}): TextRun[] {
  return clean(text)
    .split(/\r?\n/)
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, ...style }));
}

function children(pieces: Piece[]): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const p of pieces) {
    if (p.kind === "open") out.push(new CommentRangeStart(p.note));
    else if (p.kind === "close") out.push(new CommentRangeEnd(p.note), new TextRun({ children: [new CommentReference(p.note)] }));
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
  for (const r of a.replies) {
    const stance = STANCE_LABEL[r.stance] ? ` (${STANCE_LABEL[r.stance]})` : "";
    paras.push(
      new Paragraph({
        indent: { left: 240 * (r.depth + 1) },
        children: [new TextRun({ text: `${clean(r.author.displayName)}${stance}: `, bold: true }), ...(r.deleted ? runs("deleted", { italics: true }) : runs(r.text))],
      }),
    );
  }
  return paras;
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

export async function renderDocx(s: ExportSnapshot): Promise<Buffer> {
  const pieces = layout(s.paragraphs, s.annotations);
  const comments: ICommentOptions[] = s.annotations.map((a) => ({
    id: a.number,
    author: clean(a.author.displayName),
    initials: clean(initials(a.author.displayName)),
    date: a.createdAt,
    children: commentBody(a),
  }));
  const doc = new Document({
    title: clean(s.document.title),
    creator: "Scholia",
    description: clean(provenance(s)),
    comments: { children: comments },
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
          ...s.paragraphs.map((p) => block(p, children(pieces[p.index]!))),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/**
 * Word-shaped .docx files with comments (word/comments.xml, threads in
 * word/commentsExtended.xml), tracked changes and a header, written part by part as Word
 * writes them, for the import's review tests.
 */
import { buildZip, type ZipSource } from "./zip-builder.ts";

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const NS = `xmlns:w="${W}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`;
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

/** A run of text. */
export const run = (text: string, props = "") => `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ""}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
/** A paragraph of `parts` (runs and markers), with a paragraph style when given. */
export const para = (parts: string | string[], style?: string) => `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ""}${Array.isArray(parts) ? parts.join("") : parts}</w:p>`;
export const rangeStart = (id: number) => `<w:commentRangeStart w:id="${id}"/>`;
export const rangeEnd = (id: number) => `<w:commentRangeEnd w:id="${id}"/>`;
/** The reference run Word writes after a range's end. */
export const reference = (id: number) => `<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="${id}"/></w:r>`;
/** A range's end and its reference, as Word writes them. */
export const rangeClose = (id: number) => rangeEnd(id) + reference(id);
export const inserted = (id: number, author: string, date: string, text: string) => `<w:ins w:id="${id}" w:author="${esc(author)}" w:date="${date}">${run(text)}</w:ins>`;
export const deleted = (id: number, author: string, date: string, text: string) =>
  `<w:del w:id="${id}" w:author="${esc(author)}" w:date="${date}"><w:r><w:delText xml:space="preserve">${esc(text)}</w:delText></w:r></w:del>`;

export interface CommentSource {
  id: number;
  author: string;
  initials?: string;
  date?: string;
  /** The comment's paragraphs. */
  text: string[];
  /** The comment this one answers (its id), for a threaded reply. */
  replyTo?: number;
  done?: boolean;
}

const paraIdOf = (id: number) => (0x10000000 + id).toString(16).toUpperCase();

function commentsXml(comments: CommentSource[]): string {
  const body = comments
    .map((c) => {
      const paras = c.text.map((t, i) => {
        const last = i === c.text.length - 1;
        const ref = i === 0 ? `<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>` : "";
        return `<w:p${last ? ` w14:paraId="${paraIdOf(c.id)}" w14:textId="77777777"` : ""}><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>${ref}${run(t)}</w:p>`;
      });
      return `<w:comment w:id="${c.id}" w:author="${esc(c.author)}"${c.initials ? ` w:initials="${esc(c.initials)}"` : ""}${c.date ? ` w:date="${c.date}"` : ""}>${paras.join("")}</w:comment>`;
    })
    .join("");
  return `${XML}<w:comments ${NS}>${body}</w:comments>`;
}

function extendedXml(comments: CommentSource[]): string {
  const items = comments.map((c) => `<w15:commentEx w15:paraId="${paraIdOf(c.id)}"${c.replyTo !== undefined ? ` w15:paraIdParent="${paraIdOf(c.replyTo)}"` : ""} w15:done="${c.done ? 1 : 0}"/>`);
  return `${XML}<w15:commentsEx ${NS}>${items.join("")}</w15:commentsEx>`;
}

const STYLES =
  `${XML}<w:styles xmlns:w="${W}">` +
  [
    ["Title", "Title"],
    ["Author", "Author"],
    ["Keywords", "Keywords"],
    ["Heading1", "heading 1"],
  ]
    .map(([id, name]) => `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/></w:style>`)
    .join("") +
  "</w:styles>";

/** A .docx of `body` (paragraph XML), with `comments`, and a header paragraph when given. */
export async function buildWordDocx(opts: { body: string; comments?: CommentSource[]; header?: string }): Promise<Buffer> {
  const comments = opts.comments ?? [];
  const rels = [`<Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/>`];
  const parts: ZipSource[] = [];
  const overrides = ['<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'];
  if (comments.length) {
    rels.push(`<Relationship Id="rId2" Type="${REL}/comments" Target="comments.xml"/>`);
    rels.push(`<Relationship Id="rId3" Type="http://schemas.microsoft.com/office/2011/relationships/commentsExtended" Target="commentsExtended.xml"/>`);
    parts.push({ name: "word/comments.xml", content: commentsXml(comments) }, { name: "word/commentsExtended.xml", content: extendedXml(comments) });
    overrides.push('<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>');
  }
  let sect = "";
  if (opts.header !== undefined) {
    rels.push(`<Relationship Id="rId4" Type="${REL}/header" Target="header1.xml"/>`);
    parts.push({ name: "word/header1.xml", content: `${XML}<w:hdr ${NS}>${opts.header}</w:hdr>` });
    sect = `<w:sectPr><w:headerReference w:type="default" r:id="rId4"/></w:sectPr>`;
  }
  return buildZip([
    {
      name: "[Content_Types].xml",
      content: `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.join("")}</Types>`,
    },
    { name: "_rels/.rels", content: `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>` },
    { name: "word/_rels/document.xml.rels", content: `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>` },
    { name: "word/document.xml", content: `${XML}<w:document ${NS}><w:body>${opts.body}${sect}</w:body></w:document>` },
    { name: "word/styles.xml", content: STYLES },
    ...parts,
  ]);
}

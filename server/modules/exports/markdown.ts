/**
 * Markdown: YAML front matter saying what the export was made from, the article with a
 * footnote marker ([^n]) where each annotation ends, and the notes as footnotes (every
 * continuation line indented four spaces, so a quote or a note spanning paragraphs stays
 * inside its footnote). User text is escaped by markdown-escape.ts, only where CommonMark or
 * GFM would read it as markup, so nothing in it becomes HTML, a link, emphasis or a block;
 * front matter values are YAML strings with `\uXXXX` escapes for `<`, `>`, `&` and Markdown
 * punctuation, so a renderer that shows front matter as text shows the title as text too.
 */
import type { ExportAnnotation, ExportParagraph, ExportSnapshot } from "./snapshot.ts";
import { provenance } from "./snapshot.ts";
import { layout, type Piece } from "./segments.ts";
import { humanTime, KIND_LABEL, safeLink, STANCE_LABEL, STATUS_LABEL } from "./labels.ts";
import { escapeInline, yamlString, type InlinePart } from "./markdown-escape.ts";

export { escapeMarkdown } from "./markdown-escape.ts";

/** A paragraph's text parts and its footnote markers, in reading order. */
function partsOf(pieces: Piece[]): InlinePart[] {
  const parts: InlinePart[] = [];
  for (const p of pieces) {
    if (p.kind === "text") parts.push(p.text);
    else if (p.kind === "close") parts.push({ raw: `[^${p.note}]` });
  }
  return parts;
}

function renderBlock(p: ExportParagraph, parts: InlinePart[]): string {
  switch (p.kind) {
    case "heading":
      return `${"#".repeat(Math.min(Math.max(p.level ?? 2, 1), 6))} ${escapeInline(parts, { heading: true })}`;
    case "listItem":
      return `${"  ".repeat(Math.max(p.depth ?? 0, 0))}${p.ordered ? "1." : "-"} ${escapeInline(parts, { blockStart: true })}`;
    case "quote":
      return `> ${escapeInline(parts, { blockStart: true })}`;
    case "meta":
      return escapeInline([{ raw: "*" }, ...parts, { raw: "*" }]);
    default:
      return escapeInline(parts, { blockStart: true });
  }
}

/** Indents every line after the first by four spaces (blank lines stay blank), as footnote content needs. */
function continued(text: string): string {
  return text
    .split("\n")
    .map((l, i) => (i === 0 || l === "" ? l : `    ${l}`))
    .join("\n");
}

function renderFootnote(a: ExportAnnotation): string {
  const blocks: string[] = [];
  const status = a.claim ? ` · ${STATUS_LABEL[a.claim.status]}` : "";
  blocks.push(escapeInline([{ raw: `**${KIND_LABEL[a.kind]}${status}** — “` }, a.quote, { raw: "” — " }, a.author.displayName, { raw: `, ${humanTime(a.createdAt)}` }]));
  if (a.tags.length) blocks.push(escapeInline([{ raw: "Tags: " }, a.tags.map((t) => t.path).join("; ")]));
  if (a.text) blocks.push(escapeInline([a.text], { blockStart: true, newlines: "soft" }));
  if (a.claim?.rationale) blocks.push(escapeInline([{ raw: "Rationale: " }, a.claim.rationale]));
  if (a.claim?.reviewer && a.claim.decidedAt) blocks.push(escapeInline([{ raw: "Reviewed by " }, a.claim.reviewer.displayName, { raw: `, ${humanTime(a.claim.decidedAt)}` }]));
  const sources = a.claim?.sources.map(safeLink).filter((u): u is string => u !== null) ?? [];
  if (sources.length) blocks.push("Sources:", sources.map((u) => `- <${u}>`).join("\n"));
  if (a.replies.length) {
    const items = a.replies.map((r) => {
      const stance = STANCE_LABEL[r.stance] ? ` (${STANCE_LABEL[r.stance]})` : "";
      return `${"  ".repeat(r.depth)}- ${escapeInline([{ raw: "**" }, r.author.displayName, { raw: `**${stance}: ` }, r.text])}`;
    });
    blocks.push("Replies:", items.join("\n"));
  }
  return `[^${a.number}]: ${continued(blocks.join("\n\n"))}`;
}

export function renderMarkdown(s: ExportSnapshot): string {
  const pieces = layout(s.paragraphs, s.annotations);
  const front = [
    "---",
    `title: ${yamlString(s.document.title)}`,
    `document: ${yamlString(s.document.id)}`,
    `seq: ${s.document.seq}`,
    `exported: ${yamlString(s.madeAt.toISOString())}`,
    `provenance: ${yamlString(provenance(s))}`,
    "---",
  ].join("\n");
  const blocks = s.paragraphs.map((p) => renderBlock(p, partsOf(pieces[p.index]!)));
  const notes = s.annotations.map(renderFootnote);
  return `${front}\n\n${blocks.join("\n\n")}\n${notes.length ? `\n---\n\n${notes.join("\n\n")}\n` : ""}`;
}

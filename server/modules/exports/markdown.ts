/**
 * Markdown: YAML front matter saying what the export was made from (version included), the
 * article with a footnote marker ([^n]) where each annotation ends, and the notes as footnotes (every
 * continuation line indented four spaces, so a quote or a note spanning paragraphs stays
 * inside its footnote). User text is escaped by markdown-escape.ts, only where CommonMark or
 * GFM would read it as markup, so nothing in it becomes HTML, a link, emphasis or a block;
 * front matter values are YAML strings with `\uXXXX` escapes for `<`, `>`, `&` and Markdown
 * punctuation, so a renderer that shows front matter as text shows the title as text too.
 *
 * An open suggestion shown as a change is CriticMarkup (criticmarkup.com): `{~~old~>new~~}`
 * where it replaces words, `{--old--}` where it deletes them; across paragraphs, the words it
 * removes from each paragraph but the last are `{--…--}` and the last holds the substitution.
 * Its footnote marker follows. Annotations that lost their place are listed under "Not placed",
 * each quote with its footnote marker.
 */
import type { ExportAnnotation, ExportNote, ExportParagraph, ExportSnapshot } from "./snapshot.ts";
import { provenance } from "./snapshot.ts";
import { layout, type Piece } from "./segments.ts";
import { humanTime, KIND_LABEL, NOT_PLACED_NOTE, NOT_PLACED_TITLE, safeLink, STANCE_LABEL, STATUS_LABEL, suggestionLine } from "./labels.ts";
import { escapeInline, yamlString, type InlinePart } from "./markdown-escape.ts";

export { escapeMarkdown } from "./markdown-escape.ts";

/**
 * A paragraph's text parts and its footnote markers, in reading order, with the CriticMarkup of
 * tracked suggestions around the words they change (`last`: the paragraph ends the change).
 */
function partsOf(pieces: Piece[], byNumber: ExportAnnotation[], index: number): InlinePart[] {
  const parts: InlinePart[] = [];
  let change: ExportAnnotation | null = null;
  const opener = (a: ExportAnnotation) => (a.end.index === index && a.suggestion!.replacement !== "" ? "{~~" : "{--");
  for (const p of pieces) {
    if (p.kind === "text") {
      const n = p.notes.find((k) => byNumber[k - 1]!.suggestion?.tracked);
      const a = n === undefined ? null : byNumber[n - 1]!;
      if (change && change !== a) {
        parts.push({ raw: "--}" });
        change = null;
      }
      if (a && !change) {
        change = a;
        parts.push({ raw: opener(a) });
      }
      parts.push(p.text);
    } else if (p.kind === "close") {
      const a = byNumber[p.note - 1]!;
      const g = a.suggestion;
      if (g?.tracked && change === a) parts.push(...(g.replacement === "" ? [{ raw: "--}" }] : [{ raw: "~>" }, g.replacement, { raw: "~~}" }]));
      // Nothing of this paragraph is removed (the change ends at its start): the replacement is an insertion.
      else if (g?.tracked && g.replacement !== "") parts.push({ raw: "{++" }, g.replacement, { raw: "++}" });
      if (g?.tracked) change = null;
      parts.push({ raw: `[^${p.note}]` });
    }
  }
  if (change) parts.push({ raw: "--}" });
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

function renderFootnote(a: ExportNote, placed: boolean): string {
  const blocks: string[] = [];
  const status = a.claim ? ` · ${STATUS_LABEL[a.claim.status]}` : "";
  blocks.push(escapeInline([{ raw: `**${KIND_LABEL[a.kind]}${status}** — “` }, a.quote, { raw: "” — " }, a.author.displayName, { raw: `, ${humanTime(a.createdAt)}` }]));
  const proposal = suggestionLine(a, placed);
  if (proposal) blocks.push(escapeInline([proposal]));
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

/** Annotations that lost their place: a section listing each quote with its footnote marker. */
function notPlaced(s: ExportSnapshot): string[] {
  if (s.unplaced.length === 0) return [];
  return [`## ${NOT_PLACED_TITLE}`, escapeInline([NOT_PLACED_NOTE], { blockStart: true }), ...s.unplaced.map((a) => `- ${escapeInline([{ raw: "“" }, a.quote, { raw: `”[^${a.number}]` }], { blockStart: true })}`)];
}

export function renderMarkdown(s: ExportSnapshot): string {
  const pieces = layout(s.paragraphs, s.annotations);
  const front = [
    "---",
    `title: ${yamlString(s.document.title)}`,
    `document: ${yamlString(s.document.id)}`,
    `version: ${s.document.version}`,
    `seq: ${s.document.seq}`,
    `exported: ${yamlString(s.madeAt.toISOString())}`,
    `provenance: ${yamlString(provenance(s))}`,
    "---",
  ].join("\n");
  const blocks = s.paragraphs.map((p) => renderBlock(p, partsOf(pieces[p.index]!, s.annotations, p.index)));
  const notes = [...s.annotations.map((a) => renderFootnote(a, true)), ...s.unplaced.map((a) => renderFootnote(a, false))];
  return `${front}\n\n${[...blocks, ...notPlaced(s)].join("\n\n")}\n${notes.length ? `\n---\n\n${notes.join("\n\n")}\n` : ""}`;
}

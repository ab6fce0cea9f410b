/**
 * Markdown: YAML front matter saying what the export was made from, the article with a
 * footnote marker ([^n]) where each annotation ends, and the notes as footnotes (continuation
 * lines indented four spaces). All user text is backslash-escaped so that nothing in it
 * becomes markup: no raw HTML, no links, no emphasis, no list or heading starts.
 */
import type { ExportAnnotation, ExportParagraph, ExportSnapshot } from "./snapshot.ts";
import { provenance } from "./snapshot.ts";
import { layout, type Piece } from "./segments.ts";
import { humanTime, KIND_LABEL, safeLink, STANCE_LABEL, STATUS_LABEL } from "./labels.ts";

/**
 * Escapes user text so it reads literally: the characters that start inline markup
 * (emphasis, code, links, autolinks and bare URLs, raw HTML, entities, tables,
 * strikethrough) anywhere, and
 * the ones that start a block (heading, list, quote, setext underline) at a line start.
 */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/[\\`*_[\]<>|~&@]/g, (c) => `\\${c}`)
    // GFM autolinks bare URLs and www. names; breaking their pattern keeps them text.
    .replace(/:(?=\/\/)/g, "\\:")
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}\\.`)
    .replace(/^(\s*)([#+\-=>]|\d+[.)])/gm, (_m, space: string, mark: string) => `${space}${mark.replace(/^(\d*)(.)$/, "$1\\$2")}`);
}

/** Escapes, then keeps line breaks as hard breaks inside one block. */
function inline(s: string): string {
  return escapeMarkdown(s).replace(/\r?\n/g, "\\\n");
}

function renderPieces(pieces: Piece[]): string {
  let out = "";
  for (const p of pieces) {
    if (p.kind === "text") out += inline(p.text);
    else if (p.kind === "close") out += `[^${p.note}]`;
  }
  return out;
}

function renderBlock(p: ExportParagraph, text: string): string {
  switch (p.kind) {
    case "heading":
      return `${"#".repeat(Math.min(Math.max(p.level ?? 2, 1), 6))} ${text}`;
    case "listItem":
      return `${"  ".repeat(Math.max(p.depth ?? 0, 0))}${p.ordered ? "1." : "-"} ${text}`;
    case "quote":
      return `> ${text}`;
    case "meta":
      return `*${text}*`;
    default:
      return text;
  }
}

/** Indents every line after the first by four spaces, as footnote continuations need. */
function continued(lines: string[]): string {
  return lines.map((l, i) => (i === 0 || l === "" ? l : `    ${l}`)).join("\n");
}

function renderFootnote(a: ExportAnnotation): string {
  const lines: string[] = [];
  const status = a.claim ? ` · ${STATUS_LABEL[a.claim.status]}` : "";
  lines.push(`**${KIND_LABEL[a.kind]}${status}** — “${inline(a.quote)}” — ${inline(a.author.displayName)}, ${humanTime(a.createdAt)}`);
  if (a.tags.length) lines.push("", `Tags: ${a.tags.map((t) => inline(t.path)).join("; ")}`);
  if (a.text) lines.push("", ...escapeMarkdown(a.text).split(/\r?\n/));
  if (a.claim?.rationale) lines.push("", `Rationale: ${inline(a.claim.rationale)}`);
  if (a.claim?.reviewer && a.claim.decidedAt) lines.push("", `Reviewed by ${inline(a.claim.reviewer.displayName)}, ${humanTime(a.claim.decidedAt)}`);
  const sources = a.claim?.sources.map(safeLink).filter((u): u is string => u !== null) ?? [];
  if (sources.length) lines.push("", "Sources:", "", ...sources.map((u) => `- <${u}>`));
  if (a.replies.length) {
    lines.push("", "Replies:", "");
    for (const r of a.replies) {
      const stance = STANCE_LABEL[r.stance] ? ` (${STANCE_LABEL[r.stance]})` : "";
      const text = r.deleted ? "*deleted*" : inline(r.text);
      lines.push(`${"  ".repeat(r.depth)}- **${inline(r.author.displayName)}**${stance}: ${text}`);
    }
  }
  return `[^${a.number}]: ${continued(lines)}`;
}

/** A YAML double-quoted scalar (JSON strings are valid YAML). */
const yaml = (s: string) => JSON.stringify(s);

export function renderMarkdown(s: ExportSnapshot): string {
  const pieces = layout(s.paragraphs, s.annotations);
  const front = [
    "---",
    `title: ${yaml(s.document.title)}`,
    `document: ${yaml(s.document.id)}`,
    `seq: ${s.document.seq}`,
    `exported: ${yaml(s.madeAt.toISOString())}`,
    `provenance: ${yaml(provenance(s))}`,
    "---",
  ].join("\n");
  const blocks = s.paragraphs.map((p) => renderBlock(p, renderPieces(pieces[p.index]!)));
  const notes = s.annotations.map(renderFootnote);
  return `${front}\n\n${blocks.join("\n\n")}\n${notes.length ? `\n---\n\n${notes.join("\n\n")}\n` : ""}`;
}

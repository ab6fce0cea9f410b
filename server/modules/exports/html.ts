/**
 * Standalone, printable HTML: the article (of the exported version) with numbered highlights
 * over the exact annotated spans (overlaps split into segments, each listing every note
 * covering it in data-notes) and the notes as endnotes with verdict badges, tags and threads.
 * An open suggestion shown as a change reads as the words it would remove in `<del>` and its
 * replacement in `<ins>` right after them, both labelled (class, title, and a "suggested" mark
 * on its note number). Annotations that lost their place are listed under "Not placed" with
 * the words they were made on.
 *
 * Safety: no script anywhere; every piece of user content goes through escapeHtml (which also
 * replaces control characters, see visible-text.ts); links
 * are only verdict sources re-checked as http(s); a Content-Security-Policy meta tag allows
 * nothing but the one inline stylesheet, pinned by its hash.
 */
import { createHash } from "node:crypto";
import type { ExportAnnotation, ExportNote, ExportParagraph, ExportSnapshot } from "./snapshot.ts";
import { provenance } from "./snapshot.ts";
import { layout, type Piece } from "./segments.ts";
import { humanTime, KIND_LABEL, NOT_PLACED_NOTE, NOT_PLACED_TITLE, safeLink, STANCE_LABEL, STATUS_LABEL, suggestionLine } from "./labels.ts";
import { visibleText } from "./visible-text.ts";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for element content and quoted attribute values alike; control characters become U+FFFD. */
export function escapeHtml(s: string): string {
  return visibleText(s).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const STYLE = `
body{font:16px/1.6 Georgia,serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
.provenance{font:13px/1.4 system-ui,sans-serif;color:#555;border-bottom:1px solid #ddd;padding-bottom:.5rem}
mark{background:#fff1a8;padding:0 1px}mark.n2{background:#ffd970}mark.n3{background:#ffc04d}
sup.ref a{font:11px system-ui,sans-serif;text-decoration:none;color:#7a4b00}
.meta{color:#555;font-style:italic}blockquote{border-left:3px solid #ccc;margin-left:0;padding-left:1rem}
.notes{border-top:2px solid #333;margin-top:3rem;font-size:15px}.notes li{margin-bottom:1rem}
.quote{font-style:italic;color:#333}.badge{font:12px system-ui,sans-serif;border-radius:3px;padding:1px 6px;color:#fff;background:#666}
.badge.supported{background:#2e7d32}.badge.disputed{background:#ef6c00}.badge.false{background:#c62828}
.badge.misleading{background:#ad1457}.badge.unverifiable{background:#546e7a}.badge.open,.badge.in_review{background:#1565c0}
.tag{font:12px system-ui,sans-serif;border:1px solid #bbb;border-radius:3px;padding:0 4px;margin-right:4px}
.body,.reply .text{white-space:pre-wrap}.thread{list-style:none;padding-left:1rem;border-left:2px solid #eee}
.stance{font:12px system-ui,sans-serif;color:#555}
.d1{margin-left:1.5rem}.d2{margin-left:3rem}.d3{margin-left:4.5rem}.d4{margin-left:6rem}
del.suggested{color:#a11;background:#fde7e7}ins.suggested{color:#175c1e;background:#e2f5e4;text-decoration:underline}
sup.ref .label{font-variant:small-caps;margin-left:2px}.suggestion{font:13px system-ui,sans-serif;color:#333}
.unplaced{border-top:2px solid #333;margin-top:3rem;font-size:15px}
@media print{body{margin:0;max-width:none}a{color:inherit}.notes{page-break-before:always}}
`.trim();

const CSP = `default-src 'none'; style-src 'sha256-${createHash("sha256").update(STYLE).digest("base64")}'; img-src data:; base-uri 'none'; form-action 'none'`;

/** Nesting as a class: the CSP allows no inline style attributes. */
function depthClass(depth: number): string {
  return `d${Math.min(Math.max(depth, 0), 4)}`;
}

function renderPieces(pieces: Piece[], byNumber: ExportAnnotation[]): string {
  let out = "";
  for (const p of pieces) {
    if (p.kind === "text") {
      let text = escapeHtml(p.text);
      const change = p.notes.find((n) => byNumber[n - 1]!.suggestion?.tracked);
      if (change !== undefined) text = `<del class="suggested" data-note="${change}" title="Suggested change ${change}: remove">${text}</del>`;
      out += p.notes.length ? `<mark class="n${Math.min(p.notes.length, 3)}" data-notes="${p.notes.join(" ")}">${text}</mark>` : text;
    } else if (p.kind === "close") {
      const g = byNumber[p.note - 1]!.suggestion;
      if (g?.tracked && g.replacement !== "") out += `<ins class="suggested" data-note="${p.note}" title="Suggested change ${p.note}: put in">${escapeHtml(g.replacement)}</ins>`;
      const label = g?.tracked ? `<span class="label">suggested</span>` : "";
      out += `<sup class="ref"><a href="#note-${p.note}" id="ref-${p.note}">${p.note}${label}</a></sup>`;
    }
  }
  return out;
}

function blockTag(p: ExportParagraph): string {
  if (p.kind === "heading") return `h${Math.min(Math.max(p.level ?? 2, 1), 6)}`;
  return "p";
}

/** The article: paragraphs as blocks, runs of list items as lists, quotes as blockquotes. */
function renderArticle(s: ExportSnapshot): string {
  const pieces = layout(s.paragraphs, s.annotations);
  const parts: string[] = [];
  let list: "ul" | "ol" | null = null;
  for (const p of s.paragraphs) {
    const inner = renderPieces(pieces[p.index]!, s.annotations);
    const wanted = p.kind === "listItem" ? (p.ordered ? "ol" : "ul") : null;
    if (list && list !== wanted) parts.push(`</${list}>`);
    if (wanted && list !== wanted) parts.push(`<${wanted}>`);
    list = wanted;
    const at = `data-p="${p.index}"`;
    if (p.kind === "listItem") parts.push(`<li ${at} class="${depthClass(p.depth ?? 0)}">${inner}</li>`);
    else if (p.kind === "quote") parts.push(`<blockquote><p ${at}>${inner}</p></blockquote>`);
    else if (p.kind === "meta") parts.push(`<p class="meta" ${at}>${inner}</p>`);
    else parts.push(`<${blockTag(p)} ${at}>${inner}</${blockTag(p)}>`);
  }
  if (list) parts.push(`</${list}>`);
  return parts.join("\n");
}

function renderTags(a: ExportNote): string {
  return a.tags.map((t) => `<span class="tag">${escapeHtml(t.path)}</span>`).join("");
}

function renderClaim(a: ExportNote): string {
  if (!a.claim) return "";
  const c = a.claim;
  const parts = [`<span class="badge ${c.status}">${STATUS_LABEL[c.status]}</span>`];
  if (c.reviewer && c.decidedAt) parts.push(` <span class="stance">by ${escapeHtml(c.reviewer.displayName)}, ${humanTime(c.decidedAt)}</span>`);
  if (c.rationale) parts.push(`<div class="body rationale">${escapeHtml(c.rationale)}</div>`);
  const links = c.sources.flatMap((u) => {
    const href = safeLink(u);
    return href ? [`<li><a href="${escapeHtml(href)}" rel="noopener noreferrer nofollow">${escapeHtml(u)}</a></li>`] : [];
  });
  if (links.length) parts.push(`<ul class="sources">${links.join("")}</ul>`);
  return `<div class="verdict">${parts.join("")}</div>`;
}

function renderThread(a: ExportNote): string {
  if (a.replies.length === 0) return "";
  const items = a.replies.map((r) => {
    const stance = STANCE_LABEL[r.stance] ? ` <span class="stance">(${STANCE_LABEL[r.stance]})</span>` : "";
    const text = `<span class="text">${escapeHtml(r.text)}</span>`;
    return `<li class="reply ${depthClass(r.depth)}"><strong>${escapeHtml(r.author.displayName)}</strong>${stance}: ${text}</li>`;
  });
  return `<ul class="thread">${items.join("")}</ul>`;
}

function renderNote(a: ExportNote, placed: boolean): string {
  const head = `<strong>${KIND_LABEL[a.kind]}</strong> by ${escapeHtml(a.author.displayName)}, ${humanTime(a.createdAt)} ${renderTags(a)}`;
  const line = suggestionLine(a, placed);
  const suggestion = line ? `<p class="suggestion" data-state="${a.suggestion!.state}">${escapeHtml(line)}</p>` : "";
  const body = a.text ? `<div class="body">${escapeHtml(a.text)}</div>` : "";
  const back = placed ? `<p><a href="#ref-${a.number}">↩ back</a></p>` : "";
  return `<li id="note-${a.number}" value="${a.number}" data-annotation="${escapeHtml(a.id)}" data-kind="${a.kind}"><p class="quote">“${escapeHtml(a.quote)}”</p><p>${head}</p>${suggestion}${renderClaim(a)}${body}${renderThread(a)}${back}</li>`;
}

/** Annotations that lost their place: listed with their quotes, never highlighted in the text. */
function renderNotPlaced(s: ExportSnapshot): string {
  if (s.unplaced.length === 0) return "";
  return `<section class="unplaced" id="not-placed"><h2>${NOT_PLACED_TITLE}</h2>
<p class="meta">${escapeHtml(NOT_PLACED_NOTE)}</p>
<ol>
${s.unplaced.map((a) => renderNote(a, false)).join("\n")}
</ol>
</section>
`;
}

export function renderHtml(s: ExportSnapshot): string {
  const title = escapeHtml(s.document.title);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="Scholia">
<meta name="scholia:document" content="${escapeHtml(s.document.id)}">
<meta name="scholia:version" content="${s.document.version}">
<meta name="scholia:seq" content="${s.document.seq}">
<meta name="scholia:exported-at" content="${s.madeAt.toISOString()}">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<p class="provenance">${escapeHtml(provenance(s))}</p>
<article>
${renderArticle(s)}
</article>
<section class="notes"><h2>Notes</h2>
<ol>
${s.annotations.map((a) => renderNote(a, true)).join("\n")}
</ol>
</section>
${renderNotPlaced(s)}</body>
</html>
`;
}

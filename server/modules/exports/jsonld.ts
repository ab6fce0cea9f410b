/**
 * W3C Web Annotation JSON-LD: an AnnotationCollection whose pages hold one Annotation per
 * note (target source + TextQuoteSelector + TextPositionSelector; motivation commenting,
 * highlighting, tagging, assessing or editing; TextualBody bodies, tags with purpose "tagging")
 * and one per reply (motivation "replying", targeting the note or reply it answers).
 *
 * Text model, stated in every output: TextPositionSelector start/end count Unicode code
 * points (as the model requires) in the plain text of the exported document version, which is
 * its paragraph texts in order joined with one line feed; TextQuoteSelector prefix and suffix
 * are taken from that same text, so they run across paragraph ends. Every target's `source` is
 * the IRI of that version's text (the document page with `?version=N`, never an API URL) and
 * says the version again as `scholia:version` (an xsd:integer, defined in the context); the
 * collection carries that plain text itself as a resource with the same IRI (`scholia:text`:
 * type Text, format text/plain, `value`), so a reader needs nothing else to resolve the
 * selectors. A suggestion is an annotation with motivation "editing" whose body holds the
 * replacement (purpose "editing"); `scholia:suggestion` says its state at that version. An
 * annotation that lost its place keeps only its TextQuoteSelector (the words it was made on,
 * with the context stored then) and says `scholia:placed: false`. By default the collection
 * embeds a single page holding every item, so a file is self-contained; `pageSize` splits it,
 * and `page` serves one page (whose `partOf` still carries the text).
 */
import type { ExportAnnotation, ExportNote, ExportSnapshot, UnplacedNote } from "./snapshot.ts";
import { provenance } from "./snapshot.ts";
import { STATUS_LABEL } from "./labels.ts";
import { documentVersionUrl } from "./links.ts";
import { ValidationError } from "../../http/errors.ts";
import { joinParagraphs } from "../../../common/anchoring.ts";

export const ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld";
export const TEXT_MODEL =
  "TextPositionSelector start and end count Unicode code points in the plain text of the exported document version (scholia:version): its paragraph texts, in order, joined with a single line feed (U+000A). That text is embedded as scholia:text, whose id is every target's source; TextQuoteSelector prefix and suffix are cut from it too, except for an annotation that lost its place (scholia:placed false), whose TextQuoteSelector holds the words and context it was made on.";
/** Characters (code points) of context kept on each side of a quote. */
export const CONTEXT_CHARS = 32;

type Json = string | number | boolean | null | Json[] | { [k: string]: Json | undefined };
type JsonObject = { [k: string]: Json | undefined };

/** Number of Unicode code points in a string (surrogate pairs count once). */
export function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) n++;
    else {
      const d = s.charCodeAt(i + 1);
      n++;
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return n;
}

export const annotationIri = (id: string) => `urn:scholia:annotation:${id}`;
export const replyIri = (id: string) => `urn:scholia:reply:${id}`;
const personOf = (p: { id: string; displayName: string }): JsonObject => ({ id: `urn:scholia:user:${p.id}`, type: "Person", name: p.displayName });

function motivationOf(a: ExportNote): string {
  if (a.kind === "suggestion") return "editing";
  if (a.kind === "claim") return "assessing";
  if (a.kind === "comment") return "commenting";
  return a.text === "" && a.tags.length > 0 ? "tagging" : "highlighting";
}

function bodiesOf(a: ExportNote): JsonObject[] {
  const bodies: JsonObject[] = [];
  if (a.suggestion) bodies.push({ type: "TextualBody", value: a.suggestion.replacement, format: "text/plain", purpose: "editing" });
  if (a.text) bodies.push({ type: "TextualBody", value: a.text, format: "text/plain", purpose: "commenting" });
  for (const t of a.tags) bodies.push({ type: "TextualBody", value: t.path, purpose: "tagging" });
  const c = a.claim;
  if (c && c.status !== "open") {
    bodies.push({ type: "TextualBody", value: c.rationale ? `${STATUS_LABEL[c.status]}: ${c.rationale}` : STATUS_LABEL[c.status], format: "text/plain", purpose: "assessing" });
  }
  return bodies;
}

/** The document's plain text as code points, with each paragraph's start in it. */
export interface PlainText {
  text: string;
  chars: string[];
  starts: number[];
}

export function plainTextOf(s: ExportSnapshot): PlainText {
  const texts = s.paragraphs.map((p) => p.text);
  const text = joinParagraphs(texts);
  return { text, chars: Array.from(text), starts: paragraphStarts(texts) };
}

/** What every annotation item says, wherever its target lies. */
function noteItem(a: ExportNote, target: JsonObject): JsonObject {
  const bodies = bodiesOf(a);
  const item: JsonObject = {
    id: annotationIri(a.id),
    type: "Annotation",
    motivation: motivationOf(a),
    created: a.createdAt.toISOString(),
    modified: a.updatedAt.toISOString(),
    creator: personOf(a.author),
    target,
    "scholia:kind": a.kind,
    "scholia:number": a.number,
  };
  if (bodies.length) item.body = bodies;
  if (a.claim) {
    item["scholia:claim"] = {
      status: a.claim.status,
      rationale: a.claim.rationale,
      sources: a.claim.sources,
      assignee: a.claim.assignee ? personOf(a.claim.assignee) : null,
      reviewer: a.claim.reviewer ? personOf(a.claim.reviewer) : null,
      decidedAt: a.claim.decidedAt?.toISOString() ?? null,
    };
  }
  if (a.suggestion) {
    item["scholia:suggestion"] = { state: a.suggestion.state, decidedAt: a.suggestion.decidedAt?.toISOString() ?? null, appliedVersion: a.suggestion.appliedVersion };
  }
  return item;
}

function annotationItem(a: ExportAnnotation, s: ExportSnapshot, source: string, plain: PlainText): JsonObject {
  const para = (i: number) => s.paragraphs[i]!.text;
  const start = plain.starts[a.start.index]! + codePoints(para(a.start.index).slice(0, a.start.offset));
  const end = plain.starts[a.end.index]! + codePoints(para(a.end.index).slice(0, a.end.offset));
  const prefix = plain.chars.slice(Math.max(0, start - CONTEXT_CHARS), start).join("");
  const suffix = plain.chars.slice(end, end + CONTEXT_CHARS).join("");
  return noteItem(a, {
    source,
    "scholia:version": s.document.version,
    selector: [
      { type: "TextQuoteSelector", exact: a.quote, prefix, suffix },
      { type: "TextPositionSelector", start, end },
    ],
  });
}

/** An annotation that lost its place: its quote and the context stored with it, no position. */
function unplacedItem(a: UnplacedNote, s: ExportSnapshot, source: string): JsonObject {
  return { ...noteItem(a, { source, "scholia:version": s.document.version, selector: { type: "TextQuoteSelector", exact: a.quote, prefix: a.prefix, suffix: a.suffix } }), "scholia:placed": false };
}

function replyItems(a: ExportNote): JsonObject[] {
  return a.replies.map((r) => ({
    id: replyIri(r.id),
    type: "Annotation",
    motivation: "replying",
    created: r.createdAt.toISOString(),
    creator: personOf(r.author),
    body: [{ type: "TextualBody", value: r.text, format: "text/plain", purpose: "replying" }],
    target: r.parentId ? replyIri(r.parentId) : annotationIri(a.id),
    "scholia:stance": r.stance,
  }));
}

/** Code-point offset of each paragraph's start in the joined plain text. */
export function paragraphStarts(texts: string[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const t of texts) {
    starts.push(at);
    at += codePoints(t) + 1;
  }
  return starts;
}

/** The export query that reproduces this collection (format and filters), for its IRIs. */
function filterQuery(s: ExportSnapshot): string {
  const q = new URLSearchParams({ format: "jsonld", version: String(s.document.version) });
  const f = s.filters;
  if (f.kinds?.length) q.set("kinds", f.kinds.join(","));
  if (f.tags?.length) q.set("tags", f.tags.join(","));
  if (f.statuses?.length) q.set("statuses", f.statuses.join(","));
  if (!f.replies) q.set("replies", "false");
  if (f.suggestions === "all") q.set("suggestions", "all");
  return q.toString();
}

export interface JsonLdPaging {
  pageSize?: number | undefined;
  page?: number | undefined;
}

export function renderJsonLd(s: ExportSnapshot, paging: JsonLdPaging = {}): JsonObject {
  const base = `${s.origin}/api/documents/${s.document.id}`;
  const collectionId = `${base}/export?${filterQuery(s)}`;
  const source = documentVersionUrl(s.origin, s.document.id, s.document.version);
  const plain = plainTextOf(s);
  const items: JsonObject[] = [];
  for (const a of s.annotations) items.push(annotationItem(a, s, source, plain), ...replyItems(a));
  for (const a of s.unplaced) items.push(unplacedItem(a, s, source), ...replyItems(a));
  const size = paging.pageSize ?? Math.max(items.length, 1);
  const pageCount = Math.max(Math.ceil(items.length / size), 1);
  const pageId = (k: number) => (paging.pageSize ? `${collectionId}&pageSize=${size}&page=${k}` : `${collectionId}#page-${k}`);
  const pageOf = (k: number): JsonObject => ({
    id: pageId(k),
    type: "AnnotationPage",
    partOf: collectionId,
    startIndex: k * size,
    ...(k > 0 ? { prev: pageId(k - 1) } : {}),
    ...(k + 1 < pageCount ? { next: pageId(k + 1) } : {}),
    items: items.slice(k * size, (k + 1) * size),
  });
  const context: Json = [ANNO_CONTEXT, { scholia: `${s.origin}/ns/scholia#`, xsd: "http://www.w3.org/2001/XMLSchema#", "scholia:version": { "@id": "scholia:version", "@type": "xsd:integer" } }];
  const collection: JsonObject = {
    id: collectionId,
    type: "AnnotationCollection",
    label: `Annotations on ${s.document.title}`,
    total: items.length,
    generator: { id: s.origin, type: "Software", name: "Scholia" },
    generated: s.madeAt.toISOString(),
    "scholia:document": { id: s.document.id, title: s.document.title, source, seq: s.document.seq, version: s.document.version, currentVersion: s.document.currentVersion },
    "scholia:textModel": TEXT_MODEL,
    "scholia:text": { id: source, type: "Text", format: "text/plain", value: plain.text },
    "scholia:provenance": provenance(s),
  };
  if (paging.page !== undefined) {
    if (paging.page >= pageCount) throw ValidationError(`page: this collection has ${pageCount} page(s), numbered from 0`, "page");
    return { "@context": context, ...pageOf(paging.page), partOf: collection };
  }
  return { "@context": context, ...collection, first: pageOf(0), last: pageId(pageCount - 1) };
}

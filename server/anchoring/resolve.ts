/**
 * Anchors: paragraph ids plus UTF-16 offsets. The server never trusts a client's quote: it
 * computes quote, prefix and suffix from its own paragraph text and refuses an anchor that
 * points outside the text, runs backwards, splits a character, or whose claimed quote differs.
 */
import type { AnchorInput } from "../../common/annotations.ts";
import { contextOf, quoteOf, splitsSurrogatePair } from "../../common/anchoring.ts";

export interface ParagraphText {
  id: string;
  position: number;
  text: string;
}

/** An anchor as the server keeps it: its two points, the quote between them and the context around it. */
export interface ResolvedAnchor {
  startPid: string;
  startOffset: number;
  endPid: string;
  endOffset: number;
  quote: string;
  prefix: string;
  suffix: string;
}

export type AnchorResult = { ok: true; anchor: ResolvedAnchor } | { ok: false; field: string; message: string };

/**
 * Resolves an anchor against `span`: the paragraphs from the start paragraph to the end
 * paragraph inclusive, in document order.
 */
export function resolveAnchor(span: ParagraphText[], input: AnchorInput): AnchorResult {
  const first = span[0];
  const last = span[span.length - 1];
  if (!first || first.id !== input.start.paragraphId) return { ok: false, field: "anchor.start.paragraphId", message: "anchor.start.paragraphId: no such paragraph in this document" };
  if (!last || last.id !== input.end.paragraphId) return { ok: false, field: "anchor.end.paragraphId", message: "anchor.end.paragraphId: no such paragraph in this document" };
  if (first.position > last.position) return { ok: false, field: "anchor.end", message: "anchor.end: comes before anchor.start" };
  const { offset: s } = input.start;
  const { offset: e } = input.end;
  if (s > first.text.length) return { ok: false, field: "anchor.start.offset", message: `anchor.start.offset: ${s} is past the paragraph's end (${first.text.length})` };
  if (e > last.text.length) return { ok: false, field: "anchor.end.offset", message: `anchor.end.offset: ${e} is past the paragraph's end (${last.text.length})` };
  if (first.id === last.id && e <= s) return { ok: false, field: "anchor.end.offset", message: "anchor.end.offset: the span is empty or runs backwards" };
  if (splitsSurrogatePair(first.text, s)) return { ok: false, field: "anchor.start.offset", message: "anchor.start.offset: splits a character" };
  if (splitsSurrogatePair(last.text, e)) return { ok: false, field: "anchor.end.offset", message: "anchor.end.offset: splits a character" };

  const quote = quoteOf(first.id === last.id ? [first] : span, s, e);
  if (input.quote !== undefined && input.quote !== quote) {
    return { ok: false, field: "anchor.quote", message: "anchor.quote: does not match the document's text at these offsets" };
  }
  if (quote.trim().length === 0) return { ok: false, field: "anchor", message: "anchor: the span holds only whitespace" };
  return {
    ok: true,
    anchor: {
      startPid: first.id,
      startOffset: s,
      endPid: last.id,
      endOffset: e,
      quote,
      ...contextOf(first.text, s, last.text, e),
    },
  };
}

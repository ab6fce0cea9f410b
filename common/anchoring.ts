/**
 * The anchoring rules both ends share. An anchor is a start and an end point (paragraph id +
 * UTF-16 offset into that paragraph's text); its quote is the text between them, paragraphs
 * joined with PARAGRAPH_SEPARATOR; prefix and suffix are CONTEXT_CHARS of text around it. The
 * server decides anchors against its own text (server/anchoring/resolve.ts); the browser builds
 * its selections with the same functions, so the two cannot disagree on what a quote is.
 */

/** Paragraphs are joined with this in quotes that span several of them, and in a document's joined text. */
export const PARAGRAPH_SEPARATOR = "\n";
/** Characters of context kept on each side of a quote. */
/**
 * An anchor carried with less confidence than this is shown as uncertain (its text changed and a
 * person should look), in the article and in the "needs checking" list.
 */
export const CERTAIN_CONFIDENCE = 0.9;

export const CONTEXT_CHARS = 32;

/** Texts of consecutive paragraphs as one string. */
export function joinParagraphs(texts: readonly string[]): string {
  return texts.join(PARAGRAPH_SEPARATOR);
}

/** The quote of a span: from `start` in the first paragraph's text to `end` in the last's. */
export function quoteOf(span: readonly { text: string }[], start: number, end: number): string {
  if (span.length === 1) return span[0]!.text.slice(start, end);
  return joinParagraphs([span[0]!.text.slice(start), ...span.slice(1, -1).map((p) => p.text), span[span.length - 1]!.text.slice(0, end)]);
}

/**
 * The context around a span: up to CONTEXT_CHARS before `start` in its paragraph, and after `end`
 * in its own, one code unit shorter where the window's far edge would cut a surrogate pair (half
 * a character is not text: stored or sent, it turns into U+FFFD and no longer matches).
 */
export function contextOf(firstText: string, start: number, lastText: string, end: number): { prefix: string; suffix: string } {
  let from = Math.max(0, start - CONTEXT_CHARS);
  if (splitsSurrogatePair(firstText, from)) from++;
  let to = Math.min(lastText.length, end + CONTEXT_CHARS);
  if (splitsSurrogatePair(lastText, to)) to--;
  return { prefix: firstText.slice(from, start), suffix: lastText.slice(end, Math.max(end, to)) };
}

/** True when `offset` falls between the two halves of a surrogate pair (an anchor may not cut a character). */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

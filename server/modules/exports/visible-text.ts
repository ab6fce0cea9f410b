/**
 * Text for the human-readable formats (HTML, Markdown, Word): control characters never come
 * out raw. NUL, the other C0 controls except tab and line feed, DEL, the C1 controls,
 * noncharacters and unpaired surrogates each become U+FFFD (the replacement character), so a
 * reader sees that something was there, as CommonMark does with NUL; CR LF and a lone CR
 * become a line feed. The machine formats (JSON-LD, ClaimReview, CSV) keep the exact text,
 * escaped by their own syntax, since positions and quotes must match the stored text.
 */

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]/g;

/** Any character visibleText might change (a surrogate is checked further); most text has none. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const MAY_CHANGE = /[\r\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFDD0-\uFDEF\uFFFE\uFFFF]/;

/** The text with line ends as "\n" and every unsafe character replaced by U+FFFD. */
export function visibleText(s: string): string {
  if (!MAY_CHANGE.test(s)) return s;
  return s.replace(/\r\n?/g, "\n").replace(UNSAFE, "\uFFFD");
}

/**
 * Lines a saved or pasted news or blog page carries between its paragraphs
 * that belong to the page, not the article: an advertisement slot's label,
 * a share prompt, a link to another story, a newsletter sign-up. A body
 * paragraph is dropped as furniture only when it is one of these whole and
 * clearly so:
 *
 * - it is only a slot label: "Advertisement", "Story continues below
 *   advertisement", "Share this article", "Read more", "Related stories"…;
 * - it is a call to sign up for a newsletter that starts with the verb
 *   ("Sign up for our newsletter…", "Subscribe to the Morning Brief
 *   newsletter") in at most 30 words;
 * - it is a reading time ("8 min read"), with at most the date after it;
 * - it is "Related:", "Read more:", "Read also:", "Also read:", "More on
 *   this:" or "Recommended:" followed by a story's title: all of it one
 *   link, or, without links (plain text), at most 15 words with no full
 *   stop, as a headline is written.
 *
 * Everything else stays: a sentence that mentions a newsletter, "See also:"
 * in a scholarly text, a paragraph with a link inside prose.
 */
import type { ImportedBlock } from "./types.ts";

/** Furniture is short; longer paragraphs are not looked at. */
const MAX_FURNITURE_CHARS = 300;

const SLOT_RE =
  /^(?:advert(?:isement|isment)|sponsored(?: content)?|(?:story|article) continues below(?: this)? advert(?:isement)?|continue reading below|skip advert(?:isement)?|scroll to continue(?: with content)?|share this(?: article| story| post)?|read more|related(?: articles| stories| posts| content| reading)?|recommended(?: for you)?|more from this author)[\s:.…]*$/i;
const NEWSLETTER_RE = /^(?:sign up|subscribe|register|join|get)\b[^.!?]{0,120}\bnewsletters?\b/i;
/** A by-line's reading time on a line of its own, with at most the date after it ("8 min read", "8 min read · Mar 3, 2025"). */
const READING_TIME_RE = /^\d{1,3}\s*(?:min(?:ute)?s?)\.?\s+read(?:ing)?(?:\s+time)?\s*[·•|,–—-]?\s*(?<rest>.*)$/iu;
const TEASER_RE = /^(?:related|read more|read also|also read|more on this(?: topic)?|recommended|read next)\s*[:|–—-]\s*/i;

function words(text: string): number {
  return text.split(/\s+/).filter((w) => w !== "").length;
}

/** The paragraph is page furniture (see above). */
export function isPageFurniture(block: ImportedBlock): boolean {
  if (block.kind !== "paragraph" || block.role !== undefined || block.text.length > MAX_FURNITURE_CHARS + 100) return false;
  const text = block.text.trim();
  if (text.length > MAX_FURNITURE_CHARS) return false;
  if (SLOT_RE.test(text)) return true;
  if (NEWSLETTER_RE.test(text) && words(text) <= 30) return true;
  const afterTime = READING_TIME_RE.exec(text)?.groups?.rest;
  if (afterTime !== undefined && (afterTime === "" || (afterTime.length <= 30 && /\d/.test(afterTime) && !/[.!?]$/.test(afterTime)))) return true;
  const teaser = TEASER_RE.exec(text);
  if (!teaser) return false;
  const rest = text.slice(teaser[0].length);
  if (rest === "") return false;
  const start = block.text.indexOf(rest);
  const linked = (block.marks ?? []).some((m) => m.type === "link" && m.start <= start && m.end >= start + rest.trimEnd().length);
  if (linked) return words(rest) <= 30;
  return words(rest) <= 15 && !/[.!?]["”’)]?$/.test(rest) && !/\.\s/.test(rest);
}

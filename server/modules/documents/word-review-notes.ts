/**
 * A Word file's review as notes: each comment becomes a comment note on its passage and each
 * threaded reply a reply in its thread; each tracked change (taken as accepted in the text)
 * becomes a comment note saying what was inserted or deleted. They are written by the JSON-LD
 * import's writer (annotations:import, import.service.ts), so they go through the same checks,
 * events and notifications as any note.
 *
 * Word's people are not members: the person importing is the notes' author, and each note's text
 * starts with the Word author and date, "Jane Doe (Word comment, 2024-03-02): ..." (a LibreOffice
 * Writer file's, "Writer comment"). A comment
 * whose passage was not found exactly is not guessed onto another passage: it is kept on the
 * document's first block, and its text says so.
 */
import { MAX_BODY_CHARS } from "../../../common/body-input.ts";
import { quoteOf } from "../../../common/anchoring.ts";
import type { ImportBatch, ImportNote, ImportReply } from "../exports/jsonld-input.ts";
import type { Placement } from "../../anchoring/quote-placement.ts";
import type { BlockSpan, ImportedChange, ImportedComment, ImportedReview } from "./import/types.ts";

export interface WordReviewNotes {
  batch: ImportBatch;
  placements: Placement[];
  /** Notes whose passage was not found, with why (they are on the first block). */
  notPlaced: Array<{ id: string; reason: string }>;
}

const CUT = "\n[Cut to fit a note.]";

/** "2024-03-02" from an ISO date; null for anything else. */
function dayOf(date: string | null): string | null {
  return date && /^\d{4}-\d{2}-\d{2}/.test(date) ? date.slice(0, 10) : null;
}

/** `head` + `text` (+ `tail`), the text cut so the whole fits a note body. */
function noteText(head: string, text: string, truncated: boolean, tail = ""): string {
  const room = MAX_BODY_CHARS - head.length - tail.length;
  const cut = truncated || text.length > room;
  const body = cut ? text.slice(0, Math.max(0, room - CUT.length)) + CUT : text;
  return head + body + tail;
}

function byline(author: string, what: string, date: string | null, extra: string[] = []): string {
  const day = dayOf(date);
  return `${author || "Unknown author"} (${[what, ...(day ? [day] : []), ...extra].join(", ")}): `;
}

const notPlacedTail = (reason: string) => `\n[Not placed on its passage: ${reason}.]`;

export function commentText(c: ImportedComment, application = "Word"): string {
  const head = byline(c.author, c.parentId ? `${application} reply` : `${application} comment`, c.date, c.done && !c.parentId ? ["resolved"] : []);
  return noteText(head, c.text, c.truncated, c.notPlaced ? notPlacedTail(c.notPlaced) : "");
}

export function changeText(c: ImportedChange, application = "Word"): string {
  const head = byline(c.author, `${application} tracked ${c.kind}`, c.date, ["accepted on import"]);
  const what = c.kind === "insertion" ? `inserted “${c.text}”` : `deleted “${c.text}” beside this word`;
  return noteText(head, what, false, c.notPlaced ? notPlacedTail(c.notPlaced) : "");
}

/** The notes, replies and their placements for `review`, on the stored `paragraphs` (in block order). */
export function wordReviewNotes(review: ImportedReview, paragraphs: ReadonlyArray<{ id: string; text: string }>): WordReviewNotes {
  const notes: ImportNote[] = [];
  const replies: ImportReply[] = [];
  const placements: Placement[] = [];
  const notPlaced: WordReviewNotes["notPlaced"] = [];
  const first = paragraphs[0];
  const fallback: BlockSpan | null = first ? { start: { block: 0, offset: 0 }, end: { block: 0, offset: first.text.length } } : null;

  const add = (sourceId: string, text: string, span: BlockSpan | null, reason: string | undefined) => {
    const at = span ?? fallback;
    if (!at) return;
    const span_ = paragraphs.slice(at.start.block, at.end.block + 1);
    const quote = quoteOf(span_, at.start.offset, at.end.offset);
    notes.push({ sourceId, kind: "comment", text, tags: [], target: { exact: quote, prefix: "", suffix: "" } });
    placements.push({
      ok: true,
      start: { paragraphId: paragraphs[at.start.block]!.id, offset: at.start.offset },
      end: { paragraphId: paragraphs[at.end.block]!.id, offset: at.end.offset },
      quote,
      method: "position",
      confidence: span ? 1 : 0,
    });
    if (!span) notPlaced.push({ id: sourceId, reason: reason ?? "not placed" });
  };

  const roots = new Set<string>();
  for (const c of review.comments) {
    if (c.parentId !== null) continue;
    roots.add(c.id);
    add(`comment:${c.id}`, commentText(c, review.application), c.span, c.notPlaced);
  }
  for (const c of review.comments) {
    if (c.parentId === null || !roots.has(c.parentId)) continue;
    replies.push({ sourceId: `comment:${c.id}`, targetId: `comment:${c.parentId}`, text: commentText(c, review.application), stance: "none" });
  }
  review.changes.forEach((c, n) => add(`change:${n}`, changeText(c, review.application), c.span, c.notPlaced));
  return { batch: { notes, replies, skipped: [] }, placements, notPlaced };
}

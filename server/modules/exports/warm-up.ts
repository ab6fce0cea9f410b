/**
 * Warming a worker thread's export code before its first real job. A thread that has just loaded
 * its modules runs them unoptimised: its first large exports took one and a half to two times
 * as long as the same exports once the code was warm (a Word export's halves 250-470 ms against
 * 110-170 ms). So a thread the pool keeps (the server's, pool.ts: started with it) writes a small
 * made-up document in every export format, through the same job functions, before it takes a
 * job: about half a second of CPU, spent while the server starts, not while a member waits.
 *
 * The document exercises the paths a real one takes: headings, lists, quotes; notes of every
 * kind with tags, claims and their verdicts, suggestions shown as tracked changes (some across
 * paragraphs), overlapping ranges, threads with replies to replies; notes not placed; markup
 * characters, line feeds and characters outside Latin-1 in the text.
 */
import type { ExportFormat } from "../../../common/review.ts";
import type { ExportAnnotation, ExportParagraph, ExportReply, ExportSnapshot, UnplacedNote } from "./snapshot.ts";
import { packSnapshot, unpackSnapshot } from "./packed-snapshot.ts";
import { docxHalf, docxSplit, packDocxHalves } from "./docx.ts";
import { render } from "./render.ts";

const PARAGRAPHS = 80;
const NOTES = 400;
const REPLIES_PER_NOTE = 4;
const UNPLACED = 12;
/** Rounds over the document: enough for the hot functions to be optimised. */
const ROUNDS = 3;
const OTHER_FORMATS: ExportFormat[] = ["html", "md", "jsonld", "csv", "claimreview"];

const PEOPLE = [
  { id: "u_warm_1", displayName: "Ana Analyst" },
  { id: "u_warm_2", displayName: "Ben O'Reader" },
  { id: "u_warm_3", displayName: "Chloé Δ Editor" },
];
const TAGS = [
  { id: "t_warm_1", path: "Policy", color: "#336699" },
  { id: "t_warm_2", path: "Policy / Treaties", color: "#993366" },
];
const WORDS = "alliances hedge quietly while ministers draft escape clauses and treaties lapse into regional agreements".split(" ");
const KINDS = ["claim", "comment", "highlight", "suggestion"] as const;
const STATUSES = ["open", "in_review", "supported", "disputed", "false", "unverifiable"] as const;
const STANCES = ["supports", "disputes", "questions", "none"];

/** A made-up snapshot of the shape loadSnapshot reads (deterministic). */
export function warmUpSnapshot(): ExportSnapshot {
  const at = new Date(Date.UTC(2026, 0, 1, 9, 0));
  const later = (minutes: number) => new Date(at.getTime() + minutes * 60_000);
  const paragraphs: ExportParagraph[] = Array.from({ length: PARAGRAPHS }, (_, index) => {
    const kind = index % 20 === 0 ? "heading" : index % 7 === 3 ? "listItem" : index % 11 === 5 ? "quote" : "paragraph";
    const words = Array.from({ length: kind === "heading" ? 4 : 40 }, (_, w) => WORDS[(index + w * 3) % WORDS.length]);
    const text = kind === "heading" ? words.join(" ") : `${words.join(" ")}. Figures ${index} & <b>${index % 100}%</b> = "quoted" — “noted”.`;
    return { id: `p_warm_${index}`, index, kind, text, level: kind === "heading" ? 2 : null, role: null, depth: kind === "listItem" ? index % 2 : null, ordered: kind === "listItem" ? index % 3 === 0 : null };
  });
  const note = (i: number) => {
    const kind = KINDS[i % KINDS.length]!;
    const author = PEOPLE[i % PEOPLE.length]!;
    const replies: ExportReply[] = Array.from({ length: i % (REPLIES_PER_NOTE * 2 + 1) }, (_, r) => ({
      id: `r_warm_${i}_${r}`,
      parentId: r > 0 && r % 3 === 0 ? `r_warm_${i}_${r - 1}` : null,
      author: PEOPLE[(i + r) % PEOPLE.length]!,
      text: r % 5 === 4 ? `Reply ${r}:\nsee "the annex" & <the note>.` : `Reply ${r}: +1, see the annex.`,
      stance: STANCES[r % STANCES.length]!,
      createdAt: later(100 + r),
      depth: r > 0 && r % 3 === 0 ? 1 : 0,
    }));
    const status = STATUSES[Math.floor(i / KINDS.length) % STATUSES.length]!;
    const decided = status !== "open" && status !== "in_review";
    return {
      id: `a_warm_${i}`,
      number: i + 1,
      kind,
      text: kind === "highlight" ? "" : i % 9 === 0 ? `Note ${i}: =SUM(A${i})\n<script>x</script> the ministry’s data.` : `Note ${i}: see the ministry's data.`,
      author,
      createdAt: later(i),
      updatedAt: later(i),
      tags: i % 3 === 0 ? [] : [TAGS[i % TAGS.length]!],
      claim: kind === "claim" ? { status, rationale: decided ? `Checked against source ${i}.` : "", sources: decided ? [`https://example.org/source/${i}`] : [], assignee: null, reviewer: decided ? PEOPLE[0]! : null, decidedAt: decided ? later(90) : null } : null,
      suggestion: kind === "suggestion" ? { replacement: i % 8 === 3 ? "" : `a better wording ${i}`, state: i % 12 === 11 ? ("accepted" as const) : ("open" as const), decidedAt: null, appliedVersion: null, tracked: false } : null,
      replies,
      replyCount: replies.length,
      stances: { supports: 0, disputes: 0, questions: 0 },
    };
  };
  const annotations: ExportAnnotation[] = [];
  let lastTracked = -1;
  for (let i = 0; i < NOTES; i++) {
    const index = Math.floor((i * PARAGRAPHS) / NOTES);
    const across = i % 25 === 7 && index + 1 < PARAGRAPHS;
    const text = paragraphs[index]!.text;
    const from = (i * 13) % Math.max(1, text.length - 40);
    const end = across ? { index: index + 1, offset: Math.min(12, paragraphs[index + 1]!.text.length) } : { index, offset: Math.min(from + 5 + (i % 30), text.length) };
    const n = note(i);
    // Open suggestions that overlap no earlier one are shown as changes, as snapshot.ts decides.
    if (n.suggestion?.state === "open" && index > lastTracked) {
      n.suggestion.tracked = true;
      lastTracked = end.index;
    }
    const quote = across ? `${text.slice(from)}\n${paragraphs[index + 1]!.text.slice(0, end.offset)}` : text.slice(from, end.offset);
    annotations.push({ ...n, quote, start: { index, offset: from }, end });
  }
  const unplaced: UnplacedNote[] = Array.from({ length: UNPLACED }, (_, u) => {
    const n = note(NOTES + u);
    return { ...n, suggestion: n.suggestion && { ...n.suggestion, tracked: false }, quote: `a passage that was rewritten ${u}`, prefix: "before ", suffix: " after" };
  });
  return {
    document: { id: "d_warm", title: "Warm-up article", workspaceId: "w_warm", version: 2, currentVersion: 2, seq: 1, article: { authors: [], published: null, doi: null } },
    paragraphs,
    annotations,
    unplaced,
    madeAt: at,
    origin: "http://localhost",
    exportedBy: PEOPLE[0]!,
    filters: { replies: true, suggestions: "live" },
    filterTagPaths: [],
  };
}

/**
 * Writes the made-up document in every format as a worker's jobs would (a Word file as its two
 * halves, the others from the packed snapshot), ROUNDS times, and lets the results go. Runs in
 * one go, without waiting for anything: the XML is written synchronously and only deflated on
 * the thread pool afterwards, and an idle worker thread is blocked (piscina waits for its next
 * job with Atomics.wait), so nothing asynchronous would go on before that job. What deflating is
 * left finishes when the thread next runs its event loop, and is dropped.
 */
export function warmUpExports(): void {
  const s = warmUpSnapshot();
  const notes = s.annotations.length + s.unplaced.length;
  const split = docxSplit(s);
  const drop = (p: Promise<unknown>) => void p.catch(() => undefined);
  for (let round = 0; round < ROUNDS; round++) {
    const [first, second] = packDocxHalves(s, split);
    drop(docxHalf(first, 0, split, true));
    drop(docxHalf(second, split, notes, false));
  }
  for (const format of OTHER_FORMATS) drop(render(unpackSnapshot(packSnapshot(s)), { format, replies: true, suggestions: "live" }));
}

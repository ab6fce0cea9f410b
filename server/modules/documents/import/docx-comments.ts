/**
 * Word comments: word/comments.xml (each w:comment's id, author, initials, date and text) and
 * word/commentsExtended.xml (threads: a reply's w15:paraIdParent is the w14:paraId of the last
 * paragraph of the comment it answers; w15:done marks a resolved thread). Where each comment
 * sits in the text is read separately (docx-markers.ts, marker-spans.ts).
 */
import { Parser } from "htmlparser2";
import { MAX_BODY_CHARS } from "../../../../common/body-input.ts";
import type { WordComment } from "./types.ts";

/** As many as a JSON-LD import may bring. */
export const MAX_WORD_COMMENTS = 5_000;
/** A comment's text is kept up to a note's length; the rest is cut (and the cut is said). */
export const MAX_COMMENT_CHARS = MAX_BODY_CHARS;

interface Threading {
  parent: string | null;
  done: boolean;
}

/** paraId -> its parent paraId and done flag, from commentsExtended.xml. */
function readThreading(xml: string | null): Map<string, Threading> {
  const out = new Map<string, Threading>();
  if (!xml) return out;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name !== "w15:commentEx") return;
        const id = attrs["w15:paraId"];
        if (id) out.set(id.toUpperCase(), { parent: attrs["w15:paraIdParent"]?.toUpperCase() ?? null, done: attrs["w15:done"] === "1" || attrs["w15:done"] === "true" });
      },
    },
    { xmlMode: true },
  );
  parser.end(xml);
  return out;
}

/**
 * The comments in `commentsXml`, at most MAX_WORD_COMMENTS (the count is returned too, so
 * the caller can say how many were left out), threaded by `extendedXml`.
 */
export function readWordComments(commentsXml: string | null, extendedXml: string | null): { comments: WordComment[]; total: number } {
  if (!commentsXml) return { comments: [], total: 0 };
  const threading = readThreading(extendedXml);
  const comments: WordComment[] = [];
  /** Each comment's last paragraph's paraId, which replies name. */
  const lastParaId = new Map<WordComment, string>();
  let total = 0;
  let current: WordComment | null = null;
  let paragraphs: string[] = [];
  let inText = false;
  let depthInDeleted = 0;
  const append = (s: string) => {
    if (paragraphs.length === 0) paragraphs.push("");
    const last = paragraphs.length - 1;
    // Bounded while reading: a huge comment costs no more than a long one.
    if (paragraphs[last]!.length <= MAX_COMMENT_CHARS) paragraphs[last] += s;
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === "w:comment") {
          total++;
          if (comments.length >= MAX_WORD_COMMENTS) return;
          current = { id: attrs["w:id"] ?? "", author: (attrs["w:author"] ?? "").trim(), initials: (attrs["w:initials"] ?? "").trim(), date: attrs["w:date"] ?? null, text: "", truncated: false, parentId: null, done: false };
          paragraphs = [];
          return;
        }
        if (!current) return;
        if (name === "w:p") {
          paragraphs.push("");
          const paraId = attrs["w14:paraId"];
          if (paraId) lastParaId.set(current, paraId.toUpperCase());
        } else if (name === "w:del" || name === "w:moveFrom") depthInDeleted++;
        else if (name === "w:t") inText = true;
        else if (depthInDeleted === 0 && name === "w:tab") append("\t");
        else if (depthInDeleted === 0 && (name === "w:br" || name === "w:cr")) append("\n");
      },
      ontext(data) {
        if (current && inText && depthInDeleted === 0) append(data);
      },
      onclosetag(name) {
        if (name === "w:t") inText = false;
        else if (name === "w:del" || name === "w:moveFrom") depthInDeleted = Math.max(0, depthInDeleted - 1);
        else if (name === "w:comment" && current) {
          const text = paragraphs.join("\n").trim();
          current.truncated = text.length > MAX_COMMENT_CHARS;
          current.text = current.truncated ? text.slice(0, MAX_COMMENT_CHARS) : text;
          comments.push(current);
          current = null;
        }
      },
    },
    { xmlMode: true },
  );
  parser.end(commentsXml);

  const byParaId = new Map<string, WordComment>();
  for (const c of comments) {
    const p = lastParaId.get(c);
    if (p) byParaId.set(p, c);
  }
  for (const c of comments) {
    const p = lastParaId.get(c);
    const t = p ? threading.get(p) : undefined;
    if (!t) continue;
    c.done = t.done;
    const parent = t.parent ? byParaId.get(t.parent) : undefined;
    if (parent && parent !== c) c.parentId = parent.id;
  }
  hangRepliesFromRoots(comments);
  return { comments, total };
}

/**
 * Each reply's parentId set to its thread's first comment: a reply of a reply hangs from the
 * comment that starts the thread (Word threads are one level deep). A reply
 * whose parent is missing is a comment of its own, and so is the first of a loop that is met.
 */
export function hangRepliesFromRoots(comments: readonly WordComment[]): void {
  const byId = new Map(comments.map((c) => [c.id, c]));
  for (const c of comments) {
    let root: WordComment | null = c;
    const seen = new Set<WordComment>([c]);
    while (root?.parentId) {
      const up = byId.get(root.parentId);
      root = up && !seen.has(up) ? up : null; // a missing parent or a cycle: no thread
      if (root) seen.add(root);
    }
    c.parentId = root && root !== c ? root.id : null;
  }
}

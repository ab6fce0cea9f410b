/**
 * Marks where Word's comments and tracked changes sit, in a copy of the main document part:
 * each comment range start, range end and reference, each insertion's start and end and each
 * deletion's place becomes one private-use character (U+F0000 + its number) in a run of its
 * own, so it travels through mammoth and the HTML reader with the text around it and its
 * offset can be read off the imported blocks (marker-spans.ts).
 *
 * A marker must sit where a run may: inside a run (a comment reference) it is a w:t; between
 * paragraphs (a range that starts or ends at a paragraph boundary) a start goes to the start of
 * the next paragraph and an end to the end of the previous one; inside deleted text (which
 * mammoth drops) it goes just after the deletion.
 */
import { Parser } from "htmlparser2";

export const MARKER_BASE = 0xf0000;
/** Plane 15 holds 65,534 private-use characters. */
export const MAX_MARKERS = 65_534;
/** Tracked changes read, at most (as many as comments). */
export const MAX_WORD_CHANGES = 5_000;
/** A change's text is kept up to this length. */
const MAX_CHANGE_CHARS = 2_000;

export type Marker =
  | { kind: "commentStart" | "commentEnd" | "commentRef"; id: string }
  | { kind: "insStart" | "insEnd" | "del"; change: number };

export interface WordChange {
  kind: "insertion" | "deletion";
  author: string;
  date: string | null;
  /** The inserted (kept) or deleted (dropped) text, cut at MAX_CHANGE_CHARS. */
  text: string;
}

export interface MarkedDocument {
  xml: string;
  markers: Marker[];
  changes: WordChange[];
  /** Tracked changes beyond MAX_WORD_CHANGES, left unmarked. */
  changesLeftOut: number;
}

export const markerChar = (i: number) => String.fromCodePoint(MARKER_BASE + i);
export const markerIndex = (codePoint: number) => (codePoint >= MARKER_BASE && codePoint < MARKER_BASE + MAX_MARKERS ? codePoint - MARKER_BASE : -1);

const COMMENT_MARKS: Record<string, "commentStart" | "commentEnd" | "commentRef"> = {
  "w:commentRangeStart": "commentStart",
  "w:commentRangeEnd": "commentEnd",
  "w:commentReference": "commentRef",
};
/** Elements whose w:ins / w:del children mark paragraph marks or properties, not text. */
const PROPERTIES = new Set(["w:rPr", "w:pPr", "w:trPr", "w:tcPr", "w:tblPr", "w:sectPr", "w:numPr"]);

interface Edit {
  from: number;
  to: number;
  text: string;
}

/**
 * `xml` with markers for the comments in `commentIds` (others are left as they are) and for
 * tracked insertions and deletions (when `changes` is true).
 */
export function markDocument(xml: string, commentIds: ReadonlySet<string>, changes = true): MarkedDocument {
  const markers: Marker[] = [];
  const words: WordChange[] = [];
  let changesLeftOut = 0;
  const edits: Edit[] = [];
  let paragraphDepth = 0;
  let runDepth = 0;
  let propertiesDepth = 0;
  let deletedDepth = 0;
  let inText = false;
  /** Body-level starts waiting for the next paragraph. */
  let pendingStarts: string[] = [];
  /** Markers met inside deleted text, placed after it. */
  let afterDeletion: string[] = [];
  /** Where the last paragraph closed (for body-level ends). */
  let lastParagraphEnd = -1;
  /** Open tracked changes, innermost last: their number, or -1 when not marked. */
  const open: Array<{ name: string; change: number }> = [];

  const add = (marker: Marker): string | null => {
    if (markers.length >= MAX_MARKERS) return null;
    markers.push(marker);
    return markerChar(markers.length - 1);
  };
  const asRun = (chars: string) => (runDepth > 0 ? `<w:t>${chars}</w:t>` : `<w:r><w:t>${chars}</w:t></w:r>`);
  const currentChange = () => {
    for (let i = open.length - 1; i >= 0; i--) if (open[i]!.change >= 0) return words[open[i]!.change];
    return undefined;
  };

  const parser: Parser = new Parser(
    {
      onopentag(name, attrs) {
        const from = parser.startIndex;
        const to = parser.endIndex + 1;
        if (PROPERTIES.has(name)) propertiesDepth++;
        if (name === "w:p") {
          paragraphDepth++;
          if (pendingStarts.length > 0 && xml.charCodeAt(parser.endIndex - 1) !== 0x2f /* / */) {
            edits.push({ from: to, to, text: `<w:r><w:t>${pendingStarts.join("")}</w:t></w:r>` });
            pendingStarts = [];
          }
          return;
        }
        if (name === "w:r") runDepth++;
        if (name === "w:t" || name === "w:delText") inText = true;
        const commentKind = COMMENT_MARKS[name];
        if (commentKind) {
          const id = attrs["w:id"];
          if (id === undefined || !commentIds.has(id)) return;
          const c = add({ kind: commentKind, id });
          if (c === null) return;
          if (deletedDepth > 0) afterDeletion.push(c);
          else if (paragraphDepth > 0) edits.push({ from, to: xml.charCodeAt(parser.endIndex - 1) === 0x2f ? to : from, text: asRun(c) });
          else if (commentKind === "commentEnd") {
            if (lastParagraphEnd >= 0) edits.push({ from: lastParagraphEnd, to: lastParagraphEnd, text: asRun(c) });
          } else pendingStarts.push(c);
          return;
        }
        if ((name === "w:ins" || name === "w:del") && changes && propertiesDepth === 0 && paragraphDepth > 0 && runDepth === 0) {
          const nested = open.length > 0;
          if (nested || words.length >= MAX_WORD_CHANGES) {
            if (!nested) changesLeftOut++;
            open.push({ name, change: -1 });
          } else {
            words.push({ kind: name === "w:ins" ? "insertion" : "deletion", author: (attrs["w:author"] ?? "").trim(), date: attrs["w:date"] ?? null, text: "" });
            open.push({ name, change: words.length - 1 });
            if (name === "w:ins") {
              const c = add({ kind: "insStart", change: words.length - 1 });
              if (c !== null) edits.push({ from, to: from, text: asRun(c) });
            }
          }
        }
        if ((name === "w:del" || name === "w:moveFrom") && propertiesDepth === 0) deletedDepth++;
      },
      ontext(data) {
        const change = inText ? currentChange() : undefined;
        // Text deleted inside an insertion (inserted, then deleted by another hand) was not inserted.
        if (change?.kind === "insertion" && deletedDepth > 0) return;
        if (change && change.text.length < MAX_CHANGE_CHARS) change.text = (change.text + data).slice(0, MAX_CHANGE_CHARS);
      },
      onclosetag(name) {
        const at = parser.endIndex + 1;
        if (PROPERTIES.has(name)) propertiesDepth = Math.max(0, propertiesDepth - 1);
        if (name === "w:p") {
          paragraphDepth = Math.max(0, paragraphDepth - 1);
          lastParagraphEnd = parser.startIndex;
          return;
        }
        if (name === "w:r") runDepth = Math.max(0, runDepth - 1);
        if (name === "w:t" || name === "w:delText") inText = false;
        if ((name === "w:ins" || name === "w:del") && open.length > 0 && open[open.length - 1]!.name === name && propertiesDepth === 0) {
          const { change } = open.pop()!;
          if (change >= 0) {
            const c = add({ kind: name === "w:ins" ? "insEnd" : "del", change });
            if (c !== null && name === "w:ins") edits.push({ from: at, to: at, text: asRun(c) });
            if (c !== null && name === "w:del") afterDeletion.unshift(c);
          }
        }
        if ((name === "w:del" || name === "w:moveFrom") && propertiesDepth === 0 && deletedDepth > 0) {
          deletedDepth--;
          if (deletedDepth === 0 && afterDeletion.length > 0) {
            edits.push({ from: at, to: at, text: asRun(afterDeletion.join("")) });
            afterDeletion = [];
          }
        }
      },
    },
    { xmlMode: true },
  );
  parser.end(xml);

  edits.sort((a, b) => a.from - b.from);
  let out = "";
  let at = 0;
  for (const e of edits) {
    if (e.from < at) continue;
    out += xml.slice(at, e.from) + e.text;
    at = e.to;
  }
  out += xml.slice(at);
  return { xml: out, markers, changes: words, changesLeftOut };
}

/**
 * HTML written by LaTeXML, as arXiv's HTML papers are: classes prefixed "ltx_" say what each
 * element is. Three of its habits differ from other pages and are read here:
 * - a footnote sits inside the paragraph that calls it (span.ltx_note > sup.ltx_note_mark, then
 *   span.ltx_note_outer holding the note's text with its mark and number again): the mark stays
 *   in the paragraph, the note's text becomes a note of its own;
 * - a list item draws its own bullet or number (span.ltx_tag_item) before its paragraphs: the
 *   list's markup says it already;
 * - an author's \thanks note (span.ltx_author_notes) runs several facts together ("Department …,
 *   Portugal. Email: …"): read a sentence at a time, as a note at a PDF's foot is; amsart's
 *   address and e-mail (span.ltx_contact) are set inline there, one fact each; the " and "
 *   between two authors' blocks (span.ltx_author_before) is no fact.
 */

/** What a LaTeXML element is to the reader, by its classes. */
export type LatexmlPart = "noteBody" | "noteNumber" | "noteMark" | "noteType" | "itemLabel" | "authorNote" | "contact" | "authorSeparator";

const PARTS: ReadonlyArray<[token: string, part: LatexmlPart]> = [
  ["ltx_note_outer", "noteBody"],
  ["ltx_tag_note", "noteNumber"],
  ["ltx_note_mark", "noteMark"],
  // "thanks: " before a title's or an author's \thanks note.
  ["ltx_note_type", "noteType"],
  ["ltx_tag_item", "itemLabel"],
  ["ltx_author_notes", "authorNote"],
  // amsart's \address, \email, \urladdr: one fact each, set inline one after another.
  ["ltx_contact", "contact"],
  // " and " or ", " between two authors' blocks.
  ["ltx_author_before", "authorSeparator"],
];

export function latexmlPart(className: string): LatexmlPart | null {
  if (!className.includes("ltx_")) return null;
  const tokens = className.split(/\s+/);
  for (const [token, part] of PARTS) if (tokens.includes(token)) return part;
  return null;
}

/** A note's text as it is gathered: its number (or its mark, when it has none) and its words. */
export class NoteGathering {
  number = "";
  mark = "";
  text = "";

  /** The note as one line: "1 See the discussion …". */
  line(): string {
    const text = this.text.replace(/\s+/g, " ").trim();
    const label = (this.number || this.mark).replace(/\s+/g, "");
    return label === "" ? text : `${label} ${text}`;
  }
}

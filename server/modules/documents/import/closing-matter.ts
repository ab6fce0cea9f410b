/**
 * Metadata at the end of an article: an "About the author" note, or closing
 * paragraphs that are bios of the article's authors ("Jane Doe is a senior
 * fellow at …"). They become meta blocks with role "bio", like bios in the
 * front matter, so the body ends where the argument ends. A closing "ORCID"
 * section (Taylor & Francis, SAGE: "Mara Ellison https://orcid.org/0000-…" a
 * line) becomes meta blocks with role "identifier" wherever it stands after
 * the body, each iD going to the author it names.
 */
import { bioAuthorIndex, bioName } from "./bios.ts";
import { classifyMetaLine, ORCID_LABEL_ONLY_RE } from "./meta-lines.ts";
import { parseNameLine } from "./names.ts";
import type { ImportedBlock } from "./types.ts";

/** How many closing paragraphs may be bios (one per author, plus a label). */
const MAX_CLOSING_BIOS = 6;

function authorNames(blocks: readonly ImportedBlock[]): string[] {
  const names: string[] = [];
  for (const block of blocks) {
    if (block.kind !== "meta" || block.role !== "author") continue;
    for (const n of parseNameLine(block.text)?.names ?? []) names.push(n.name);
  }
  return names;
}

/** Footnotes kept apart at the end, and a closing ORCID section, do not stop the search for closing bios. */
function isTrailingApart(block: ImportedBlock): boolean {
  return block.kind === "meta" && (block.role === "footnote" || block.role === "identifier");
}

/** An iD as an ORCID section writes it after a name: an orcid.org address, bare, labelled or in brackets. */
const ORCID_ENTRY_ID = String.raw`[(\[]?\s*(?:ORCID(?:\s*iD)?\s*[:：]?\s*)?(?:(?:https?://)?(?:www\.)?orcid\.org/)?\d{4}-\d{4}-\d{4}-\d{3}[\dX]/?\s*[)\]]?`;
/**
 * One entry: a name, then its iD (twice over when a web page's iD icon link is written out before the
 * address), then what sets it apart from the next ("; ", ", ", a line break joined to a space).
 */
const ORCID_ENTRY_RE = new RegExp(String.raw`([^\d\s][^\d]{0,118}?)\s*[:–—-]?\s*(${ORCID_ENTRY_ID}(?:\s*${ORCID_ENTRY_ID}){0,2})[;,.]?`, "giu");
/** No section lists more authors than this. */
const MAX_ORCID_ENTRIES = 60;
/** The label opening a paragraph that runs on into the entries (a PDF's heading set at the text's size, no space after it). */
const ORCID_LEAD_RE = /^ORCID(?:\s*iDs?)?\s*[:：]?\s+(?=\S)/i;

/**
 * The entries of an ORCID section's paragraph ("Mara Ellison https://orcid.org/0000-…", or several
 * such run together when the lines were joined), each as written; null unless the paragraph is
 * entries and nothing else, each naming one person.
 */
function orcidEntries(text: string): string[] | null {
  const t = text.trim();
  if (t === "" || t.length > 200 * MAX_ORCID_ENTRIES) return null;
  const entries: string[] = [];
  let at = 0;
  for (const m of t.matchAll(ORCID_ENTRY_RE)) {
    if (t.slice(at, m.index).trim() !== "" || entries.length >= MAX_ORCID_ENTRIES) return null;
    const name = (m[1] ?? "").trim().replace(/[\s:–—-]+$/u, "");
    // "HARTMANN, Jonas": the surname first, as some lists print it.
    const inverted = name.replace(/^([^,]+),\s*([^,]+)$/u, "$2 $1");
    if (parseNameLine(name)?.names.length !== 1 && parseNameLine(inverted)?.names.length !== 1) return null;
    entries.push(m[0].trim());
    at = m.index + m[0].length;
  }
  return entries.length > 0 && t.slice(at).trim() === "" ? entries : null;
}

/**
 * Return `blocks` with a closing ORCID section made meta: its label ("ORCID", "ORCID iDs") and the
 * paragraphs after it that are name-and-iD entries, one block an entry. Only after the body has
 * begun, and only when at least one entry follows the label.
 */
export function markClosingOrcids(blocks: readonly ImportedBlock[]): ImportedBlock[] {
  const firstBody = blocks.findIndex((b) => b.kind !== "meta" && b.role !== "title" && b.role !== "subtitle");
  if (firstBody < 0) return [...blocks];
  let out: ImportedBlock[] | null = null;
  for (let i = firstBody; i < blocks.length; i++) {
    const block = blocks[i] as ImportedBlock;
    if (block.kind === "meta" || block.kind === "quote") continue;
    const lead = block.kind === "paragraph" ? ORCID_LEAD_RE.exec(block.text.trim()) : null;
    const leading = lead ? orcidEntries(block.text.trim().slice(lead[0].length)) : null;
    if (!leading && !ORCID_LABEL_ONLY_RE.test(block.text.trim())) continue;
    const entries: string[] = leading ? [...leading] : [];
    let j = i + 1;
    for (; j < blocks.length; j++) {
      const next = blocks[j] as ImportedBlock;
      if (next.kind !== "paragraph" && next.kind !== "listItem") break;
      const found = orcidEntries(next.text);
      if (!found) break;
      entries.push(...found);
    }
    if (entries.length === 0) continue;
    out ??= blocks.slice(0, i);
    out.push({ kind: "meta", role: "identifier", text: lead && leading ? lead[0].trim() : block.text });
    for (const entry of entries) out.push({ kind: "meta", role: "identifier", text: entry });
    for (const rest of blocks.slice(j)) out.push(rest);
    return out;
  }
  return [...blocks];
}

/**
 * A "Notes on contributors" section followed by more closing matter (an ORCID section, the
 * references), as Taylor & Francis prints it: the label and the bios after it, each opening like
 * a bio of a known author (of anyone, when no author is known), up to the next heading or meta
 * block. A label with anything else before that heading is left as it is.
 */
function markInnerBios(blocks: readonly ImportedBlock[], names: readonly string[]): ImportedBlock[] {
  const firstBody = blocks.findIndex((b) => b.kind !== "meta" && b.role !== "title" && b.role !== "subtitle");
  if (firstBody < 0) return [...blocks];
  const isBio = (text: string) => (names.length > 0 ? bioAuthorIndex(text, names) >= 0 : bioName(text) !== null);
  for (let i = firstBody; i < blocks.length; i++) {
    const label = blocks[i] as ImportedBlock;
    // A label is a few words: longer blocks are passed over without classifying them.
    if ((label.kind !== "heading" && label.kind !== "paragraph") || label.role !== undefined || label.text.length > 80) continue;
    const cls = classifyMetaLine(label.text);
    if (cls?.role !== "bio" || !cls.labelOnly) continue;
    let j = i + 1;
    while (j < blocks.length && (blocks[j] as ImportedBlock).kind === "paragraph" && isBio((blocks[j] as ImportedBlock).text)) j++;
    const next = blocks[j];
    if (j === i + 1 || !next || (next.kind !== "heading" && next.kind !== "meta")) continue;
    const out = blocks.slice(0, i);
    for (let k = i; k < j; k++) out.push({ kind: "meta", role: "bio", text: (blocks[k] as ImportedBlock).text });
    for (const rest of blocks.slice(j)) out.push(rest);
    return out;
  }
  return [...blocks];
}

/**
 * Return `blocks` with closing bios turned into meta blocks: a run at the
 * very end (an "About the author(s)" label, heading or paragraph, and what
 * follows it, or paragraphs that open like a bio of a known author), or a
 * labelled section of bios before other closing matter (markInnerBios).
 */
export function markClosingBios(given: readonly ImportedBlock[]): ImportedBlock[] {
  const names = authorNames(given);
  const blocks = markInnerBios(given, names);
  let end = blocks.length;
  while (end > 0 && isTrailingApart(blocks[end - 1] as ImportedBlock)) end--;
  const isText = (b: ImportedBlock) => (b.kind === "paragraph" || b.kind === "heading") && b.role !== "title";

  // An "About the author(s)" label: it and everything after it.
  let start = end;
  for (let i = end - 1; i >= 0 && end - i <= MAX_CLOSING_BIOS; i--) {
    const block = blocks[i] as ImportedBlock;
    if (!isText(block)) break;
    if (classifyMetaLine(block.text)?.role === "bio") {
      start = i;
      break;
    }
  }
  // Otherwise closing paragraphs that open like a bio of a known author.
  if (start === end && names.length > 0) {
    for (let i = end - 1; i >= 0 && end - i <= MAX_CLOSING_BIOS; i--) {
      const block = blocks[i] as ImportedBlock;
      if (block.kind !== "paragraph" || bioAuthorIndex(block.text, names) < 0) break;
      start = i;
    }
  }
  if (start === end) return [...blocks];
  const out = blocks.slice(0, start);
  for (let i = start; i < end; i++) out.push({ kind: "meta", role: "bio", text: (blocks[i] as ImportedBlock).text });
  for (const block of blocks.slice(end)) out.push(block);
  return out;
}

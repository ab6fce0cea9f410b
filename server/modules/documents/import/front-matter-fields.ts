/**
 * Front matter given as data (a Markdown header's fields: YAML, TOML,
 * MultiMarkdown, Pandoc's title block) turned into the title and the meta
 * blocks the other formats get from their visible lines, one fact per block
 * and written the way an article prints them ("Keywords: a; b", "ORCID: …"),
 * so the metadata is derived from those blocks like any other and stays
 * right when an editor edits them.
 *
 * Fields read (keys in lower case): title, subtitle; author(s) as a string,
 * a list of strings or a list of {name, affiliation(s), email, orcid} (name
 * may be {given, family} or {literal}, or key the details as pandoc-scholar
 * does: `- Ana Ruiz: {institute: [uam]}`; an affiliation may be named by its id
 * in the document's list, as Quarto's `ref: id` or pandoc-scholar's
 * `institute: [id]` do); affiliation(s)/institute for all authors, when no
 * author names one by id; date; abstract/summary/description; keywords/tags; doi;
 * acknowledgements/funding/thanks. Other fields are layout settings and are
 * left out.
 */
import { extractDoi } from "./meta-values.ts";
import type { ImportedBlock } from "./types.ts";
import { authorBlocks, doiBlock, keywordsBlock, metaBlock, type AuthorFacts } from "./written-meta.ts";

/** A date its tool fills in when rendering: an inline code span, or Quarto's keywords for the day. */
const UNRENDERED_DATE_RE = /^`[^`]*`$|^(?:today|now|last-modified)$/i;

/** No article has more authors, affiliations or keywords than this in its front matter. */
const MAX_ITEMS = 200;
/** One value's text (an abstract is the longest). */
const MAX_VALUE_CHARS = 20_000;

export interface HeaderFrontMatter {
  title?: string;
  /** Meta blocks (and a subtitle heading) in reading order. */
  blocks: ImportedBlock[];
  /** The Markdown after the header. */
  body: string;
}

export type Fields = Record<string, unknown>;

/**
 * A scalar as text: a string, a number as a string ("1984", a year), a date as YYYY-MM-DD; else
 * undefined. A boolean is a template's switch ("doi: true" to show the DOI, "draft: false"), never
 * a value, so it is left out like a missing field, and the other fields are read as usual.
 */
function scalar(value: unknown): string | undefined {
  if (typeof value === "string") {
    const t = value.replace(/\s+/g, " ").trim();
    return t === "" ? undefined : t.slice(0, MAX_VALUE_CHARS);
  }
  if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "bigint") return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  return undefined;
}

/** A name (a person's, an institution's) has a letter: a number alone is not one. */
function named(text: string | undefined): string | undefined {
  return text !== undefined && /\p{L}/u.test(text) ? text : undefined;
}

/** The first value (the field, or an item of its list) that holds a DOI name, as written. */
function doiValue(value: unknown): string | undefined {
  for (const item of list(value)) {
    const text = scalar(item);
    if (text !== undefined && extractDoi(text) !== undefined) return text;
  }
  return undefined;
}

/** An e-mail address has an "@"; anything else in the field is not one. */
function emailValue(value: unknown): string | undefined {
  const text = scalar(value);
  return text !== undefined && text.includes("@") ? text : undefined;
}

/** A value that may be one item or a list of them. */
function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).slice(0, MAX_ITEMS);
}

/** The first field present among `keys` (compared in lower case); a boolean switch is not a value. */
function field(fields: Fields, ...keys: string[]): unknown {
  for (const key of keys) {
    const value = fields[key];
    if (value !== undefined && value !== null && typeof value !== "boolean") return value;
  }
  return undefined;
}

export function lowerKeys(value: unknown): Fields | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value) || value instanceof Date) return undefined;
  const out: Fields = {};
  for (const [k, v] of Object.entries(value as Fields)) {
    // "DOI: 10.…" is read even after a switch spelt "doi: true".
    const key = k.toLowerCase();
    if (out[key] === undefined || out[key] === null || typeof out[key] === "boolean") out[key] = v;
  }
  return out;
}

/** An author's or an affiliation's name: a string, or {name}, {literal}, {given, family}. */
function nameOf(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return named(scalar(value));
  const o = lowerKeys(value);
  if (!o) return undefined;
  const direct = named(scalar(o.name)) ?? named(scalar(o.literal));
  if (direct !== undefined) return direct;
  const nested = lowerKeys(o.name);
  const given = named(scalar(o.given ?? nested?.given));
  const family = named(scalar(o.family ?? nested?.family));
  const joined = [given, family].filter((x) => x !== undefined).join(" ");
  return joined === "" ? (nested ? named(scalar(nested.literal)) : undefined) : joined;
}

/**
 * An affiliation's text: a name, or Quarto's mapping with its department before the name
 * ("Department of Political Science, University of Lisbon"), as Quarto's title block shows it
 * (the place fields are an address, not part of the name).
 */
function affiliationOf(value: unknown): string | undefined {
  const name = nameOf(value);
  const o = typeof value === "object" && value !== null ? lowerKeys(value) : undefined;
  const department = o ? scalar(o.department)?.trim() : undefined;
  if (name === undefined || !department || name.toLowerCase().includes(department.toLowerCase())) return name;
  return `${department}, ${name}`;
}

/**
 * The document's affiliations that authors name by id: Quarto's `affiliations: [{id, name}]` with
 * `ref: id` under each author, and pandoc-scholar's `institute: [{id: name}]` with `institute: [id]`.
 */
function affiliationsById(fields: Fields): Map<string, string> {
  const byId = new Map<string, string>();
  for (const value of list(field(fields, "affiliations", "affiliation", "institute"))) {
    const o = lowerKeys(value);
    if (!o) continue;
    const id = scalar(o.id);
    const name = affiliationOf(value);
    if (id !== undefined && name !== undefined) byId.set(id, name);
    const entries = Object.entries(value as Fields);
    const [only] = entries;
    if (id === undefined && entries.length === 1 && only && scalar(only[1]) !== undefined) byId.set(only[0], scalar(only[1]) ?? "");
  }
  return byId;
}

/** One author entry: a name, or a mapping with the name and its details; `refs` is set when it names an affiliation by id. */
function authorOf(value: unknown, byId: ReadonlyMap<string, string>, refs: { used: boolean }): AuthorFacts | undefined {
  // pandoc-scholar keys each author's details by the name: `- Ana Ruiz: {institute: [uam]}`.
  const entries = value && typeof value === "object" && !Array.isArray(value) ? Object.entries(value as Fields) : [];
  const [only] = entries;
  const keyed = entries.length === 1 && only && nameOf(value) === undefined && lowerKeys(only[1]) ? only : undefined;
  const name = keyed ? scalar(keyed[0]) : nameOf(value);
  if (name === undefined) return undefined;
  const o = lowerKeys(keyed ? keyed[1] : value);
  if (!o) return { name, affiliations: [] };
  const affiliations = list(field(o, "affiliations", "affiliation", "institute", "institution"))
    .map((a) => {
      const ref = typeof a === "string" || typeof a === "number" ? String(a) : scalar(lowerKeys(a)?.ref);
      const named = ref === undefined ? undefined : byId.get(ref);
      if (named !== undefined) refs.used = true;
      return named ?? affiliationOf(a);
    })
    .filter((a): a is string => a !== undefined);
  const email = emailValue(o.email);
  const orcid = scalar(o.orcid);
  return { name, affiliations, ...(email === undefined ? {} : { email }), ...(orcid === undefined ? {} : { orcid }) };
}

/** The blocks the fields (with lower-case keys) stand for, in an article's usual order. */
export function frontMatterBlocks(fields: Fields): { title?: string; blocks: ImportedBlock[] } {
  const blocks: ImportedBlock[] = [];
  const title = scalar(fields.title);
  const subtitle = scalar(fields.subtitle);
  if (subtitle !== undefined) blocks.push({ kind: "heading", level: 2, role: "subtitle", text: subtitle });
  const byId = affiliationsById(fields);
  const refs = { used: false };
  for (const value of list(field(fields, "author", "authors", "creator"))) {
    const author = authorOf(value, byId, refs);
    if (author) blocks.push(...authorBlocks(author));
  }
  // Affiliations for all authors, unless the authors named theirs from this list by id.
  if (!refs.used) {
    for (const affiliation of list(field(fields, "affiliations", "affiliation", "institute"))) {
      const text = affiliationOf(affiliation);
      if (text !== undefined) blocks.push(metaBlock("affiliation", text));
    }
  }
  const date = scalar(field(fields, "date", "published", "pubdate"));
  // R Markdown's and Quarto's code left to run when the document is rendered ("`r Sys.Date()`", "today") is no date.
  if (date !== undefined && !UNRENDERED_DATE_RE.test(date.trim())) blocks.push(metaBlock("dateline", date));
  const doi = doiValue(fields.doi);
  if (doi !== undefined) blocks.push(doiBlock(doi));
  const abstract = scalar(field(fields, "abstract", "summary", "description"));
  if (abstract !== undefined) blocks.push(metaBlock("abstract", abstract));
  // "keywords: a, b" or a list.
  const given = field(fields, "keywords", "tags", "subject");
  const keywords = (typeof given === "string" ? given.split(/\s*[;,]\s*/) : list(given).map(scalar))
    .map((k) => k?.trim())
    .filter((k): k is string => k !== undefined && k !== "")
    .slice(0, MAX_ITEMS);
  if (keywords.length > 0) blocks.push(keywordsBlock(keywords));
  const thanks = scalar(field(fields, "acknowledgements", "acknowledgments", "funding", "thanks"));
  if (thanks !== undefined) blocks.push(metaBlock("acknowledgement", thanks));
  return title === undefined ? { blocks } : { title, blocks };
}


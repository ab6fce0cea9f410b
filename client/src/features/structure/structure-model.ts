/**
 * The front matter and structure view's logic, kept apart from React: what each block is (its
 * role choice), the edit that gives it another part, where a split cuts, how an edit's answer
 * updates the list, and the document's metadata read defensively for display.
 */
import { META_ROLES, type DocumentAuthor, type DocumentMetadata, type MetaRole, type ParagraphDto } from "../../../../common/documents.ts";
import type { DocumentEditDto, EditOp } from "../../../../common/editing.ts";

/** What a block can be made: a front-matter role, the subtitle, or a body block. */
export type RoleChoice = `meta:${MetaRole}` | "subtitle" | "paragraph" | `heading:${1 | 2 | 3}` | "listItem" | "quote";

const META_LABELS: Record<MetaRole, string> = {
  dateline: "Dateline (issue, date)",
  author: "Author name (starts a new author)",
  degrees: "Degrees",
  affiliation: "Affiliation",
  position: "Position",
  identifier: "Identifier (ORCID, …)",
  email: "E-mail",
  phone: "Phone",
  address: "Address",
  correspondence: "Correspondence",
  bio: "Author bio",
  standfirst: "Standfirst",
  abstract: "Abstract",
  keywords: "Keywords",
  doi: "DOI",
  dates: "Dates (received, accepted…)",
  acknowledgement: "Acknowledgement, funding",
  footnote: "Footnote",
  other: "Other front matter",
};

export interface ChoiceOption {
  value: RoleChoice;
  label: string;
}

/** The select's options, in two groups. */
export const FRONT_MATTER_CHOICES: ChoiceOption[] = [{ value: "subtitle", label: "Subtitle" }, ...META_ROLES.map((r) => ({ value: `meta:${r}` as RoleChoice, label: META_LABELS[r] }))];
export const BODY_CHOICES: ChoiceOption[] = [
  { value: "paragraph", label: "Body paragraph" },
  { value: "heading:1", label: "Heading, level 1" },
  { value: "heading:2", label: "Heading, level 2" },
  { value: "heading:3", label: "Heading, level 3" },
  { value: "listItem", label: "List item" },
  { value: "quote", label: "Quote" },
];

const isMetaRole = (r: string | null): r is MetaRole => r !== null && (META_ROLES as readonly string[]).includes(r);

/** True for the document's title heading (set by the import; not one of the choices). */
export const isTitle = (p: Pick<ParagraphDto, "kind" | "role">) => p.kind === "heading" && p.role === "title";

/** True for blocks that belong to the front matter (the title, the subtitle, meta blocks). */
export const isFrontMatter = (p: Pick<ParagraphDto, "kind" | "role">) => p.kind === "meta" || (p.kind === "heading" && (p.role === "subtitle" || p.role === "title"));

/**
 * The choice a block currently shows: "" for a meta block without a role (the second half of a
 * split one) until someone picks; "title" and headings deeper than 3 are shown but not offered.
 */
export function choiceOf(p: Pick<ParagraphDto, "kind" | "role" | "level">): RoleChoice | "title" | `heading:${number}` | "" {
  switch (p.kind) {
    case "meta":
      return isMetaRole(p.role) ? `meta:${p.role}` : "";
    case "heading":
      if (p.role === "subtitle") return "subtitle";
      if (p.role === "title") return "title";
      return `heading:${p.level ?? 2}`;
    default:
      return p.kind;
  }
}

/** A short name for what the block is now, for the list and for announcements. */
export function roleLabel(p: Pick<ParagraphDto, "kind" | "role" | "level">): string {
  const c = choiceOf(p);
  if (c === "title") return "Title";
  if (c === "") return "Front matter, no role yet";
  const known = [...FRONT_MATTER_CHOICES, ...BODY_CHOICES].find((o) => o.value === c);
  return known ? known.label : `Heading, level ${p.level ?? 2}`;
}

/** The edit op that makes `p` the chosen thing (made on the block's current version). */
export function roleOp(p: Pick<ParagraphDto, "id" | "version">, choice: RoleChoice): EditOp {
  const base = { op: "role" as const, paragraphId: p.id, baseVersion: p.version };
  if (choice === "subtitle") return { ...base, kind: "heading", role: "subtitle" };
  if (choice.startsWith("meta:")) return { ...base, kind: "meta", role: choice.slice(5) as MetaRole };
  if (choice.startsWith("heading:")) return { ...base, kind: "heading", role: null, level: Number(choice.slice(8)) };
  return { ...base, kind: choice as "paragraph" | "listItem" | "quote", role: null };
}

export function isRoleChoice(v: string): v is RoleChoice {
  return [...FRONT_MATTER_CHOICES, ...BODY_CHOICES].some((o) => o.value === v);
}

/** Offsets of the line breaks in a block's text (where "\n" stands). */
export function lineBreaks(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) out.push(i);
  return out;
}

/**
 * The ops that cut a block at `caret`: the cut moves past any spaces or line breaks there (so the
 * new block starts with a word), and the first part loses its trailing ones in the same edit (its
 * version is one past `baseVersion` after the split). Null when there is nothing on one side.
 */
export function splitOps(p: Pick<ParagraphDto, "id" | "version" | "text">, caret: number): EditOp[] | null {
  const { text } = p;
  let head = Math.max(0, Math.min(caret, text.length));
  let cut = head;
  while (cut < text.length && /\s/.test(text[cut]!)) cut++;
  while (head > 0 && /\s/.test(text[head - 1]!)) head--;
  if (head === 0 || cut >= text.length) return null;
  const ops: EditOp[] = [{ op: "split", paragraphId: p.id, baseVersion: p.version, offset: cut }];
  if (head < cut) ops.push({ op: "text", paragraphId: p.id, baseVersion: p.version + 1, text: text.slice(0, head) });
  return ops;
}

/**
 * The ops that join `next` onto `p`. A merge joins the texts as they are, so when both sides meet
 * without a space ("…voyage." + "It follows…") the same edit first ends `p` with one (a step on
 * `p` alone, so nothing of `next` is rewritten from a possibly older copy).
 */
export function mergeOps(p: Pick<ParagraphDto, "id" | "version" | "text">, next: Pick<ParagraphDto, "text"> | null): EditOp[] {
  const needsSpace = next !== null && p.text !== "" && next.text !== "" && !/\s$/.test(p.text) && !/^\s/.test(next.text);
  if (!needsSpace) return [{ op: "merge", paragraphId: p.id, baseVersion: p.version }];
  return [
    { op: "text", paragraphId: p.id, baseVersion: p.version, text: `${p.text} ` },
    { op: "merge", paragraphId: p.id, baseVersion: p.version + 1 },
  ];
}

/**
 * The op that brings a front-matter block standing in the body (a dates line at the article's end,
 * say) up to the end of the leading front matter, where the article shows it in its header.
 */
export function moveToFrontOp(p: Pick<ParagraphDto, "id">, front: ReadonlyArray<Pick<ParagraphDto, "id">>): EditOp {
  return { op: "move", paragraphId: p.id, after: front.length ? front[front.length - 1]!.id : null };
}

/** One line of a block's text, for the "split after this line" buttons. */
export interface LineCut {
  /** Where the split goes (the line break's offset). */
  offset: number;
  /** The line that ends there, shortened for a label. */
  line: string;
}

/** The places a multi-line block can be cut: after each line but the last non-empty one. */
export function lineCuts(text: string): LineCut[] {
  const out: LineCut[] = [];
  let start = 0;
  for (const at of lineBreaks(text)) {
    const line = text.slice(start, at).trim();
    start = at + 1;
    if (line === "" || text.slice(at).trim() === "") continue;
    out.push({ offset: at, line: line.length > 60 ? `${line.slice(0, 59)}…` : line });
  }
  return out;
}

/** The block list after an edit: changed and new blocks in, retired ones out, the new order kept. */
export function applyEdit(blocks: ParagraphDto[], edit: Pick<DocumentEditDto, "paragraphs" | "retired" | "order">): ParagraphDto[] {
  const byId = new Map(blocks.map((b) => [b.id, b]));
  for (const p of edit.paragraphs) byId.set(p.id, p);
  for (const id of edit.retired) byId.delete(id);
  if (edit.order) {
    const out: ParagraphDto[] = [];
    for (const id of edit.order) {
      const p = byId.get(id);
      if (p) out.push({ ...p, position: out.length });
    }
    return out;
  }
  return blocks.filter((b) => byId.has(b.id)).map((b) => byId.get(b.id)!);
}

/** The blocks in order, split into the leading front matter and the rest (as the article shows them). */
export function sections(blocks: ParagraphDto[]): { front: ParagraphDto[]; body: ParagraphDto[] } {
  const sorted = [...blocks].sort((a, b) => a.position - b.position);
  let i = 0;
  while (i < sorted.length && isFrontMatter(sorted[i]!)) i++;
  return { front: sorted.slice(0, i), body: sorted.slice(i) };
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v : undefined);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x.trim() !== "") : []);

function readAuthor(raw: unknown): DocumentAuthor | null {
  if (typeof raw !== "object" || raw === null) return null;
  const a = raw as Record<string, unknown>;
  const name = str(a.name);
  if (!name) return null;
  const ids: Record<string, string> = {};
  if (typeof a.identifiers === "object" && a.identifiers !== null) {
    for (const [k, v] of Object.entries(a.identifiers as Record<string, unknown>)) if (str(v)) ids[k] = v as string;
  }
  return {
    name,
    degrees: strs(a.degrees),
    affiliations: strs(a.affiliations),
    positions: strs(a.positions),
    identifiers: ids,
    email: str(a.email),
    phone: str(a.phone),
    address: str(a.address),
    bio: str(a.bio),
  };
}

/** The document's metadata as stored (typed `unknown` on the wire), with anything malformed left out. */
export function readMetadata(raw: unknown): DocumentMetadata {
  if (typeof raw !== "object" || raw === null) return { authors: [] };
  const m = raw as Record<string, unknown>;
  const dates = typeof m.dates === "object" && m.dates !== null ? (m.dates as Record<string, unknown>) : {};
  const d = { received: str(dates.received), revised: str(dates.revised), accepted: str(dates.accepted), published: str(dates.published) };
  const hasDates = Object.values(d).some(Boolean);
  const keywords = strs(m.keywords);
  return {
    authors: Array.isArray(m.authors) ? m.authors.map(readAuthor).filter((a): a is DocumentAuthor => a !== null) : [],
    subtitle: str(m.subtitle),
    dateline: str(m.dateline),
    standfirst: str(m.standfirst),
    abstract: str(m.abstract),
    keywords: keywords.length ? keywords : undefined,
    doi: str(m.doi),
    dates: hasDates ? d : undefined,
    acknowledgement: str(m.acknowledgement),
  };
}

/** An author's details as label/value rows, in reading order, only those present. */
export function authorDetails(a: DocumentAuthor): Array<{ label: string; value: string }> {
  const rows: Array<{ label: string; value: string }> = [];
  if (a.degrees.length) rows.push({ label: a.degrees.length > 1 ? "Degrees" : "Degree", value: a.degrees.join("; ") });
  for (const v of a.affiliations) rows.push({ label: "Affiliation", value: v });
  for (const v of a.positions) rows.push({ label: "Position", value: v });
  for (const [k, v] of Object.entries(a.identifiers)) rows.push({ label: k, value: v });
  if (a.email) rows.push({ label: "E-mail", value: a.email });
  if (a.phone) rows.push({ label: "Phone", value: a.phone });
  if (a.address) rows.push({ label: "Address", value: a.address });
  if (a.bio) rows.push({ label: "About", value: a.bio });
  return rows;
}

/** Article dates as label/value rows. */
export function dateRows(m: DocumentMetadata): Array<{ label: string; value: string }> {
  const d = m.dates ?? {};
  const rows: Array<{ label: string; value: string }> = [];
  if (d.received) rows.push({ label: "Received", value: d.received });
  if (d.revised) rows.push({ label: "Revised", value: d.revised });
  if (d.accepted) rows.push({ label: "Accepted", value: d.accepted });
  if (d.published) rows.push({ label: "Published", value: d.published });
  return rows;
}

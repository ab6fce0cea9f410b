/**
 * Turns the API's paragraphs into the article's TipTap JSON. Text is kept byte for byte (no
 * trimming or whitespace folding), so a paragraph's offsets equal its node's text offsets.
 */
import type { JSONContent } from "@tiptap/core";
import type { ParagraphDto } from "../../../common/documents.ts";
import { inSections } from "./article-sections.ts";

type MarkType = "bold" | "italic" | "code" | "link";
interface InlineMark {
  type: MarkType;
  start: number;
  end: number;
  href?: string;
}

const MARK_TYPES = new Set<string>(["bold", "italic", "code", "link"]);
const SAFE_HREF = /^(https?:\/\/|mailto:)/i;

/** The paragraph's marks that are well formed and inside its text; anything else is dropped. */
export function inlineMarks(p: Pick<ParagraphDto, "marks" | "text">): InlineMark[] {
  if (!Array.isArray(p.marks)) return [];
  const out: InlineMark[] = [];
  for (const raw of p.marks as unknown[]) {
    if (typeof raw !== "object" || raw === null) continue;
    const m = raw as Record<string, unknown>;
    if (typeof m.type !== "string" || !MARK_TYPES.has(m.type)) continue;
    if (typeof m.start !== "number" || typeof m.end !== "number") continue;
    const start = Math.max(0, m.start);
    const end = Math.min(p.text.length, m.end);
    if (end <= start) continue;
    if (m.type === "link" && !(typeof m.href === "string" && SAFE_HREF.test(m.href))) continue;
    out.push({ type: m.type as MarkType, start, end, href: typeof m.href === "string" ? m.href : undefined });
  }
  return out;
}

/** Text nodes for one paragraph: the text cut at every mark boundary. */
export function inlineContent(p: Pick<ParagraphDto, "marks" | "text">): JSONContent[] {
  if (p.text.length === 0) return [];
  const marks = inlineMarks(p);
  if (marks.length === 0) return [{ type: "text", text: p.text }];
  const cuts = new Set<number>([0, p.text.length]);
  for (const m of marks) cuts.add(m.start).add(m.end);
  const points = [...cuts].sort((a, b) => a - b);
  const out: JSONContent[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const from = points[i]!;
    const to = points[i + 1]!;
    const here = marks.filter((m) => m.start <= from && m.end >= to);
    const node: JSONContent = { type: "text", text: p.text.slice(from, to) };
    if (here.length) node.marks = here.map((m) => (m.type === "link" ? { type: "link", attrs: { href: m.href } } : { type: m.type }));
    out.push(node);
  }
  return out;
}

function isFrontMatter(p: ParagraphDto): boolean {
  return p.kind === "meta" || (p.kind === "heading" && (p.role === "title" || p.role === "subtitle"));
}

/** One paragraph as its textblock (without the list around a list item). */
export function textblock(p: ParagraphDto): JSONContent {
  const content = inlineContent(p);
  const withContent = (node: JSONContent): JSONContent => (content.length ? { ...node, content } : node);
  switch (p.kind) {
    case "heading":
      return withContent({ type: "heading", attrs: { pid: p.id, level: p.level ?? 2, role: p.role } });
    case "meta":
      return withContent({ type: "meta", attrs: { pid: p.id, role: p.role ?? "other" } });
    case "quote":
      return withContent({ type: "quote", attrs: { pid: p.id } });
    case "listItem":
      return withContent({ type: "listItem", attrs: { pid: p.id, depth: p.depth ?? 0 } });
    default:
      return withContent({ type: "paragraph", attrs: { pid: p.id } });
  }
}

/** A top-level block of the body, keyed for sectioning, with the index of the paragraph after it. */
interface BodyBlock {
  node: JSONContent;
  key: string;
  end: number;
}

/** The body's top-level blocks from `sorted[from]` on (a run of list items is one list), built as they are taken. */
function* bodyBlocks(sorted: ParagraphDto[], from: number): Generator<BodyBlock, void, undefined> {
  let i = from;
  while (i < sorted.length) {
    const p = sorted[i]!;
    if (p.kind !== "listItem") {
      i++;
      yield { node: textblock(p), key: p.id, end: i };
      continue;
    }
    const ordered = p.ordered === true;
    const items: JSONContent[] = [];
    while (i < sorted.length && sorted[i]!.kind === "listItem" && (sorted[i]!.ordered === true) === ordered) items.push(textblock(sorted[i++]!));
    yield { node: { type: "bulletList", attrs: { ordered }, content: items }, key: p.id, end: i };
  }
}

/** A top-level node of the article, with the index of the paragraph after it and the blocks it holds. */
interface TopNode {
  node: JSONContent;
  end: number;
  blocks: number;
}

/** The body from `sorted[from]` (a section's first paragraph) on, in sections (article-sections.ts). */
function* bodySections(sorted: ParagraphDto[], from: number): Generator<TopNode, void, undefined> {
  for (const blocks of inSections(bodyBlocks(sorted, from), (b) => b.key)) {
    yield { node: { type: "section", content: blocks.map((b) => b.node) }, end: blocks.at(-1)!.end, blocks: blocks.length };
  }
}

/** The article's top-level nodes: the leading title/meta run as front matter, then the body's sections. */
function* articleNodes(sorted: ParagraphDto[]): Generator<TopNode, void, undefined> {
  let i = 0;
  const front: JSONContent[] = [];
  while (i < sorted.length && isFrontMatter(sorted[i]!)) front.push(textblock(sorted[i++]!));
  if (front.length) yield { node: { type: "frontMatter", content: front }, end: i, blocks: 1 };
  yield* bodySections(sorted, i);
}

const byPosition = (paragraphs: ParagraphDto[]) => [...paragraphs].sort((a, b) => a.position - b.position);

/** The article document: the leading title/meta run as front matter, then the body in sections. */
export function articleContent(paragraphs: ParagraphDto[]): JSONContent {
  return { type: "doc", content: [...articleNodes(byPosition(paragraphs))].map((n) => n.node) };
}

export interface ArticleInPieces {
  /** A document of the article's first top-level nodes (front matter, sections). */
  first: JSONContent;
  /** The sections after them, each built when taken (every call starts again after `first`). */
  rest(): Iterator<JSONContent, void, undefined>;
  /** Paragraphs not in `first`: 0 when the article is whole. */
  left: number;
}

/**
 * The article cut for putting it in by pieces: a document of its first top-level nodes, holding
 * at least `first` blocks (front matter counts as one, a list as one; at least one node), and
 * the sections after them, built only as they are taken: a long article's later paragraphs are
 * not turned into nodes in the task that makes the editor.
 */
export function articleInPieces(paragraphs: ParagraphDto[], first: number): ArticleInPieces {
  const sorted = byPosition(paragraphs);
  const nodes = articleNodes(sorted);
  const content: JSONContent[] = [];
  let blocks = 0;
  let at = 0;
  while (content.length === 0 || blocks < first) {
    const n = nodes.next();
    if (n.done) break;
    content.push(n.value.node);
    blocks += n.value.blocks;
    at = n.value.end;
  }
  const rest = function* () {
    for (const s of bodySections(sorted, at)) yield s.node;
  };
  return { first: { type: "doc", content }, rest, left: sorted.length - at };
}

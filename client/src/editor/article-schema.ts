/**
 * The article's schema as TipTap extensions: one textblock per imported paragraph, each
 * carrying its paragraph id (`pid`), so anchors (pid + offset) map straight to positions.
 * The title and the author/metadata block sit in a `frontMatter` node, shown apart from the body;
 * the body's blocks sit in `section`s.
 */
import { Mark, Node, mergeAttributes, type AnyExtension } from "@tiptap/core";

const pidAttr = {
  pid: {
    default: null as string | null,
    parseHTML: (el: HTMLElement) => el.getAttribute("data-pid"),
    renderHTML: (attrs: Record<string, unknown>) => (attrs.pid ? { "data-pid": String(attrs.pid) } : {}),
  },
};

const ArticleDoc = Node.create({ name: "doc", topNode: true, content: "frontMatter? section*" });
const Text = Node.create({ name: "text", group: "inline" });

const FrontMatter = Node.create({
  name: "frontMatter",
  content: "(heading | meta)+",
  defining: true,
  renderHTML: () => ["header", { class: "front-matter", "aria-label": "Title, authors and publication details" }, 0],
});

/**
 * A run of the body's blocks (article-sections.ts says where runs start): the unit the browser
 * leaves out of layout while off screen. Only the page's drawing: the API knows paragraphs alone.
 */
const Section = Node.create({
  name: "section",
  content: "block+",
  parseHTML: () => [{ tag: "div.article-section" }],
  renderHTML: () => ["div", { class: "article-section" }, 0],
});

const Heading = Node.create({
  name: "heading",
  group: "block",
  content: "inline*",
  defining: true,
  addAttributes: () => ({ ...pidAttr, level: { default: 2, renderHTML: () => ({}) }, role: { default: null, renderHTML: () => ({}) } }),
  renderHTML: ({ node, HTMLAttributes }) => {
    const level = Math.min(6, Math.max(1, Number(node.attrs.level) || 2));
    const cls = node.attrs.role ? `heading-${String(node.attrs.role)}` : undefined;
    return [`h${level}`, mergeAttributes(HTMLAttributes, cls ? { class: cls } : {}), 0];
  },
});

const Paragraph = Node.create({
  name: "paragraph",
  group: "block",
  content: "inline*",
  addAttributes: () => ({ ...pidAttr }),
  renderHTML: ({ HTMLAttributes }) => ["p", HTMLAttributes, 0],
});

const Meta = Node.create({
  name: "meta",
  group: "block",
  content: "inline*",
  addAttributes: () => ({ ...pidAttr, role: { default: "other", renderHTML: () => ({}) } }),
  renderHTML: ({ node, HTMLAttributes }) => ["p", mergeAttributes(HTMLAttributes, { class: `meta meta-${String(node.attrs.role)}` }), 0],
});

const Quote = Node.create({
  name: "quote",
  group: "block",
  content: "inline*",
  addAttributes: () => ({ ...pidAttr }),
  renderHTML: ({ HTMLAttributes }) => ["blockquote", HTMLAttributes, 0],
});

const BulletList = Node.create({
  name: "bulletList",
  group: "block",
  content: "listItem+",
  addAttributes: () => ({ ordered: { default: false, renderHTML: () => ({}) } }),
  renderHTML: ({ node }) => [node.attrs.ordered ? "ol" : "ul", {}, 0],
});

const ListItem = Node.create({
  name: "listItem",
  content: "inline*",
  addAttributes: () => ({ ...pidAttr, depth: { default: 0, renderHTML: (a: Record<string, unknown>) => ({ "data-depth": String(a.depth ?? 0) }) } }),
  renderHTML: ({ HTMLAttributes }) => ["li", HTMLAttributes, 0],
});

const Bold = Mark.create({ name: "bold", renderHTML: () => ["strong", 0] });
const Italic = Mark.create({ name: "italic", renderHTML: () => ["em", 0] });
const Code = Mark.create({ name: "code", renderHTML: () => ["code", 0] });
const Link = Mark.create({
  name: "link",
  inclusive: false,
  addAttributes: () => ({ href: { default: null } }),
  renderHTML: ({ HTMLAttributes }) => ["a", mergeAttributes(HTMLAttributes, { rel: "noopener noreferrer nofollow", target: "_blank" }), 0],
});

/** Every extension of the article schema (no editing behaviour: the article is read-only). */
export function articleExtensions(): AnyExtension[] {
  return [ArticleDoc, Text, FrontMatter, Section, Heading, Paragraph, Meta, Quote, BulletList, ListItem, Bold, Italic, Code, Link];
}


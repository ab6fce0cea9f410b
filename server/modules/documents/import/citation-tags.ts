/**
 * The bibliographic <meta> tags journal pages carry for indexers
 * (Highwire Press "citation_*", the ones Google Scholar reads; Dublin Core
 * "DC.creator" and friends; a plain "author"). The visible page stays the
 * source of truth: these only fill in what its front matter lacks (authors
 * drawn by a script, a DOI or date kept out of the text), as meta blocks
 * written the way an article prints them, placed after the front matter the
 * page shows. A page's schema.org JSON-LD (linked-data.ts) comes after
 * the tags: it fills in what neither the page nor its tags give.
 */
import type { LinedBlock } from "./front-matter.ts";
import type { LinkedArticle } from "./linked-data.ts";
import type { ImportedBlock } from "./types.ts";
import { authorBlocks, doiBlock, keywordsBlock, metaBlock, type AuthorFacts } from "./written-meta.ts";

/** No article lists more authors, institutions or keywords in its tags than this. */
const MAX_TAG_VALUES = 200;
/** One tag value's text (an abstract is the longest). */
const MAX_TAG_CHARS = 20_000;

/** "Kanaev, Ivan" (as indexers list names) -> "Ivan Kanaev"; any other form as given. */
function readingOrder(name: string): string {
  const m = /^([^,]+),\s*([^,]+)$/.exec(name);
  return m ? `${m[2]} ${m[1]}` : name;
}

/** An author as the tags give one, details filled in as their tags follow the name. */
interface TagAuthor {
  name: string;
  affiliations: string[];
  email?: string;
  orcid?: string;
}

/** What a page's bibliographic tags say, in the order they came. */
export class CitationTags {
  readonly authors: TagAuthor[] = [];
  doi?: string;
  date?: string;
  abstract?: string;
  readonly keywords: string[] = [];
  /** Fallback authors from DC.creator or a plain "author" tag, used when no citation_author is given. */
  private readonly otherAuthors: string[] = [];
  /** The page's JSON-LD article, the last fallback for each fact. */
  private linked?: LinkedArticle;
  private values = 0;

  /** Take one <meta name=… content=…>. */
  add(rawName: string, rawContent: string): void {
    if (this.values >= MAX_TAG_VALUES) return;
    const name = rawName.trim().toLowerCase();
    const content = rawContent.replace(/\s+/g, " ").trim().slice(0, MAX_TAG_CHARS);
    if (content === "") return;
    const last = this.authors[this.authors.length - 1];
    switch (name) {
      case "citation_author":
        this.values++;
        this.authors.push({ name: readingOrder(content), affiliations: [] });
        return;
      case "citation_author_institution":
        if (last) last.affiliations.push(content);
        return;
      case "citation_author_email":
        if (last) last.email ??= content;
        return;
      case "citation_author_orcid":
        if (last) last.orcid ??= content.replace(/^https?:\/\/orcid\.org\//i, "");
        return;
      case "citation_doi":
      case "dc.identifier.doi":
        this.doi ??= content.replace(/^(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/)/i, "");
        return;
      case "citation_publication_date":
      case "citation_date":
      case "citation_online_date":
      case "dc.date":
        this.date ??= content;
        return;
      case "citation_abstract":
        this.abstract ??= content;
        return;
      case "citation_keywords":
        for (const k of content.split(/\s*[;,]\s*/)) if (k !== "" && this.keywords.length < MAX_TAG_VALUES) this.keywords.push(k);
        return;
      case "dc.creator":
      case "author":
        this.values++;
        this.otherAuthors.push(readingOrder(content));
        return;
      default:
        return;
    }
  }

  /** Take a JSON-LD article; the first one on the page is kept. */
  addLinkedData(article: LinkedArticle): void {
    this.linked ??= article;
  }

  /** The JSON-LD article's headline: the title without the site's name that <title> often adds. */
  get headline(): string | undefined {
    return this.linked?.headline;
  }

  get isEmpty(): boolean {
    return this.authors.length === 0 && this.otherAuthors.length === 0 && this.doi === undefined && this.date === undefined && this.abstract === undefined && this.keywords.length === 0 && this.linked === undefined;
  }

  /** The meta blocks for what `present` (the roles the page's front matter has) lacks. */
  blocksFor(present: ReadonlySet<string>): ImportedBlock[] {
    const out: ImportedBlock[] = [];
    const linked = this.linked;
    if (!present.has("author")) {
      const authors: AuthorFacts[] =
        this.authors.length > 0
          ? this.authors
          : linked && linked.authors.length > 0
            ? linked.authors
            : this.otherAuthors.map((name) => ({ name, affiliations: [] }));
      for (const author of authors) out.push(...authorBlocks(author));
    }
    const date = this.date ?? linked?.date;
    if (date !== undefined && !present.has("dateline") && !present.has("dates")) out.push(metaBlock("dateline", date));
    const doi = this.doi ?? linked?.doi;
    if (doi !== undefined && !present.has("doi")) out.push(doiBlock(doi));
    const abstract = this.abstract ?? linked?.abstract;
    if (abstract !== undefined && !present.has("abstract")) out.push(metaBlock("abstract", abstract));
    const keywords = this.keywords.length > 0 ? this.keywords : (linked?.keywords ?? []);
    if (keywords.length > 0 && !present.has("keywords")) out.push(keywordsBlock(keywords));
    return out;
  }
}

/**
 * `items` with the tags' blocks for what the page's front matter lacks,
 * after that front matter (the title and the meta blocks right after it).
 */
export function withCitationTags(items: LinedBlock[], titleIndex: number, tags: CitationTags): LinedBlock[] {
  if (tags.isEmpty || titleIndex < 0) return items;
  let end = titleIndex + 1;
  while (end < items.length && (items[end]?.block.kind === "meta" || items[end]?.block.role === "subtitle")) end++;
  const present = new Set(
    items
      .slice(0, end)
      .map((item) => item.block.role)
      .filter((role): role is NonNullable<typeof role> => role !== undefined),
  );
  const added = tags.blocksFor(present).map((block) => ({ block, lines: [block.text] }));
  if (added.length === 0) return items;
  return [...items.slice(0, end), ...added, ...items.slice(end)];
}

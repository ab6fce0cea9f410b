/**
 * A web page's schema.org description of itself, in a
 * <script type="application/ld+json"> (WordPress with Yoast or Rank Math,
 * Substack, Medium, Ghost, news sites and journal platforms write one):
 * the first Article-like node (Article, NewsArticle, ScholarlyArticle,
 * BlogPosting, Report…), found at the top, in a list or in an "@graph".
 *
 * Read from it: headline; author(s) (a name, a Person or Organization, or
 * an {"@id"} pointing at one elsewhere in the graph) with affiliation,
 * email and an ORCID from identifier or sameAs; datePublished (else
 * dateCreated), as its day when it is a date-time; a DOI from identifier,
 * sameAs, url or @id; abstract (not description, which is a search-engine
 * teaser); keywords (a list or one comma-separated string). It fills in
 * what the page's visible front matter and its citation tags lack (see
 * citation-tags.ts), never more.
 */
import type { AuthorFacts } from "./written-meta.ts";

/** A page's JSON-LD is a few kilobytes; a larger script is not read. */
export const MAX_LINKED_DATA_CHARS = 256 * 1024;
/** No article lists more authors or keywords than this. */
const MAX_VALUES = 200;
/** One value's text (an abstract is the longest). */
const MAX_CHARS = 20_000;
/** Nodes looked at in one script: bounds the walk of a hostile graph. */
const MAX_NODES = 2_000;

export interface LinkedArticle {
  headline?: string;
  authors: AuthorFacts[];
  date?: string;
  doi?: string;
  abstract?: string;
  keywords: string[];
}

type Node = Record<string, unknown>;

const ARTICLE_TYPE = /(?:Article|BlogPosting|Report|Posting|Thesis|Chapter)$/;
const DOI_RE = /\b(10\.\d{4,9}\/[^\s"<>]+)/;
const ORCID_RE = /\b(\d{4}-\d{4}-\d{4}-\d{3}[\dX])\b/;

const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null && !Array.isArray(value);

function text(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const t = value.replace(/\s+/g, " ").trim();
  return t === "" ? undefined : t.slice(0, MAX_CHARS);
}

const many = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]).slice(0, MAX_VALUES);

function types(node: Node): string[] {
  return many(node["@type"]).filter((t): t is string => typeof t === "string");
}

/** Every node in the script, the ones inside "@graph" and lists included, breadth first. */
function allNodes(root: unknown): Node[] {
  const out: Node[] = [];
  const queue: unknown[] = [root];
  while (queue.length > 0 && out.length < MAX_NODES) {
    const value = queue.shift();
    if (Array.isArray(value)) queue.push(...value.slice(0, MAX_NODES));
    else if (isNode(value)) {
      out.push(value);
      if (value["@graph"] !== undefined) queue.push(value["@graph"]);
    }
  }
  return out;
}

/** `value`, or the node its {"@id"} names. */
function resolve(value: unknown, byId: ReadonlyMap<string, Node>): unknown {
  if (!isNode(value) || typeof value["@id"] !== "string") return value;
  const keys = Object.keys(value);
  return keys.length === 1 ? (byId.get(value["@id"]) ?? value) : value;
}

function nameOf(value: unknown): string | undefined {
  if (typeof value === "string") return text(value);
  if (!isNode(value)) return undefined;
  const given = text(value.givenName);
  const family = text(value.familyName);
  return text(value.name) ?? (given && family ? `${given} ${family}` : undefined);
}

function orcidOf(node: Node): string | undefined {
  for (const value of [...many(node.identifier), ...many(node.sameAs), node["@id"], node.url]) {
    const s = typeof value === "string" ? value : isNode(value) ? (text(value.value) ?? text(value["@id"])) : undefined;
    const named = /orcid/i.test(s ?? "") || (isNode(value) && /orcid/i.test(String(value.propertyID ?? "")));
    const m = named && s ? ORCID_RE.exec(s) : null;
    if (m?.[1]) return m[1];
  }
  return undefined;
}

function authorOf(value: unknown, byId: ReadonlyMap<string, Node>): AuthorFacts | undefined {
  const resolved = resolve(value, byId);
  const name = nameOf(resolved);
  if (name === undefined) return undefined;
  if (!isNode(resolved)) return { name, affiliations: [] };
  const affiliations = many(resolved.affiliation)
    .map((a) => nameOf(resolve(a, byId)))
    .filter((a): a is string => a !== undefined);
  const email = text(resolved.email)?.replace(/^mailto:/i, "");
  const orcid = orcidOf(resolved);
  return { name, affiliations, ...(email === undefined ? {} : { email }), ...(orcid === undefined ? {} : { orcid }) };
}

function doiOf(node: Node): string | undefined {
  for (const value of [...many(node.identifier), ...many(node.sameAs), node.url, node["@id"]]) {
    const s = typeof value === "string" ? value : isNode(value) ? text(value.value) : undefined;
    const m = s ? DOI_RE.exec(s) : null;
    if (m?.[1]) return m[1];
  }
  return undefined;
}

/** A date-time stands for its day, as written ("2024-05-14T08:30:00+00:00" -> "2024-05-14"). */
function dayOf(value: unknown): string | undefined {
  const t = text(value);
  return t?.replace(/^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}.*$/, "$1");
}

/** The article a JSON-LD script describes, or undefined (not JSON, or no Article-like node). */
export function readLinkedData(json: string): LinkedArticle | undefined {
  if (json.length > MAX_LINKED_DATA_CHARS) return undefined;
  let root: unknown;
  try {
    root = JSON.parse(json);
  } catch {
    return undefined;
  }
  const nodes = allNodes(root);
  const byId = new Map<string, Node>();
  for (const node of nodes) if (typeof node["@id"] === "string" && !byId.has(node["@id"])) byId.set(node["@id"], node);
  const article = nodes.find((node) => types(node).some((t) => ARTICLE_TYPE.test(t)));
  if (!article) return undefined;
  const authors = [...many(article.author), ...(article.author === undefined ? many(article.creator) : [])]
    .map((a) => authorOf(a, byId))
    .filter((a): a is AuthorFacts => a !== undefined);
  const givenKeywords = article.keywords;
  const keywords = (typeof givenKeywords === "string" ? givenKeywords.split(/\s*,\s*/) : many(givenKeywords).map(text))
    .map((k) => k?.trim())
    .filter((k): k is string => k !== undefined && k !== "")
    .slice(0, MAX_VALUES);
  const out: LinkedArticle = { authors, keywords };
  const headline = text(article.headline) ?? text(article.name);
  if (headline !== undefined) out.headline = headline;
  const date = dayOf(article.datePublished) ?? dayOf(article.dateCreated);
  if (date !== undefined) out.date = date;
  const doi = doiOf(article);
  if (doi !== undefined) out.doi = doi;
  const abstract = text(article.abstract);
  if (abstract !== undefined) out.abstract = abstract;
  return out;
}

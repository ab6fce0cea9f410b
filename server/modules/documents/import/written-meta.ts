/**
 * Meta blocks for front matter that arrives as data rather than lines (a
 * Markdown file's YAML fields, a web page's citation tags), written the way
 * an article prints it ("E-mail: …", "ORCID: …", "Keywords: a; b"), so the
 * metadata rules read them like any other front matter.
 */
import type { ImportedBlock, MetaRole } from "./types.ts";

export interface AuthorFacts {
  name: string;
  affiliations: readonly string[];
  email?: string;
  orcid?: string;
}

/**
 * The blocks written here: their role comes from a named field, not from the
 * shape of a line, so front-matter detection keeps it (an affiliation such as
 * "Fraunhofer ISE" is not read again as an author's name).
 */
const written = new WeakSet<ImportedBlock>();

export const isWrittenFromData = (block: ImportedBlock): boolean => written.has(block);

export function metaBlock(role: MetaRole, text: string): ImportedBlock {
  const block: ImportedBlock = { kind: "meta", role, text };
  written.add(block);
  return block;
}

/** The author's name, then each detail on its own line. */
export function authorBlocks(author: AuthorFacts): ImportedBlock[] {
  const out = [metaBlock("author", author.name)];
  for (const affiliation of author.affiliations) out.push(metaBlock("affiliation", affiliation));
  if (author.email !== undefined) out.push(metaBlock("email", `E-mail: ${author.email}`));
  if (author.orcid !== undefined) out.push(metaBlock("identifier", `ORCID: ${author.orcid}`));
  return out;
}

export const doiBlock = (doi: string): ImportedBlock => metaBlock("doi", `DOI: ${doi}`);

export const keywordsBlock = (keywords: readonly string[]): ImportedBlock => metaBlock("keywords", `Keywords: ${keywords.join("; ")}`);

/**
 * Builds the structured metadata (authors, dateline, subtitle) from the meta
 * blocks a parser emitted, so every format derives it the same way and the
 * blocks stay the single source of truth.
 */
import {
  extractEmail,
  extractOrcid,
  extractPhone,
  extractResearcherId,
  parseDegrees,
  parseNameLine,
  stripLabel,
} from "./meta-lines.ts";
import type { ImportedAuthor, ImportedBlock, ImportedMetadata } from "./types.ts";

function newAuthors(text: string): ImportedAuthor[] {
  const parsed = parseNameLine(text);
  if (parsed) {
    return parsed.names.map((n) => ({ name: n.name, degrees: [...n.degrees], affiliations: [] }));
  }
  // An HTML byline that is not name-shaped: keep its text as the name.
  return [{ name: text.trim().replace(/^by\s+/i, ""), degrees: [], affiliations: [] }];
}

function addToAuthor(author: ImportedAuthor, block: ImportedBlock): void {
  const text = block.text.trim();
  switch (block.role) {
    case "degrees":
      author.degrees.push(...parseDegrees(text));
      break;
    case "affiliation":
      author.affiliations.push(text);
      break;
    case "identifier": {
      const orcid = extractOrcid(text);
      const researcherId = extractResearcherId(text);
      if (orcid && /orcid/i.test(text)) author.orcid ??= orcid;
      else if (researcherId) author.researcherId ??= researcherId;
      break;
    }
    case "email":
      author.email ??= extractEmail(text);
      break;
    case "phone":
      author.phone ??= extractPhone(text);
      break;
    case "address": {
      const value = stripLabel(text);
      author.address = author.address ? `${author.address}, ${value}` : value;
      break;
    }
    default:
      break;
  }
}

export function buildMetadata(blocks: readonly ImportedBlock[]): ImportedMetadata {
  const authors: ImportedAuthor[] = [];
  const metadata: ImportedMetadata = { authors };
  for (const block of blocks) {
    if (block.kind === "heading" && block.role === "subtitle") {
      metadata.subtitle ??= block.text;
      continue;
    }
    if (block.kind !== "meta") continue;
    if (block.role === "dateline") {
      metadata.dateline ??= block.text;
    } else if (block.role === "author") {
      authors.push(...newAuthors(block.text));
    } else {
      // Lines before any name have no author to belong to; the block still shows them.
      const current = authors[authors.length - 1];
      if (current) addToAuthor(current, block);
    }
  }
  return metadata;
}

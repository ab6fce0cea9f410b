/**
 * Front matter at random: journal-shaped articles (tests/helpers/front-matter-fuzz.ts) written as
 * plain text, Markdown, HTML, Word and OpenDocument, imported, and the title, each author's name, affiliation,
 * e-mail and ORCID iD, the abstract, keywords, DOI and the body's paragraphs compared with what
 * was written. FUZZ_SEED=<seed> runs that seed first; FUZZ_RUNS_SCALE=<x> runs more articles.
 */
import { describe, expect, it } from "vitest";
import { parseImport } from "../../server/modules/documents/import/index.ts";
import { fuzzSeeds, rng } from "../helpers/anchoring-fuzz.ts";
import { asDocx, asHtml, asMarkdown, asOdt, asText, frontMatterProblems, randomArticle } from "../helpers/front-matter-fuzz.ts";

const ARTICLES = 40;
const FILES_PER_ARTICLE = 5;
const TIMEOUT_MS = 60_000 * Math.max(1, Number(process.env.FUZZ_RUNS_SCALE ?? "1") || 1);

describe("front-matter fuzz: journal articles in five formats", () => {
  it(`reads the front matter each was written with (${ARTICLES} seeded articles)`, async () => {
    const problems: string[] = [];
    let read = 0;
    const seeds = fuzzSeeds(20261208, ARTICLES);
    for (const seed of seeds) {
      const article = randomArticle(rng(seed));
      const files = [
        ["txt", Buffer.from(asText(article))],
        ["md", Buffer.from(asMarkdown(article))],
        ["html", Buffer.from(asHtml(article))],
        ["docx", await asDocx(article)],
        ["odt", await asOdt(article)],
      ] as const;
      for (const [format, bytes] of files) {
        const doc = await parseImport(format, bytes);
        read++;
        for (const p of frontMatterProblems(article.truth, doc)) problems.push(`seed ${seed} ${format} (${article.truth.layout}): ${p}`);
      }
    }
    expect(read).toBe(seeds.length * FILES_PER_ARTICLE);
    expect(problems.slice(0, 20)).toEqual([]);
  }, TIMEOUT_MS);
});

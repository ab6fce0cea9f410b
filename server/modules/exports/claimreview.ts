/**
 * schema.org ClaimReview JSON-LD for every claim with a verdict, wrapped in a DataFeed that
 * names the document, its event seq and the export time. Follows Google's fact-check
 * structured data: the required `claimReviewed`, `reviewRating` (with `alternateName`) and
 * `url`, and the recommended `author`, `datePublished`, `itemReviewed` (a Claim with the
 * article's authors, its publication date and where it appears) and Rating `name`,
 * `ratingValue`, `bestRating`, `worstRating`.
 *
 * Ratings use a 1-5 scale (false 1, misleading 2, disputed 3, supported 5); "unverifiable" has
 * no place on a truth scale, so it carries only its textual rating. Links are the app's public
 * pages (links.ts), never API URLs: `url` is the claim's review panel on the document page,
 * `appearance.url` the document page opened at the claim. The claim's author and date are the
 * article's, from its metadata; when the metadata does not say, they are left out. Suggestions
 * are not claims and never appear; a claim that lost its place in the exported version's text
 * is still a reviewed claim (its quote is the words reviewed) and appears like any other.
 */
import { isVerdict, type Verdict } from "../../../common/review.ts";
import type { ArticleFacts } from "./article-facts.ts";
import type { ExportNote, ExportSnapshot } from "./snapshot.ts";
import { safeLink, STATUS_LABEL } from "./labels.ts";
import { annotationPageUrl, claimReviewUrl, documentPageUrl } from "./links.ts";

const RATING: Record<Verdict, number | null> = { false: 1, misleading: 2, disputed: 3, supported: 5, unverifiable: null };

const person = (name: string) => ({ "@type": "Person", name });

/** One Person, or a list when the article has several authors; absent when unknown. */
function articleAuthor(article: ArticleFacts) {
  if (article.authors.length === 0) return {};
  const people = article.authors.map(person);
  return { author: people.length === 1 ? people[0] : people };
}

function review(a: ExportNote, s: ExportSnapshot) {
  const c = a.claim!;
  const verdict = c.status as Verdict;
  const value = RATING[verdict];
  const { article } = s.document;
  const label = STATUS_LABEL[verdict];
  return {
    "@type": "ClaimReview",
    identifier: a.id,
    url: claimReviewUrl(s.origin, s.document.id, a.id),
    claimReviewed: a.quote,
    datePublished: (c.decidedAt ?? a.updatedAt).toISOString(),
    author: c.reviewer ? person(c.reviewer.displayName) : { "@type": "Organization", name: "Scholia" },
    reviewBody: c.rationale,
    reviewRating: {
      "@type": "Rating",
      name: label,
      alternateName: label,
      ...(value === null ? {} : { ratingValue: value, bestRating: 5, worstRating: 1 }),
      ratingExplanation: c.rationale,
    },
    itemReviewed: {
      "@type": "Claim",
      text: a.quote,
      ...articleAuthor(article),
      ...(article.published ? { datePublished: article.published } : {}),
      appearance: {
        "@type": "CreativeWork",
        name: s.document.title,
        url: annotationPageUrl(s.origin, s.document.id, a.id),
        ...articleAuthor(article),
        ...(article.published ? { datePublished: article.published } : {}),
        ...(article.doi ? { sameAs: `https://doi.org/${article.doi.split("/").map(encodeURIComponent).join("/")}` } : {}),
      },
    },
    citation: c.sources.flatMap((u) => {
      const url = safeLink(u);
      return url ? [{ "@type": "CreativeWork", url }] : [];
    }),
    keywords: a.tags.map((t) => t.path).join(", "),
  };
}

export function renderClaimReview(s: ExportSnapshot) {
  const reviewed = [...s.annotations, ...s.unplaced].filter((a) => a.claim && isVerdict(a.claim.status));
  return {
    "@context": "https://schema.org",
    "@type": "DataFeed",
    name: `Claim reviews of ${s.document.title}`,
    dateCreated: s.madeAt.toISOString(),
    isBasedOn: { "@type": "CreativeWork", identifier: s.document.id, name: s.document.title, url: documentPageUrl(s.origin, s.document.id), version: `version ${s.document.version}, event seq ${s.document.seq}` },
    dataFeedElement: reviewed.map((a) => review(a, s)),
  };
}

/**
 * schema.org ClaimReview JSON-LD for every claim with a verdict, wrapped in a DataFeed that
 * names the document, its event seq and the export time. Ratings use a 1-5 scale (false 1,
 * misleading 2, disputed 3, supported 5); "unverifiable" has no place on a truth scale, so it
 * carries only its textual rating (alternateName).
 */
import { isVerdict, type Verdict } from "../../../common/review.ts";
import type { ExportAnnotation, ExportSnapshot } from "./snapshot.ts";
import { safeLink, STATUS_LABEL } from "./labels.ts";

const RATING: Record<Verdict, number | null> = { false: 1, misleading: 2, disputed: 3, supported: 5, unverifiable: null };

function review(a: ExportAnnotation, s: ExportSnapshot, documentUrl: string) {
  const c = a.claim!;
  const verdict = c.status as Verdict;
  const value = RATING[verdict];
  return {
    "@type": "ClaimReview",
    identifier: a.id,
    claimReviewed: a.quote,
    datePublished: (c.decidedAt ?? a.updatedAt).toISOString(),
    author: c.reviewer ? { "@type": "Person", name: c.reviewer.displayName } : { "@type": "Organization", name: "Scholia" },
    reviewBody: c.rationale,
    reviewRating: {
      "@type": "Rating",
      alternateName: STATUS_LABEL[verdict],
      ...(value === null ? {} : { ratingValue: value, bestRating: 5, worstRating: 1 }),
      ratingExplanation: c.rationale,
    },
    itemReviewed: {
      "@type": "Claim",
      text: a.quote,
      author: { "@type": "Person", name: a.author.displayName },
      datePublished: a.createdAt.toISOString(),
      appearance: { "@type": "CreativeWork", name: s.document.title, url: documentUrl },
    },
    citation: c.sources.flatMap((u) => {
      const url = safeLink(u);
      return url ? [{ "@type": "CreativeWork", url }] : [];
    }),
    keywords: a.tags.map((t) => t.path).join(", "),
  };
}

export function renderClaimReview(s: ExportSnapshot) {
  const documentUrl = `${s.origin}/api/documents/${s.document.id}`;
  const reviewed = s.annotations.filter((a) => a.claim && isVerdict(a.claim.status));
  return {
    "@context": "https://schema.org",
    "@type": "DataFeed",
    name: `Claim reviews of ${s.document.title}`,
    dateCreated: s.madeAt.toISOString(),
    isBasedOn: { "@type": "CreativeWork", identifier: s.document.id, name: s.document.title, url: documentUrl, version: `event seq ${s.document.seq}` },
    dataFeedElement: reviewed.map((a) => review(a, s, documentUrl)),
  };
}

import { describe, expect, it } from "vitest";
import { parseHtml } from "./html.ts";
import { readLinkedData } from "./linked-data.ts";

const page = (ld: string, head = "", body = "<p>Body text of the article, long enough to be a paragraph.</p>") =>
  `<html><head><title>Site name | A page</title>${head}<script type="application/ld+json">${ld}</script></head><body>${body}</body></html>`;

describe("schema.org JSON-LD", () => {
  it("follows a Yoast @graph's @id references to the author, and gives a date-time as its day", () => {
    const ld = JSON.stringify({
      "@context": "https://schema.org",
      "@graph": [
        { "@type": "WebPage", "@id": "#page", name: "Not the article" },
        { "@type": "Article", headline: "Rent Controls Return", author: { "@id": "#p1" }, datePublished: "2024-05-14T08:30:00+00:00" },
        { "@type": "Person", "@id": "#p1", name: "Hannah Clarke" },
      ],
    });
    expect(readLinkedData(ld)).toEqual({ headline: "Rent Controls Return", authors: [{ name: "Hannah Clarke", affiliations: [] }], date: "2024-05-14", keywords: [] });
  });

  it("reads a ScholarlyArticle's DOI, abstract and given/family names", () => {
    const ld = JSON.stringify({
      "@type": "ScholarlyArticle",
      name: "Trade and Carbon",
      author: [{ "@type": "Person", givenName: "Lena", familyName: "Hoffmann", identifier: { "@type": "PropertyValue", propertyID: "ORCID", value: "0000-0002-1825-0097" } }],
      identifier: { "@type": "PropertyValue", propertyID: "DOI", value: "10.1234/tc.2025.7" },
      abstract: "We estimate exposure.",
      description: "A teaser for search engines.",
      keywords: ["trade", "carbon"],
    });
    expect(readLinkedData(ld)).toEqual({
      headline: "Trade and Carbon",
      authors: [{ name: "Lena Hoffmann", affiliations: [], orcid: "0000-0002-1825-0097" }],
      doi: "10.1234/tc.2025.7",
      abstract: "We estimate exposure.",
      keywords: ["trade", "carbon"],
    });
  });

  it("ignores a script that is not JSON or describes no article", () => {
    expect(readLinkedData("{not json")).toBeUndefined();
    expect(readLinkedData(JSON.stringify({ "@type": "Organization", name: "The Ledger" }))).toBeUndefined();
  });

  it("fills in what the page lacks, with its headline as the title instead of <title>", () => {
    const ld = JSON.stringify({ "@type": "NewsArticle", headline: "A page", author: "Grace Mwangi", datePublished: "2025-02-03" });
    const doc = parseHtml(page(ld));
    expect(doc.title).toBe("A page");
    expect(doc.metadata.authors.map((a) => a.name)).toEqual(["Grace Mwangi"]);
    expect(doc.metadata.dateline).toBe("2025-02-03");
  });

  it("gives way to the citation tags and to the page's visible byline", () => {
    const ld = JSON.stringify({ "@type": "Article", headline: "A page", author: "From Schema", datePublished: "2020-01-01" });
    const tagged = parseHtml(page(ld, '<meta name="citation_author" content="Roe, Jane"><meta name="citation_date" content="2024/03/01">'));
    expect(tagged.metadata.authors.map((a) => a.name)).toEqual(["Jane Roe"]);
    expect(tagged.metadata.dateline).toBe("2024/03/01");
    const visible = parseHtml(page(ld, "", '<h1>A page</h1><p class="byline">By Ann Lee</p><p>Body text of the article, long enough to be a paragraph.</p>'));
    expect(visible.metadata.authors.map((a) => a.name)).toEqual(["Ann Lee"]);
  });
});

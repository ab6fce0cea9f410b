import { describe, expect, it } from "vitest";
import { parseHtml } from "./html.ts";
import { isPageFurniture } from "./page-furniture.ts";
import { parsePlainText } from "./plain-text.ts";
import type { ImportedBlock } from "./types.ts";

const p = (text: string, marks?: ImportedBlock["marks"]): ImportedBlock => (marks ? { kind: "paragraph", text, marks } : { kind: "paragraph", text });

describe("page furniture", () => {
  it("is a slot label, a newsletter sign-up, or a teaser for another story", () => {
    for (const text of ["Advertisement", "ADVERTISEMENT", "Story continues below advertisement", "Share this article", "Read more", "Related stories:"]) {
      expect(isPageFurniture(p(text)), text).toBe(true);
    }
    expect(isPageFurniture(p("Sign up for our Morning Ledger newsletter to get our best analysis in your inbox."))).toBe(true);
    expect(isPageFurniture(p("Related: The housing benefit freeze, explained"))).toBe(true);
    const linked = "Read more: Why wages are still catching up. A long read on pay, prices and the labour market.";
    expect(isPageFurniture(p(linked, [{ type: "link", start: 11, end: linked.length, href: "https://example.com/a" }]))).toBe(true);
  });

  it("is a reading time on its own line, with at most the date after it", () => {
    for (const text of ["8 min read", "8 min readMar 3, 2025", "12 min read · 4 February 2025", "5 minute read"]) {
      expect(isPageFurniture(p(text)), text).toBe(true);
    }
    for (const text of ["8 min read, the report says, is too long for most readers.", "8 minutes reading aloud each night", "Read time: a history"]) {
      expect(isPageFurniture(p(text)), text).toBe(false);
    }
  });

  it("is never prose, a label with a sentence after it, or a heading", () => {
    expect(isPageFurniture(p("Readers who subscribe to the newsletter were more likely to vote."))).toBe(false);
    expect(isPageFurniture(p("Related: the data show that rents rose. Landlords disagree."))).toBe(false);
    expect(isPageFurniture(p("See also: Smith (2019)"))).toBe(false);
    expect(isPageFurniture(p("Advertisement spending fell by a third in 2009."))).toBe(false);
    expect(isPageFurniture({ kind: "heading", level: 2, text: "Advertisement" })).toBe(false);
  });

  it("leaves the body of a pasted news page, in plain text and HTML", () => {
    const txt = parsePlainText("Rates on hold\n\nThe bank kept rates on hold on Thursday.\n\nAdvertisement\n\nRelated: Why wages are still catching up\n\nSign up to our newsletter\n\nMost economists expected the decision.");
    expect(txt.blocks.filter((b) => b.kind === "paragraph").map((b) => b.text)).toEqual(["The bank kept rates on hold on Thursday.", "Most economists expected the decision."]);
    const html = parseHtml("<h1>Rates on hold</h1><p>The bank kept rates on hold.</p><p>Advertisement</p><p>Most expected it.</p>");
    expect(html.blocks.filter((b) => b.kind === "paragraph").map((b) => b.text)).toEqual(["The bank kept rates on hold.", "Most expected it."]);
  });
});

describe("blog platform markup", () => {
  it("reads a WordPress byline as one line, without the hidden modified date, share buttons or the site header", () => {
    const doc = parseHtml(
      '<header class="site-header"><p class="site-title">Policy Blog</p></header><article><h1 class="entry-title">Rent</h1>' +
        '<div class="entry-meta"><span class="posted-on"><time class="entry-date published" datetime="2024-05-14">14 May 2024</time><time class="updated" datetime="2024-05-15">15 May 2024</time></span>' +
        '<span class="byline"> by <span class="author vcard"><a class="url fn n" href="/a">Hannah Clarke</a></span></span></div>' +
        '<p>Rent controls are back on the agenda in several cities.</p><div class="sharedaddy"><h3>Share this:</h3><ul><li>Twitter</li></ul></div>' +
        '<footer class="entry-footer"><span class="cat-links">Posted in Housing</span></footer></article>',
    );
    expect(doc.blocks.map((b) => `${b.kind}${b.role ? `/${b.role}` : ""}: ${b.text}`)).toEqual([
      "heading/title: Rent",
      "meta/dateline: 14 May 2024",
      "meta/author: by Hannah Clarke",
      "paragraph: Rent controls are back on the agenda in several cities.",
    ]);
  });
});

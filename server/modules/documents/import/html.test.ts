import { readFileSync } from "node:fs";
import { LATEX_CORPUS_BODY, LATEX_CORPUS_NOTE } from "../../../../tests/helpers/latex-corpus-body.ts";
import { describe, expect, it } from "vitest";
import { parseHtml } from "./html.ts";
import type { ImportedBlock } from "./types.ts";

const fixture = (name: string) => readFileSync(new URL(`../../../../tests/fixtures/import/${name}`, import.meta.url), "utf8");

const marked = (b: ImportedBlock | undefined) => (b?.marks ?? []).map((m) => [m.type, b?.text.slice(m.start, m.end), m.href]);

describe("parseHtml: hostile fixture", () => {
  const doc = parseHtml(fixture("hostile.html"));

  it("keeps no script, handler, javascript: URL or dropped-element text anywhere", () => {
    const texts = doc.blocks.flatMap((b) => [b.text, ...(b.marks ?? []).map((m) => m.href ?? "")]);
    texts.push(doc.title, JSON.stringify(doc.metadata));
    for (const text of texts) {
      expect(text).not.toMatch(/alert/i);
      expect(text).not.toMatch(/<script/i);
      expect(text).not.toMatch(/javascript:/i);
      expect(text).not.toMatch(/onerror|onclick|onload|onmouseover/i);
      expect(text).not.toMatch(/iframe|template|svg|noscript/i);
    }
  });

  it("reads the visible content with exact kinds and texts", () => {
    expect(doc.title).toBe("Grain, Debt and Leverage");
    expect(doc.blocks.map((b) => [b.kind, b.role ?? null, b.text, b.depth ?? null, b.ordered ?? null])).toEqual([
      ["heading", "title", "Grain, Debt and Leverage", null, null],
      ["meta", "author", "By Henrike Solvang-Abara, PhD", null, null],
      ["meta", "affiliation", "Department of Agrarian Economics, Norrvik University", null, null],
      ["meta", "email", "Email: h.solvang@norrvik.example.edu", null, null],
      ["meta", "address", "Kvarngatan 18, 114 51 Stockholm, Sweden", null, null],
      [
        "paragraph",
        null,
        "Food importers & their creditors now negotiate in the same rooms. Since 2022, at least nine grain-dependent states have rescheduled debt.",
        null,
        null,
      ],
      ["paragraph", null, "Read the dataset, the mirror, the inline copy or the official tables.", null, null],
      // A formula's MathML is read (html-mathml.ts): its symbols, never a script or hidden text in it.
      ["paragraph", null, "x y", null, null],
      ["heading", null, "Who holds the leverage?", null, null],
      ["listItem", null, "Exporters with storage capacity", 0, null],
      ["listItem", null, "Lenders with seats on", 0, null],
      ["listItem", null, "port boards", 1, true],
      ["listItem", null, "rail boards", 1, true],
      ["quote", null, "Debt is paid in harvests long before it is paid in money.", null, null],
      ["paragraph", null, "Plain div text with rollover_clause.", null, null],
    ]);
    expect(doc.blocks[8]?.level).toBe(2);
  });

  it("keeps marks for emphasis, code and only the safe link", () => {
    expect(marked(doc.blocks[0])).toEqual([["italic", "Leverage", undefined]]);
    expect(marked(doc.blocks[5])).toEqual([["bold", "nine", undefined]]);
    expect(marked(doc.blocks[6])).toEqual([["link", "official tables", "https://data.example.org/grain?year=2025&q=1"]]);
    expect(marked(doc.blocks[14])).toEqual([["code", "rollover_clause", undefined]]);
  });

  it("builds the author from the byline and <address>", () => {
    expect(doc.metadata).toEqual({
      authors: [
        {
          name: "Henrike Solvang-Abara",
          degrees: ["PhD"],
          affiliations: ["Department of Agrarian Economics, Norrvik University"],
          email: "h.solvang@norrvik.example.edu",
          address: "Kvarngatan 18, 114 51 Stockholm, Sweden",
          positions: [],
          identifiers: {},
        },
      ],
    });
  });
});

describe("parseHtml: a think tank's commentary saved from the browser", () => {
  // A page as such sites build it: a kicker over the title, a by-line with the date and a reading
  // time after middle dots, share links and a print button, a photo with its credit, a related-reading
  // box inside the article, a newsletter box after it (tests/fixtures/import/think-tank-commentary.html).
  const doc = parseHtml(fixture("think-tank-commentary.html"));
  const texts = doc.blocks.map((b) => b.text);

  it("reads the authors and the date from the by-line, not its reading time", () => {
    expect(doc.metadata.authors.map((a) => a.name)).toEqual(["Ana Souza", "Wei Zhang"]);
    expect(doc.metadata.dateline).toMatch(/^(?:February 11, 2026|2026-02-11)$/);
    expect(doc.blocks[0]).toMatchObject({ role: "title", text: "Why Small States Hedge" });
  });

  it("leaves the page's share links, buttons, kicker, related box and newsletter box out", () => {
    for (const furniture of ["Commentary", "Share on X", "LinkedIn", "Email", "Print", "Related", "The New Non-Alignment", "Get our weekly briefing", "Analysis you can use, every Friday."]) {
      expect(texts, furniture).not.toContain(furniture);
    }
  });

  it("keeps a photo's caption out of the subtitle, and the article whole", () => {
    expect(doc.metadata.subtitle).toBeUndefined();
    expect(doc.blocks.find((b) => b.text.startsWith("The port of Singapore"))?.kind).toBe("meta");
    expect(doc.blocks.filter((b) => b.kind === "heading" && b.role !== "title").map((b) => b.text)).toEqual(["Hedging is not indecision", "What comes next"]);
    expect(doc.blocks.filter((b) => b.kind === "listItem").map((b) => b.text)).toEqual([
      "commitments are costly to verify;",
      "verification is itself a political good;",
      "states that supply verification gain influence.",
    ]);
  });
});

describe("parseHtml: a classic-theme WordPress post saved from the browser", () => {
  // Twenty Sixteen's markup: the by-line and date in the post's own footer (an author vcard, a
  // published and an updated <time>), footnotes listed with "↩" links back, Jetpack's share and like
  // boxes, comments and a sidebar (tests/fixtures/import/wordpress-classic-post.html).
  const doc = parseHtml(fixture("wordpress-classic-post.html"));
  const texts = doc.blocks.map((b) => b.text);

  it("reads the author and the date from the post's footer, not as a run-together line at the end", () => {
    expect(doc.metadata.authors.map((a) => a.name)).toEqual(["Margaret Hollis"]);
    expect(doc.metadata.dateline).toMatch(/^(?:March 14, 2024|2024-03-14)$/);
    expect(texts.some((t) => t.includes("HollisMarch"))).toBe(false);
  });

  it("reads the listed note as a footnote, without its link back", () => {
    expect(doc.blocks.filter((b) => b.role === "footnote").map((b) => b.text)).toEqual([
      "Norfolk Record Office, PD 214/33, pinder’s accounts 1761–1790.",
    ]);
    expect(doc.blocks.filter((b) => b.kind === "listItem")).toEqual([]);
  });

  it("leaves share and like boxes, comments and the sidebar out, and the article whole", () => {
    for (const furniture of ["Share this:", "Like this:", "Fascinating. Did the same happen in the Yare parishes?", "Recent Posts", "Leave a Reply"]) {
      expect(texts, furniture).not.toContain(furniture);
    }
    expect(doc.blocks[0]).toMatchObject({ role: "title", text: "Counting the Commons: What Parish Ledgers Tell Us" });
    expect(doc.blocks.filter((b) => b.kind === "paragraph")).toHaveLength(4);
    expect(doc.blocks.find((b) => b.text.startsWith("A page of the pinder’s accounts"))).toMatchObject({ kind: "meta", role: "other" });
  });
});

describe("parseHtml: a block-theme WordPress post saved from the browser", () => {
  // Twenty Twenty-Four's markup: the site title in the template's header, the post's title, excerpt,
  // author block, date and category terms, a pull quote, a button, the footnotes block (notes keyed by
  // a UUID, linked back with "#UUID-link"), the comments block and post navigation
  // (tests/fixtures/import/wordpress-block-post.html).
  const doc = parseHtml(fixture("wordpress-block-post.html"));
  const texts = doc.blocks.map((b) => b.text);

  it("reads the post's author only, not a commenter, with its date and excerpt", () => {
    expect(doc.metadata.authors.map((a) => a.name)).toEqual(["Ines Carvalho"]);
    expect(doc.metadata.dateline).toBe("3 February 2025");
    expect(doc.metadata.standfirst).toBe("What a municipal archive lost in the 2023 flood, and what its cataloguers rebuilt from carbon copies.");
    expect(doc.blocks[0]).toMatchObject({ role: "title", text: "Notes on a Flooded Archive" });
  });

  it("reads the footnotes block as footnotes, without their links back", () => {
    expect(doc.blocks.filter((b) => b.role === "footnote").map((b) => b.text)).toEqual([
      "Letters Series B, boxes 14–22, deposited by the harbour company in 1961.",
    ]);
    expect(doc.blocks.filter((b) => b.kind === "listItem")).toEqual([]);
  });

  it("leaves the site title, category terms, button and comments out, and keeps the pull quote", () => {
    for (const furniture of ["The Margin Review", "Archives", "Support the archive", "We had the same experience in Brno.", "4 February 2025", "An older essay"]) {
      expect(texts, furniture).not.toContain(furniture);
    }
    expect(texts.some((t) => t.startsWith("One response to"))).toBe(false);
    expect(texts).toContain("We catalogued what was left by its smell before we could read it.");
  });
});

describe("parseHtml: a Ghost post saved from the browser", () => {
  // Ghost's Casper markup: the site's header with its navigation and a portal "Subscribe" link, the
  // primary tag over the title, an excerpt, the by-line with an avatar, date and reading time, a
  // feature image whose caption names a library, Koenig cards (an image with a caption, a callout,
  // a button), member comments and a "read more" card (tests/fixtures/import/ghost-post.html).
  const doc = parseHtml(fixture("ghost-post.html"));
  const texts = doc.blocks.map((b) => b.text);

  it("reads the author without the feature image's caption as an affiliation, and the date", () => {
    expect(doc.metadata.authors).toEqual([expect.objectContaining({ name: "Tobias Lindqvist", affiliations: [] })]);
    expect(doc.metadata.dateline).toBe("Nov 5, 2024");
    expect(doc.metadata.standfirst).toBe("A misdrawn river, copied for a century.");
    expect(doc.blocks.find((b) => b.text.startsWith("Detail of the 1823 survey sheet"))).toMatchObject({ kind: "meta", role: "other" });
  });

  it("leaves the site's header, the tag link, the reading time and the buttons out", () => {
    expect(doc.blocks[0]).toMatchObject({ role: "title", text: "The Cartographer's Error" });
    for (const furniture of ["Meridian Quarterly", "Subscribe", "History", "• 7 min read", "7 min read", "Subscribe to Meridian Quarterly", "Member discussion", "0 comments"]) {
      expect(texts, furniture).not.toContain(furniture);
    }
    expect(texts).toContain("The correction was finally made in 1927 from aerial photographs.");
    expect(texts).toContain("What interests me is not the error but its durability.");
  });
});

describe("parseHtml: a Drupal think tank's report page saved from the browser", () => {
  // Drupal's field markup: the title block above the node, a report-type field, a subtitle field, an
  // "Authors" field with one item each, a labelled publication date, a "Topics" field whose items link
  // to topic pages, the body and a file field (tests/fixtures/import/drupal-think-tank.html).
  const doc = parseHtml(fixture("drupal-think-tank.html"));
  const texts = doc.blocks.map((b) => b.text);

  it("reads the title, subtitle, both authors and the publication date", () => {
    expect(doc.blocks[0]).toMatchObject({ role: "title", text: "Grid Interconnection Queues and the Cost of Waiting" });
    expect(doc.metadata.subtitle).toBe("How five-year waits for a grid connection shape which projects get built");
    expect(doc.metadata.authors.map((a) => a.name)).toEqual(["Helena Marsh", "Kwame Asante"]);
    expect(doc.metadata.dates?.published).toBe("April 22, 2025");
  });

  it("keeps the report's topics: a topic page is not a blog's tag index", () => {
    expect(texts.some((t) => t.includes("Electricity"))).toBe(true);
    expect(texts.some((t) => t.includes("Permitting"))).toBe(true);
    expect(texts).not.toContain("Skip to main content");
    expect(texts).not.toContain("© 2025 Institute for Energy Transitions");
  });

  it("reads a labelled field as one line, its label before its items", () => {
    expect(texts).toContain("Topics: Electricity, Permitting");
    expect(texts).not.toContain("Topics");
  });
});

describe("parseHtml: a Medium story saved as a complete web page", () => {
  // Medium's live markup saved with "Save Page As → Web Page, Complete": scripts, style sheets and
  // JSON-LD left in, generated class names, sign-in and follow links, a reading time run into the
  // date, clap and response counters, tag links with a tracking query, the author's card and lists of
  // other stories (tests/fixtures/import/medium-story-saved-complete.html).
  const doc = parseHtml(fixture("medium-story-saved-complete.html"));
  const texts = doc.blocks.map((b) => b.text);

  it("reads the title, subtitle, author and date, and no script's text", () => {
    expect(doc.title).toBe("The Slow Return of the Tram");
    expect(doc.blocks.find((b) => b.role === "title")?.text).toBe("The Slow Return of the Tram");
    expect(doc.metadata.subtitle).toBe("Cities that tore up their tracks are laying them again. What took so long?");
    expect(doc.metadata.authors.map((a) => a.name)).toEqual(["Noor Haddad"]);
    expect(doc.metadata.dateline).toMatch(/^(?:2025-03-03|Mar 3, 2025)$/);
    expect(texts.some((t) => /__APOLLO_STATE__|__BUILD_ID__|box-sizing/.test(t))).toBe(false);
  });

  it("leaves sign-in and follow links, the reading time, tag links and the follower count out", () => {
    for (const furniture of ["Sign up", "Sign in", "Follow", "8 min readMar 3, 2025", "Urban Planning", "Transport", "2.1K followers"]) {
      expect(texts, furniture).not.toContain(furniture);
    }
    expect(texts).toContain("Expertise, once lost, is expensive to import. That, more than money, explains the delay.");
    expect(texts).toContain("Nobody in the planning office had ever built a tramway. They had to learn it from the Swiss.");
  });

  it("leaves the responses and the other stories after the article out, and keeps the author's card", () => {
    for (const furniture of ["Responses (12)", "Jamie Park", "Great read. Same story in my city.", "More from Noor Haddad", "Why Bus Lanes Fail", "Paint is cheap. Enforcement is not.", "Recommended from Medium", "The 15-Minute City, Five Years On", "Help", "Status"]) {
      expect(texts, furniture).not.toContain(furniture);
    }
    expect(texts).toContain("Transport historian. Writing about cities and the machines that move them.");
  });
});

describe("parseHtml: a Substack post saved from the browser", () => {
  // Substack's markup: a subtitle and a by-line with an avatar under the title, like/comment/share
  // counters as role="button" links, subscribe boxes inside and after the post, footnotes whose
  // number links back to the anchor, a discussion and the publication's footer
  // (tests/fixtures/import/substack-post.html).
  const doc = parseHtml(fixture("substack-post.html"));
  const texts = doc.blocks.map((b) => b.text);

  it("reads the post's author only, not a commenter, with its subtitle and date", () => {
    expect(doc.metadata.authors.map((a) => a.name)).toEqual(["Lena Okafor"]);
    expect(doc.metadata.subtitle).toBe("Why the allocations that matter are the ones nobody votes on");
    expect(doc.metadata.dateline).toBe("Jun 02, 2025");
    expect(doc.blocks[0]).toMatchObject({ role: "title", text: "The Quiet Arithmetic of Water Rights" });
  });

  it("reads each footnote as one note, not a bare number and a paragraph", () => {
    expect(doc.blocks.filter((b) => b.role === "footnote").map((b) => b.text)).toEqual([
      "The 1958 compact, Article IV, as amended in 1971 and 1994.",
      "The phrase is borrowed from a county engineer who asked not to be named.",
    ]);
    expect(texts).not.toContain("1");
    expect(texts).not.toContain("2");
  });

  it("leaves the navigation bar, counters, share and subscribe boxes, discussion and footer out", () => {
    for (const furniture of [
      "Basin Letters", "Sign in", "214", "37", "Share", "Reply", "Jun 3", "Discussion about this post",
      "Basin Letters is a reader-supported publication. To receive new posts and support my work, consider becoming a free or paid subscriber.",
      "Thanks for reading Basin Letters! Subscribe for free to receive new posts and support my work.",
      "This is the clearest explanation of prior appropriation I have read.", "© 2025 Lena Okafor", "Substack is the home for great culture",
    ]) {
      expect(texts, furniture).not.toContain(furniture);
    }
    expect(doc.blocks.filter((b) => b.kind === "paragraph").map((b) => b.text.slice(0, 20))).toEqual([
      "Every summer the sam", "Most of the water in", "Seniority is a polic", "None of this is secr",
    ]);
  });
});

describe("parseHtml: a news site's article saved from the browser", () => {
  // A news page as such sites build it: a section label over the headline, a summary, a print-style
  // by-line "By NAME and NAME", a timestamp with "Updated 3:45 p.m. ET", a lead photo whose caption ends
  // on its credit without a "Photo:" label, ad slots, a "Read more" teaser, a live update with its time,
  // an author's bio and a "More in Local" list (tests/fixtures/import/news-article.html).
  const doc = parseHtml(fixture("news-article.html"));
  const texts = doc.blocks.map((b) => b.text);

  it("reads both authors and the publication date, not the time it was last updated", () => {
    expect(doc.metadata.authors.map((a) => a.name)).toEqual(["Daniel Ortiz", "Priya Raman"]);
    expect(doc.metadata.dateline).toMatch(/^(?:Published )?Sept\. 18, 2025$/);
    expect(doc.metadata.standfirst).toBe("Fishing cooperatives and two council members asked for more time to review the 40-year agreement.");
  });

  it("reads the lead photo's caption as a caption, not the article's subtitle", () => {
    expect(doc.metadata.subtitle).toBeUndefined();
    const caption = doc.blocks.find((b) => b.text.startsWith("Cranes at the south terminal"));
    expect(caption).toMatchObject({ kind: "meta", role: "other" });
  });

  it("leaves ads, the teaser and other stories out, and keeps the live update and the correction", () => {
    for (const furniture of ["Local News", "Advertisement", "Subscribe", "More in Local", "School board approves bus contract", "© 2025 The Coastal Ledger. All rights reserved."]) {
      expect(texts, furniture).not.toContain(furniture);
    }
    expect(texts.some((t) => t.startsWith("Read more"))).toBe(false);
    for (const own of [
      "Council member Jorge Medina asked the board to publish the dredging study before the next meeting.",
      "Correction: An earlier version of this article misstated the length of the lease.",
      "The terminal operator did not respond to a request for comment.",
    ]) {
      expect(texts, own).toContain(own);
    }
  });
});

describe("parseHtml: XHTML with entity declarations", () => {
  it("reads the document after a DOCTYPE's internal subset, and expands none of its entities", () => {
    const xhtml = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd" [',
      '  <!ENTITY publisher "Desk Press">',
      '  <!ENTITY secret SYSTEM "file:///etc/passwd">',
      "]>",
      '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Ports and Power</title></head>',
      "<body><h1>Ports and Power</h1><p>The first paragraph of the essay, from &publisher; and &secret;.</p></body></html>",
    ].join("\n");
    const doc = parseHtml(xhtml);
    expect(doc.title).toBe("Ports and Power");
    expect(doc.blocks.map((b) => [b.kind, b.text])).toEqual([
      ["heading", "Ports and Power"],
      ["paragraph", "The first paragraph of the essay, from &publisher; and &secret;."],
    ]);
  });
});

describe("parseHtml: ORCID iD icons on the by-line", () => {
  it("writes out an iD link that shows only an image, and gives each iD to the author before it", () => {
    const doc = parseHtml(`<h1>Middle Powers and the New Alliance Arithmetic</h1>
<p class="authors">Mara Ellison<sup>1</sup> <a href="https://orcid.org/0000-0002-1825-0097"><img src="orcid.svg" alt=""></a>, Jonas Hartmann<sup>2</sup> <a href="https://orcid.org/0000-0001-5109-3700" aria-label="ORCID"><img src="orcid.svg" alt="ORCID iD"></a></p>
<p><sup>1</sup> Institute for Security Studies, Tallinn</p><p><sup>2</sup> University of Bonn</p>
<h2>Introduction</h2><p>Body text of the article goes here, long enough to be prose and not a heading of any kind at all.</p>`);
    expect(doc.blocks[1]).toMatchObject({ kind: "meta", role: "author", text: "Mara Ellison1 https://orcid.org/0000-0002-1825-0097, Jonas Hartmann2 https://orcid.org/0000-0001-5109-3700" });
    expect(doc.metadata.authors.map((a) => [a.name, a.identifiers.ORCID, a.affiliations])).toEqual([
      ["Mara Ellison", "0000-0002-1825-0097", ["Institute for Security Studies, Tallinn"]],
      ["Jonas Hartmann", "0000-0001-5109-3700", ["University of Bonn"]],
    ]);
  });

  it("keeps a marker set right after the icon apart from the iD's digits", () => {
    const doc = parseHtml(`<h1>Middle Powers and the New Alliance Arithmetic</h1>
<p>Mara Ellison <a href="https://orcid.org/0000-0002-1825-0097"><img alt=""></a><sup>1,*</sup>, Jonas Hartmann <a href="https://orcid.org/0000-0001-5109-3700"><img alt=""></a><sup>2</sup></p>
<p><sup>1</sup> Institute for Security Studies, Tallinn</p><p><sup>2</sup> University of Bonn</p>
<h2>Introduction</h2><p>Body text of the article goes here, long enough to be prose and not a heading of any kind at all.</p>`);
    expect(doc.blocks[1]!.text).toBe("Mara Ellison https://orcid.org/0000-0002-1825-0097 1,*, Jonas Hartmann https://orcid.org/0000-0001-5109-3700 2");
    expect(doc.metadata.authors.map((a) => [a.name, a.identifiers.ORCID, a.affiliations])).toEqual([
      ["Mara Ellison", "0000-0002-1825-0097", ["Institute for Security Studies, Tallinn"]],
      ["Jonas Hartmann", "0000-0001-5109-3700", ["University of Bonn"]],
    ]);
  });

  it("leaves a link with text of its own, and any other image link, as they are", () => {
    const doc = parseHtml(`<h1>A Title of the Article</h1><p>See <a href="https://orcid.org/0000-0002-1825-0097">her record</a> and <a href="https://example.org/x"><img src="x.png" alt=""></a> here, in a paragraph of running prose that is long enough.</p>`);
    expect(doc.blocks.map((b) => b.text)).toContain("See her record and here, in a paragraph of running prose that is long enough.");
  });
});

describe("parseHtml: details", () => {
  it("uses <title> when there is no h1, then the first heading, then the first block", () => {
    expect(parseHtml("<title> Doc  title </title><h2>Sub</h2><p>x</p>").blocks.slice(0, 2)).toEqual([
      { kind: "heading", level: 1, role: "title", text: "Doc title" },
      { kind: "heading", level: 2, text: "Sub" },
    ]);
    expect(parseHtml("<p>Lead para</p><h3>First heading</h3>").blocks).toEqual([
      { kind: "paragraph", text: "Lead para" },
      { kind: "heading", level: 1, role: "title", text: "First heading" },
    ]);
    expect(parseHtml("<p>Only a paragraph</p>").title).toBe("Only a paragraph");
  });

  it("collapses whitespace, trims blocks, keeps NBSP and skips empty blocks", () => {
    const doc = parseHtml("<h1>T</h1><p>  a \n\t b&nbsp;&nbsp;c  </p><p> \n </p><div><span> </span></div><p>d<br>e</p>");
    expect(doc.blocks.slice(1)).toEqual([
      { kind: "paragraph", text: "a b\u00a0\u00a0c" },
      { kind: "paragraph", text: "d e" },
    ]);
  });

  it("reads front-matter paragraphs after the title (as mammoth emits them for Word files)", () => {
    const doc = parseHtml(
      "<h1>T</h1><p class=\"subtitle\">The sub</p><p>Ana Ruiz-Ortega</p><p>Institute of Sea Law</p><p>ORCID: 0000-0002-1825-0097</p><p>Body text starts here.</p>",
    );
    expect(doc.blocks.map((b) => b.role ?? b.kind)).toEqual(["title", "subtitle", "author", "affiliation", "identifier", "paragraph"]);
    expect(doc.metadata).toEqual({
      subtitle: "The sub",
      authors: [{ name: "Ana Ruiz-Ortega", degrees: [], affiliations: ["Institute of Sea Law"], positions: [], identifiers: { ORCID: "0000-0002-1825-0097" } }],
    });
  });

  it("ends marks at block boundaries and continues them in the next block", () => {
    const doc = parseHtml("<h1>T</h1><b>bold <p>inside</p> tail</b>");
    expect(doc.blocks.slice(1).map(marked)).toEqual([
      [["bold", "bold", undefined]],
      [["bold", "inside", undefined]],
      [["bold", "tail", undefined]],
    ]);
  });

  it("survives very deep nesting without recursion", () => {
    const depth = 20_000;
    const html = `<h1>T</h1>${"<div><span>".repeat(depth)}deep${"</span></div>".repeat(depth)}<p>after</p>`;
    expect(parseHtml(html).blocks.map((b) => b.text)).toEqual(["T", "deep", "after"]);
  });

  it("parses 5 MB of nested tags in linear time (htmlparser2 alone is quadratic in depth)", () => {
    const started = Date.now();
    const doc = parseHtml(`<h1>T</h1>${"<div>".repeat(1_000_000)}end`);
    expect(doc.blocks.map((b) => b.text)).toEqual(["T", "end"]);
    // Unbounded, this input takes minutes; with the depth cap about a second.
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("keeps dropping after a forced restart inside a dropped element", () => {
    const html = `<h1>T</h1><svg>${"<g>".repeat(2_000)}<text>alert('svg')</text>${"</g>".repeat(2_000)}</svg><p>after</p>`;
    expect(parseHtml(html).blocks.map((b) => b.text)).toEqual(["T"]);
  });

  it("drops hidden elements and every attribute", () => {
    const doc = parseHtml('<h1 title="x" data-a="alert">T</h1><p hidden>secret</p><p style="x" class="c">Seen</p>');
    expect(doc.blocks).toEqual([
      { kind: "heading", level: 1, role: "title", text: "T" },
      { kind: "paragraph", text: "Seen" },
    ]);
  });

  it("drops text an inline style hides (display: none, visibility: hidden), however the style is written", () => {
    const doc = parseHtml(
      [
        "<h1>Water Rights in the Andes</h1>",
        '<p style="display:none">Tracking pixel caption</p>',
        '<p>Seen <span style="DISPLAY : NONE !important">[hidden teaser]</span>in full.</p>',
        '<div style="color: red; visibility:hidden;">Print-only note</div>',
        "<p style='mso-hide:all;display: none'>Word's hidden text</p>",
        '<section style="  Visibility:Collapse  "><p>Collapsed row</p></section>',
        '<p style="display: none; display: block">Shown again by the later rule.</p>',
        '<p style="display: none !important; display: block">Still hidden: the first rule is important.</p>',
        '<p style="visibility: hidden; visibility: visible">Visible after all.</p>',
        '<p style="display: flex; background: url(a.png)">Flex paragraph.</p>',
      ].join(""),
    );
    expect(doc.blocks.map((b) => b.text)).toEqual([
      "Water Rights in the Andes",
      "Seen in full.",
      "Shown again by the later rule.",
      "Visible after all.",
      "Flex paragraph.",
    ]);
    // A page hidden until its script has run (a guard against a flash of unstyled text) is still read.
    const guarded = parseHtml('<html style="visibility:hidden"><body style="display: none"><h1>Water Rights</h1><p>The text.</p><p style="display:none">Teaser</p></body></html>');
    expect(guarded.blocks.map((b) => b.text)).toEqual(["Water Rights", "The text."]);
  });

  it("drops the site around the article: navigation, the page's footer and sidebars, screen-reader text", () => {
    const doc = parseHtml(
      [
        '<header><nav><a href="/">Home</a> <a href="/archive">Archives</a></nav></header>',
        '<div role="navigation">Skip to content</div>',
        "<main><article><header><h1>Grain and Debt</h1><p>By Jane Doe</p></header>",
        '<h2 class="sr-only">Article text</h2><p>The first paragraph of the argument, long enough to read as prose.</p>',
        '<aside><p>A box inside the article stays.</p></aside><span aria-hidden="true">★</span>',
        "<footer><p>Notes inside the article stay too.</p></footer></article></main>",
        "<aside><p>Related articles</p></aside><footer><p>© 2026 The Journal. ISSN 1234-5678</p></footer>",
      ].join(""),
    );
    expect(doc.blocks.map((b) => [b.role ?? b.kind, b.text])).toEqual([
      ["title", "Grain and Debt"],
      ["author", "By Jane Doe"],
      ["paragraph", "The first paragraph of the argument, long enough to read as prose."],
      ["paragraph", "A box inside the article stays."],
      ["paragraph", "Notes inside the article stay too."],
    ]);
  });

  it("reads a blog export's article footer byline as front matter, and one title and subtitle where the body repeats them", () => {
    const doc = parseHtml(
      [
        '<article class="h-entry"><header><h1 class="p-name">Ports and Power</h1></header>',
        '<section data-field="subtitle" class="p-summary">What terminal deals buy</section>',
        '<section data-field="body"><h3 class="graf graf--title">Ports and Power</h3><h4 class="graf graf--subtitle">What terminal deals buy</h4>',
        "<p>The first paragraph of the argument, long enough to read as prose.</p></section>",
        '<footer><p>By <a href="https://example.com/@ana" class="p-author h-card">Ana Ruiz</a> on <time class="dt-published">May 2, 2024</time>.</p>',
        '<p><a href="https://example.com/p/1" class="p-canonical">Canonical link</a></p></footer></article>',
      ].join(""),
    );
    expect(doc.blocks.map((b) => [b.role ?? b.kind, b.text])).toEqual([
      ["title", "Ports and Power"],
      ["subtitle", "What terminal deals buy"],
      ["author", "By Ana Ruiz on May 2, 2024."],
      ["paragraph", "The first paragraph of the argument, long enough to read as prose."],
      ["footnote", "Canonical link"],
    ]);
    expect(doc.metadata.authors.map((a) => a.name)).toEqual(["Ana Ruiz"]);
    expect(doc.metadata.dateline).toBe("May 2, 2024");
  });

  it("reads a journal page's author list and its label/value pairs as front matter", () => {
    const doc = parseHtml(
      [
        "<h1>Hedging in Southeast Asia</h1>",
        '<ul class="authors"><li><span class="name">Nguyen Thi Lan</span> <span class="affiliation">Vietnam National University</span></li>',
        '<li><span class="name">Rizal Abdullah</span> <span class="affiliation">Universiti Malaya</span></li></ul>',
        "<h2>DOI:</h2><p>https://doi.org/10.1234/jrs.845</p><h2>Published</h2><p>2024-06-30</p>",
        "<h2>Abstract</h2><p>This article examines alignment after the award.</p>",
        "<h2>Introduction</h2><p>The award was expected to change the calculus of the claimant states in the sea.</p>",
      ].join(""),
    );
    expect(doc.metadata).toEqual({
      authors: [
        { name: "Nguyen Thi Lan", degrees: [], affiliations: ["Vietnam National University"], positions: [], identifiers: {} },
        { name: "Rizal Abdullah", degrees: [], affiliations: ["Universiti Malaya"], positions: [], identifiers: {} },
      ],
      doi: "10.1234/jrs.845",
      dates: { published: "2024-06-30" },
      abstract: "This article examines alignment after the award.",
    });
    expect(doc.blocks.filter((b) => b.kind === "listItem")).toEqual([]);
  });

  it("reads a row of short cells as one paragraph, and leaves a page laid out in a table as paragraphs", () => {
    const intro = "<p>The court has annulled a growing share of listings, as the table below shows for recent years.</p>";
    const data = parseHtml(`<h1>T</h1>${intro}<table><tr><th>Year</th><th><b>Annulments</b></th></tr><tr><td>2022</td><td>14</td></tr></table>`);
    expect(data.blocks.slice(2).map((b) => [b.text, marked(b)])).toEqual([
      ["Year | Annulments", [["bold", "Annulments", undefined]]],
      ["2022 | 14", []],
    ]);
    const long = "A paragraph of the article that is long enough to be prose and not a table cell. ".repeat(5).trim();
    const layout = parseHtml(`<h1>T</h1><table><tr><td>Menu</td><td><p>${long}</p><p>${long}</p></td></tr></table>`);
    expect(layout.blocks.slice(1).map((b) => b.text)).toEqual(["Menu", long, long]);
  });

  it("fills in what the visible front matter lacks from the page's citation_* tags, and only that", () => {
    const head = [
      '<meta name="citation_author" content="Kanaev, Ivan"><meta name="citation_author_institution" content="MGIMO University">',
      '<meta name="citation_author_orcid" content="https://orcid.org/0000-0002-1825-0097">',
      '<meta name="citation_author" content="Yuki Sato"><meta name="citation_doi" content="10.1234/er.17">',
      '<meta name="citation_publication_date" content="2024/06/30"><meta name="citation_keywords" content="water; hydropower">',
      '<meta name="keywords" content="buy, cheap">',
    ].join("");
    const body = "<h2>Introduction</h2><p>The rivers of Central Asia cross borders that did not exist when their water was first divided.</p>";
    const scripted = parseHtml(`<html><head>${head}</head><body><h1>Water and Power</h1><div id="authors"></div>${body}</body></html>`);
    expect(scripted.metadata).toEqual({
      authors: [
        { name: "Ivan Kanaev", degrees: [], affiliations: ["MGIMO University"], positions: [], identifiers: { ORCID: "0000-0002-1825-0097" } },
        { name: "Yuki Sato", degrees: [], affiliations: [], positions: [], identifiers: {} },
      ],
      dateline: "2024/06/30",
      doi: "10.1234/er.17",
      keywords: ["water", "hydropower"],
    });
    expect(scripted.blocks.map((b) => b.role ?? b.kind).slice(-2)).toEqual(["heading", "paragraph"]);
    // The page shows its authors and its date: the tags add only the DOI and the keywords.
    const shown = parseHtml(`<html><head>${head}</head><body><h1>Water and Power</h1><p>By Ivan Kanaev and Yuki Sato</p><p>June 30, 2024</p>${body}</body></html>`);
    expect(shown.blocks.filter((b) => b.kind === "meta").map((b) => [b.role, b.text])).toEqual([
      ["author", "By Ivan Kanaev and Yuki Sato"],
      ["dateline", "June 30, 2024"],
      ["doi", "DOI: 10.1234/er.17"],
      ["keywords", "Keywords: water; hydropower"],
    ]);
  });

  it("keeps escaped markup as the literal text the author wrote", () => {
    expect(parseHtml("<h1>T</h1><p>&lt;b&gt; is a tag &amp; so is &lt;i&gt;</p>").blocks[1]?.text).toBe("<b> is a tag & so is <i>");
  });

  it("returns an empty document when nothing readable is left", () => {
    expect(parseHtml("<script>alert(1)</script><style>p{}</style>")).toEqual({ title: "", metadata: { authors: [] }, blocks: [] });
  });
});

describe("HTML written by LaTeXML (arXiv's HTML papers)", () => {
  const body = (doc: ReturnType<typeof parseHtml>) => doc.blocks.filter((b) => b.kind !== "meta" && b.role !== "title").map((b) => `${b.kind}: ${b.text}`);

  it("reads the article, not its frame's classes, and each author's \\thanks note a fact at a time", () => {
    const doc = parseHtml(fixture("latexml-thanks-notes.html"));
    expect(doc.metadata.dateline).toBe("March 2026");
    expect(doc.blocks[0]).toMatchObject({ role: "title", text: "Hedging in an Age of Fragmented Commitments" });
    expect(doc.metadata.authors?.map((a) => [a.name, a.affiliations, a.email])).toEqual([
      ["Ana Souza", ["Department of Political Science, University of Lisbon, Portugal"], "ana.souza@ulisboa.pt"],
      ["Wei Zhang", ["School of International Studies, Peking University, Beijing, China"], undefined],
      ["Omar Haddad", ["Centre for Security Studies, American University of Beirut, Lebanon"], "oh12@aub.edu.lb"],
    ]);
    expect(doc.metadata.keywords).toEqual(["hedging", "small states", "treaties", "verification"]);
    expect(doc.metadata.abstract).toMatch(/^Small states hedge between great powers\. .* drives the choice\.$/);
    // Body paragraphs, not author matter (the <article> is classed "ltx_authors_1line"); items without their drawn bullets.
    expect(body(doc)).toEqual(LATEX_CORPUS_BODY);
    expect(body(doc)[1]).toMatch(/Wellington\.1$/);
    // The note set inside its paragraph is a note of its own, numbered once.
    expect(doc.blocks.filter((b) => b.role === "footnote").map((b) => b.text)).toEqual([`1 ${LATEX_CORPUS_NOTE}`]);
  });

  it("writes a formula as its TeX, and keeps every note of a long article in order", () => {
    const doc = parseHtml(fixture("latexml-sections.html"));
    expect(body(doc)).toContain("paragraph: Let x_{i} denote the effort of state i and suppose that");
    expect(body(doc)).toContain("paragraph: The first-order condition gives x_{i}^{*}=\\alpha/c, which does not depend on the others’ effort.");
    // The references as items (TeX's ties stay no-break spaces).
    expect(body(doc).slice(-2)).toEqual([
      "listItem: [1] A.\u00a0Author and B.\u00a0Writer. Hedging in the Pacific. International Security, 41(2):7–45, 2017.",
      "listItem: [2] C.\u00a0Scholar. Small States in World Politics. Oxford University Press, Oxford, 2019.",
    ]);
    expect(doc.blocks.filter((b) => b.role === "footnote").map((b) => b.text)).toEqual([1, 2, 3].map((n) => `${n} ${LATEX_CORPUS_NOTE}`));
  });

  it("reads amsart's address and e-mail, set inline in the author's notes, one fact each, and no 'and' between the authors", () => {
    const doc = parseHtml(fixture("latexml-amsart.html"));
    // Its date in LaTeX's brackets: the value without them ("(Date: March 2026)").
    expect(doc.metadata.dateline).toBe("Date: March 2026");
    expect(doc.metadata.authors?.map((a) => [a.name, a.affiliations, a.email])).toEqual([
      ["Ana Souza", ["Department of Political Science, University of Lisbon, Portugal"], "ana.souza@ulisboa.pt"],
      ["Wei Zhang", ["School of International Studies, Peking University, Beijing, China"], "wzhang@pku.edu.cn"],
    ]);
    expect(doc.blocks.filter((b) => b.kind === "meta" && b.role === "other")).toEqual([]);
    expect(doc.metadata.keywords).toEqual(["hedging", "small states"]);
    expect(body(doc)[0]).toBe("heading: 1. Introduction");
  });

  it("reads a note inside a note as a note of its own, and a title's \\thanks without LaTeXML's 'thanks:'", () => {
    const doc = parseHtml(fixture("latexml-report.html"));
    expect(doc.blocks.filter((b) => b.role === "footnote").map((b) => b.text)).toEqual(["† Prepared for the 2026 workshop.", "1 A note inside a note.", "2 A note with a second thought."]);
    expect(body(doc)).toContain("paragraph: Small states hedge.2 They also verify x^{2}.");
    expect(doc.metadata.authors?.map((a) => [a.name, a.affiliations, a.email])).toEqual([
      ["Ana Souza", ["University of Lisbon, Portugal"], "ana.souza@ulisboa.pt"],
      ["Wei Zhang", [], undefined],
    ]);
  });

  it("keeps a hostile note's text within bounds and never lets it into the paragraph", () => {
    const long = "word ".repeat(20_000);
    const doc = parseHtml(`<article><h1>T</h1><p>Text.<span class="ltx_note ltx_role_footnote"><sup class="ltx_note_mark">1</sup><span class="ltx_note_outer"><span class="ltx_note_content"><sup class="ltx_note_mark">1</sup>${long}</span></span></span> After.</p></article>`);
    expect(doc.blocks.find((b) => b.kind === "paragraph")?.text).toBe("Text.1 After.");
    const note = doc.blocks.find((b) => b.role === "footnote")!.text;
    expect(note.startsWith("1 word word")).toBe(true);
    expect(note.length).toBeLessThan(20_100);
    // What the page hides inside a note stays hidden.
    const hiding = parseHtml(`<article><h1>T</h1><p>Text.<span class="ltx_note ltx_role_footnote"><sup class="ltx_note_mark">1</sup><span class="ltx_note_outer"><span class="ltx_note_content"><sup class="ltx_note_mark">1</sup>Seen <span style="display:none">unseen</span><script>alert(1)</script><em>too</em>.</span></span></span></p></article>`);
    expect(hiding.blocks.filter((b) => b.role === "footnote").map((b) => b.text)).toEqual(["1 Seen too."]);
  });
});

describe("parseHtml: formulas written in MathML", () => {
  const paragraphs = (html: string) => parseHtml(`<article><h1>Effort</h1>${html}</article>`).blocks.filter((b) => b.kind === "paragraph").map((b) => b.text);

  it("reads MathML without its TeX (MathJax's copy for screen readers, a hand-written page) as a line in TeX's manner", () => {
    const mathjax = `<p>Let <mjx-container class="MathJax" jax="CHTML"><mjx-math class="MJX-TEX" aria-hidden="true"><mjx-msub><mjx-mi class="mjx-i"><mjx-c class="mjx-c1D465"></mjx-c></mjx-mi><mjx-script>x</mjx-script></mjx-msub></mjx-math><mjx-assistive-mml unselectable="on" display="inline"><math xmlns="http://www.w3.org/1998/Math/MathML"><msub><mi>x</mi><mi>i</mi></msub></math></mjx-assistive-mml></mjx-container> denote the effort of state <math><mi>i</mi></math>, with <math display="inline"><mrow><msub><mi>x</mi><mn>1</mn></msub><mo>+</mo><msub><mi>x</mi><mn>2</mn></msub><mo>≤</mo><mn>1</mn></mrow></math>.</p>`;
    const shapes = `<p>The cost is <math><mfrac><mn>1</mn><mn>2</mn></mfrac><msup><mi>c</mi><mn>2</mn></msup></math>, <math><msqrt><mi>n</mi></msqrt></math>, <math><mroot><mi>n</mi><mn>3</mn></mroot></math>, <math><munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover><msub><mi>x</mi><mi>i</mi></msub></math> and <math><mi>sin</mi><mo>&#x2061;</mo><mi>θ</mi></math> in <math><mfenced><mi>a</mi><mi>b</mi></mfenced></math>.</p>`;
    expect(paragraphs(mathjax + shapes)).toEqual([
      "Let x_{i} denote the effort of state i, with x_{1}+x_{2}≤1.",
      "The cost is \\frac{1}{2}c^{2}, \\sqrt{n}, \\sqrt[3]{n}, ∑_{i=1}^{n}x_{i} and sin θ in (a,b).",
    ]);
  });

  it("prefers a formula's TeX where it is given: Pandoc's annotation, a wiki's image of it (said once)", () => {
    const pandoc = `<p>Here <math display="inline" xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><msub><mi>x</mi><mi>i</mi></msub></mrow><annotation encoding="application/x-tex">x_i</annotation></semantics></math> holds.</p>`;
    const wiki = `<p>The energy <span class="mwe-math-element"><span class="mwe-math-mathml-inline mwe-math-mathml-a11y" style="display: none;"><math xmlns="http://www.w3.org/1998/Math/MathML" alttext="{\\displaystyle E=mc^{2}}"><semantics><mrow><mi>E</mi></mrow></semantics></math></span><img src="e.svg" class="mwe-math-fallback-image-inline" aria-hidden="true" alt="{\\displaystyle E=mc^{2}}"></span> is conserved.</p>`;
    // A skin that shows the MathML and hides the image by class: the formula once.
    const shown = `<p>Also <span class="mwe-math-element"><math alttext="{\\displaystyle p}"><mi>p</mi></math><img class="mwe-math-fallback-image-inline" aria-hidden="true" alt="{\\displaystyle p}"></span>.</p>`;
    expect(paragraphs(pandoc + wiki + shown)).toEqual(["Here x_i holds.", "The energy E=mc^{2} is conserved.", "Also p."]);
  });

  it("reads a hostile formula in bounded time and length: very deep, very wide, never closed", () => {
    // Deeper than a formula is read (the page's own cap on nesting, 512, is further still).
    const deep = `<p>Deep <math>${"<mrow>".repeat(400)}<mi>z</mi>${"</mrow>".repeat(400)}</math> end.</p>`;
    const wide = `<p>Wide <math>${"<mi>w</mi>".repeat(100_000)}</math> end.</p>`;
    const t0 = performance.now();
    const out = paragraphs(deep + wide);
    expect(performance.now() - t0).toBeLessThan(3_000);
    expect(out[0]).toBe("Deep z end.");
    expect(out[1]!.startsWith("Wide w w w")).toBe(true);
    expect(out[1]!.length).toBeLessThanOrEqual(10_000 + "Wide  end.".length);
    // A formula never closed: what was read of it ends the text; nothing after the cut runs into it.
    expect(paragraphs(`<p>Open <math><mi>q</mi>`)).toEqual(["Open q"]);
  });
});

describe("parseHtml: a journal page's author elements", () => {
  it("reads each author element as a line and what is set between them (a comma, 'and', '&') as nothing", () => {
    for (const between of [", ", " and ", " &amp; ", " · "]) {
      const doc = parseHtml(
        `<h1>Sanctions and Trade Diversion</h1><div class="authors"><span class="author">Nurlan Abenov<sup>1</sup></span>${between}<span class="author">Laura Schmidt<sup>2</sup></span></div>` +
          `<div class="affiliations"><p><sup>1</sup> Nazarbayev University, Astana, Kazakhstan</p><p><sup>2</sup> University of Bremen, Germany</p></div><p>Since 2022, exports from the EU to Kazakhstan have risen sharply.</p>`,
      );
      expect(doc.blocks.filter((b) => b.kind === "meta" && b.role !== "affiliation").map((b) => `${b.role}: ${b.text}`)).toEqual(["author: Nurlan Abenov1", "author: Laura Schmidt2"]);
      expect(doc.metadata.authors.map((a) => [a.name, a.affiliations])).toEqual([
        ["Nurlan Abenov", ["Nazarbayev University, Astana, Kazakhstan"]],
        ["Laura Schmidt", ["University of Bremen, Germany"]],
      ]);
    }
  });

  it("reads a name's link and the post in the element right after it as two lines, not one run together", () => {
    const doc = parseHtml(
      `<span class="article-type">Commentary</span><h1>Rethinking NATO's Eastern Flank</h1><div class="authors">` +
        `<div class="author"><a href="/experts/a">Michael O. Hanlon</a><span>Senior Fellow - Foreign Policy, Strobe Talbott Center for Security</span></div>` +
        `<div class="author"><a href="/experts/b">Constanze Stelzenmüller</a><span>Director, Center on the United States and Europe</span></div></div>` +
        `<p>Russia's war against Ukraine has forced NATO to rethink how it defends its eastern members.</p>`,
    );
    expect(doc.metadata.authors.map((a) => a.name)).toEqual(["Michael O. Hanlon", "Constanze Stelzenmüller"]);
    expect(doc.blocks[0]).toMatchObject({ kind: "meta", role: "other", text: "Commentary" });
    // A name split over elements with a space between stays one line.
    const spaced = parseHtml(`<h1>Sanctions</h1><div class="author"><span class="given">Laura</span> <span class="surname">Schmidt</span></div><p>Exports from the EU to Kazakhstan have risen sharply since 2022.</p>`);
    expect(spaced.metadata.authors.map((a) => a.name)).toEqual(["Laura Schmidt"]);
  });
});

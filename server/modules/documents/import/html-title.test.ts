import { describe, expect, it } from "vitest";
import { parseHtml } from "./html.ts";

describe("the title of a page whose sections are <h1>", () => {
  const para = (n: number) => `<p>Paragraph ${n}: middle powers hedge between rival blocs, and the treaty's verification regime was never meant to carry the weight ministers place on it.</p>`;

  it("is its first line when prose comes between that line and the first <h1> (a Writer page)", () => {
    const doc = parseHtml(`<p><font size="6"><b>The Hedging Middle</b></font></p><p>By Mara Ellison and Jonas Hartmann</p>${para(1)}${para(2)}<h1>The old alignment</h1>${para(3)}`);
    expect(doc.title).toBe("The Hedging Middle");
    expect(doc.blocks.find((b) => b.text === "The old alignment")).toMatchObject({ kind: "heading", level: 1 });
    expect(doc.blocks.find((b) => b.text === "The old alignment")?.role).toBeUndefined();
  });

  it("is the <h1> under a notice in prose, or right under a short line", () => {
    expect(parseHtml(`<p>Draft for comment: middle powers hedge between rival blocs, and this text must not be circulated beyond the working group.</p><h1>The Hedging Middle</h1>${para(1)}`).title).toBe("The Hedging Middle");
    expect(parseHtml(`<p>Analysis</p><h1>The Hedging Middle</h1>${para(1)}${para(2)}`).title).toBe("The Hedging Middle");
  });
});

describe("the title of a page set in large type above its first <h2>", () => {
  const para = "<p>Middle powers hedge between rival blocs, and the treaty's verification regime was never meant to carry the weight ministers place on it.</p>";
  const sheet = "<style>p { line-height: 115% } h2.western { font-size: 16pt; font-weight: bold } p.big { font-size: 22pt }</style>";
  const front = "<p>Ana Souza1, Wei Zhang2</p><p>1 Department of Politics, University of Lisbon, Lisbon, Portugal</p>";
  const sections = `<h2 class="western">Introduction</h2>${para}<h2 class="western">Data</h2>${para}`;

  it.each([
    ["an inline font size (a Writer page)", `<p style="line-height: 100%"><font size="5" style="font-size: 20pt"><b>Hedging in the Middle</b></font></p>`],
    ["a <font size>", `<p><font size="6"><b>Hedging in the Middle</b></font></p>`],
    ["a class of the page's style sheet", `<p class="big">Hedging in the Middle</p>`],
    ["a size in pixels", `<p style="font-size: 30px">Hedging in the Middle</p>`],
  ])("is the large paragraph, set in %s", (_, title) => {
    const doc = parseHtml(`<html><head><title></title>${sheet}</head><body>${title}${front}${sections}</body></html>`);
    expect(doc.title).toBe("Hedging in the Middle");
    expect(doc.blocks[0]).toMatchObject({ kind: "heading", role: "title", text: "Hedging in the Middle" });
    const intro = doc.blocks.find((b) => b.text === "Introduction");
    expect(intro).toMatchObject({ kind: "heading", level: 2 });
    expect(intro?.role).toBeUndefined();
  });

  it("is the large paragraph, not a <title> that neither it nor a heading repeats (a Writer file's own Title property)", () => {
    const doc = parseHtml(`<html><head><title>Working draft for the Lisbon workshop</title>${sheet}</head><body><p><font size="5" style="font-size: 20pt"><b>Hedging in the Middle</b></font></p>${front}${sections}</body></html>`);
    expect(doc.title).toBe("Hedging in the Middle");
    expect(doc.blocks.some((b) => b.role === "subtitle")).toBe(false);
    expect(doc.metadata.authors.map((a) => a.name)).toEqual(["Ana Souza", "Wei Zhang"]);
    // A page's schema.org headline is its own word on its title.
    const schema = `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Small States Hedge"}</script>`;
    expect(parseHtml(`<html><head><title>Small States Hedge | The Review</title>${schema}</head><body><p style="font-size: 20pt">Analysis</p>${front}${sections}</body></html>`).title).toBe("Small States Hedge");
  });

  it("is the large paragraph above a first <h1> that names a section", () => {
    const doc = parseHtml(`${sheet}<p><font size="5" style="font-size: 20pt"><b>Hedging in the Middle</b></font></p>${front}<h1>Introduction</h1>${para}`);
    expect(doc.title).toBe("Hedging in the Middle");
    expect(doc.blocks.find((b) => b.text === "Introduction")?.role).toBeUndefined();
  });

  it("is the large paragraph above a first <h1> set smaller than it (a Writer page's Heading 1)", () => {
    const writer = "<style>h1.western { font-size: 18pt; font-weight: bold }</style>";
    const doc = parseHtml(`${writer}<p><font size="5" style="font-size: 20pt"><b>Hedging in the Middle</b></font></p>${front}<h1 class="western">Alignment after the award</h1>${para}`);
    expect(doc.title).toBe("Hedging in the Middle");
    expect(doc.blocks.find((b) => b.text === "Alignment after the award")).toMatchObject({ kind: "heading", level: 1 });
    // A kicker set smaller than the <h1> is not its title.
    expect(parseHtml(`<p style="font-size: 18pt">Research note</p><h1>Hedging in the Middle</h1>${front}${para}`).title).toBe("Hedging in the Middle");
  });

  it("stays the first <h2> when nothing above it is set large, or the <h2> is set larger", () => {
    expect(parseHtml(`${sheet}<h2 class="western">Hedging in the Middle</h2>${front}${para}`).title).toBe("Hedging in the Middle");
    expect(parseHtml(`<p>Ana Souza and Wei Zhang</p><h2>Hedging in the Middle</h2>${para}`).title).toBe("Hedging in the Middle");
    // A line only a little larger than the text (a kicker) is no title.
    expect(parseHtml(`<p style="font-size: 13pt">Research note</p><h2>Hedging in the Middle</h2>${para}`).title).toBe("Hedging in the Middle");
    // A series line set large, under a heading set larger still.
    expect(parseHtml(`<p style="font-size: 17pt">Working Papers in Politics</p><h2 style="font-size: 26pt">Hedging in the Middle</h2>${para}`).title).toBe("Hedging in the Middle");
  });
});

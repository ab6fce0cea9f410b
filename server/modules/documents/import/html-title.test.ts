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

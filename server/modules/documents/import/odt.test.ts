import { describe, expect, it } from "vitest";
import { odtFile } from "../../../../tests/helpers/odt-file.ts";
import { detectFormat, parseImport } from "./index.ts";
import { ImportError } from "./types.ts";

const BODY = "Middle powers hedge between rival blocs, and the treaty's verification regime was never meant to carry the weight that ministers now place on it.";
const P = (text: string, style = "Standard") => `<text:p text:style-name="${style}">${text}</text:p>`;

const AUTOMATIC = `
  <style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
  <style:style style:name="T2" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
  <style:style style:name="T3" style:family="text" style:parent-style-name="T1"/>
  <style:style style:name="P1" style:family="paragraph" style:parent-style-name="Title"/>
  <text:list-style style:name="L1"><text:list-level-style-bullet text:level="1"/><text:list-level-style-number text:level="2" style:num-format="1"/></text:list-style>
  <text:list-style style:name="L2"><text:list-level-style-number text:level="1" style:num-format="1"/></text:list-style>`;

describe("OpenDocument text (.odt)", () => {
  it("is told by its extension and its MIME type", () => {
    expect(detectFormat("brief.odt", "application/octet-stream")).toBe("odt");
    expect(detectFormat(undefined, "application/vnd.oasis.opendocument.text")).toBe("odt");
  });

  it("reads title, subtitle, by-line, headings, marks from text styles, links, spaces, nested lists, a table and a footnote", async () => {
    const body = [
      P("The Hedging Middle", "P1"),
      P("Rival blocs and the limits of verification", "Subtitle"),
      P("By Mara Ellison and Jonas Hartmann"),
      `<text:h text:style-name="Heading_20_1" text:outline-level="1">The old alignment</text:h>`,
      P(`Verification is <text:span text:style-name="T1">slow</text:span>,<text:s text:c="2"/><text:span text:style-name="T3">costly</text:span> and <text:span text:style-name="T2">rarely</text:span> funded; see <text:a xlink:href="https://example.org/atlas">the atlas</text:a>.<text:note text:id="n1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body>${P("See the 2019 communiqué.")}</text:note-body></text:note> ${BODY}`),
      `<text:list text:style-name="L1"><text:list-item>${P("Partners defect:")}<text:list><text:list-item>${P("quietly")}</text:list-item><text:list-item>${P("or openly")}</text:list-item></text:list></text:list-item></text:list>`,
      `<text:list text:style-name="L2"><text:list-item>${P("First, map the issues.")}</text:list-item></text:list>`,
      `<table:table table:name="T"><table:table-column table:number-columns-repeated="2"/><table:table-header-rows><table:table-row><table:table-cell>${P("Country")}</table:table-cell><table:table-cell>${P("Position")}</table:table-cell></table:table-row></table:table-header-rows><table:table-row><table:table-cell>${P("Norway")}</table:table-cell><table:table-cell>${P("Supports")}</table:table-cell></table:table-row></table:table>`,
      P(BODY),
    ].join("");
    const doc = await parseImport("odt", await odtFile({ body, automaticStyles: AUTOMATIC }));
    expect(doc.title).toBe("The Hedging Middle");
    expect(doc.metadata.subtitle).toBe("Rival blocs and the limits of verification");
    expect(doc.metadata.authors?.map((a) => a.name)).toEqual(["Mara Ellison", "Jonas Hartmann"]);
    const text = `Verification is slow, costly and rarely funded; see the atlas.[1] ${BODY}`;
    expect(doc.blocks.map((b) => [b.kind, b.role ?? null, b.level ?? b.depth ?? null, b.ordered ?? null, b.text])).toEqual([
      ["heading", "title", 1, null, "The Hedging Middle"],
      ["heading", "subtitle", 2, null, "Rival blocs and the limits of verification"],
      ["meta", "author", null, null, "By Mara Ellison and Jonas Hartmann"],
      ["heading", null, 1, null, "The old alignment"],
      ["paragraph", null, null, null, text],
      ["listItem", null, 0, null, "Partners defect:"],
      ["listItem", null, 1, true, "quietly"],
      ["listItem", null, 1, true, "or openly"],
      ["listItem", null, 0, true, "First, map the issues."],
      ["paragraph", null, null, null, "Country | Position"],
      ["paragraph", null, null, null, "Norway | Supports"],
      ["paragraph", null, null, null, BODY],
      ["meta", "footnote", null, null, "See the 2019 communiqué."],
    ]);
    const at = (w: string) => text.indexOf(w);
    expect(doc.blocks[4]?.marks).toEqual([
      { type: "bold", start: at("slow"), end: at("slow") + 4 },
      { type: "bold", start: at("costly"), end: at("costly") + 6 },
      { type: "italic", start: at("rarely"), end: at("rarely") + 6 },
      { type: "link", start: at("the atlas"), end: at("the atlas") + 9, href: "https://example.org/atlas" },
    ]);
  });

  it("takes a short first paragraph in large type as the title when no paragraph is in the Title style", async () => {
    const automaticStyles = `<style:style style:name="Big" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="22pt" fo:font-weight="bold"/></style:style>`;
    const doc = await parseImport("odt", await odtFile({ body: [P("Rebuilding Notification Regimes", "Big"), P("Jonas Hartmann, Institute for Regional Security"), `<text:h text:outline-level="2">Key points</text:h>`, P(BODY), P(BODY)].join(""), automaticStyles }));
    expect(doc.title).toBe("Rebuilding Notification Regimes");
    expect(doc.metadata.authors?.map((a) => a.name)).toEqual(["Jonas Hartmann"]);
  });

  it("keeps comments and tracked changes out of the text, and places them on it as a Word file's are", async () => {
    const body = [
      `<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><office:change-info><dc:creator>Editor A</dc:creator><dc:date>2026-11-03T09:00:00</dc:date></office:change-info><text:p>never </text:p></text:deletion></text:changed-region><text:changed-region text:id="c2"><text:insertion><office:change-info><dc:creator>Editor B</dc:creator><dc:date>2026-11-03T09:05:00</dc:date></office:change-info></text:insertion></text:changed-region></text:tracked-changes>`,
      P("The Hedging Middle", "Title"),
      P(`The regime was <text:change text:change-id="c1"/>meant to carry the <office:annotation office:name="r1"><dc:creator>Reviewer</dc:creator><dc:date>2026-11-02T10:00:00</dc:date>${P("Which weight?")}</office:annotation>weight<office:annotation-end office:name="r1"/> that ministers <text:change-start text:change-id="c2"/>now <text:change-end text:change-id="c2"/>place on it.<office:annotation><dc:creator>Reviewer</dc:creator>${P("Is this sourced?")}</office:annotation> ${BODY}<draw:frame><draw:text-box>${P("A pull quote in a box.")}</draw:text-box></draw:frame>`),
    ].join("");
    const doc = await parseImport("odt", await odtFile({ body }));
    const text = `The regime was meant to carry the weight that ministers now place on it. ${BODY}`;
    expect(doc.blocks.map((b) => b.text)).toEqual(["The Hedging Middle", text, "A pull quote in a box."]);
    const at = (w: string, n = w.length) => ({ start: { block: 1, offset: text.indexOf(w) }, end: { block: 1, offset: text.indexOf(w) + n } });
    expect(doc.review?.comments.map((c) => [c.author, c.text, c.span])).toEqual([
      ["Reviewer", "Which weight?", at("weight")],
      // A comment on a point: the word before it.
      ["Reviewer", "Is this sourced?", at("it.", 3)],
    ]);
    expect(doc.review?.changes.map((c) => [c.kind, c.author, c.text, c.span])).toEqual([
      ["deletion", "Editor A", "never", at("was")],
      ["insertion", "Editor B", "now ", at("now")],
    ]);
  });

  it("threads a reply (loext:parent-name naming its comment's office:name) under the comment it answers, as a Word file's replies are", async () => {
    const note = (attrs: string, author: string, text: string) => `<office:annotation ${attrs}><dc:creator>${author}</dc:creator><dc:date>2026-11-02T10:00:00</dc:date>${P(text)}</office:annotation>`;
    // As Writer saves a thread: each reply on its comment's own passage, naming the comment it answers.
    const body = [
      P("The Hedging Middle", "Title"),
      P(
        `Ministers place ${note(`office:name="a1" loext:resolved="false"`, "Ann Lee", "Which ministers?")}` +
          `${note(`office:name="a2" loext:parent-name="a1" loext:resolved="false"`, "Bo Ek", "Those of the bloc.")}` +
          `${note(`loext:parent-name="a2"`, "Ann Lee", "Then say so.")}` +
          `great weight<office:annotation-end office:name="a1"/><office:annotation-end office:name="a2"/> on it. ` +
          `${note(`office:name="b1" loext:resolved="true"`, "Cy Dunn", "Settled.")}${note(`office:name="b2" loext:parent-name="b1" loext:resolved="true"`, "Ann Lee", "Agreed.")}Verification<office:annotation-end office:name="b1"/><office:annotation-end office:name="b2"/> is weak. ` +
          `${note(`office:name="c1" loext:parent-name="gone"`, "Di Roe", "A reply whose comment was deleted.")}Treaties<office:annotation-end office:name="c1"/> age. ${BODY}`,
      ),
    ].join("");
    const doc = await parseImport("odt", await odtFile({ body }));
    const text = doc.blocks[1]!.text;
    expect(text).toBe(`Ministers place great weight on it. Verification is weak. Treaties age. ${BODY}`);
    const at = (w: string) => ({ start: { block: 1, offset: text.indexOf(w) }, end: { block: 1, offset: text.indexOf(w) + w.length } });
    const byId = new Map(doc.review!.comments.map((c) => [c.id, c]));
    expect(doc.review!.comments.map((c) => [c.author, c.text, c.parentId === null ? null : byId.get(c.parentId)?.text, c.done, c.span])).toEqual([
      ["Ann Lee", "Which ministers?", null, false, at("great weight")],
      ["Bo Ek", "Those of the bloc.", "Which ministers?", false, null],
      // A reply to a reply hangs from the thread's first comment, as for Word.
      ["Ann Lee", "Then say so.", "Which ministers?", false, null],
      ["Cy Dunn", "Settled.", null, true, at("Verification")],
      ["Ann Lee", "Agreed.", "Settled.", true, null],
      // Its comment is not in the file: a comment of its own, on its own passage.
      ["Di Roe", "A reply whose comment was deleted.", null, false, at("Treaties")],
    ]);
  });

  it("refuses what is not a text document: 415 for a spreadsheet, 400 corrupt_file for a broken package", async () => {
    await expect(parseImport("odt", await odtFile({ body: P(BODY), mimetype: "application/vnd.oasis.opendocument.spreadsheet" }))).rejects.toMatchObject({ status: 415, code: "unsupported_type" });
    await expect(parseImport("odt", Buffer.from("PK\u0003\u0004 not really a zip"))).rejects.toBeInstanceOf(ImportError);
    await expect(parseImport("odt", Buffer.from("plain text, not a package at all"))).rejects.toMatchObject({ status: 400, code: "corrupt_file" });
  });

  it("refuses far more paragraphs than an import may hold before reading any (413 too_many_paragraphs)", async () => {
    const many = await odtFile({ body: "<text:p>x</text:p>".repeat(30_001) });
    await expect(parseImport("odt", many)).rejects.toMatchObject({ status: 413, code: "too_many_paragraphs", message: expect.stringMatching(/holds more than 30,000 paragraphs/) });
  });
});

describe("an OpenDocument text's formulas", () => {
  /** A formula object as Writer writes it: a frame in the text, the MathML in the object's own part. */
  const frame = (n: number) =>
    `<draw:frame draw:name="Object${n}" text:anchor-type="as-char" svg:width="0.5cm" svg:height="0.5cm"><draw:object xlink:href="./Object ${n}" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/><draw:image xlink:href="./ObjectReplacements/Object ${n}" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/></draw:frame>`;
  const objectPart = (n: number, mathml: string) => ({
    name: `Object ${n}/content.xml`,
    content: `<?xml version="1.0" encoding="UTF-8"?><math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><semantics>${mathml}<annotation encoding="StarMath 5.0">ignored</annotation></semantics></math>`,
  });

  it("reads each formula object into its sentence, from its part of the package or from the object itself", async () => {
    const file = await odtFile({
      body:
        `<text:h text:outline-level="1">Effort</text:h>` +
        `<text:p>Let ${frame(1)} denote the effort of state ${frame(2)}, at a cost of ${frame(3)}.</text:p>` +
        // A flat file's formula: the MathML inside the object.
        `<text:p>Inline: <draw:frame><draw:object><math:math><math:msup><math:mi>c</math:mi><math:mn>2</math:mn></math:msup></math:math></draw:object></draw:frame> holds.</text:p>` +
        // A link out of the package, or to a part that is not there: nothing read, nothing broken.
        `<text:p>Missing <draw:frame><draw:object xlink:href="../secret"/></draw:frame>${frame(9)} here.</text:p>`,
      parts: [
        objectPart(1, `<mrow><msub><mi>x</mi><mi>i</mi></msub></mrow>`),
        objectPart(2, `<mi>i</mi>`),
        objectPart(3, `<mrow><mfrac><mn>1</mn><mn>2</mn></mfrac><msup><mi>c</mi><mn>2</mn></msup></mrow>`),
      ],
    });
    const doc = await parseImport("odt", file);
    expect(doc.blocks.map((b) => b.text)).toEqual(["Effort", "Let x_{i} denote the effort of state i, at a cost of \\frac{1}{2}c^{2}.", "Inline: c^{2} holds.", "Missing here."]);
  });
});

describe("an OpenDocument text nested to no end", () => {
  it("is refused with 413 naming the nesting, though its tags hide '/>' in attribute values", async () => {
    const open = '<text:note x="/>"><text:note-body x="/>"><text:p x="/>">';
    const close = "</text:p></text:note-body></text:note>";
    const file = await odtFile({ body: `<text:h>Title</text:h><text:p>${open.repeat(5000)}x${close.repeat(5000)}</text:p>` });
    const error = await parseImport("odt", file).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject({ status: 413, message: expect.stringMatching(/nests elements \d+ deep/) });
  });
});

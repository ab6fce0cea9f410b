import { describe, expect, it } from "vitest";
import { buildDocx, buildZip, docxParagraph } from "../../../../tests/helpers/zip-builder.ts";
import { assertZipWithinLimits, DOCX_LIMITS, measureXml, readZipDirectory } from "./zip-limits.ts";
import { ImportError } from "./types.ts";
import { parseDocx } from "./docx.ts";

const refusal = (fn: () => void): ImportError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
};

describe("zip limits", () => {
  it("passes an ordinary document and reads its directory", async () => {
    const docx = await buildDocx(["Title", "A paragraph of prose."].map(docxParagraph).join(""));
    expect(() => assertZipWithinLimits(docx)).not.toThrow();
    expect(readZipDirectory(docx).map((e) => e.name)).toEqual(["[Content_Types].xml", "_rels/.rels", "word/document.xml"]);
  });

  it("refuses too many entries, naming the limit", async () => {
    const zip = await buildZip(Array.from({ length: 12 }, (_, i) => ({ name: `f${i}.xml`, content: "<a/>" })));
    const e = refusal(() => assertZipWithinLimits(zip, { ...DOCX_LIMITS, maxEntries: 10 }));
    expect([e.status, e.message]).toEqual([413, "The .docx holds 12 files; at most 10 are accepted"]);
  });

  it("counts elements across XML parts and refuses past the limit", async () => {
    const docx = await buildDocx("<w:p/>".repeat(600));
    const e = refusal(() => assertZipWithinLimits(docx, { ...DOCX_LIMITS, maxXmlElements: 500 }));
    expect(e.status).toBe(413);
    expect(e.message).toMatch(/more than 500 XML elements/);
  });

  it("refuses deep nesting", async () => {
    const docx = await buildDocx("<w:p>".repeat(300) + "</w:p>".repeat(300));
    expect(refusal(() => assertZipWithinLimits(docx)).message).toMatch(/nests elements 30\d deep; at most 256/);
  });

  it("catches a directory that understates an entry's size, without inflating past it", async () => {
    const docx = await buildDocx({ repeat: "<w:p></w:p>", times: 100_000 }, { declaredSize: 1000 });
    expect(refusal(() => assertZipWithinLimits(docx)).message).toMatch(/beyond the size its directory declares/);
  });

  it("refuses archives that are not zips, or are cut short, as corrupt (400)", async () => {
    expect(refusal(() => assertZipWithinLimits(Buffer.from("PK\x03\x04 not really"))).status).toBe(400);
    const docx = await buildDocx(docxParagraph("text"));
    expect(refusal(() => assertZipWithinLimits(docx.subarray(0, docx.length - 30))).status).toBe(400);
  });

  describe("a document part not named .xml", () => {
    const CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>';
    const rels = (target: string) =>
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${target}"/></Relationships>`;
    const document = (body: string) => `\ufeff \n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
    const renamed = (body: string) =>
      buildZip([
        { name: "[Content_Types].xml", content: CONTENT_TYPES },
        { name: "_rels/.rels", content: rels("word/main.dat") },
        { name: "word/main.dat", content: document(body) },
        // An image's bytes are not XML and are not measured.
        { name: "word/media/image1.png", content: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.from("<a>".repeat(1_000))]) },
      ]);

    it("is read as the document when the relationships point at it", async () => {
      const doc = await parseDocx(await renamed(docxParagraph("Named Elsewhere") + docxParagraph("Its body text.")));
      expect(doc.blocks.map((b) => b.text)).toEqual(["Named Elsewhere", "Its body text."]);
    });

    it("is held to the nesting and element limits all the same", async () => {
      const deep = await renamed("<w:p>".repeat(10_000) + "</w:p>".repeat(10_000));
      const e = refusal(() => assertZipWithinLimits(deep));
      expect([e.status, e.message]).toEqual([413, "A part of the .docx (word/main.dat) nests elements 10002 deep; at most 256 is accepted"]);
      const many = await renamed("<w:p/>".repeat(600));
      expect(refusal(() => assertZipWithinLimits(many, { ...DOCX_LIMITS, maxXmlElements: 500 })).message).toMatch(/more than 500 XML elements/);
    });
  });

  it("measures XML depth and elements, skipping comments, CDATA and declarations", () => {
    expect(measureXml('<?xml version="1.0"?><!-- <x><x><x> --><a><b/><c><![CDATA[<d><d>]]></c></a>')).toEqual({ depth: 2, elements: 3 });
  });
});

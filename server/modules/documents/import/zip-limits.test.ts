import { describe, expect, it } from "vitest";
import { buildDocx, buildZip, docxParagraph } from "../../../../tests/helpers/zip-builder.ts";
import { importRefusal } from "../../../../tests/helpers/import-refusal.ts";
import { assertZipWithinLimits, DOCX_LIMITS, measureXml, readZipDirectory } from "./zip-limits.ts";
import { ImportError } from "./types.ts";
import { parseDocx } from "./docx.ts";

const refusal = importRefusal;

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

  it("refuses far more Word paragraphs than an import may hold before converting any, comments aside", async () => {
    // 95,000 paragraphs in under 100 KB: converting them took seconds and hundreds of MB.
    const body = Array.from({ length: 95_000 }, (_, i) => (i % 2 ? "<w:p/>" : `<w:p><w:r><w:t>Jane Smith${i}</w:t></w:r></w:p>`)).join("");
    const docx = await buildDocx(body);
    expect(docx.length).toBeLessThan(1024 * 1024);
    const started = performance.now();
    const e = await parseDocx(docx).then(
      () => null,
      (error: unknown) => error,
    );
    expect(e).toBeInstanceOf(ImportError);
    expect([(e as ImportError).code, (e as ImportError).status]).toEqual(["too_many_paragraphs", 413]);
    expect((e as ImportError).message).toMatch(/more than 30,000 Word paragraphs; at most 10,000 can be imported/);
    // Refused by the scan, not after a conversion (which took 5-9 s here).
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(measureXml("<w:p/><w:p x='1'><w:pPr/><w:r/></w:p><w:p>").wordParagraphs).toBe(3);
    // Word paragraphs in a comments part do not count: they are not converted.
    const commented = await buildZip([
      { name: "word/document.xml", content: `<w:document><w:body>${docxParagraph("Text")}</w:body></w:document>` },
      { name: "word/comments.xml", content: `<w:comments>${"<w:comment><w:p/></w:comment>".repeat(40)}</w:comments>` },
    ]);
    expect(() => assertZipWithinLimits(commented, { ...DOCX_LIMITS, maxWordParagraphs: 10 })).not.toThrow();
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

  describe("an end record that disagrees with its directory", () => {
    /** The archive with its end record's entry count, or its directory size, rewritten. */
    const rewriteEnd = (zip: Buffer, patch: { count?: number; dirSizeDelta?: number }) => {
      const out = Buffer.from(zip);
      const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
      if (patch.count !== undefined) {
        out.writeUInt16LE(patch.count, eocd + 8);
        out.writeUInt16LE(patch.count, eocd + 10);
      }
      if (patch.dirSizeDelta !== undefined) out.writeUInt32LE(out.readUInt32LE(eocd + 12) + patch.dirSizeDelta, eocd + 12);
      return out;
    };

    it("is refused when it counts fewer entries than the directory holds (the parser would read them all)", async () => {
      // 120 MB of document behind a record that counts only the first two parts.
      const bomb = await buildDocx({ repeat: " ".repeat(1024), times: 120 * 1024 });
      expect(refusal(() => assertZipWithinLimits(bomb)).status).toBe(413);
      const hidden = rewriteEnd(bomb, { count: 2 });
      const e = refusal(() => assertZipWithinLimits(hidden));
      expect([e.status, e.message]).toEqual([400, "The .docx file is corrupt or not a Word document (the directory holds more entries than its end record counts)"]);
      // The same trick on an ordinary file: refused as well, though mammoth alone would read the uncounted document.
      const plain = rewriteEnd(await buildDocx(docxParagraph("Uncounted")), { count: 1 });
      await expect(parseDocx(plain)).rejects.toMatchObject({ status: 400 });
    });

    it("is refused when the directory it declares does not end where the record starts", async () => {
      const docx = await buildDocx(docxParagraph("text"));
      for (const dirSizeDelta of [-46, -1, 1]) {
        const e = refusal(() => assertZipWithinLimits(rewriteEnd(docx, { dirSizeDelta })));
        expect([e.status, e.message]).toEqual([400, "The .docx file is corrupt or not a Word document (the directory does not end where its end record starts)"]);
      }
    });
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
    expect(measureXml('<?xml version="1.0"?><!-- <x><x><x> --><a><b/><c><![CDATA[<d><d>]]></c></a>')).toEqual({ depth: 2, elements: 3, attributes: 0, wordParagraphs: 0 });
  });

  it("reads a tag to its end past '/>' and '>' inside attribute values, and counts attributes", () => {
    // Each <t x="/>"> opens an element: 300 of them nest 300 deep, not 0.
    expect(measureXml(`${'<t x="/>">'.repeat(300)}${"</t>".repeat(300)}`).depth).toBe(300);
    expect(measureXml(`<a b='>' c="d"><e f="/>"/></a>`)).toEqual({ depth: 1, elements: 2, attributes: 3, wordParagraphs: 0 });
  });

  it("counts Word paragraphs under whatever prefix the part binds WordprocessingML's namespace to", () => {
    const ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    expect(measureXml(`<x:document xmlns:x="${ns}"><x:body><x:p/><x:p><x:pPr/></x:p></x:body></x:document>`).wordParagraphs).toBe(2);
    expect(measureXml(`<document xmlns="${ns}"><body><p/><p/><p/></body></document>`).wordParagraphs).toBe(3);
    // Another namespace's "p" (DrawingML's a:p in a chart) is no Word paragraph.
    expect(measureXml(`<w:document xmlns:w="${ns}" xmlns:a="urn:drawing"><w:p/><a:p/></w:document>`).wordParagraphs).toBe(1);
  });

  it("refuses more attributes than the limit, naming it", async () => {
    const docx = await buildDocx(docxParagraph("x").replace("<w:p>", `<w:p ${Array.from({ length: 600 }, (_, i) => `a${i}=""`).join(" ")}>`));
    expect(refusal(() => assertZipWithinLimits(docx, { ...DOCX_LIMITS, maxXmlAttributes: 500 })).message).toMatch(/more than 500 XML attributes/);
  });
});

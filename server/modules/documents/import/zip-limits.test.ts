import { describe, expect, it } from "vitest";
import { buildDocx, buildZip, docxParagraph } from "../../../../tests/helpers/zip-builder.ts";
import { assertZipWithinLimits, DOCX_LIMITS, measureXml, readZipDirectory } from "./zip-limits.ts";
import { ImportError } from "./types.ts";

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

  it("measures XML depth and elements, skipping comments, CDATA and declarations", () => {
    expect(measureXml('<?xml version="1.0"?><!-- <x><x><x> --><a><b/><c><![CDATA[<d><d>]]></c></a>')).toEqual({ depth: 2, elements: 3 });
  });
});

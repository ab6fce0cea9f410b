import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { pdfFile } from "../../../../tests/helpers/pdf-file.ts";
import { parseImport } from "./index.ts";
import { assertPdfStreamsWithinLimits, PDF_STREAM_LIMITS } from "./pdf-streams.ts";
import { importRefusal } from "../../../../tests/helpers/import-refusal.ts";

const TEXT = "BT /F1 12 Tf 72 700 Td (Hello world) Tj ET";
/** A deflated stream object holding `content`. */
const deflated = (content: string | Buffer, dict = "") => {
  const data = deflateSync(typeof content === "string" ? Buffer.from(content, "latin1") : content);
  return `<< /Length ${data.length} /Filter /FlateDecode ${dict}>>\nstream\n${data.toString("latin1")}\nendstream`;
};
/** A one-page PDF: its content stream, its font's extra entries, and objects from 6 on. */
const pdf = (contents: string, font = "", more: string[] = []) =>
  pdfFile([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
    contents,
    `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica ${font}>>`,
    ...more,
  ]);

const refusal = importRefusal;

describe("a PDF's streams", () => {
  it("pass when ordinary, compressed or not", async () => {
    expect(() => assertPdfStreamsWithinLimits(pdf(deflated(`q ${TEXT} Q`)))).not.toThrow();
    expect(() => assertPdfStreamsWithinLimits(pdf(`<< /Length ${TEXT.length} >>\nstream\n${TEXT}\nendstream`))).not.toThrow();
    const doc = await parseImport("pdf", pdf(deflated(TEXT)));
    expect(doc.blocks.map((b) => b.text)).toEqual(["Hello world"]);
  });

  it("are refused when one inflates past the limit, before it is inflated further (413 naming the limit)", () => {
    const bomb = pdf(deflated(Buffer.concat([Buffer.from(`${TEXT}\n`), Buffer.alloc(4 * 1024 * 1024, 0x20)])));
    const e = refusal(() => assertPdfStreamsWithinLimits(bomb, { ...PDF_STREAM_LIMITS, streamBytes: 1024 * 1024 }));
    expect(e).toMatchObject({ status: 413, message: expect.stringMatching(/decodes to more than 1 MB/) });
  });

  it("skip images, which reading the text never decodes", () => {
    const image = deflated(Buffer.alloc(2 * 1024 * 1024, 0x80), "/Type /XObject /Subtype /Image /Width 1024 /Height 2048 /ColorSpace /DeviceGray /BitsPerComponent 8 ");
    expect(() => assertPdfStreamsWithinLimits(pdf(deflated(TEXT), "", [image]), { ...PDF_STREAM_LIMITS, streamBytes: 1024 * 1024 })).not.toThrow();
  });

  it("are refused when a page saves its graphics state thousands deep, compressed or not", async () => {
    for (const contents of [deflated(`${"q ".repeat(5_000)}${TEXT}`), `<< /Length 99 >>\nstream\n${"q\n".repeat(5_000)}${TEXT}\nendstream`]) {
      const error = await parseImport("pdf", pdf(contents)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ status: 413, message: expect.stringMatching(/saves its graphics state 5,000 deep; at most 1,000/) });
    }
    // Balanced saves and restores, however many, are fine.
    expect(() => assertPdfStreamsWithinLimits(pdf(deflated(`${"q 1 0 0 1 0 0 cm Q ".repeat(5_000)}${TEXT}`)))).not.toThrow();
  });

  it("are refused when a font's character map covers millions of codes", () => {
    const cmap = "begincmap 1 begincodespacerange <000000> <FFFFFF> endcodespacerange 1 beginbfrange <000000> <FFFFFF> <0041> endbfrange endcmap";
    const e = refusal(() => assertPdfStreamsWithinLimits(pdf(deflated(TEXT), "/ToUnicode 6 0 R ", [deflated(cmap)])));
    expect(e).toMatchObject({ status: 413, message: expect.stringMatching(/character maps cover more than 1,048,576 codes/) });
    // A font's usual map (a few ranges of a few hundred codes) passes.
    const usual = "1 beginbfrange <0020> <007E> <0020> endbfrange 1 beginbfrange <00A0> <00FF> <00A0> endbfrange";
    expect(() => assertPdfStreamsWithinLimits(pdf(deflated(TEXT), "/ToUnicode 6 0 R ", [deflated(usual)]))).not.toThrow();
  });
});

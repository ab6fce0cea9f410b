import { describe, expect, it } from "vitest";
import { detectFormat, parseImport, summarize } from "./index.ts";
import { MAX_IMPORT_BYTES, MAX_IMPORT_PARAGRAPHS } from "./types.ts";
import { importRefusal } from "../../../../tests/helpers/import-refusal.ts";

const importError = importRefusal;

describe("detectFormat", () => {
  it("goes by extension, case-insensitively", () => {
    expect(detectFormat("essay.txt", undefined)).toBe("txt");
    expect(detectFormat("essay.TEXT", "application/octet-stream")).toBe("txt");
    expect(detectFormat("notes.md", undefined)).toBe("md");
    expect(detectFormat("notes.Markdown", undefined)).toBe("md");
    expect(detectFormat("page.html", undefined)).toBe("html");
    expect(detectFormat("page.HTM", undefined)).toBe("html");
    expect(detectFormat("paper.v2.docx", "application/octet-stream")).toBe("docx");
  });

  it("falls back to the MIME type, ignoring parameters", () => {
    expect(detectFormat("upload", "text/plain; charset=utf-8")).toBe("txt");
    expect(detectFormat(undefined, "text/markdown")).toBe("md");
    expect(detectFormat("blob", "text/html")).toBe("html");
    expect(detectFormat(undefined, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")).toBe("docx");
  });

  it("lets an explicit format win", () => {
    expect(detectFormat("a.txt", "text/plain", "md")).toBe("md");
    expect(detectFormat("a.bin", undefined, "HTML")).toBe("html");
  });

  it("rejects unsupported types with 415, naming the type", () => {
    const rtf = importError(() => detectFormat("report.rtf", "application/rtf"));
    expect(rtf).toMatchObject({ code: "unsupported_type", status: 415 });
    expect(rtf.message).toContain(".rtf");
    expect(rtf.message).toContain(".pdf");
    expect(importError(() => detectFormat("old.doc", undefined)).message).toContain(".doc");
    expect(importError(() => detectFormat(undefined, "image/png")).message).toContain("image/png");
    expect(importError(() => detectFormat(undefined, undefined))).toMatchObject({ status: 415 });
    expect(importError(() => detectFormat("a.txt", undefined, "epub")).message).toContain("epub");
  });
});

describe("parseImport", () => {
  it("rejects an empty file and a whitespace-only text file with 400 empty_file", async () => {
    await expect(parseImport("txt", Buffer.alloc(0))).rejects.toMatchObject({ code: "empty_file", status: 400 });
    await expect(parseImport("txt", Buffer.from(" \n\t\r\n"))).rejects.toMatchObject({ code: "empty_file", status: 400 });
    await expect(parseImport("md", Buffer.from("\n\n"))).rejects.toMatchObject({ code: "empty_file", status: 400 });
    await expect(parseImport("docx", Buffer.alloc(0))).rejects.toMatchObject({ code: "empty_file", status: 400 });
  });

  it("rejects HTML with no readable text with 400 empty_file", async () => {
    await expect(parseImport("html", Buffer.from("<script>alert(1)</script>"))).rejects.toMatchObject({
      code: "empty_file",
      status: 400,
    });
  });

  it("rejects binaries sent as text with 415", async () => {
    const cases = [
      Buffer.from([0x48, 0x69, 0x00, 0x21]),
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]),
      Buffer.from("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
      Buffer.from(Array.from({ length: 400 }, (_, i) => 0x80 + (i % 64))),
      Buffer.from(Array.from({ length: 400 }, (_, i) => 1 + (i % 8))),
    ];
    for (const buf of cases) {
      for (const format of ["txt", "md", "html"] as const) {
        await expect(parseImport(format, buf)).rejects.toMatchObject({
          code: "unsupported_type",
          status: 415,
          message: expect.stringContaining("binary"),
        });
      }
    }
  });

  it("reads a file saved in Windows-1252 or Latin-1 as written (accents, curly quotes, euro sign)", async () => {
    const buf = Buffer.concat([Buffer.from("Title\n\nCaf"), Buffer.from([0xe9]), Buffer.from(" au lait, "), Buffer.from([0x93, 0x80, 0x35, 0x94, 0x96]), Buffer.from(" and made ??a commitment.")]);
    const doc = await parseImport("txt", buf);
    expect(doc.blocks[1]?.text).toBe("Café au lait, “€5”– and made ??a commitment.");
  });

  it("reads a Russian file saved in Windows-1251 as written", async () => {
    const text = "Россия и Центральная Азия\n\nПосле 2022 года государства Центральной Азии стали активнее диверсифицировать внешние связи – и это заметно.";
    const doc = await parseImport("txt", encode1251(text));
    expect(doc.title).toBe("Россия и Центральная Азия");
    expect(doc.blocks[1]?.text).toBe("После 2022 года государства Центральной Азии стали активнее диверсифицировать внешние связи – и это заметно.");
  });

  it("keeps a few damaged bytes of a UTF-8 file as U+FFFD instead of refusing or repairing them", async () => {
    const buf = Buffer.concat([Buffer.from("Title\n\nCafé au lait, crème brûlée and "), Buffer.from([0xff]), Buffer.from(" a commitment.")]);
    const doc = await parseImport("txt", buf);
    expect(doc.blocks[1]?.text).toBe("Café au lait, crème brûlée and \uFFFD a commitment.");
  });

  it("decodes UTF-8 with a BOM and UTF-16 with a BOM", async () => {
    const utf8 = await parseImport("txt", Buffer.from("\uFEFFÉtude\n\nTexte.", "utf8"));
    expect(utf8.title).toBe("Étude");
    const utf16 = await parseImport("txt", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Étude\n\nTexte.", "utf16le")]));
    expect(utf16.blocks.map((b) => b.text)).toEqual(["Étude", "Texte."]);
  });

  it("rejects files over 5 MB with 413 too_large", async () => {
    const buf = Buffer.alloc(MAX_IMPORT_BYTES + 1, 0x61);
    for (const format of ["txt", "md", "html", "docx"] as const) {
      await expect(parseImport(format, buf)).rejects.toMatchObject({ code: "too_large", status: 413 });
    }
    const exactly = Buffer.alloc(MAX_IMPORT_BYTES, 0x61);
    await expect(parseImport("txt", exactly)).resolves.toMatchObject({ title: expect.any(String) });
  });

  it("rejects documents with more than 10,000 paragraphs with 413 too_many_paragraphs", async () => {
    const paragraphs = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => `Paragraph ${i}.`).join("\n\n"));
    await expect(parseImport("txt", paragraphs(MAX_IMPORT_PARAGRAPHS + 5))).rejects.toMatchObject({
      code: "too_many_paragraphs",
      status: 413,
    });
    const html = Buffer.from(`<h1>T</h1>${"<p>x</p>".repeat(MAX_IMPORT_PARAGRAPHS + 1)}`);
    await expect(parseImport("html", html)).rejects.toMatchObject({ code: "too_many_paragraphs", status: 413 });
    await expect(parseImport("txt", paragraphs(MAX_IMPORT_PARAGRAPHS))).resolves.toMatchObject({
      blocks: expect.any(Array),
    });
  });

  it("dispatches by format", async () => {
    const text = Buffer.from("# Heading\n\n<b>bold</b> text");
    expect((await parseImport("md", text)).blocks.map((b) => [b.kind, b.text])).toEqual([
      ["heading", "Heading"],
      ["paragraph", "bold text"],
    ]);
    expect((await parseImport("txt", text)).blocks.map((b) => b.text)).toEqual(["# Heading", "<b>bold</b> text"]);
  });
});

describe("summarize", () => {
  it("counts blocks by kind and carries title and metadata", async () => {
    const doc = await parseImport(
      "txt",
      Buffer.from("Title\n\nJane Doe, PhD\nEmail: jane@example.org\n\nHeading\n\nText.\n\n• one\n• two\n\n> quoted"),
    );
    expect(summarize(doc)).toEqual({
      paragraphs: 8,
      kinds: { heading: 2, paragraph: 1, listItem: 2, quote: 1, meta: 2 },
      title: "Title",
      metadata: {
        authors: [{ name: "Jane Doe", degrees: ["PhD"], affiliations: [], positions: [], identifiers: {}, email: "jane@example.org" }],
      },
    });
  });
});

/** Windows-1251 bytes of Russian text (letters А-я, Ё/ё, the en dash; ASCII as is). */
function encode1251(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) bytes.push(c);
    else if (c >= 0x410 && c <= 0x44f) bytes.push(c - 0x410 + 0xc0);
    else if (c === 0x401) bytes.push(0xa8);
    else if (c === 0x451) bytes.push(0xb8);
    else if (c === 0x2013) bytes.push(0x96);
    else throw new Error(`no Windows-1251 byte for ${ch}`);
  }
  return Buffer.from(bytes);
}

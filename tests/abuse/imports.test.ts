/**
 * Hostile imports against a real node process: DOCX and ODT bombs (huge, whitespace, lying sizes,
 * millions of elements, deep nesting), the largest text the import accepts, and JSON-LD annotation imports
 * built to force the fuzzy matcher. Each is refused or handled with a clear answer, nothing is
 * written on refusal, and /healthz, watched from another process, keeps answering (expectResponsive:
 * p90 under 50 ms, none over 1 s).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocx, buildZip, docxParagraph, type ZipSource } from "../helpers/zip-builder.ts";
import { odtFile } from "../helpers/odt-file.ts";
import { expectResponsive, probeHealth } from "../helpers/health-probe.ts";
import { startSqliteNode, type SqliteNode } from "../helpers/sqlite-node.ts";
import { buildWorld, httpTransport, type HttpClient } from "../helpers/kit.ts";

let node: SqliteNode;
let owner: HttpClient;
let workspaceId: string;

beforeAll(async () => {
  node = await startSqliteNode();
  ({ owner, workspaceId } = await buildWorld(httpTransport(node.url), { workspace: "Abuse desk", document: null }));
}, 90_000);
afterAll(async () => {
  await node?.stop();
});

const documentCount = async () => (await owner.ok<{ documents: unknown[] }>("GET", `/api/workspaces/${workspaceId}/documents`)).documents.length;

describe("DOCX bombs", () => {
  it("refuses each with 413 naming the limit, writes nothing, and the node keeps answering", async () => {
    const MB = 1024 * 1024;
    const bombs: Array<[string, Buffer, RegExp]> = [
      ["300 MB of empty paragraphs", await buildDocx({ repeat: "<w:p></w:p>", times: Math.floor((300 * MB) / 11) }), /inflates to more than 50 MB/],
      ["500 MB of whitespace", await buildDocx({ repeat: " ".repeat(1024), times: 500 * 1024 }), /inflates to more than 50 MB/],
      ["40 MB declared as 4 KB", await buildDocx({ repeat: "<w:p></w:p>", times: Math.floor((40 * MB) / 11) }, { declaredSize: 4000 }), /beyond the size its directory declares/],
      // Compresses so well that the ratio limit catches it first (zip-limits.test.ts covers the element count).
      ["4 million elements in 24 MB", await buildDocx({ repeat: "<w:p/>", times: 4_000_000 }), /inflates \d+ times its size/],
      ["elements nested 10,000 deep", await buildDocx("<w:p>".repeat(10_000) + "</w:p>".repeat(10_000)), /nests elements \d+ deep/],
    ];
    for (const [, bytes] of bombs) expect(bytes.length).toBeLessThan(1024 * 1024);
    const before = await documentCount();
    const probe = await probeHealth(node.url);
    for (const [name, bytes, message] of bombs) {
      const res = await owner.upload(`/api/workspaces/${workspaceId}/documents`, `${name}.docx`, bytes);
      expect(res.status, name).toBe(413);
      expect((res.body as { error: { message: string; field: string } }).error.message, name).toMatch(message);
    }
    const health = await probe.stop();
    console.info("/healthz while DOCX bombs were refused:", health);
    expectResponsive(health, "DOCX bombs");
    expect(await documentCount()).toBe(before);
    // The node is still whole: an ordinary Word file imports.
    const fine = await buildDocx(["A Title", "First paragraph of the essay.", "Second paragraph."].map(docxParagraph).join(""));
    expect((await owner.upload(`/api/workspaces/${workspaceId}/documents`, "fine.docx", fine)).status).toBe(201);
  }, 120_000);
});

describe("ODT bombs", () => {
  it("are bounded as Word files are: 413 naming the limit, nothing written, the node answering", async () => {
    const MB = 1024 * 1024;
    const odt = (content: ZipSource["content"], declaredSize?: number) =>
      buildZip([{ name: "mimetype", content: "application/vnd.oasis.opendocument.text" }, { name: "content.xml", content, ...(declaredSize === undefined ? {} : { declaredSize }) }]);
    const bombs: Array<[string, Buffer, RegExp]> = [
      ["300 MB of empty paragraphs", await odt({ repeat: "<text:p></text:p>", times: Math.floor((300 * MB) / 17) }), /inflates to more than 50 MB/],
      ["500 MB of whitespace", await odt({ repeat: " ".repeat(1024), times: 500 * 1024 }), /inflates to more than 50 MB/],
      ["40 MB declared as 4 KB", await odt({ repeat: "<text:p></text:p>", times: Math.floor((40 * MB) / 17) }, 4000), /beyond the size its directory declares/],
      ["spans nested 10,000 deep", await odt(`<office:document-content><office:body><office:text><text:p>${"<text:span>".repeat(10_000)}x${"</text:span>".repeat(10_000)}</text:p></office:text></office:body></office:document-content>`), /nests elements \d+ deep/],
    ];
    for (const [, bytes] of bombs) expect(bytes.length).toBeLessThan(1024 * 1024);
    const before = await documentCount();
    const probe = await probeHealth(node.url);
    for (const [name, bytes, message] of bombs) {
      const res = await owner.upload(`/api/workspaces/${workspaceId}/documents`, `${name}.odt`, bytes);
      expect(res.status, name).toBe(413);
      expect((res.body as { error: { message: string } }).error.message, name).toMatch(message);
    }
    const health = await probe.stop();
    console.info("/healthz while ODT bombs were refused:", health);
    expectResponsive(health, "ODT bombs");
    expect(await documentCount()).toBe(before);
    const fine = await odtFile({ body: '<text:p text:style-name="Title">A Title</text:p><text:p>First paragraph of the essay.</text:p>' });
    expect((await owner.upload(`/api/workspaces/${workspaceId}/documents`, "fine.odt", fine)).status).toBe(201);
  }, 120_000);
});

describe("the largest text import", () => {
  it("imports 10,000 paragraphs (about 5 MB) while /healthz keeps answering", async () => {
    const para = (i: number) => `Paragraph ${i}: ` + "The committee weighed the cost of delay against the cost of error, and chose delay. ".repeat(5) + "It met again the next morning.";
    const text = ["A Very Long Report", "", ...Array.from({ length: 9_999 }, (_, i) => para(i)).flatMap((p) => [p, ""])].join("\n");
    expect(Buffer.byteLength(text)).toBeGreaterThan(4_500_000);
    expect(Buffer.byteLength(text)).toBeLessThan(5 * 1024 * 1024);
    const probe = await probeHealth(node.url);
    const res = await owner.upload(`/api/workspaces/${workspaceId}/documents`, "long.txt", Buffer.from(text));
    const health = await probe.stop();
    console.info("/healthz during a 10,000-paragraph import:", health);
    expect(res.status).toBe(201);
    expect((res.body as { summary: { paragraphs: number } }).summary.paragraphs).toBe(10_000);
    expectResponsive(health, "the largest text import");
  }, 120_000);
});

describe("JSON-LD annotation import built to force the fuzzy matcher", () => {
  it("answers with a report within the budget while /healthz keeps answering", async () => {
    // A document of long paragraphs, and 400 notes whose 2,000-character quotes each differ
    // from the text by one character: no exact match, so every one needs approximate search.
    const paragraphs = Array.from({ length: 40 }, (_, i) =>
      Array.from({ length: 40 }, (_, j) => `Clause ${i}.${j} binds the parties to notify each other of exercises`).join("; ") + ".",
    );
    const content = ["Treaty Text", "", ...paragraphs.flatMap((p) => [p, ""])].join("\n");
    const { document } = await owner.ok<{ document: { id: string } }>("POST", `/api/workspaces/${workspaceId}/documents`, { format: "txt", content });
    const items = Array.from({ length: 400 }, (_, k) => {
      const p = paragraphs[k % paragraphs.length]!;
      const at = (k * 37) % (p.length - 2_100);
      const exact = p.slice(at, at + 2_000);
      const mutated = exact.slice(0, 1_000) + (exact[1_000] === "x" ? "y" : "x") + exact.slice(1_001);
      return {
        id: `urn:test:${k}`,
        type: "Annotation",
        motivation: "commenting",
        body: [{ type: "TextualBody", value: `note ${k}`, purpose: "commenting" }],
        target: { source: "urn:elsewhere", selector: [{ type: "TextQuoteSelector", exact: mutated, prefix: "", suffix: "" }] },
      };
    });
    const body = { "@context": "http://www.w3.org/ns/anno.jsonld", type: "AnnotationCollection", first: { type: "AnnotationPage", items } };
    expect(JSON.stringify(body).length).toBeGreaterThan(800_000);
    const probe = await probeHealth(node.url);
    const started = Date.now();
    const res = await owner.request("POST", `/api/documents/${document.id}/annotations/import`, body);
    const took = Date.now() - started;
    const health = await probe.stop();
    console.info(`/healthz during a 400-note fuzzy JSON-LD import (${took} ms):`, health);
    expect(res.status).toBe(200);
    const report = res.body as { placed: unknown[]; notPlaced: Array<{ reason: string }> };
    expect(report.placed.length + report.notPlaced.length).toBe(400);
    expect(took).toBeLessThan(30_000);
    expectResponsive(health, "a fuzzy JSON-LD import");
  }, 120_000);

  it("refuses a body over the documented 5 MB with 413", async () => {
    const { document } = await owner.ok<{ document: { id: string } }>("POST", `/api/workspaces/${workspaceId}/documents`, { format: "txt", content: "T\n\nSome text to annotate here." });
    const huge = { type: "AnnotationCollection", first: { type: "AnnotationPage", items: [], padding: "x".repeat(6 * 1024 * 1024) } };
    const res = await owner.request("POST", `/api/documents/${document.id}/annotations/import`, huge);
    expect(res.status).toBe(413);
  }, 60_000);
});

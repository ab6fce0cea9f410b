import { afterAll, describe, expect, it } from "vitest";
import { movableBuffers } from "./worker.ts";
import { WorkerPool } from "./pool.ts";
import { annotation, paragraph, reply, snapshot } from "../modules/exports/test-fixtures.ts";
import { renderDocx } from "../modules/exports/docx.ts";
import { INLINE_RENDER_LIMIT, renderExport, snapshotSize } from "../modules/exports/export.service.ts";

describe("the bytes a job answers with", () => {
  it("are moved to the main thread when the array owns its memory alone", () => {
    const big = Buffer.from("x".repeat(100_000), "utf8");
    expect(movableBuffers(big)).toEqual([big.buffer]);
    const bytes = new Uint8Array(10);
    expect(movableBuffers(bytes)).toEqual([bytes.buffer]);
  });

  it("are copied when the array is a slice of memory shared with others (Node's pool of small Buffers, a larger buffer)", () => {
    const small = Buffer.from("a small file", "utf8");
    expect(small.buffer.byteLength).toBeGreaterThan(small.byteLength);
    expect(movableBuffers(small)).toEqual([]);
    expect(movableBuffers(Buffer.alloc(100_000).subarray(10))).toEqual([]);
    expect(movableBuffers(new Uint8Array(0))).toEqual([]);
  });

  it("of a Word export's half are its parts' packed bytes, and nothing else is looked into", () => {
    const document = { name: "word/document.xml", packed: new Uint8Array(100), crc: 1, size: 2 };
    const comments = { name: "word/comments.xml", packed: new Uint8Array(50), crc: 1, size: 2 };
    expect(movableBuffers({ document, comments, extended: { ...comments, packed: Buffer.from("tiny") } })).toEqual([document.packed.buffer, comments.packed.buffer]);
    expect(movableBuffers({ document: null, comments })).toEqual([comments.packed.buffer]);
    expect(movableBuffers({ paragraphs: [new Uint8Array(10)] })).toEqual([]);
    expect(movableBuffers(null)).toEqual([]);
    expect(movableBuffers("text")).toEqual([]);
  });
});

describe("an export rendered on worker threads, its bytes moved back", () => {
  const pool = new WorkerPool({ threads: 2, budgetMs: 30_000, maxQueue: 4, perKey: 2, memoryMb: 256, idleMs: 100 });
  afterAll(() => pool.close());
  const paragraphs = Array.from({ length: 300 }, (_, i) => paragraph(i, `Paragraph ${i} with words enough to annotate, & some <markup>.`));
  const notes = Array.from({ length: 900 }, (_, i) =>
    annotation(i + 1, [i % 300, 2], [i % 300, 20], paragraphs[i % 300]!.text.slice(2, 20), { text: `Note ${i}`, replies: [reply(`r${i}`, `Reply ${i}`)], replyCount: 1 }),
  );
  const s = snapshot(paragraphs, notes.sort((a, b) => a.start.index - b.start.index).map((a, i) => ({ ...a, number: i + 1 })));

  it("is the file rendered inline (a Word file from two halves, a JSON-LD file from one job)", async () => {
    expect(snapshotSize(s)).toBeGreaterThan(INLINE_RENDER_LIMIT);
    const viaPool = await renderExport(s, { format: "docx", replies: true, suggestions: "live" }, { workers: pool });
    expect(viaPool.equals(await renderDocx(s))).toBe(true);
    const json = await renderExport(s, { format: "jsonld", replies: true, suggestions: "live" }, { workers: pool });
    const inline = await renderExport(s, { format: "jsonld", replies: true, suggestions: "live" }, {});
    expect(json.length).toBeGreaterThan(100_000);
    expect(json.equals(inline)).toBe(true);
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { ExportQuerySchema, type ExportFormat } from "../../../common/review.ts";
import { HttpError } from "../../http/errors.ts";
import { WorkerPool } from "../../workers/pool.ts";
import { INLINE_RENDER_LIMIT, renderExport, snapshotSize } from "./export.service.ts";
import { render } from "./render.ts";
import { packSnapshot } from "./packed-snapshot.ts";
import { annotation, paragraph, reply, snapshot } from "./test-fixtures.ts";

/** A snapshot above the inline limit: 300 paragraphs, 900 notes with two replies each. */
function large() {
  const paragraphs = Array.from({ length: 300 }, (_, i) => paragraph(i, `Paragraph ${i} says something <b>&</b> "quoted" about grain and the sea.`));
  const annotations = Array.from({ length: 900 }, (_, i) =>
    annotation(i + 1, [Math.floor(i / 3), (i % 3) * 5], [Math.floor(i / 3), (i % 3) * 5 + 9], paragraphs[Math.floor(i / 3)]!.text.slice((i % 3) * 5, (i % 3) * 5 + 9), {
      text: `note ${i}`,
      replies: [reply(`r${i}a`, `first answer ${i}`), reply(`r${i}b`, `second answer ${i}`, { parentId: `r${i}a`, depth: 1 })],
      replyCount: 2,
    }),
  );
  return snapshot(paragraphs, annotations);
}

const q = (format: ExportFormat, extra: Record<string, string> = {}) => ExportQuerySchema.parse({ format, ...extra });
const pools: WorkerPool[] = [];
const pool = (budgetMs: number, threads = 1, perKey = 2) => {
  const p = new WorkerPool({ threads, budgetMs, maxQueue: 4, perKey, memoryMb: 512 });
  pools.push(p);
  return p;
};
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describe("rendering off the event loop", () => {
  it("gives the same bytes on a worker thread as inline, for every format", async () => {
    const s = large();
    expect(snapshotSize(s)).toBeGreaterThan(INLINE_RENDER_LIMIT);
    const workers = pool(60_000);
    for (const format of ["html", "md", "docx", "jsonld", "csv", "claimreview"] as const) {
      const [inline, threaded] = [await render(s, q(format)), await renderExport(s, q(format), { workers, key: "u1" })];
      expect(Buffer.compare(threaded, inline), format).toBe(0);
    }
  }, 120_000);

  it("keeps a refusal's status across the thread, and answers 503 when the render runs out of time", async () => {
    const s = large();
    const refused = await renderExport(s, q("jsonld", { pageSize: "10", page: "9999" }), { workers: pool(60_000) }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HttpError);
    expect([(refused as HttpError).status, (refused as HttpError).field]).toEqual([400, "page"]);
    const late = await renderExport(s, q("docx"), { workers: pool(1) }).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(HttpError);
    expect([(late as HttpError).status, (late as HttpError).code]).toEqual([503, "export_unavailable"]);
    expect((late as HttpError).message).toMatch(/Rendering this export took longer than .* Try again/);
  }, 120_000);

  it("writes a Word export on two threads as one of the member's jobs, the same bytes as inline", async () => {
    const s = large();
    // One job at a time per member, as the server sets it with two threads.
    const workers = pool(60_000, 2, 1);
    const word = renderExport(s, q("docx"), { workers, key: "u1" });
    const other = await renderExport(s, q("md"), { workers, key: "u1" }).catch((e: unknown) => e);
    expect(other).toBeInstanceOf(HttpError);
    expect((other as HttpError).status).toBe(429);
    expect(Buffer.compare(await word, await render(s, q("docx")))).toBe(0);
    // Its share is given back: the next job runs.
    expect(Buffer.compare(await renderExport(s, q("md"), { workers, key: "u1" }), await render(s, q("md")))).toBe(0);
  }, 120_000);

  it("answers a pair of jobs with the first one's failure, and stops the other", async () => {
    const s = large();
    const workers = pool(60_000, 2, 1);
    // Both threads started (a Word export uses both), so that the two jobs run side by side.
    const expected = await render(s, q("docx"));
    expect(Buffer.compare(await renderExport(s, q("docx"), { workers, key: "u1" }), expected)).toBe(0);
    const snapshot = packSnapshot(s);
    const notes = s.annotations.length + s.unplaced.length;
    // The first job writes every comment; the second fails as soon as its snapshot is read.
    const failed = await workers
      .runPair(["docxHalf", { snapshot, from: 0, to: notes, first: true }], ["renderExport", { snapshot, query: q("jsonld", { pageSize: "10", page: "9999" }) }], { key: "u1" })
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(HttpError);
    expect([(failed as HttpError).status, (failed as HttpError).field]).toEqual([400, "page"]);
    // The member's share is back.
    expect(Buffer.compare(await renderExport(s, q("docx"), { workers, key: "u1" }), expected)).toBe(0);
  }, 120_000);

  it("renders a small export inline even when a pool is given", async () => {
    const s = snapshot([paragraph(0, "Short.")], []);
    // A pool whose every job would time out: an inline render never reaches it.
    const body = await renderExport(s, q("md"), { workers: pool(1) });
    expect(body.toString("utf8")).toContain("Short.");
  });
});

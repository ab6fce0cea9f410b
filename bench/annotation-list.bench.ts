/**
 * Annotation list benchmark: GET /api/documents/:id/annotations for a document with
 * BENCH_LIST_ANNOTATIONS (default 5,000) annotations (claims, suggestions, tags, replies).
 * In one run:
 *  - bytes on the wire of the compact form with brotli and with gzip, against the default
 *    answer uncompressed (target: <= 1 MB);
 *  - time of the compact answer, cold (just after a change, a reply: the list is made from the
 *    one held before), warm (cached at that seq), cold after a text edit (the moved anchors are
 *    read again) and cold after a tag merge touching a ninth of the annotations (too many to
 *    read again one by one: the list is read in full), against a bare SELECT of the same
 *    annotation rows plus JSON.stringify on better-sqlite3 (target: <= 2x). Medians of
 *    BENCH_LIST_ROUNDS (default 7).
 * Each figure is one line: `<figure> value=<x> baseline=<y> ratio=<r> target<=<t> MET|MISSED`.
 */
import { request } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { loadConfig } from "../server/config.ts";
import { createLogger } from "../server/lib/logger.ts";
import { startServer } from "../server/server.ts";
import { addMember, httpTransport } from "../tests/helpers/kit.ts";
import { ORIGIN } from "./lib/load.ts";
import { report } from "./lib/figure.ts";

const COUNT = Number(process.env.BENCH_LIST_ANNOTATIONS ?? 5000);
const ROUNDS = Number(process.env.BENCH_LIST_ROUNDS ?? 7);
const MB = 1024 * 1024;

interface Fetched {
  status: number;
  wireBytes: number;
  ms: number;
  encoding: string | undefined;
}

/** One GET, timed to its last byte; counts the bytes as they came (still compressed). */
function get(url: string, cookie: string, acceptEncoding: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(url, { headers: { cookie, origin: ORIGIN, "accept-encoding": acceptEncoding } }, (res) => {
      let wireBytes = 0;
      res.on("data", (c: Buffer) => (wireBytes += c.length));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, wireBytes, ms: performance.now() - t0, encoding: res.headers["content-encoding"] }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "scholia-list-bench-"));
  const file = join(dir, "list.db");
  const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: `file:${file}`, PORT: "0", HOST: "127.0.0.1", PUBLIC_ORIGIN: ORIGIN });
  const server = await startServer(config, createLogger("silent"));
  try {
    const user = await httpTransport(server.url).signUp({ displayName: "Bench Analyst" });
    const other = await httpTransport(server.url).signUp({ displayName: "Second Reader" });
    const { workspace } = await user.ok<{ workspace: { id: string } }>("POST", "/api/workspaces", { name: "Bench" });
    await addMember(user, workspace.id, other, "analyst");
    const content = "Bench article\n\n" + Array.from({ length: 400 }, (_, i) => `Paragraph ${i} says that alliances shift when the costs of shipping rise sharply.`).join("\n\n");
    const { document } = await user.ok<{ document: { id: string } }>("POST", `/api/workspaces/${workspace.id}/documents`, { format: "txt", content });
    const { paragraphs } = await user.ok<{ paragraphs: Array<{ id: string; kind: string }> }>("GET", `/api/documents/${document.id}`);
    const body = paragraphs.filter((p) => p.kind === "paragraph");
    const tags = await Promise.all(["Ports", "Shipping", "Costs"].map((name) => user.ok<{ tag: { id: string } }>("POST", `/api/workspaces/${workspace.id}/tags`, { name })));

    // The annotations, through the mutation path (batched creates), in rounds of 250.
    const runner = server.built.ctx.mutations;
    const actors = [
      { userId: user.id, displayName: user.displayName },
      { userId: other.id, displayName: other.displayName },
    ];
    const t0 = performance.now();
    const ids: string[] = [];
    for (let start = 0; start < COUNT; start += 250) {
      const made = await Promise.all(
        Array.from({ length: Math.min(250, COUNT - start) }, (_, k) => {
          const i = start + k;
          const p = body[i % body.length]!;
          const kind = i % 10 === 0 ? "claim" : i % 25 === 0 ? "suggestion" : "comment";
          return runner.run("annotation:create", actors[i % 2]!, {
            documentId: document.id,
            kind,
            body: `Note ${i}: the figure here needs a source.`,
            anchor: { start: { paragraphId: p.id, offset: 10 }, end: { paragraphId: p.id, offset: 30 } },
            ...(kind === "suggestion" ? { replacement: "alliances move" } : {}),
            tagIds: i % 3 === 0 ? [tags[Math.floor(i / 3) % tags.length]!.tag.id] : [],
            clientMutationId: randomUUID(),
          });
        }),
      );
      ids.push(...made.map((m) => (m.result as { id: string }).id));
    }
    for (let i = 0; i < ids.length; i += 20) {
      await runner.run("reply:create", actors[(i / 20) % 2]!, { annotationId: ids[i]!, body: "Seen; checking.", stance: i % 40 === 0 ? "disputes" : "none" });
    }
    console.log(`${COUNT} annotations (${ids.length} made) and ${Math.ceil(ids.length / 20)} replies written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const base = `${server.url}/api/documents/${document.id}/annotations`;
    const full = await get(base, user.cookie, "identity");
    const summary = await get(`${base}?replies=false`, user.cookie, "identity");
    const compactPlain = await get(`${base}?form=compact`, user.cookie, "identity");
    const compactBr = await get(`${base}?form=compact`, user.cookie, "br");
    const compactGz = await get(`${base}?form=compact`, user.cookie, "gzip");
    for (const r of [full, summary, compactPlain, compactBr, compactGz]) if (r.status !== 200) throw new Error(`list answered ${r.status}`);
    console.log(
      `sizes: default ${(full.wireBytes / MB).toFixed(2)} MB, without replies ${(summary.wireBytes / MB).toFixed(2)} MB, compact ${(compactPlain.wireBytes / MB).toFixed(2)} MB, ` +
        `compact+${compactBr.encoding} ${(compactBr.wireBytes / MB).toFixed(3)} MB, compact+${compactGz.encoding} ${(compactGz.wireBytes / MB).toFixed(3)} MB`,
    );

    // Baseline: the same rows straight from SQLite, and JSON.stringify.
    const db = new Database(file, { readonly: true });
    const select = db.prepare(`SELECT * FROM "Annotation" WHERE "documentId" = ? AND "deletedAt" IS NULL ORDER BY "createdAt", "id"`);
    const bare: number[] = [];
    let bareBytes = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const s = performance.now();
      const rows = select.all(document.id);
      bareBytes = JSON.stringify(rows).length;
      bare.push(performance.now() - s);
    }
    db.close();

    // Cold: a change first (a reply), so the list at the new seq is made; warm: asked again.
    const cold: number[] = [];
    const warm: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      await runner.run("reply:create", actors[1]!, { annotationId: ids[r]!, body: `round ${r}`, stance: "none" });
      cold.push((await get(`${base}?form=compact`, user.cookie, "gzip, br")).ms);
      warm.push((await get(`${base}?form=compact`, user.cookie, "gzip, br")).ms);
    }
    // Cold after a text edit (the anchors it moved are read again).
    const afterEdit: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const { paragraphs: now } = await user.ok<{ paragraphs: Array<{ id: string; text: string; version: number }> }>("GET", `/api/documents/${document.id}`);
      const p = now.find((x) => x.id === body[r]!.id)!;
      await runner.run("paragraph:update", actors[0]!, { paragraphId: p.id, version: p.version, text: `New ${p.text}` });
      afterEdit.push((await get(`${base}?form=compact`, user.cookie, "gzip, br")).ms);
    }
    // Cold after a change to more annotations than are read again one by one (a tag on a ninth
    // of them merged into a new one): the list is read in full.
    const afterMerge: number[] = [];
    let merged = tags[0]!.tag.id;
    for (let r = 0; r < ROUNDS; r++) {
      const into = await user.ok<{ tag: { id: string } }>("POST", `/api/workspaces/${workspace.id}/tags`, { name: `Merged ${r}` });
      await runner.run("tag:merge", actors[0]!, { tagId: merged, intoTagId: into.tag.id });
      merged = into.tag.id;
      afterMerge.push((await get(`${base}?form=compact`, user.cookie, "gzip, br")).ms);
    }
    const b = median(bare);
    console.log(
      `bare SELECT + JSON.stringify: median ${b.toFixed(1)} ms (${(bareBytes / MB).toFixed(2)} MB of rows); ours cold ${cold.map((x) => x.toFixed(0)).join(", ")} ms; ` +
        `warm ${warm.map((x) => x.toFixed(0)).join(", ")} ms; after a text edit ${afterEdit.map((x) => x.toFixed(0)).join(", ")} ms; ` +
        `after a tag merge (read in full) ${afterMerge.map((x) => x.toFixed(0)).join(", ")} ms`,
    );

    report({ name: `annotation list wire bytes (compact+${compactBr.encoding}, ${COUNT} annotations)`, value: compactBr.wireBytes / MB, baseline: full.wireBytes / MB, unit: "MB", target: 1, targetOn: "value" });
    report({ name: `annotation list wire bytes (compact+${compactGz.encoding}, ${COUNT} annotations)`, value: compactGz.wireBytes / MB, baseline: full.wireBytes / MB, unit: "MB", target: 1, targetOn: "value" });
    report({ name: "annotation list time, warm (cached at this seq)", value: median(warm), baseline: b, unit: "ms", target: 2 });
    report({ name: "annotation list time, cold (first request after a change)", value: median(cold), baseline: b, unit: "ms", target: 2 });
    report({ name: "annotation list time, cold after a text edit", value: median(afterEdit), baseline: b, unit: "ms", target: 2 });
    report({ name: "annotation list time, cold after a tag merge on 1/9 of the annotations (read in full)", value: median(afterMerge), baseline: b, unit: "ms", target: 2 });
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

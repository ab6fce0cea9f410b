import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import request from "supertest";
import { afterAll, describe, expect, it } from "vitest";
import { compressedAssets } from "./static-compression.ts";

const dir = mkdtempSync(join(tmpdir(), "assets-"));
const script = `export const words = ${JSON.stringify("alliances shift when costs rise ".repeat(400))};\n`;
writeFileSync(join(dir, "app-1a2b.js"), script);
writeFileSync(join(dir, "logo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));

const app = express();
app.use("/assets", compressedAssets(dir, "public, max-age=31536000, immutable"));
app.use("/assets", express.static(dir, { fallthrough: false }));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The answer's body as text (supertest decodes gzip and brotli) and its length on the wire. */
async function get(path: string, encoding: string, extra: Record<string, string> = {}) {
  const res = await request(app).get(path).set("Accept-Encoding", encoding).set(extra).buffer(true).parse((r, done) => {
    const parts: Buffer[] = [];
    r.on("data", (b: Buffer) => parts.push(b));
    r.on("end", () => done(null, Buffer.concat(parts)));
  });
  return { res, text: (res.body as Buffer).toString(), wire: Number(res.headers["content-length"]) };
}

describe("compressed assets", () => {
  it("sends brotli when accepted, with the asset's type, caching and Vary", async () => {
    const { res, text, wire } = await get("/assets/app-1a2b.js", "gzip, br");
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers["content-type"]).toMatch(/^text\/javascript/);
    expect(res.headers["cache-control"]).toContain("immutable");
    expect(res.headers.vary).toBe("Accept-Encoding");
    expect(wire).toBeLessThan(script.length / 5);
    expect(text).toBe(script);
  });

  it("sends gzip to a browser that takes only gzip", async () => {
    const { res, text, wire } = await get("/assets/app-1a2b.js", "gzip");
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(wire).toBeLessThan(script.length / 5);
    expect(text).toBe(script);
  });

  it("leaves a request without Accept-Encoding, and other types, to the plain handler", async () => {
    const plain = await get("/assets/app-1a2b.js", "identity");
    expect(plain.res.headers["content-encoding"]).toBeUndefined();
    expect(plain.text).toBe(script);
    const png = await get("/assets/logo.png", "br");
    expect(png.res.headers["content-encoding"]).toBeUndefined();
    expect(png.wire).toBe(4);
  });

  it("answers 304 to a matching If-None-Match, per encoding", async () => {
    const first = await request(app).get("/assets/app-1a2b.js").set("Accept-Encoding", "br");
    const tag = first.headers.etag as string;
    expect(tag).toMatch(/-br"$/);
    const again = await request(app).get("/assets/app-1a2b.js").set("Accept-Encoding", "br").set("If-None-Match", tag);
    expect(again.status).toBe(304);
    const other = await request(app).get("/assets/app-1a2b.js").set("Accept-Encoding", "gzip").set("If-None-Match", tag);
    expect(other.status).toBe(200);
  });

  it("does not reach outside its folder, and 404s what is not there", async () => {
    // The plain handler refuses the climb (403); this one never reads it.
    const climb = await get("/assets/..%2fpackage.json", "br");
    expect([403, 404]).toContain(climb.res.status);
    expect(climb.res.headers["content-encoding"]).toBeUndefined();
    expect((await request(app).get("/assets/missing-9z.js").set("Accept-Encoding", "br")).status).toBe(404);
  });

  it("reads a file again when it changed on disk", async () => {
    writeFileSync(join(dir, "late.js"), "export const v = 1;\n".repeat(100));
    const a = await get("/assets/late.js", "br");
    writeFileSync(join(dir, "late.js"), "export const v = 2;;\n".repeat(100));
    const b = await get("/assets/late.js", "br");
    expect(a.text).toContain("v = 1");
    expect(b.text).toContain("v = 2");
    expect(a.res.headers.etag).not.toBe(b.res.headers.etag);
  });
});

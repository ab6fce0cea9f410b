/**
 * The browser app's hashed assets (client/dist/assets), sent gzip- or brotli-compressed when
 * the browser accepts it. Each file is compressed once, on its first request, and kept in
 * memory with its ETag: the names carry a content hash, so a file never changes under its name
 * (a rebuilt file is a new name; a changed size or mtime is read again). Files of other types,
 * and requests that accept no compression, fall through to the plain static handler.
 */
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { RequestHandler } from "express";
import { chooseEncoding, type Encoding } from "./compression.ts";

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};
/** Larger files are left to the plain handler (nothing of the app's is near it). */
const MAX_BYTES = 8 * 1024 * 1024;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

interface Compressed {
  /** Size and mtime of the file read. */
  key: string;
  type: string;
  raw: Promise<Buffer>;
  tag: Promise<string>;
  forms: Partial<Record<Encoding, Promise<Buffer>>>;
}

const cache = new Map<string, Compressed>();

function squeeze(body: Buffer, encoding: Encoding): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, out: Buffer) => (err ? reject(err) : resolve(out));
    // Made once per file, so a slower, smaller setting than for answers made per request.
    if (encoding === "gzip") gzip(body, { level: 9 }, done);
    else brotliCompress(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }, done);
  });
}

async function load(file: string, type: string): Promise<Compressed | null> {
  const st = await stat(file).catch(() => null);
  if (!st?.isFile() || st.size > MAX_BYTES) return null;
  const key = `${st.size}:${st.mtimeMs}`;
  const held = cache.get(file);
  if (held?.key === key) return held;
  const raw = readFile(file);
  const c: Compressed = { key, type, raw, tag: raw.then((b) => createHash("sha256").update(b).digest("base64url").slice(0, 27)), forms: {} };
  cache.set(file, c);
  return c;
}

export function compressedAssets(dir: string, cacheControl: string): RequestHandler {
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    let name: string;
    try {
      name = decodeURIComponent(req.path.slice(1));
    } catch {
      return next();
    }
    const dot = name.lastIndexOf(".");
    const type = dot > 0 ? TYPES[name.slice(dot).toLowerCase()] : undefined;
    if (!NAME.test(name) || !type) return next();
    const encoding = chooseEncoding(req.headers["accept-encoding"]);
    if (!encoding) return next();
    const file = join(dir, name);
    load(file, type)
      .then(async (c) => {
        if (!c) return next();
        const out = await (c.forms[encoding] ??= c.raw.then((b) => squeeze(b, encoding)));
        const tag = `W/"${await c.tag}-${encoding}"`;
        res.setHeader("Content-Type", c.type);
        res.setHeader("Cache-Control", cacheControl);
        res.setHeader("Vary", "Accept-Encoding");
        res.setHeader("ETag", tag);
        if (req.headers["if-none-match"] === tag) return void res.status(304).end();
        res.setHeader("Content-Encoding", encoding);
        res.setHeader("Content-Length", String(out.length));
        if (req.method === "HEAD") return void res.end();
        res.end(out);
      })
      .catch((e: unknown) => {
        // Not kept: the next request reads the file again.
        cache.delete(file);
        next(e);
      });
  };
}

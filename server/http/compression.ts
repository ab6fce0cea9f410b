/**
 * Response compression for the API: a JSON or text answer of at least `threshold` bytes is sent
 * gzip- or brotli-compressed when the request's Accept-Encoding allows it (brotli preferred at
 * equal weight, at a quality fit for answers made on the fly), with `Vary: Accept-Encoding`.
 * Compression runs on libuv's thread pool (node:zlib, asynchronously), not on the event loop.
 * Routes that already hold a compressed body (the cached annotation list) set Content-Encoding
 * themselves and are passed through. Streams (exports, files) are not touched: only `res.send`
 * bodies, which is what `res.json` uses.
 */
import { brotliCompress, constants, gzip } from "node:zlib";
import type { Request, RequestHandler, Response } from "express";

export type Encoding = "br" | "gzip";

const COMPRESSIBLE = /^(application\/(json|[a-z.+-]*\+json|ld\+json|javascript|xml)|text\/)/i;
export const COMPRESSION_THRESHOLD = 1024;

/**
 * The encoding to answer with for an Accept-Encoding header, or null for none. Weights are
 * honoured (q=0 refuses); `*` stands for any encoding not named.
 */
export function chooseEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  const weights = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p);
      if (m) q = Number(m[1]);
    }
    if (Number.isFinite(q)) weights.set(name, q);
  }
  const weight = (e: Encoding) => weights.get(e) ?? weights.get("*") ?? 0;
  const br = weight("br");
  const gz = weight("gzip");
  if (br <= 0 && gz <= 0) return null;
  return br >= gz ? "br" : "gzip";
}

/** Compresses `body` with `encoding` off the event loop (brotli at `brotliQuality`, 5 unless told). */
export function compress(body: Buffer, encoding: Encoding, brotliQuality = 5): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, out: Buffer) => (err ? reject(err) : resolve(out));
    if (encoding === "gzip") gzip(body, { level: 6 }, done);
    else
      brotliCompress(
        body,
        { params: { [constants.BROTLI_PARAM_QUALITY]: brotliQuality, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } },
        done,
      );
  });
}

/** Whether a response with these headers may be compressed at all. */
function compressible(req: Request, res: Response): boolean {
  if (req.method === "HEAD" || res.statusCode < 200 || res.statusCode === 204 || res.statusCode === 304) return false;
  if (res.getHeader("Content-Encoding")) return false;
  const type = res.getHeader("Content-Type");
  if (typeof type !== "string" || !COMPRESSIBLE.test(type)) return false;
  const cacheControl = res.getHeader("Cache-Control");
  return !(typeof cacheControl === "string" && /no-transform/i.test(cacheControl));
}

export function compressResponses(threshold = COMPRESSION_THRESHOLD): RequestHandler {
  return (req, res, next) => {
    const send = res.send.bind(res);
    res.send = function compressedSend(body?: unknown) {
      if (!(typeof body === "string" || Buffer.isBuffer(body)) || !compressible(req, res)) return send(body);
      const buf = typeof body === "string" ? Buffer.from(body, "utf8") : body;
      if (buf.length < threshold) return send(body);
      res.vary("Accept-Encoding");
      const encoding = chooseEncoding(req.headers["accept-encoding"]);
      if (!encoding) return send(body);
      compress(buf, encoding).then(
        (out) => {
          if (res.headersSent) return;
          res.setHeader("Content-Encoding", encoding);
          res.removeHeader("Content-Length");
          send(out);
        },
        () => {
          if (!res.headersSent) send(body);
        },
      );
      return res;
    };
    next();
  };
}

/**
 * Serves the built browser app (client/dist) from the same origin as the API, with the
 * single-page fallback: any GET that is not /api, /socket.io or a file gets index.html.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import express, { Router, type RequestHandler } from "express";
import { compressedAssets } from "./static-compression.ts";
import { pageHints, type PageHintSource } from "./page-hints.ts";

export const CLIENT_DIST = join(dirname(fileURLToPath(import.meta.url)), "../../client/dist");

export interface ClientAppOptions {
  dist?: string;
  /**
   * Hints in the page for the screen a link opens (page-hints.ts); `session` makes the
   * request's user known to `source`.
   */
  hints?: { session: RequestHandler[]; source: PageHintSource };
}

export function clientApp({ dist = CLIENT_DIST, hints }: ClientAppOptions = {}): Router | null {
  if (!existsSync(join(dist, "index.html"))) return null;
  const router = Router();
  // Hashed asset names never change content: cache them for a year; index.html never.
  // Compressed when the browser accepts it (static-compression.ts); the rest as they are.
  router.use("/assets", compressedAssets(join(dist, "assets"), "public, max-age=31536000, immutable"));
  router.use("/assets", express.static(join(dist, "assets"), { immutable: true, maxAge: "365d", fallthrough: false }));
  router.use(express.static(dist, { index: false, maxAge: 0 }));
  const page = hints ? pageHints(dist, hints.source) : null;
  const onlyHtml: RequestHandler = (req, _res, next) => (req.accepts("html") ? next() : next("route"));
  router.get(/^(?!\/api\/|\/socket\.io\/).*/, onlyHtml, ...(hints?.session ?? []), async (req, res) => {
    res.setHeader("cache-control", "no-store");
    if (!page) return res.sendFile(join(dist, "index.html"));
    res.type("html").send(await page.page(req));
  });
  return router;
}

/**
 * Serves the built browser app (client/dist) from the same origin as the API, with the
 * single-page fallback: any GET that is not /api, /socket.io or a file gets index.html.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import express, { Router } from "express";
import { compressedAssets } from "./static-compression.ts";

export const CLIENT_DIST = join(dirname(fileURLToPath(import.meta.url)), "../../client/dist");

export function clientApp(dist = CLIENT_DIST): Router | null {
  if (!existsSync(join(dist, "index.html"))) return null;
  const router = Router();
  // Hashed asset names never change content: cache them for a year; index.html never.
  // Compressed when the browser accepts it (static-compression.ts); the rest as they are.
  router.use("/assets", compressedAssets(join(dist, "assets"), "public, max-age=31536000, immutable"));
  router.use("/assets", express.static(join(dist, "assets"), { immutable: true, maxAge: "365d", fallthrough: false }));
  router.use(express.static(dist, { index: false, maxAge: 0 }));
  router.get(/^(?!\/api\/|\/socket\.io\/).*/, (req, res, next) => {
    if (!req.accepts("html")) return next();
    res.setHeader("cache-control", "no-store");
    res.sendFile(join(dist, "index.html"));
  });
  return router;
}

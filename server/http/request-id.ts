/** Gives each request an id (the caller's x-request-id when sane), logs its outcome and times it. */
import { randomUUID } from "node:crypto";
import type { RequestHandler } from "express";
import type { Logger } from "../lib/logger.ts";
import { metrics } from "../observability/metrics.ts";

declare module "express-serve-static-core" {
  interface Request {
    id: string;
  }
}

const SANE_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const given = req.get("x-request-id");
    req.id = given && SANE_ID.test(given) ? given : randomUUID();
    res.setHeader("x-request-id", req.id);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // Route patterns, not paths, keep the label set small.
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : "unmatched";
      metrics().httpDuration.observe({ method: req.method, route, status: String(res.statusCode) }, ms / 1000);
      logger.info("request", { requestId: req.id, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 });
    });
    next();
  };
}

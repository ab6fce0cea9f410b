/** Gives each request an id (the caller's x-request-id when sane) and logs its outcome. */
import { randomUUID } from "node:crypto";
import type { RequestHandler } from "express";
import type { Logger } from "../lib/logger.ts";

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
      logger.info("request", { requestId: req.id, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 });
    });
    next();
  };
}

/** /healthz: the process answers. /readyz: the database answers too. */
import { Router } from "express";
import type { AppContext } from "../../app-context.ts";

export function healthRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", async (_req, res) => {
    try {
      await ctx.db.$queryRawUnsafe("SELECT 1");
      res.json({ status: "ready", database: ctx.config.databaseProvider });
    } catch (e) {
      ctx.logger.warn("readiness check failed", { err: e });
      res.status(503).json({ status: "unavailable", database: ctx.config.databaseProvider });
    }
  });
  return router;
}

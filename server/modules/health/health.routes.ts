/** /healthz: the process answers. /readyz: the database answers too. /metrics: Prometheus. */
import { Router } from "express";
import { metrics } from "../../observability/metrics.ts";
import type { AppContext } from "../../app-context.ts";

export function healthRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", async (_req, res) => {
    // A draining node (SIGTERM received) tells the load balancer to stop sending it traffic.
    if (ctx.draining) {
      res.status(503).json({ status: "draining" });
      return;
    }
    try {
      await ctx.db.$queryRawUnsafe("SELECT 1");
      res.json({ status: "ready", database: ctx.config.databaseProvider });
    } catch (e) {
      ctx.logger.warn("readiness check failed", { err: e });
      res.status(503).json({ status: "unavailable", database: ctx.config.databaseProvider });
    }
  });
  router.get("/metrics", async (req, res) => {
    const token = ctx.config.metricsToken;
    if (token && req.get("authorization") !== `Bearer ${token}`) {
      res.status(401).json({ error: { code: "unauthenticated", message: "Bearer token required for /metrics" } });
      return;
    }
    const registry = metrics().registry;
    res.setHeader("content-type", registry.contentType);
    res.send(await registry.metrics());
  });
  return router;
}

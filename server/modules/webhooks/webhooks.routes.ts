/**
 * /api/workspaces/:id/webhooks (editors and owners): reads here; create, change, delete, test
 * and redeliver through the mutation runner.
 */
import { Router, type Request } from "express";
import { z } from "zod";
import type { AppContext } from "../../app-context.ts";
import { requireUser } from "../../auth/passport.ts";
import { idParam, parseInput } from "../../http/validate.ts";
import { bodyObject, mutationResponder } from "../../http/mutation-route.ts";
import { IdSchema } from "../../../common/workspaces.ts";
import { DeliveryListQuerySchema } from "../../../common/webhooks.ts";
import { getWebhook, listDeliveries, listWebhooks } from "./webhooks.service.ts";

const WebhookParams = z.object({ id: IdSchema, webhookId: IdSchema });
const DeliveryParams = WebhookParams.extend({ deliveryId: IdSchema });

export function webhookRoutes(ctx: AppContext): Router {
  const router = Router();
  const { db } = ctx;
  const mutate = mutationResponder(ctx);
  const hookOf = (req: Request) => parseInput(WebhookParams, req.params, "params");

  router.get("/workspaces/:id/webhooks", async (req, res) => {
    const user = requireUser(req);
    const id = idParam(req);
    res.json({ webhooks: await listWebhooks(db, user.id, id) });
  });

  router.post("/workspaces/:id/webhooks", (req, res) => {
    const id = idParam(req);
    return mutate(req, res, "webhook:create", { ...bodyObject(req), workspaceId: id }, { status: 201 });
  });

  router.get("/workspaces/:id/webhooks/:webhookId", async (req, res) => {
    const user = requireUser(req);
    const { id, webhookId } = hookOf(req);
    res.json({ webhook: await getWebhook(db, user.id, id, webhookId) });
  });

  router.patch("/workspaces/:id/webhooks/:webhookId", (req, res) => {
    const { id, webhookId } = hookOf(req);
    return mutate(req, res, "webhook:update", { ...bodyObject(req), workspaceId: id, webhookId }, { key: "webhook" });
  });

  router.delete("/workspaces/:id/webhooks/:webhookId", (req, res) => {
    const { id, webhookId } = hookOf(req);
    return mutate(req, res, "webhook:delete", { workspaceId: id, webhookId }, { status: 204 });
  });

  router.get("/workspaces/:id/webhooks/:webhookId/deliveries", async (req, res) => {
    const user = requireUser(req);
    const { id, webhookId } = hookOf(req);
    res.json(await listDeliveries(db, user.id, id, webhookId, parseInput(DeliveryListQuerySchema, req.query, "query")));
  });

  router.post("/workspaces/:id/webhooks/:webhookId/test", (req, res) => {
    const { id, webhookId } = hookOf(req);
    return mutate(req, res, "webhook:test", { ...bodyObject(req), workspaceId: id, webhookId }, { key: "delivery", status: 202 });
  });

  router.post("/workspaces/:id/webhooks/:webhookId/deliveries/:deliveryId/redeliver", (req, res) => {
    const { id, webhookId, deliveryId } = parseInput(DeliveryParams, req.params, "params");
    return mutate(req, res, "webhook:redeliver", { ...bodyObject(req), workspaceId: id, webhookId, deliveryId }, { key: "delivery", status: 202 });
  });

  return router;
}

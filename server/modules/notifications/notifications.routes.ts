/**
 * /api/notifications (the caller's inbox) and /api/me/notification-settings: reads here, every
 * change (marking read, saving settings) through the mutation runner.
 */
import { Router } from "express";
import type { AppContext } from "../../app-context.ts";
import { requireUser } from "../../auth/passport.ts";
import { parseInput } from "../../http/validate.ts";
import { bodyObject, mutationResponder } from "../../http/mutation-route.ts";
import { NotificationListQuerySchema } from "../../../common/notifications.ts";
import { listNotifications, readSettings, unreadCount } from "./notifications.service.ts";

export function notificationRoutes(ctx: AppContext): Router {
  const router = Router();
  const { db } = ctx;
  const mutate = mutationResponder(ctx);

  router.get("/notifications", async (req, res) => {
    const user = requireUser(req);
    res.json(await listNotifications(db, user.id, parseInput(NotificationListQuerySchema, req.query, "query")));
  });

  router.get("/notifications/unread-count", async (req, res) => {
    const user = requireUser(req);
    res.json({ unread: await unreadCount(db, user.id) });
  });

  router.post("/notifications/read", (req, res) => mutate(req, res, "notifications:read", bodyObject(req)));
  router.post("/notifications/read-all", (req, res) => mutate(req, res, "notifications:readAll", bodyObject(req)));

  router.get("/me/notification-settings", async (req, res) => {
    const user = requireUser(req);
    res.json({ settings: await readSettings(db, user.id, ctx.config.mail !== null) });
  });

  router.put("/me/notification-settings", (req, res) => mutate(req, res, "notifications:settings", bodyObject(req), { key: "settings" }));

  return router;
}

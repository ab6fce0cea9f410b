/** The workspace's tag vocabulary: read it, and change it through the mutation runner. */
import { Router } from "express";
import type { AppContext } from "../../app-context.ts";
import { requireUser } from "../../auth/passport.ts";
import { idParam } from "../../http/validate.ts";
import { bodyObject, mutationResponder } from "../../http/mutation-route.ts";
import { listTags } from "./tags.service.ts";

export function tagRoutes(ctx: AppContext): Router {
  const router = Router();
  const mutate = mutationResponder(ctx);

  router.get("/workspaces/:id/tags", async (req, res) => {
    const user = requireUser(req);
    res.json({ tags: await listTags(ctx.db, user.id, idParam(req)) });
  });

  router.post("/workspaces/:id/tags", (req, res) => mutate(req, res, "tag:create", { ...bodyObject(req), workspaceId: idParam(req) }, { key: "tag", status: 201 }));

  router.patch("/tags/:id", (req, res) => mutate(req, res, "tag:update", { ...bodyObject(req), tagId: idParam(req) }, { key: "tag" }));

  router.post("/tags/:id/merge", (req, res) => mutate(req, res, "tag:merge", { ...bodyObject(req), tagId: idParam(req) }, { key: "tag" }));


  return router;
}

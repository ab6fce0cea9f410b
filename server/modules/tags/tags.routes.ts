/** The workspace's tag vocabulary: read it, and change it through the mutation runner. */
import { Router, type Request } from "express";
import { z } from "zod";
import type { AppContext } from "../../app-context.ts";
import { requireUser } from "../../auth/passport.ts";
import { parseInput } from "../../http/validate.ts";
import { IdSchema } from "../../../common/workspaces.ts";
import { bodyObject, mutationResponder } from "../../http/mutation-route.ts";
import { listTags } from "./tags.service.ts";

const IdParams = z.object({ id: IdSchema });

export function tagRoutes(ctx: AppContext): Router {
  const router = Router();
  const mutate = mutationResponder(ctx);
  const idOf = (req: Request) => parseInput(IdParams, req.params, "params").id;

  router.get("/workspaces/:id/tags", async (req, res) => {
    const user = requireUser(req);
    res.json({ tags: await listTags(ctx.db, user.id, idOf(req)) });
  });

  router.post("/workspaces/:id/tags", (req, res) => mutate(req, res, "tag:create", { ...bodyObject(req), workspaceId: idOf(req) }, { key: "tag", status: 201 }));

  router.patch("/tags/:id", (req, res) => mutate(req, res, "tag:update", { ...bodyObject(req), tagId: idOf(req) }, { key: "tag" }));

  router.post("/tags/:id/merge", (req, res) => mutate(req, res, "tag:merge", { ...bodyObject(req), tagId: idOf(req) }, { key: "tag" }));


  return router;
}

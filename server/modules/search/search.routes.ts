/** GET /api/workspaces/:id/search: full-text over the workspace (members only; strangers get 404). */
import { Router } from "express";
import type { AppContext } from "../../app-context.ts";
import { requireUser } from "../../auth/passport.ts";
import { idParam, parseInput } from "../../http/validate.ts";
import { SearchQuerySchema } from "../../../common/activity.ts";
import { loadWorkspaceAccess } from "../workspaces/membership.ts";
import { searchWorkspace } from "./search.service.ts";

export function searchRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get("/workspaces/:id/search", async (req, res) => {
    const user = requireUser(req);
    const id = idParam(req);
    const q = parseInput(SearchQuerySchema, req.query, "query");
    await loadWorkspaceAccess(ctx.db, user.id, id);
    res.json(await searchWorkspace(ctx.db, ctx.config.databaseProvider, id, q));
  });
  return router;
}

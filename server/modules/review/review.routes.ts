/**
 * REST doors for claim review: the mutations (through the shared MutationRunner, like the
 * socket handlers) and the reads behind the claims dashboard, the review queue and a claim's
 * history. Every route validates its params and query and answers 404 to non-members.
 */
import { Router } from "express";
import type { AppContext } from "../../app-context.ts";
import { requireUser } from "../../auth/passport.ts";
import { idParam, parseInput } from "../../http/validate.ts";
import { ClaimFilterSchema, ClaimListQuerySchema, QueueQuerySchema } from "../../../common/review.ts";
import { bodyObject, mutationResponder } from "../../http/mutation-route.ts";
import { claimHistory, claimStats, listClaims, reviewQueue, type ClaimScope } from "./claims.query.ts";

export function reviewRoutes(ctx: AppContext): Router {
  const router = Router();
  const { db } = ctx;

  const mutate = mutationResponder(ctx);

  router.post("/annotations/:id/review", (req, res) => mutate(req, res, "claim:review", { ...bodyObject(req), annotationId: idParam(req) }));
  router.post("/annotations/:id/assign", (req, res) => mutate(req, res, "claim:assign", { ...bodyObject(req), annotationId: idParam(req) }));
  router.post("/documents/:id/claims/bulk", (req, res) => mutate(req, res, "claims:bulk", { ...bodyObject(req), workspaceId: undefined, documentId: idParam(req) }));
  router.post("/workspaces/:id/claims/bulk", (req, res) => mutate(req, res, "claims:bulk", { ...bodyObject(req), documentId: undefined, workspaceId: idParam(req) }));

  router.get("/annotations/:id/review/history", async (req, res) => {
    const user = requireUser(req);
    res.json(await claimHistory(db, user.id, idParam(req)));
  });

  router.get("/me/review-queue", async (req, res) => {
    const user = requireUser(req);
    res.json(await reviewQueue(db, user.id, parseInput(QueueQuerySchema, req.query, "query")));
  });

  const scopes: Array<[string, (id: string) => ClaimScope]> = [
    ["/documents/:id/claims", (documentId) => ({ documentId })],
    ["/workspaces/:id/claims", (workspaceId) => ({ workspaceId })],
  ];
  for (const [path, scopeOf] of scopes) {
    router.get(path, async (req, res) => {
      const user = requireUser(req);
      const scope = scopeOf(idParam(req));
      res.json(await listClaims(db, user.id, scope, parseInput(ClaimListQuerySchema, req.query, "query")));
    });
    router.get(`${path}/stats`, async (req, res) => {
      const user = requireUser(req);
      const scope = scopeOf(idParam(req));
      res.json(await claimStats(db, user.id, scope, parseInput(ClaimFilterSchema, req.query, "query")));
    });
  }

  return router;
}

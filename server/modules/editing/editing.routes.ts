/**
 * Editing over REST: edits, one paragraph's text, revised drafts, versions and their diff,
 * re-attaching orphans, and deciding suggestions. Every change goes through the mutation runner.
 * Mounted before the app's JSON parser (a revised draft reads its own, larger body), so the JSON
 * routes here name theirs.
 */
import { Router, type Request, type Response, type NextFunction } from "express";
import type { AppContext } from "../../app-context.ts";
import { requireUser } from "../../auth/passport.ts";
import { idParam, parseInput } from "../../http/validate.ts";
import { DiffQuerySchema } from "../../../common/editing.ts";
import { bodyObject, mutationResponder } from "../../http/mutation-route.ts";
import { jsonBody } from "../../http/json-body.ts";
import { loadDocumentAccess } from "../documents/documents.service.ts";
import { authorize } from "../workspaces/membership.ts";
import { clientMutationIdOf, importRequestFrom, receiveUpload } from "../documents/upload.ts";
import { diffVersions, listVersions } from "./versions.service.ts";

export function editingRoutes(ctx: AppContext): Router {
  const router = Router();
  const { db } = ctx;
  const mutate = mutationResponder(ctx);

  router.post("/documents/:id/edits", jsonBody, (req, res) => mutate(req, res, "document:edit", { ...bodyObject(req), documentId: idParam(req) }));

  router.patch("/paragraphs/:id", jsonBody, (req, res) => mutate(req, res, "paragraph:update", { ...bodyObject(req), paragraphId: idParam(req) }));

  router.post("/annotations/:id/reattach", jsonBody, (req, res) => mutate(req, res, "annotation:reattach", { ...bodyObject(req), annotationId: idParam(req) }, { key: "annotation" }));
  router.post("/annotations/:id/dismiss", jsonBody, (req, res) => mutate(req, res, "annotation:dismiss", { ...bodyObject(req), annotationId: idParam(req) }, { key: "annotation" }));
  router.post("/annotations/:id/suggestion/accept", jsonBody, (req, res) => mutate(req, res, "suggestion:accept", { ...bodyObject(req), annotationId: idParam(req) }, { key: "annotation" }));
  router.post("/annotations/:id/suggestion/reject", jsonBody, (req, res) => mutate(req, res, "suggestion:reject", { ...bodyObject(req), annotationId: idParam(req) }, { key: "annotation" }));

  router.get("/documents/:id/versions", async (req, res) => {
    const user = requireUser(req);
    const id = idParam(req);
    await loadDocumentAccess(db, user.id, id);
    res.json({ versions: await listVersions(db, id) });
  });

  router.get("/documents/:id/diff", async (req, res) => {
    const user = requireUser(req);
    const id = idParam(req);
    const { from, to } = parseInput(DiffQuerySchema, req.query, "query");
    await loadDocumentAccess(db, user.id, id);
    res.json(await diffVersions(db, id, from, to));
  });

  // Who may revise is settled before the upload is read, so strangers' files are never buffered.
  const checkEditAccess = async (req: Request, _res: Response, next: NextFunction) => {
    const user = requireUser(req);
    const { role } = await loadDocumentAccess(db, user.id, idParam(req));
    authorize(role, "document.edit");
    next();
  };

  router.post("/documents/:id/revisions", checkEditAccess, receiveUpload, async (req, res) => {
    const user = requireUser(req);
    const id = idParam(req);
    const { content, format, sourceName } = importRequestFrom(req);
    const clientMutationId = clientMutationIdOf(req);
    const parsed = await ctx.workers.run("parseImport", { format, bytes: content }, { key: user.id, what: "Reading this draft" });
    // The comparison runs off the event loop against the version read here; the mutation refuses
    // it (409) if the document changed meanwhile.
    const { version } = await db.document.findUniqueOrThrow({ where: { id }, select: { version: true } });
    const old = await db.paragraph.findMany({ where: { documentId: id }, orderBy: { position: "asc" }, select: { id: true, text: true } });
    const anchors = await db.annotation.findMany({
      where: { documentId: id, deletedAt: null, anchorState: "anchored" },
      select: { id: true, startPid: true, startOffset: true, endPid: true, endOffset: true, quote: true, prefix: true, suffix: true },
    });
    const { plan, placements } = await ctx.workers.run("alignRevision", { old, next: parsed.blocks.map((b) => b.text), anchors }, { key: user.id, what: "Comparing this draft" });
    const actor = { userId: user.id, displayName: user.displayName };
    const outcome = await ctx.mutations.run("document:revise", actor, { documentId: id, baseVersion: version, format, sourceName, parsed, plan, placements, clientMutationId });
    if (outcome.replayed) res.setHeader("x-idempotent-replay", "true");
    res.status(201).json(outcome.result);
  });

  return router;
}

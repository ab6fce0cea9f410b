/**
 * GET /api/documents/:id/export?format=...[&version=N] (any member) and
 * POST /api/documents/:id/annotations/import (analysts and above). The import reads its own,
 * larger JSON body, and only after access is settled, so strangers' uploads are never parsed.
 */
import express, { Router, type NextFunction, type Request, type Response } from "express";
import { z } from "zod";
import type { AppContext } from "../../app-context.ts";
import { requireUser } from "../../auth/passport.ts";
import { idParam, parseInput } from "../../http/validate.ts";
import { ClientMutationIdSchema } from "../../../common/workspaces.ts";
import { ExportQuerySchema } from "../../../common/review.ts";
import { loadDocumentAccess } from "../documents/documents.service.ts";
import { authorize } from "../workspaces/membership.ts";
import { exportDocument } from "./export.service.ts";
import { readImport } from "./jsonld-input.ts";

const ImportQuery = z.object({ clientMutationId: ClientMutationIdSchema.optional() });
/** A JSON-LD export of a thousand-note document is about 2 MB; this leaves room and no more. */
export const IMPORT_BODY_LIMIT = "5mb";

/** RFC 6266 attachment header with an ASCII fallback and the UTF-8 name. */
function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function exportRoutes(ctx: AppContext): Router {
  const router = Router();
  const { db } = ctx;

  router.get("/documents/:id/export", async (req, res) => {
    const user = requireUser(req);
    const id = idParam(req);
    const query = parseInput(ExportQuerySchema, req.query, "query");
    const file = await exportDocument(db, user.id, id, query, { provider: ctx.config.databaseProvider, origin: ctx.config.publicOrigin, workers: ctx.workers, key: user.id });
    // The export is recorded (audit) before the file leaves.
    await ctx.mutations.run("document:exported", { userId: user.id, displayName: user.displayName }, { documentId: id, format: query.format, title: file.title, annotations: file.annotations });
    res.setHeader("Content-Type", file.contentType);
    res.setHeader("Content-Disposition", attachment(file.filename));
    res.setHeader("X-Scholia-Document", file.documentId);
    res.setHeader("X-Scholia-Version", String(file.version));
    res.setHeader("X-Scholia-Seq", String(file.seq));
    res.setHeader("X-Scholia-Exported-At", file.madeAt.toISOString());
    res.setHeader("Cache-Control", "no-store");
    res.send(file.body);
  });

  const checkImportAccess = async (req: Request, _res: Response, next: NextFunction) => {
    const user = requireUser(req);
    const { role } = await loadDocumentAccess(db, user.id, idParam(req));
    authorize(role, "annotation.create", `Your role (${role}) is read-only`);
    next();
  };
  const importBody = express.json({ limit: IMPORT_BODY_LIMIT, type: ["application/json", "application/ld+json"] });

  router.post("/documents/:id/annotations/import", checkImportAccess, importBody, async (req, res) => {
    const user = requireUser(req);
    const id = idParam(req);
    const { clientMutationId } = parseInput(ImportQuery, req.query, "query");
    const batch = readImport(req.body);
    const { ordered } = await ctx.paragraphs.get(db, id);
    const placements = await ctx.workers.run(
      "placeQuotes",
      { paragraphs: ordered.map((p) => ({ id: p.id, text: p.text })), targets: batch.notes.map((n) => n.target) },
      { key: user.id, what: "Placing these annotations" },
    );
    const outcome = await ctx.mutations.run("annotations:import", { userId: user.id, displayName: user.displayName }, { documentId: id, batch, placements, clientMutationId });
    if (outcome.replayed) res.setHeader("x-idempotent-replay", "true");
    res.json(outcome.result);
  });

  return router;
}

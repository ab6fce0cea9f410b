/** /api/workspaces/:id/documents (import, list) and /api/documents/:id (read, delete; the read is cached by seq, http/seq-cache.ts). */
import { createHash } from "node:crypto";
import { Router, type Request, type Response, type NextFunction } from "express";
import type { AppContext } from "../../app-context.ts";
import { requireUser } from "../../auth/passport.ts";
import { idParam, parseInput } from "../../http/validate.ts";
import { mutationResponder } from "../../http/mutation-route.ts";
import { clientMutationIdOf, importRequestFrom, receiveUpload } from "./upload.ts";
import { VersionQuerySchema } from "../../../common/editing.ts";
import { paragraphsAt } from "../editing/versions.service.ts";
import * as service from "./documents.service.ts";
import { authorize, loadWorkspaceAccess } from "../workspaces/membership.ts";
import { abilitiesOf } from "../../../common/policy.ts";
import { presentDocument, presentParagraph } from "./document.presenter.ts";
import { SeqCache, sendCached } from "../../http/seq-cache.ts";

export function documentRoutes(ctx: AppContext): Router {
  const router = Router();
  const { db } = ctx;
  const mutate = mutationResponder(ctx);

  // Who may import is settled before the upload is read, so strangers' files are never buffered.
  const checkImportAccess = async (req: Request, _res: Response, next: NextFunction) => {
    const user = requireUser(req);
    const id = idParam(req);
    const access = await loadWorkspaceAccess(db, user.id, id);
    authorize(access.role, "document.import");
    next();
  };

  router.post("/workspaces/:id/documents", checkImportAccess, receiveUpload, async (req, res) => {
    const user = requireUser(req);
    const id = idParam(req);
    const { content, ...request } = importRequestFrom(req);
    // Parsed on a worker thread (bounded in time and memory), then written by the mutation.
    const parsed = await ctx.workers.run("parseImport", { format: request.format, bytes: content }, { key: user.id, what: "Reading this file" });
    const actor = { userId: user.id, displayName: user.displayName };
    const contentDigest = createHash("sha256").update(content).digest("hex");
    const outcome = await ctx.mutations.run("document:import", actor, { ...request, workspaceId: id, parsed, contentDigest, clientMutationId: clientMutationIdOf(req) });
    if (outcome.replayed) res.setHeader("x-idempotent-replay", "true");
    ctx.logger.info("document imported", { requestId: req.id, documentId: outcome.result.document.id, workspaceId: id, paragraphs: outcome.result.summary.paragraphs });
    res.status(201).json(outcome.result);
  });

  router.get("/workspaces/:id/documents", async (req, res) => {
    const user = requireUser(req);
    const id = idParam(req);
    const docs = await service.listDocuments(db, user.id, id);
    res.json({ documents: docs.map(presentDocument) });
  });

  // The text as it stands, kept per seq as the bytes sent (one copy per role: the answer names it).
  const texts = new SeqCache(16, 128 * 1024 * 1024);

  router.get("/documents/:id", async (req, res) => {
    const user = requireUser(req);
    const id = idParam(req);
    const { version } = parseInput(VersionQuerySchema, req.query, "query");
    const { document: checked, role } = await service.loadDocumentAccess(db, user.id, id);
    const answer = async () => {
      const { document, paragraphs } = await service.readDocumentText(db, id);
      // An earlier version is read as it was (rebuilt from revisions); `version` says which one this is.
      const earlier = version !== undefined && version !== document.version;
      const shown = earlier ? await paragraphsAt(db, id, version) : paragraphs.map(presentParagraph);
      return { document, body: { document: presentDocument(document), version: version ?? document.version, role, abilities: abilitiesOf(role), paragraphs: shown } };
    };
    if (version !== undefined && version !== checked.version) return void res.json((await answer()).body);
    const entry = await texts.get(id, checked.lastSeq, `text:${role}`, async () => {
      const { document, body } = await answer();
      // Kept only when nothing changed the document between the access check and the read.
      return { seq: document.lastSeq === checked.lastSeq && document.version === checked.version ? checked.lastSeq : null, value: body };
    });
    await sendCached(req, res, texts, entry);
  });

  router.delete("/documents/:id", (req, res) => {
    const id = idParam(req);
    return mutate(req, res, "document:delete", { documentId: id, clientMutationId: clientMutationIdOf(req) }, { status: 204 });
  });

  return router;
}

/** /api/workspaces/:id/documents (import, list) and /api/documents/:id (read, delete). */
import { Router, type Request, type Response, type NextFunction } from "express";
import express from "express";
import multer from "multer";
import { z } from "zod";
import type { AppContext } from "../../app-context.ts";
import { requireUser } from "../../auth/passport.ts";
import { parseInput } from "../../http/validate.ts";
import { HttpError, ValidationError } from "../../http/errors.ts";
import { ClientMutationIdSchema, IdSchema } from "../../../common/workspaces.ts";
import { mutationResponder } from "../../http/mutation-route.ts";
import { nameText } from "../../../common/text-policy.ts";
import { DocumentImportJsonSchema, ImportFormatSchema } from "../../../common/documents.ts";
import { MAX_IMPORT_BYTES } from "./import/types.ts";
import { detectFormat } from "./import/index.ts";
import * as service from "./documents.service.ts";
import { authorize, loadWorkspaceAccess } from "../workspaces/membership.ts";
import { abilitiesOf } from "../../../common/policy.ts";
import { presentDocument, presentParagraph } from "./document.presenter.ts";

const WorkspaceParams = z.object({ id: IdSchema });
const DocumentParams = z.object({ id: IdSchema });
const MultipartFields = z.object({
  title: nameText(500).optional(),
  format: ImportFormatSchema.optional(),
});

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5, fieldSize: 2000, parts: 8 },
});

/** base64 of 5 MB plus JSON framing; the parser itself enforces the 5 MB on the decoded file. */
const importJson = express.json({ limit: Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 64 * 1024 });

/**
 * Anything the multipart parser refuses is a malformed request (no boundary, cut-off body, a part
 * without a name...): 400, not 500. Size and count limits keep their own answers (error-handler.ts).
 */
function uploadError(err: unknown): unknown {
  if (err instanceof multer.MulterError && err.code.startsWith("LIMIT_")) return err;
  return new HttpError(400, "invalid_upload", `Upload refused: ${err instanceof Error ? err.message : "malformed multipart body"}`, "file");
}

function receiveUpload(req: Request, res: Response, next: NextFunction) {
  if (req.is("multipart/form-data")) return upload.single("file")(req, res, (err?: unknown) => (err ? next(uploadError(err)) : next()));
  if (req.is("application/json")) return importJson(req, res, next);
  next(new HttpError(415, "unsupported_type", "Send multipart/form-data with a `file` field, or application/json {format, content}", "content-type"));
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const MutationQuery = z.object({ clientMutationId: ClientMutationIdSchema.optional() });

/** Imports and deletions take their clientMutationId from the query (a multipart body has no JSON). */
const clientMutationIdOf = (req: Request) => parseInput(MutationQuery, req.query, "query").clientMutationId;

function importRequestFrom(req: Request): service.ImportRequest {
  if (req.is("multipart/form-data")) {
    const fields = parseInput(MultipartFields, req.body ?? {});
    const file = req.file;
    if (!file) throw ValidationError("file: a file is required (multipart field `file`)", "file");
    const format = detectFormat(file.originalname, file.mimetype, fields.format);
    return { format, content: file.buffer, sourceName: file.originalname.slice(0, 255), title: fields.title };
  }
  const body = parseInput(DocumentImportJsonSchema, req.body);
  let content: Buffer;
  if (body.format === "docx" || body.format === "pdf") {
    const compact = body.content.replace(/\s+/g, "");
    if (!BASE64.test(compact)) throw ValidationError(`content: a ${body.format} must be sent base64-encoded`, "content");
    content = Buffer.from(compact, "base64");
  } else {
    content = Buffer.from(body.content, "utf8");
  }
  return { format: body.format, content, title: body.title };
}

export function documentRoutes(ctx: AppContext): Router {
  const router = Router();
  const { db } = ctx;
  const mutate = mutationResponder(ctx);

  // Who may import is settled before the upload is read, so strangers' files are never buffered.
  const checkImportAccess = async (req: Request, _res: Response, next: NextFunction) => {
    const user = requireUser(req);
    const { id } = parseInput(WorkspaceParams, req.params, "params");
    const access = await loadWorkspaceAccess(db, user.id, id);
    authorize(access.role, "document.import");
    next();
  };

  router.post("/workspaces/:id/documents", checkImportAccess, receiveUpload, async (req, res) => {
    const user = requireUser(req);
    const { id } = parseInput(WorkspaceParams, req.params, "params");
    const { content, ...request } = importRequestFrom(req);
    // Parsed on a worker thread (bounded in time and memory), then written by the mutation.
    const parsed = await ctx.workers.run("parseImport", { format: request.format, bytes: content }, { key: user.id, what: "Reading this file" });
    const actor = { userId: user.id, displayName: user.displayName };
    const outcome = await ctx.mutations.run("document:import", actor, { ...request, workspaceId: id, parsed, clientMutationId: clientMutationIdOf(req) });
    if (outcome.replayed) res.setHeader("x-idempotent-replay", "true");
    ctx.logger.info("document imported", { requestId: req.id, documentId: outcome.result.document.id, workspaceId: id, paragraphs: outcome.result.summary.paragraphs });
    res.status(201).json(outcome.result);
  });

  router.get("/workspaces/:id/documents", async (req, res) => {
    const user = requireUser(req);
    const { id } = parseInput(WorkspaceParams, req.params, "params");
    const docs = await service.listDocuments(db, user.id, id);
    res.json({ documents: docs.map(presentDocument) });
  });

  router.get("/documents/:id", async (req, res) => {
    const user = requireUser(req);
    const { id } = parseInput(DocumentParams, req.params, "params");
    const { document, paragraphs, role } = await service.getDocumentWithParagraphs(db, user.id, id);
    res.json({ document: presentDocument(document), role, abilities: abilitiesOf(role), paragraphs: paragraphs.map(presentParagraph) });
  });

  router.delete("/documents/:id", (req, res) => {
    const { id } = parseInput(DocumentParams, req.params, "params");
    return mutate(req, res, "document:delete", { documentId: id, clientMutationId: clientMutationIdOf(req) }, { status: 204 });
  });

  return router;
}

/**
 * Receiving an uploaded file (a new document, or a revised draft of one): multipart with a
 * `file` field, or JSON `{format, content}` (base64 for docx and pdf). Size limits hold before
 * anything is parsed; what multer refuses is a 400 naming the problem.
 */
import type { Request, Response, NextFunction } from "express";
import express from "express";
import multer from "multer";
import { z } from "zod";
import { parseInput } from "../../http/validate.ts";
import { HttpError, ValidationError } from "../../http/errors.ts";
import { ClientMutationIdSchema } from "../../../common/workspaces.ts";
import { fileNameText, nameText } from "../../../common/text-policy.ts";
import { DocumentImportJsonSchema, ImportFormatSchema } from "../../../common/documents.ts";
import { MAX_IMPORT_BYTES, type ImportFormat } from "./import/types.ts";
import { detectFormat } from "./import/index.ts";

/** An upload as the routes hand it on: the bytes, their format, and what the form said. */
export interface ImportRequest {
  format: ImportFormat;
  content: Buffer;
  sourceName?: string | undefined;
  title?: string | undefined;
}

const MultipartFields = z.object({
  title: nameText(500).optional(),
  format: ImportFormatSchema.optional(),
});

const upload = multer({
  storage: multer.memoryStorage(),
  // Browsers send a file's name as UTF-8 bytes in the part header.
  defParamCharset: "utf8",
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

export function receiveUpload(req: Request, res: Response, next: NextFunction) {
  if (req.is("multipart/form-data")) return upload.single("file")(req, res, (err?: unknown) => (err ? next(uploadError(err)) : next()));
  if (req.is("application/json")) return importJson(req, res, next);
  next(new HttpError(415, "unsupported_type", "Send multipart/form-data with a `file` field, or application/json {format, content}", "content-type"));
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const MutationQuery = z.object({ clientMutationId: ClientMutationIdSchema.optional() });

/** Imports and deletions take their clientMutationId from the query (a multipart body has no JSON). */
export const clientMutationIdOf = (req: Request) => parseInput(MutationQuery, req.query, "query").clientMutationId;

export function importRequestFrom(req: Request): ImportRequest {
  if (req.is("multipart/form-data")) {
    const fields = parseInput(MultipartFields, req.body ?? {});
    const file = req.file;
    if (!file) throw ValidationError("file: a file is required (multipart field `file`)", "file");
    const format = detectFormat(file.originalname, file.mimetype, fields.format);
    return { format, content: file.buffer, sourceName: fileNameText(file.originalname), title: fields.title };
  }
  const body = parseInput(DocumentImportJsonSchema, req.body);
  let content: Buffer;
  if (body.format === "docx" || body.format === "odt" || body.format === "pdf") {
    const compact = body.content.replace(/\s+/g, "");
    if (!BASE64.test(compact)) throw ValidationError(`content: a ${body.format} must be sent base64-encoded`, "content");
    content = Buffer.from(compact, "base64");
  } else {
    content = Buffer.from(body.content, "utf8");
  }
  return { format: body.format, content, title: body.title };
}


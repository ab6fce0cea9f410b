/** The one place errors become HTTP answers. Unknown errors are logged and become a bare 500. */
import type { ErrorRequestHandler, RequestHandler } from "express";
import { HttpError } from "./errors.ts";
import { ImportError } from "../modules/documents/import/types.ts";
import type { Logger } from "../lib/logger.ts";

interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
  code?: string;
  field?: string;
  message?: string;
}

function fromLibraryError(err: BodyParserError): HttpError | null {
  switch (err.type) {
    case "entity.too.large":
      return new HttpError(413, "payload_too_large", "Request body is too large");
    case "entity.parse.failed":
      return new HttpError(400, "invalid_json", "Request body is not valid JSON");
    case "encoding.unsupported":
    case "charset.unsupported":
      return new HttpError(415, "unsupported_encoding", err.message ?? "Unsupported body encoding");
    case "request.aborted":
      return new HttpError(400, "request_aborted", "Request was aborted");
  }
  // multer errors carry a code starting with LIMIT_
  if (typeof err.code === "string" && err.code.startsWith("LIMIT_")) {
    if (err.code === "LIMIT_FILE_SIZE") return new HttpError(413, "too_large", "File is larger than 5 MB", err.field ?? "file");
    return new HttpError(400, "invalid_upload", `Upload refused: ${err.message ?? err.code}`, err.field);
  }
  const status = err.status ?? err.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    return new HttpError(status, "bad_request", err.message ?? "Bad request");
  }
  return null;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    let httpError: HttpError | null = null;
    if (err instanceof HttpError) httpError = err;
    else if (err instanceof ImportError) httpError = new HttpError(err.status, err.code, err.message, "file");
    else if (typeof err === "object" && err !== null) httpError = fromLibraryError(err as BodyParserError);
    if (!httpError) {
      logger.error("unhandled error", { requestId: req.id, err });
      if (!res.headersSent) res.status(500).json({ error: { code: "internal", message: "Something went wrong on our side" } });
      return;
    }
    if (res.headersSent) return;
    const retry = (httpError.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (httpError.status === 429 && retry) res.setHeader("Retry-After", String(retry));
    const body: Record<string, unknown> = { code: httpError.code, message: httpError.message };
    if (httpError.field) body.field = httpError.field;
    if (httpError.details !== undefined) body.details = httpError.details;
    res.status(httpError.status).json({ error: body });
  };
}

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: "not_found", message: `No route for ${req.method} ${req.path}` } });
};

/**
 * Every error the API answers with comes from these factories: an HTTP status, a stable
 * machine code, a message for people and, where one input is at fault, the field's name.
 * One handler (error-handler.ts) serializes them as `{ error: { code, message, field? } }`.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export const ValidationError = (message: string, field?: string, details?: unknown) =>
  new HttpError(400, "validation_failed", message, field, details);
export const AuthenticationError = (message = "Sign in first") => new HttpError(401, "unauthenticated", message);
export const ForbiddenError = (message = "Your role does not allow this") => new HttpError(403, "forbidden", message);
export const NotFoundError = (what = "Resource") => new HttpError(404, "not_found", `${what} not found`);
export const ConflictError = (message: string, details?: unknown) => new HttpError(409, "conflict", message, undefined, details);
export const GoneError = (message: string) => new HttpError(410, "gone", message);
export const TooManyRequestsError = (message: string, retryAfterSeconds: number) =>
  new HttpError(429, "rate_limited", message, undefined, { retryAfterSeconds });

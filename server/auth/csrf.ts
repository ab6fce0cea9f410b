/**
 * CSRF: a synchronizer token kept in the session. Any state-changing request that carries
 * the session cookie must echo it in `x-csrf-token`; one from a foreign Origin is refused
 * outright. Requests without the cookie (first sign-in, API clients) have nothing to forge.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Request, RequestHandler } from "express";
import { HttpError } from "../http/errors.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

declare module "express-session" {
  interface SessionData {
    csrfToken?: string;
  }
}

/** The session's token, minted on first use. */
export function csrfTokenFor(req: Request): string {
  req.session.csrfToken ??= randomBytes(32).toString("base64url");
  return req.session.csrfToken;
}

/** Cookie names in a Cookie header, parsed as the session middleware parses them (names trimmed). */
export function cookieNames(header: string | undefined): Set<string> {
  const names = new Set<string>();
  for (const pair of (header ?? "").split(";")) {
    const eq = pair.indexOf("=");
    if (eq > 0) names.add(pair.slice(0, eq).trim());
  }
  return names;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function csrfProtection(cookieName: string, allowedOrigins: string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.get("origin");
    if (origin && !allowed.has(origin)) {
      return next(new HttpError(403, "origin_refused", `Origin ${origin} is not allowed`));
    }
    // A request signed in through the session, or carrying the session cookie under any
    // spelling the cookie parser accepts ("scholia.sid =x" included), must prove it is ours.
    if (!req.user && !cookieNames(req.get("cookie")).has(cookieName)) return next();
    const sent = req.get("x-csrf-token");
    const expected = req.session?.csrfToken;
    if (!sent || !expected || !sameToken(sent, expected)) {
      return next(new HttpError(403, "csrf_failed", "Missing or invalid x-csrf-token header (GET /api/auth/csrf gives one)", "x-csrf-token"));
    }
    next();
  };
}

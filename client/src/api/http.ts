/**
 * JSON over fetch to /api with the session cookie. State-changing requests carry the CSRF
 * token (the one handed out at sign-in, or GET /api/auth/csrf after a reload).
 */
import type { ErrorBody } from "../../../common/realtime.ts";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

let csrfToken = "";
let onUnauthenticated: () => void = () => {};

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export function getCsrfToken(): string {
  return csrfToken;
}

/** Called when the session is gone (401): the app sends the person to sign in. */
export function setUnauthenticatedHandler(fn: () => void): void {
  onUnauthenticated = fn;
}

/** Reads an error body in the API's shape (`{ error: { code, message, field } }`). */
export function errorFrom(status: number, body: unknown): ApiError {
  const e = (typeof body === "object" && body !== null ? (body as { error?: Partial<ErrorBody> }).error : undefined) ?? {};
  return new ApiError(status, e.code ?? "http_error", e.message ?? `Request failed (${status})`, e.field);
}

async function request<T>(method: string, path: string, body?: unknown, opts: { quiet401?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  const res = await fetch(`/api${path}`, { method, headers, credentials: "same-origin", body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!res.ok) {
    if (res.status === 401 && !opts.quiet401) onUnauthenticated();
    throw errorFrom(res.status, parsed);
  }
  return parsed as T;
}

/**
 * Reads started before the screen that needs them has its code (a document opened from a link
 * asks for its data while its chunk downloads). Each is taken once, by the first api.get of the
 * same path within PREFETCH_TTL_MS; later reads go to the server.
 */
const prefetched = new Map<string, { at: number; answer: Promise<unknown> }>();
const PREFETCH_TTL_MS = 10_000;

/** Starts a GET now, for a screen that will ask for the same path shortly. */
export function prefetch<T>(path: string): Promise<T> {
  const answer = request<T>("GET", path, undefined, { quiet401: true });
  answer.catch(() => undefined);
  prefetched.set(path, { at: Date.now(), answer });
  return answer;
}

async function get<T>(path: string, opts?: { quiet401?: boolean }): Promise<T> {
  const early = prefetched.get(path);
  if (early) {
    prefetched.delete(path);
    if (Date.now() - early.at <= PREFETCH_TTL_MS) {
      try {
        return (await early.answer) as T;
      } catch (e) {
        // Asked before the session was known: ask again, now that it is.
        if (!(e instanceof ApiError && e.status === 401)) throw e;
      }
    }
  }
  return request<T>("GET", path, undefined, opts);
}

export const api = {
  get,
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, body),
  delete: <T>(path: string) => request<T>("DELETE", path),
};

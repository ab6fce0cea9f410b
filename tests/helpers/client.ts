/**
 * What every test client is, whichever way its requests travel: a signed-in account that can
 * send JSON requests in its own session. `AppClient` (Supertest against the in-process app) and
 * `HttpClient` (fetch and sockets against a listening server) implement it; `buildWorld` and the
 * other set-up steps are written once against it.
 */
import { randomBytes } from "node:crypto";

export type Role = "owner" | "editor" | "analyst" | "viewer";
export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** The password every test account gets unless it asks for another. */
export const TEST_PASSWORD = "correct horse battery";

/** An e-mail address no other test has used. */
export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${randomBytes(5).toString("hex")}@example.org`;
}

export interface SignUpOptions {
  email?: string;
  password?: string;
  /** Also the e-mail's prefix when no e-mail is given. */
  displayName?: string;
}

/** Who a client is signed in as. */
export interface Account {
  id: string;
  email: string;
  password: string;
  displayName: string;
  /** The session's CSRF token, sent with every state-changing request. */
  csrf: string;
}

/** A signed-in account that sends JSON requests in its own session. */
export interface Client extends Account {
  /**
   * Sends a JSON request (with the session cookie and CSRF token) and returns the parsed answer;
   * throws, naming the request and the answer, unless the status is one of `expect`.
   */
  ok<T = Record<string, unknown>>(method: Method, path: string, body?: unknown, expect?: readonly number[]): Promise<T>;
}

/** A way to reach a server: it makes signed-in clients of one kind. */
export interface Transport<C extends Client = Client> {
  /** Registers a new account and returns its client, signed in. */
  signUp(opts?: SignUpOptions): Promise<C>;
}

/** The statuses `ok` accepts unless told otherwise. */
export const SUCCESS = [200, 201, 204] as const;

/**
 * Registers an account through `post` (a request in a fresh session, without CSRF: there is no
 * session yet) and returns who it is. Both transports sign up through this.
 */
export async function registerAccount(post: (path: string, body: object) => Promise<{ status: number; body: unknown }>, opts: SignUpOptions = {}): Promise<Account> {
  const prefix = opts.displayName?.toLowerCase().replace(/[^a-z0-9]+/g, "") || "user";
  const email = opts.email ?? uniqueEmail(prefix);
  const password = opts.password ?? TEST_PASSWORD;
  const displayName = opts.displayName ?? email.split("@")[0]!;
  const res = await post("/api/auth/register", { email, password, displayName });
  if (res.status !== 201) throw new Error(`register ${displayName}: ${res.status} ${JSON.stringify(res.body)}`);
  const body = res.body as { user: { id: string }; csrfToken: string };
  return { id: body.user.id, email, password, displayName, csrf: body.csrfToken };
}

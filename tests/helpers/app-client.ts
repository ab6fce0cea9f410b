/**
 * Clients of the in-process app (tests/helpers/test-app.ts): a Supertest agent that keeps its
 * session cookie and sends its CSRF token. The verbs return Supertest requests, so a test can
 * still add headers, attach files or read a binary answer before awaiting them.
 */
import request from "supertest";
import type { Express } from "express";
import { registerAccount, SUCCESS, type Account, type Client, type Method, type SignUpOptions, type Transport } from "./client.ts";

export type Agent = ReturnType<typeof request.agent>;

/** A signed-in user of the in-process app. */
export class AppClient implements Client {
  readonly id: string;
  readonly email: string;
  readonly password: string;
  readonly displayName: string;
  csrf: string;

  constructor(
    /** The Supertest agent, for requests that must leave out the CSRF token or set odd headers. */
    readonly agent: Agent,
    account: Account,
  ) {
    this.id = account.id;
    this.email = account.email;
    this.password = account.password;
    this.displayName = account.displayName;
    this.csrf = account.csrf;
  }

  /** A request in this session; every verb but GET carries the CSRF token. */
  request(method: Method, path: string, body?: object): request.Test {
    const req = this.agent[method.toLowerCase() as Lowercase<Method>](path);
    if (method === "GET") return req;
    req.set("x-csrf-token", this.csrf);
    return body === undefined ? req : req.send(body);
  }

  get(path: string): request.Test {
    return this.request("GET", path);
  }

  post(path: string, body: object = {}): request.Test {
    return this.request("POST", path, body);
  }

  patch(path: string, body: object = {}): request.Test {
    return this.request("PATCH", path, body);
  }

  put(path: string, body: object = {}): request.Test {
    return this.request("PUT", path, body);
  }

  delete(path: string): request.Test {
    return this.request("DELETE", path);
  }

  async ok<T = Record<string, unknown>>(method: Method, path: string, body?: unknown, expect: readonly number[] = SUCCESS): Promise<T> {
    const res = await this.request(method, path, body as object | undefined);
    if (!expect.includes(res.status)) throw new Error(`${this.displayName}: ${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as T;
  }
}

/** Clients of one in-process app. */
export function appTransport(app: Express): Transport<AppClient> {
  return {
    async signUp(opts: SignUpOptions = {}) {
      const agent = request.agent(app);
      const account = await registerAccount((path, body) => agent.post(path).send(body), opts);
      return new AppClient(agent, account);
    },
  };
}

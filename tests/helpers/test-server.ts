/**
 * A real listening server (port 0) on a fresh database, and HTTP users with cookies, for
 * socket tests. Each test file starts its own and closes it in afterAll.
 */
import { io as connect, type Socket } from "socket.io-client";
import { loadConfig } from "../../server/config.ts";
import { createLogger } from "../../server/lib/logger.ts";
import { startServer, type RunningServer } from "../../server/server.ts";
import type { RealtimeOptions } from "../../server/realtime/socket-server.ts";
import type { ClientToServerEvents, ServerToClientEvents } from "../../common/realtime.ts";
import { createTestDatabase, type TestDatabase } from "./test-db.ts";
import { uniqueEmail, TEST_PASSWORD } from "./users.ts";

export const TEST_ORIGIN = "http://localhost:3000";

export interface TestServer extends RunningServer {
  database: TestDatabase;
  stop(): Promise<void>;
}

export async function startTestServer(opts: { realtime?: RealtimeOptions; env?: Record<string, string> } = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: database.url, PORT: "0", HOST: "127.0.0.1", PUBLIC_ORIGIN: TEST_ORIGIN, ...opts.env });
  const server = await startServer(config, createLogger("silent"), { registerPerHour: 100_000, realtime: opts.realtime });
  return {
    ...server,
    database,
    async stop() {
      await server.close();
      await database.drop();
    },
  };
}

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A signed-in user speaking HTTP to a running server. */
export class HttpUser {
  cookie = "";
  csrf = "";
  id = "";
  constructor(
    readonly baseUrl: string,
    readonly email: string,
    readonly displayName: string,
  ) {}

  static async register(baseUrl: string, displayName = "Analyst"): Promise<HttpUser> {
    const u = new HttpUser(baseUrl, uniqueEmail(displayName.toLowerCase().replace(/\W/g, "")), displayName);
    const res = await u.request("POST", "/api/auth/register", { email: u.email, password: TEST_PASSWORD, displayName });
    if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
    const body = res.body as { user: { id: string }; csrfToken: string };
    u.id = body.user.id;
    u.csrf = body.csrfToken;
    return u;
  }

  async request(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown; headers: Headers }> {
    const headers: Record<string, string> = { origin: TEST_ORIGIN };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf) headers["x-csrf-token"] = this.csrf;
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(this.baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const set = res.headers.getSetCookie().find((c) => c.startsWith("scholia.sid="));
    if (set) this.cookie = set.split(";")[0]!;
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  /** Sends a file as multipart/form-data (field `file`), like the browser's import form. */
  async upload(path: string, filename: string, bytes: Uint8Array, fields: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append("file", new Blob([bytes]), filename);
    const headers: Record<string, string> = { origin: TEST_ORIGIN };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf) headers["x-csrf-token"] = this.csrf;
    const res = await fetch(this.baseUrl + path, { method: "POST", headers, body: form });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body };
  }

  /** Fails the test unless the request answers `expect`. */
  async ok<T = Record<string, unknown>>(method: string, path: string, body?: unknown, expect = [200, 201, 204]): Promise<T> {
    const res = await this.request(method, path, body);
    if (!expect.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as T;
  }

  /** Opens a socket with this user's session cookie. */
  connect(opts: { origin?: string | null; cookie?: string | null } = {}): ClientSocket {
    const extraHeaders: Record<string, string> = {};
    const origin = opts.origin === undefined ? TEST_ORIGIN : opts.origin;
    if (origin) extraHeaders.origin = origin;
    const cookie = opts.cookie === undefined ? this.cookie : opts.cookie;
    if (cookie) extraHeaders.cookie = cookie;
    return connect(this.baseUrl, { transports: ["websocket"], extraHeaders, reconnection: false, forceNew: true });
  }
}

/** Waits until `check` stops throwing (or fails with its last error). */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5000, stepMs = 20): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      return await check();
    } catch (e) {
      last = e;
      await new Promise((r) => setTimeout(r, stepMs));
    }
  }
  throw last;
}

/** Resolves when the socket connects, rejects with the connect error. */
export function connected(socket: ClientSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (e) => reject(e));
  });
}

/** A user with a workspace and a document, and members added with roles. */
export async function setUpDocument(baseUrl: string, members: Record<string, "owner" | "editor" | "analyst" | "viewer">) {
  const owner = await HttpUser.register(baseUrl, "Owner");
  const { workspace } = await owner.ok<{ workspace: { id: string } }>("POST", "/api/workspaces", { name: "Desk" });
  const content = [
    "Deterrence After the Treaty",
    "",
    "The treaty’s collapse in 2019 did not end arms control; it moved it elsewhere.",
    "",
    "Analysts expect three new regional agreements by 2030, though none will be verifiable.",
    "",
    "• First, confidence-building measures at sea.",
    "• Second, notification regimes for missile tests.",
  ].join("\n");
  const { document } = await owner.ok<{ document: { id: string } }>("POST", `/api/workspaces/${workspace.id}/documents`, { format: "txt", content });
  const { paragraphs } = await owner.ok<{ paragraphs: Array<{ id: string; text: string; kind: string }> }>("GET", `/api/documents/${document.id}`);
  const users: Record<string, HttpUser> = { owner };
  for (const [name, role] of Object.entries(members)) {
    const u = await HttpUser.register(baseUrl, name);
    const inv = await owner.ok<{ token: string }>("POST", `/api/workspaces/${workspace.id}/invites`, { role });
    await u.ok("POST", `/api/invites/${inv.token}/accept`);
    users[name] = u;
  }
  return { workspaceId: workspace.id, documentId: document.id, paragraphs, users };
}

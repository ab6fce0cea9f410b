/**
 * Clients of a listening server (tests/helpers/test-server.ts, or a node process): fetch with a
 * cookie jar, and Socket.IO connections carrying the same session. `send` gives full control of
 * a request (headers left out or forged, raw bodies, a deadline) for the fuzz and abuse suites;
 * `request` and `ok` are the everyday JSON calls.
 */
import { registerAccount, SUCCESS, type Account, type Client, type Method, type SignUpOptions, type Transport } from "./client.ts";
import { TEST_ORIGIN } from "./origin.ts";
import { openSocket, type ClientSocket } from "./sockets.ts";

/** One HTTP request, as raw as a test needs it. */
export interface Call {
  method: string;
  /** Path and query, appended to the server URL as given (already encoded). */
  path: string;
  body?: string | Uint8Array | FormData;
  /** Content-Type to send; null or absent sends none (FormData sets its own). */
  contentType?: string | null;
  headers?: Record<string, string>;
  /** Leave out the session cookie / the CSRF header / the Origin header. */
  noCookie?: boolean;
  noCsrf?: boolean;
  noOrigin?: boolean;
  /** Overrides the client's deadline for this call. */
  deadlineMs?: number;
}

export interface Answer {
  status: number;
  text: string;
  /** The parsed JSON answer: null for an empty answer, undefined when the text is not JSON. */
  body: unknown;
  headers: Headers;
}

/** One line describing a call, for failure messages. */
export function describeCall(c: Call): string {
  const body =
    c.body === undefined
      ? ""
      : typeof c.body === "string"
        ? ` body(${c.body.length})=${c.body.slice(0, 300)}${c.body.length > 300 ? "…" : ""}`
        : c.body instanceof FormData
          ? " body=<FormData>"
          : ` body=<${c.body.length} bytes: ${Buffer.from(c.body.subarray(0, 200)).toString("latin1")}>`;
  return `${c.method} ${c.path.slice(0, 300)} ct=${String(c.contentType)} headers=${JSON.stringify(c.headers ?? {})}${body}`;
}

export interface HttpClientOptions {
  /** Longest a request may take before it fails as hung (none by default). */
  deadlineMs?: number;
  /** Longest a socket handshake may take (Socket.IO's default by default). */
  socketTimeoutMs?: number;
  /** Whether Set-Cookie and csrfToken answers update this client (false: every call starts without a session). */
  sticky?: boolean;
}

export interface ConnectOptions {
  /** The Origin header: the test origin by default; null sends none. */
  origin?: string | null;
  /** The Cookie header: this client's session by default; null sends none. */
  cookie?: string | null;
  /** Further handshake headers, applied last (they may replace the two above). */
  headers?: Record<string, string>;
  query?: Record<string, string>;
  auth?: Record<string, unknown>;
}

const NO_ACCOUNT: Account = { id: "", email: "", password: "", displayName: "anonymous", csrf: "" };

/** A browser session against a listening server: cookie, CSRF token and sockets. */
export class HttpClient implements Client {
  readonly id: string;
  readonly email: string;
  readonly password: string;
  readonly displayName: string;
  csrf: string;
  /** The session cookie ("scholia.sid=…"), or "" before any. */
  cookie = "";

  constructor(
    readonly baseUrl: string,
    account: Account = NO_ACCOUNT,
    readonly options: HttpClientOptions = {},
  ) {
    this.id = account.id;
    this.email = account.email;
    this.password = account.password;
    this.displayName = account.displayName;
    this.csrf = account.csrf;
  }

  /** The same session against another server (another node sharing the database). */
  at(baseUrl: string, options: HttpClientOptions = this.options): HttpClient {
    const other = new HttpClient(baseUrl, this, options);
    other.cookie = this.cookie;
    return other;
  }

  /** Sends one call; fails only when no answer comes (a refused connection, or the deadline passing). */
  async send(c: Call): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (!c.noOrigin) headers.origin = TEST_ORIGIN;
    if (this.cookie && !c.noCookie) headers.cookie = this.cookie;
    if (this.csrf && !c.noCsrf) headers["x-csrf-token"] = this.csrf;
    if (c.contentType) headers["content-type"] = c.contentType;
    Object.assign(headers, c.headers);
    const deadline = c.deadlineMs ?? this.options.deadlineMs;
    const hasBody = c.body !== undefined && c.method !== "GET" && c.method !== "HEAD";
    let res: Response;
    let text: string;
    try {
      res = await fetch(this.baseUrl + c.path, {
        method: c.method,
        headers,
        body: hasBody ? c.body : undefined,
        redirect: "manual",
        signal: deadline === undefined ? undefined : AbortSignal.timeout(deadline),
      });
      text = await res.text();
    } catch (e) {
      const err = e as Error;
      if (err.name === "TimeoutError" || err.name === "AbortError") throw new Error(`HUNG: no answer within ${deadline} ms to ${describeCall(c)}`);
      throw new Error(`connection failed (${err.message}; cause: ${String((err as { cause?: unknown }).cause)}) on ${describeCall(c)}`);
    }
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = undefined;
    }
    if (this.options.sticky !== false) {
      const set = res.headers.getSetCookie().find((x) => x.startsWith("scholia.sid="));
      if (set) this.cookie = set.split(";")[0]!;
      const token = (body as { csrfToken?: unknown } | null | undefined)?.csrfToken;
      if (typeof token === "string") this.csrf = token;
    }
    return { status: res.status, text, body, headers: res.headers };
  }

  /** A JSON request in this session. */
  request(method: Method, path: string, body?: unknown): Promise<Answer> {
    return this.send({ method, path, body: body === undefined ? undefined : JSON.stringify(body), contentType: body === undefined ? null : "application/json" });
  }

  async ok<T = Record<string, unknown>>(method: Method, path: string, body?: unknown, expect: readonly number[] = SUCCESS): Promise<T> {
    const res = await this.request(method, path, body);
    if (!expect.includes(res.status)) throw new Error(`${this.displayName}: ${method} ${path}: ${res.status} ${res.text.slice(0, 500)}`);
    return res.body as T;
  }

  /** Sends a file as multipart/form-data (field `file`), like the browser's import form. */
  upload(path: string, filename: string, bytes: Uint8Array, fields: Record<string, string> = {}): Promise<Answer> {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append("file", new Blob([bytes]), filename);
    return this.send({ method: "POST", path, body: form });
  }

  /** Signs in again with this account's password: a new session, cookie and token. */
  async login(): Promise<void> {
    this.cookie = "";
    this.csrf = "";
    await this.ok("POST", "/api/auth/login", { email: this.email, password: this.password }, [200]);
  }

  /** Opens a socket with this client's session cookie and the test origin. */
  connect(opts: ConnectOptions = {}): ClientSocket {
    const extraHeaders: Record<string, string> = {};
    const origin = opts.origin === undefined ? TEST_ORIGIN : opts.origin;
    if (origin) extraHeaders.origin = origin;
    const cookie = opts.cookie === undefined ? this.cookie : opts.cookie;
    if (cookie) extraHeaders.cookie = cookie;
    Object.assign(extraHeaders, opts.headers);
    return openSocket(this.baseUrl, { extraHeaders, query: opts.query, auth: opts.auth, timeoutMs: this.options.socketTimeoutMs });
  }
}

/** Clients of one listening server; `anonymous` has no session and keeps none. */
export function httpTransport(baseUrl: string, options: HttpClientOptions = {}): Transport<HttpClient> & { anonymous(): HttpClient } {
  return {
    async signUp(opts: SignUpOptions = {}) {
      const client = new HttpClient(baseUrl, NO_ACCOUNT, options);
      const account = await registerAccount((path, body) => client.request("POST", path, body), opts);
      const signedIn = new HttpClient(baseUrl, account, options);
      signedIn.cookie = client.cookie;
      return signedIn;
    },
    anonymous: () => new HttpClient(baseUrl, NO_ACCOUNT, { ...options, sticky: false }),
  };
}

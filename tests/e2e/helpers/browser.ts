/**
 * Real Chromium (Debian's package) driven by playwright-core, against a real server on a fresh
 * database. A missing /usr/bin/chromium skips the suite outside CI and fails it in CI.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { startTestServer, type HttpClient, type TestServer } from "../../helpers/kit.ts";
import { openForwarder } from "../../helpers/forwarder.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
export const SCREENSHOTS = join(process.cwd(), "test-results", "e2e");

/** True when the suite can run; throws in CI when Chromium is missing. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const msg = `Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium)`;
  if (process.env.CI) throw new Error(`${msg}: the e2e suite is required in CI`);
  console.warn(`\n  Skipping the browser tests: ${msg}.\n`);
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export interface E2EServer extends TestServer {
  /** The origin the browser uses (allowed by the server's CSRF and socket checks). */
  origin: string;
}

/**
 * A server on port 0, and the origin the browser uses: a loopback port bound first and
 * forwarded to the server, so the server can allow it (the browser sends it as Origin).
 */
export async function startE2EServer(): Promise<E2EServer> {
  const front = await openForwarder();
  const server = await startTestServer({ env: { ALLOWED_ORIGINS: front.origin } });
  front.forwardTo(server.port);
  return {
    ...server,
    origin: front.origin,
    async stop() {
      await front.close();
      await server.stop();
    },
  };
}

export interface BrowserSuite<T> {
  server: E2EServer;
  browser: Browser;
  /** What `prepare` made: the people and documents the tests use. */
  world: T;
}

/**
 * A describe block's server, browser and data: the server and browser are started and
 * `prepare` run before the block's tests (and before its own beforeAll hooks registered after
 * this call), both stopped after them. The fields are there from then on.
 */
export function browserSuite<T>(prepare: (server: E2EServer) => Promise<T>): BrowserSuite<T> {
  const suite = {} as BrowserSuite<T>;
  beforeAll(async () => {
    suite.server = await startE2EServer();
    suite.browser = await launchBrowser();
    suite.world = await prepare(suite.server);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}

/** A browser context already signed in as `user` (its session cookie copied in). */
export async function contextFor(browser: Browser, server: E2EServer, user: HttpClient | null, opts: { bypassCSP?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, bypassCSP: opts.bypassCSP ?? false });
  if (user) {
    const value = user.cookie.replace(/^scholia\.sid=/, "");
    await context.addCookies([{ name: "scholia.sid", value, url: server.origin }]);
  }
  return context;
}

/** A new page signed in as `user` (null: no session) on `path` of the suite's server, and the errors it logs. */
export async function pageAs(suite: BrowserSuite<unknown>, user: HttpClient | null, path: string, opts: { bypassCSP?: boolean } = {}): Promise<{ ctx: BrowserContext; page: Page; errors: string[] }> {
  const ctx = await contextFor(suite.browser, suite.server, user, opts);
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  await page.goto(`${suite.server.origin}${path}`);
  return { ctx, page, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Collects uncaught page errors and console errors, so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/**
 * Real Chromium (Debian's package) driven by playwright-core, against a real server on a fresh
 * database. A missing /usr/bin/chromium skips the suite outside CI and fails it in CI.
 */
import { existsSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import type { HttpUser} from "../../helpers/test-server.ts";
import { startTestServer, type TestServer } from "../../helpers/test-server.ts";

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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface E2EServer extends TestServer {
  /** The origin the browser uses (allowed by the server's CSRF and socket checks). */
  origin: string;
}

/** A server on a free port whose own origin is allowed (the browser sends it as Origin). */
export async function startE2EServer(): Promise<E2EServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const server = await startTestServer({ env: { PORT: String(port), ALLOWED_ORIGINS: origin } });
  return { ...server, origin };
}

/** A browser context already signed in as `user` (its session cookie copied in). */
export async function contextFor(browser: Browser, server: E2EServer, user: HttpUser | null, opts: { bypassCSP?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, bypassCSP: opts.bypassCSP ?? false });
  if (user) {
    const value = user.cookie.replace(/^scholia\.sid=/, "");
    await context.addCookies([{ name: "scholia.sid", value, url: server.origin }]);
  }
  return context;
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

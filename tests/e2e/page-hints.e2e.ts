/**
 * A document opened from a link: the page the server sends names the document screen's code and,
 * for a member, the screen's reads (and, for anyone signed in, the session check's), so the
 * browser fetches them while the first script is still on its way. Each read is then asked for once (the early answer is the one the screen uses),
 * and the page says nothing of a document to a visitor who may not read it.
 */
import { describe, expect, it } from "vitest";
import { browserSuite, chromiumAvailable, contextFor, pageAs } from "./helpers/browser.ts";
import { waitLive } from "./helpers/doc.ts";
import { buildWorld, httpTransport } from "../helpers/kit.ts";

interface Entry {
  path: string;
  by: string;
  start: number;
  end: number;
}

const RESOURCES = `performance.getEntriesByType("resource").map((r) => { const u = new URL(r.name); return { path: u.pathname + u.search, by: r.initiatorType, start: r.startTime, end: r.responseEnd }; })`;

describe.skipIf(!chromiumAvailable())("a document opened from a link", () => {
  const suite = browserSuite(async (server) => {
    const reader = await buildWorld(httpTransport(server.url), { members: { Ana: "analyst" } });
    const stranger = await buildWorld(httpTransport(server.url), { members: {} });
    return { reader, stranger };
  });

  const pageOf = async (cookie: string | null) => {
    const res = await fetch(`${suite.server.url}/d/${suite.world.reader.documentId}`, { headers: { accept: "text/html", ...(cookie ? { cookie } : {}) } });
    expect(res.status).toBe(200);
    return res.text();
  };

  it("has its reads on the way from the page itself, each asked for once, and works", async () => {
    const { reader } = suite.world;
    const { ctx, page, errors } = await pageAs(suite, reader.users.Ana, `/d/${reader.documentId}`);
    try {
      await waitLive(page);
      await page.locator(".article-text [data-pid]").first().waitFor();
      const entries = (await page.evaluate(RESOURCES)) as Entry[];
      const reads = [
        "/api/auth/me",
        "/api/auth/csrf",
        `/api/documents/${reader.documentId}`,
        `/api/documents/${reader.documentId}/annotations?form=compact`,
        `/api/workspaces/${reader.workspaceId}`,
        `/api/workspaces/${reader.workspaceId}/tags`,
        `/api/workspaces/${reader.workspaceId}/members`,
      ];
      for (const path of reads) expect(entries.filter((e) => e.path === path).map((e) => e.by), path).toEqual(["link"]);
      // The screen's chunk was asked for before the first script had even arrived (without the
      // hint, only once that script has run and chosen the screen).
      const first = entries.find((e) => /^\/assets\/index-[^/]+\.js$/.test(e.path))!;
      const chunk = entries.filter((e) => /^\/assets\/DocumentPage-[^/]+\.js$/.test(e.path));
      expect(chunk).toHaveLength(1);
      expect(chunk[0]!.start).toBeLessThanOrEqual(first.end);
      expect(await page.locator(".article-text").innerText()).toContain(reader.paragraphs[1]!.text.slice(0, 40));
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it("says so in place when the screen's code cannot be fetched, and keeps the rest of the page", async () => {
    const { reader } = suite.world;
    const ctx = await contextFor(suite.browser, suite.server, reader.users.Ana);
    try {
      const page = await ctx.newPage();
      await page.route(/\/assets\/DocumentPage-[^/]+\.js$/, (route) => route.fulfill({ status: 503, body: "unavailable" }));
      await page.goto(`${suite.server.origin}/d/${reader.documentId}`);
      const alert = page.locator("main [role=alert]");
      await alert.waitFor({ timeout: 15_000 });
      expect(await alert.innerText()).toMatch(/could not be loaded.*Reload the page/);
      // The shell is still there: the person can go elsewhere without reloading.
      expect(await page.locator(".app-header .brand").isVisible()).toBe(true);
      expect(await page.locator(".article-text").count()).toBe(0);
    } finally {
      await ctx.close();
    }
  });

  it("names nothing of the document to a stranger or to a visitor not signed in", async () => {
    const { reader, stranger } = suite.world;
    const member = await pageOf(reader.users.Ana.cookie);
    expect(member).toContain(`href="/api/documents/${reader.documentId}"`);
    expect(member).toContain(reader.workspaceId);
    const strangers = await pageOf(stranger.owner.cookie);
    const nobodys = await pageOf(null);
    // A signed-in stranger's page names only their own session check.
    expect(strangers).toContain(`href="/api/auth/me"`);
    expect(nobodys).not.toContain("/api/");
    for (const html of [strangers, nobodys]) {
      expect(html).not.toContain("/api/documents/");
      expect(html).not.toContain("/api/workspaces/");
      expect(html).not.toContain(reader.workspaceId);
      expect(html).toMatch(/rel="modulepreload" crossorigin href="\/assets\/DocumentPage-/);
    }
  });
});

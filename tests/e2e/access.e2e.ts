/** Who may do what in the browser: a viewer reads but cannot annotate; strangers land on sign-in. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { connected, TEST_PASSWORD } from "../helpers/kit.ts";
import { chromiumAvailable, contextFor, launchBrowser, screenshot, startE2EServer, type E2EServer } from "./helpers/browser.ts";
import { documentWithTags, dragSelect, waitLive } from "./helpers/doc.ts";

describe.skipIf(!chromiumAvailable())("access in the browser", () => {
  let server: E2EServer;
  let browser: Browser;
  let setup: Awaited<ReturnType<typeof documentWithTags>>;

  beforeAll(async () => {
    server = await startE2EServer();
    browser = await launchBrowser();
    setup = await documentWithTags(server.url, { Vera: "viewer" });
    const p = setup.paragraphs.find((x) => x.text.startsWith("Analysts"))!;
    await setup.users.owner!.ok("POST", `/api/documents/${setup.documentId}/annotations`, {
      kind: "claim",
      body: "Needs a source.",
      anchor: { start: { paragraphId: p.id, offset: 0 }, end: { paragraphId: p.id, offset: 30 } },
      tagIds: [setup.tags.forecast],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows a viewer the annotations but no annotate controls, and the server refuses a forced emit", async () => {
    const viewer = setup.users.Vera!;
    const ctx = await contextFor(browser, server, viewer);
    const page = await ctx.newPage();
    await page.goto(`${server.origin}/d/${setup.documentId}`);
    await waitLive(page);
    await page.locator(".article-text .anno-claim").first().waitFor();
    await page.locator(".summary-claim").first().waitFor();
    await expect(page.getByText("You are a viewer here").isVisible()).resolves.toBe(true);

    await dragSelect(page, "The treaty", 4, 30);
    await page.keyboard.press("Alt+Shift+C");
    await page.waitForTimeout(300);
    expect(await page.getByRole("toolbar", { name: "Annotate the selected text" }).count()).toBe(0);
    expect(await page.locator("form.compose").count()).toBe(0);

    await page.locator(".summary-claim .summary-open").first().click();
    await page.getByRole("heading", { name: /Claim by Owner/ }).waitFor();
    expect(await page.getByRole("button", { name: "Send reply" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /Delete/ }).count()).toBe(0);
    await screenshot(page, "access-1-viewer");

    // The same session, forcing the mutation over a socket of its own.
    const socket = viewer.connect({ origin: server.origin });
    await connected(socket);
    const p = setup.paragraphs.find((x) => x.text.startsWith("The treaty"))!;
    const res = await socket.emitWithAck("annotation:create", {
      documentId: setup.documentId,
      kind: "comment",
      body: "sneaky",
      anchor: { start: { paragraphId: p.id, offset: 0 }, end: { paragraphId: p.id, offset: 10 } },
    });
    socket.disconnect();
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.status).toBe(403);
    expect(await server.db.annotation.count({ where: { documentId: setup.documentId } })).toBe(1);
    await ctx.close();
  });

  it("sends a visitor without a session to sign-in, and back to the document after", async () => {
    const ctx = await contextFor(browser, server, null);
    const page = await ctx.newPage();
    await page.goto(`${server.origin}/d/${setup.documentId}`);
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/signin");
    await screenshot(page, "access-2-signin");

    await page.getByLabel("E-mail").fill(setup.users.owner!.email);
    await page.getByLabel("Password").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await waitLive(page);
    expect(new URL(page.url()).pathname).toBe(`/d/${setup.documentId}`);
    await ctx.close();
  });
});

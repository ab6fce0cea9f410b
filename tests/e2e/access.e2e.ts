/** Who may do what in the browser: a viewer reads but cannot annotate; strangers land on sign-in. */
import { beforeAll, describe, expect, it } from "vitest";
import { connected, TEST_PASSWORD } from "../helpers/kit.ts";
import { browserSuite, chromiumAvailable, pageAs, screenshot } from "./helpers/browser.ts";
import { documentWithTags, dragSelect, forecastClaim, waitLive } from "./helpers/doc.ts";

describe.skipIf(!chromiumAvailable())("access in the browser", () => {
  const suite = browserSuite((server) => documentWithTags(server.url, { Vera: "viewer" }));

  beforeAll(() => forecastClaim(suite.world, "Needs a source.", 30));

  it("shows a viewer the annotations but no annotate controls, and the server refuses a forced emit", async () => {
    const viewer = suite.world.users.Vera!;
    const { ctx, page } = await pageAs(suite, viewer, `/d/${suite.world.documentId}`);
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
    const socket = viewer.connect({ origin: suite.server.origin });
    await connected(socket);
    const p = suite.world.paragraphs.find((x) => x.text.startsWith("The treaty"))!;
    const res = await socket.emitWithAck("annotation:create", {
      documentId: suite.world.documentId,
      kind: "comment",
      body: "sneaky",
      anchor: { start: { paragraphId: p.id, offset: 0 }, end: { paragraphId: p.id, offset: 10 } },
    });
    socket.disconnect();
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.status).toBe(403);
    expect(await suite.server.db.annotation.count({ where: { documentId: suite.world.documentId } })).toBe(1);
    await ctx.close();
  });

  it("sends a visitor without a session to sign-in, and back to the document after", async () => {
    const { ctx, page } = await pageAs(suite, null, `/d/${suite.world.documentId}`);
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/signin");
    await screenshot(page, "access-2-signin");

    await page.getByLabel("E-mail").fill(suite.world.users.owner!.email);
    await page.getByLabel("Password").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await waitLive(page);
    expect(new URL(page.url()).pathname).toBe(`/d/${suite.world.documentId}`);
    await ctx.close();
  });
});

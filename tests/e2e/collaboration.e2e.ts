/**
 * Two analysts on one document in two browser contexts: a tagged claim appears for the other
 * within a second, a "disputes" reply comes back with the tally, and an annotation made offline
 * survives a reload and reaches the other exactly once.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { browserSuite, chromiumAvailable, contextFor, screenshot, watchErrors } from "./helpers/browser.ts";
import { documentWithTags, dragSelect, waitLive } from "./helpers/doc.ts";

describe.skipIf(!chromiumAvailable())("two analysts on one document", () => {
  const suite = browserSuite((server) => documentWithTags(server.url, { Alice: "analyst", Bruno: "analyst" }));
  let ctxA: BrowserContext;
  let ctxB: BrowserContext;
  let pageA: Page;
  let pageB: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ctxA = await contextFor(suite.browser, suite.server, suite.world.users.Alice!);
    ctxB = await contextFor(suite.browser, suite.server, suite.world.users.Bruno!);
    pageA = await ctxA.newPage();
    pageB = await ctxB.newPage();
    errors.push(...watchErrors(pageA), ...watchErrors(pageB));
    const url = `${suite.server.origin}/d/${suite.world.documentId}`;
    await Promise.all([pageA.goto(url), pageB.goto(url)]);
    await Promise.all([waitLive(pageA), waitLive(pageB)]);
  });

  it("shows A's tagged claim to B within a second", async () => {
    await dragSelect(pageA, "Analysts expect", 0, 42);
    await pageA.getByRole("toolbar", { name: "Annotate the selected text" }).getByRole("button", { name: "Claim" }).click();
    await pageA.getByLabel("Note").fill("Three verifiable agreements by 2030 is optimistic.");
    await pageA.getByRole("checkbox", { name: "Claim type > Forecast" }).check();
    const saved = Date.now();
    await pageA.getByRole("button", { name: "Save claim" }).click();

    await pageB.locator(".article-text .anno-claim").first().waitFor({ timeout: 1000 });
    await pageB.locator(".summary-claim").first().waitFor({ timeout: 1000 });
    expect(Date.now() - saved).toBeLessThan(1000);
    await expect(pageB.locator(".summary-claim .tag-chip").first().textContent()).resolves.toBe("Forecast");
    expect(await pageB.locator(".article-text .anno-claim").first().getAttribute("style")).toContain("#9c36b5");
    await screenshot(pageB, "collab-1-b-sees-claim");
  });

  it("brings B's 'disputes' reply back to A with the tally", async () => {
    await pageB.locator(".summary-claim .summary-open").first().click();
    await pageB.getByRole("radio", { name: "Disputes" }).check();
    await pageB.getByRole("textbox", { name: "Your reply" }).click();
    await pageB.keyboard.type("None of the three has a verification clause.");
    await pageB.getByRole("button", { name: "Send reply" }).click();

    // A opens the claim from its highlight in the text.
    await pageA.locator(".article-text .anno-claim").first().click();
    await pageA.getByRole("article", { name: "Reply by Bruno" }).getByText("None of the three has a verification clause.").waitFor({ timeout: 2000 });
    await expect(pageA.locator('.tally dd[data-stance="disputes"]').textContent()).resolves.toBe("1");
    await expect(pageA.locator('.tally dd[data-stance="supports"]').textContent()).resolves.toBe("0");
    await screenshot(pageA, "collab-2-a-sees-dispute");
  });

  it("keeps an annotation made offline through a reload and delivers it exactly once", async () => {
    await pageA.getByRole("button", { name: "← All annotations" }).click();
    await pageB.getByRole("button", { name: "← All annotations" }).click();
    await ctxA.setOffline(true);
    await pageA.locator('.connection[data-state="offline"]').waitFor({ timeout: 5000 });

    await dragSelect(pageA, "The treaty", 4, 30);
    await pageA.getByRole("toolbar", { name: "Annotate the selected text" }).getByRole("button", { name: "Comment" }).click();
    await pageA.getByLabel("Note").fill("Written while offline.");
    await pageA.getByRole("button", { name: "Save comment" }).click();
    await pageA.locator('.connection[data-state="offline"][data-waiting="1"]').waitFor({ timeout: 2000 });
    await expect(pageA.locator(".connection").textContent()).resolves.toContain("1 change waiting");
    await screenshot(pageA, "collab-3-a-offline-waiting");

    // The outbox is in localStorage: the page goes away while still offline, and a fresh one loads once back online.
    const stored = await pageA.evaluate(() => Object.entries((globalThis as unknown as { localStorage: Record<string, string> }).localStorage).filter(([k]) => k.startsWith("scholia.outbox")));
    expect(stored.length).toBe(1);
    expect(JSON.parse(stored[0]![1]) as unknown[]).toHaveLength(1);
    expect(await pageB.locator(".summary-comment").count()).toBe(0);
    await pageA.close();
    await ctxA.setOffline(false);
    pageA = await ctxA.newPage();
    errors.push(...watchErrors(pageA));
    await pageA.goto(`${suite.server.origin}/d/${suite.world.documentId}`);
    await waitLive(pageA);

    await pageB.locator(".summary-comment").first().waitFor({ timeout: 3000 });
    await pageA.locator('.connection[data-waiting="0"]').waitFor({ timeout: 3000 });
    // Give any duplicate a chance to arrive before counting.
    await pageB.waitForTimeout(1000);
    expect(await pageB.locator(".summary-comment").count()).toBe(1);
    expect(await pageA.locator(".summary-comment").count()).toBe(1);
    const rows = await suite.server.db.annotation.findMany({ where: { documentId: suite.world.documentId, kind: "comment" } });
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.body)).toEqual({ format: "text", text: "Written while offline." });
    await screenshot(pageB, "collab-4-b-sees-offline-comment-once");
  });

  it("raised no page errors", () => {
    expect(errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED") && !e.includes("WebSocket"))).toEqual([]);
  });
});

/**
 * Notifications and webhooks in the browser: a mention Ana makes reaches Ben's bell live, and
 * opening it goes to the thread at its passage (and marks it read); the inbox, the settings and
 * the webhooks page (add, secret shown once, test delivery in the log) are axe-clean and fit a
 * 390 px phone without sideways scrolling.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { browserSuite, chromiumAvailable, pageAs, screenshot, watchErrors, type E2EServer } from "./helpers/browser.ts";
import { describeViolations, seriousViolations } from "./helpers/axe.ts";
import { buildWorld, httpTransport, type HttpClient } from "../helpers/kit.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../helpers/webhook-receiver.ts";

/** A phone-sized context signed in as `user` (CSP bypassed so axe can be injected). */
async function phoneContext(browser: Browser, server: E2EServer, user: HttpClient): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true });
  await context.addCookies([{ name: "scholia.sid", value: user.cookie.replace(/^scholia\.sid=/, ""), url: server.origin }]);
  return context;
}

/** Whether the page scrolls sideways (in-page code as text: this file is compiled without the DOM's types). */
const scrollsSideways = async (page: Page) => (await page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")) as boolean;

async function expectAxeClean(page: Page) {
  const violations = await seriousViolations(page);
  expect(describeViolations(violations)).toEqual([]);
}

function mentioning(text: string, who: HttpClient) {
  return { format: "rich", doc: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }, { type: "mention", attrs: { id: who.id, label: who.displayName } }] }] } };
}

describe.skipIf(!chromiumAvailable())("notifications in the browser", () => {
  const suite = browserSuite((server) => buildWorld(httpTransport(server.url), { members: { Ana: "analyst", Ben: "analyst" } }));
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });

  afterAll(async () => {
    await receiver?.close();
  });

  it("shows Ana's mention live in Ben's bell, and opening it goes to the thread", async () => {
    const { Ana, Ben } = suite.world.users;
    const { ctx, page, errors } = await pageAs(suite, Ben, "/", { bypassCSP: true });
    const bell = page.getByRole("button", { name: /^Notifications/ });
    await bell.waitFor();
    await page.waitForFunction(`document.querySelector(".bell-button")?.getAttribute("data-unread") === "0"`);

    const { annotation } = await Ana.ok<{ annotation: { id: string } }>("POST", `/api/documents/${suite.world.documentId}/annotations`, {
      kind: "comment",
      body: mentioning("Can you source this, ", Ben),
      anchor: suite.world.anchor("three new regional agreements"),
    });
    const sent = Date.now();
    await page.getByRole("button", { name: "Notifications, 1 unread" }).waitFor({ timeout: 3000 });
    const liveMs = Date.now() - sent;
    expect(await page.locator(".bell-count").textContent()).toBe("1");

    await bell.click();
    const panel = page.getByRole("region", { name: "Recent notifications" });
    const entry = panel.getByRole("link", { name: "Ana mentioned you in “Deterrence After the Treaty”" });
    await entry.waitFor();
    await expect(panel.getByText("Can you source this, @Ben").isVisible()).resolves.toBe(true);
    await expectAxeClean(page);
    await screenshot(page, "notifications-1-bell-panel");
    // Escape closes the panel and puts focus back on the bell.
    await page.keyboard.press("Escape");
    await expect(panel.isHidden()).resolves.toBe(true);
    await expect(page.evaluate(`document.activeElement?.classList.contains("bell-button") === true`)).resolves.toBe(true);

    await bell.click();
    await entry.click();
    await page.waitForURL(`${suite.server.origin}/d/${suite.world.documentId}?a=${annotation.id}`);
    const thread = page.locator("section.thread");
    await thread.waitFor({ timeout: 15_000 });
    await thread.getByText("Can you source this").waitFor();
    await page.getByRole("button", { name: "Notifications", exact: true }).waitFor();
    await screenshot(page, "notifications-2-thread-opened");
    const row = await suite.server.db.notification.findFirstOrThrow({ where: { userId: Ben.id, annotationId: annotation.id } });
    expect(row.readAt).not.toBeNull();
    expect(liveMs).toBeLessThan(3000);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it("lists the inbox and the settings on a phone, without sideways scrolling", async () => {
    const { Ana, Ben } = suite.world.users;
    const claim = await Ben.ok<{ annotation: { id: string } }>("POST", `/api/documents/${suite.world.documentId}/annotations`, { kind: "claim", body: "A claim of Ben's", anchor: suite.world.anchor("none will be verifiable") });
    await Ana.ok("POST", `/api/annotations/${claim.annotation.id}/replies`, { body: "A reply long enough to wrap on a small screen: the treaty's verification clauses were never ratified by anyone." });
    const ctx = await phoneContext(suite.browser, suite.server, Ben);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await page.goto(`${suite.server.origin}/notifications`);
    await page.getByRole("heading", { name: "Notifications", level: 1 }).waitFor();
    await page.getByRole("link", { name: "Ana replied to a thread you are in, in “Deterrence After the Treaty”" }).waitFor();
    await expect.poll(() => page.getByRole("status").first().textContent()).toBe("1 unread.");
    expect(await scrollsSideways(page)).toBe(false);
    await expectAxeClean(page);
    await screenshot(page, "notifications-3-inbox-phone");

    await page.getByRole("button", { name: /^Mark read: Ana replied/ }).click();
    await page.getByRole("button", { name: "Notifications", exact: true }).waitFor();
    await page.getByRole("button", { name: "Notifications", exact: true }).click();
    await page.getByRole("region", { name: "Recent notifications" }).waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, "notifications-4-panel-phone");

    await page.goto(`${suite.server.origin}/settings/notifications`);
    await page.getByRole("heading", { name: "Notification settings" }).waitFor();
    await page.getByLabel("Replies in threads I started or replied in").uncheck();
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Settings saved.").waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    await expectAxeClean(page);
    const saved = await Ben.ok<{ settings: { kinds: { reply: boolean } } }>("GET", "/api/me/notification-settings");
    expect(saved.settings.kinds.reply).toBe(false);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it("lets an editor add a webhook on a phone, copy its secret once, and see a test delivered", async () => {
    const ctx = await phoneContext(suite.browser, suite.server, suite.world.owner);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await page.goto(`${suite.server.origin}/w/${suite.world.workspaceId}/webhooks`);
    await page.getByRole("heading", { name: /^Webhooks of/ }).waitFor();
    await page.getByRole("button", { name: "Add a webhook" }).click();
    await page.getByLabel("Payload URL").fill("ftp://example.org/x");
    await page.getByLabel("Annotation created").check();
    await page.getByRole("button", { name: "Add webhook" }).click();
    await page.getByText("url: must be an absolute http or https URL").waitFor();
    await expect(page.getByLabel("Payload URL").getAttribute("aria-invalid")).resolves.toBe("true");
    await page.getByLabel("Payload URL").fill(`${receiver.url}/from-browser`);
    await page.getByLabel("Claim reviewed or decided").check();
    await expectAxeClean(page);
    expect(await scrollsSideways(page)).toBe(false);
    await page.getByRole("button", { name: "Add webhook" }).click();

    await page.getByRole("heading", { name: "Webhook added: copy its secret now" }).waitFor();
    const secret = await page.getByLabel("Signing secret").inputValue();
    expect(secret).toMatch(/^whsec_/);
    expect(await scrollsSideways(page)).toBe(false);
    await expectAxeClean(page);
    await screenshot(page, "notifications-5-webhook-secret-phone");
    await page.getByRole("button", { name: "I have copied it" }).click();
    await expect(page.getByLabel("Signing secret").count()).resolves.toBe(0);

    await page.getByRole("button", { name: "Send test" }).click();
    await page.locator(".delivery-state", { hasText: "Delivered" }).waitFor({ timeout: 10_000 });
    expect(receiver.requests.filter((r) => r.path === "/from-browser").map((r) => JSON.parse(r.raw).type)).toEqual(["webhook.test"]);
    expect(await scrollsSideways(page)).toBe(false);
    await expectAxeClean(page);
    await screenshot(page, "notifications-6-webhook-log-phone");
    // Reloaded, the page never shows the secret again.
    await page.reload();
    await page.getByRole("heading", { name: /^Webhooks of/ }).waitFor();
    await expect(page.content()).resolves.not.toContain(secret);
    // The one refusal was asked for (the ftp: URL); nothing else went wrong.
    expect(errors.filter((e) => !e.includes("status of 400"))).toEqual([]);
    expect(errors).toHaveLength(1);
    await ctx.close();
  });
});

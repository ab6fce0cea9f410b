/**
 * axe-core in the page: no serious or critical violations in the document view (list, thread,
 * composer, the claim review form), the claims dashboard (filters, table with a selection, bulk
 * bar, charts), the review queue, and the workspace page with the tag manager.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { chromiumAvailable, contextFor, launchBrowser, screenshot, startE2EServer, type E2EServer } from "./helpers/browser.ts";
import { documentWithTags, waitLive } from "./helpers/doc.ts";
import { describeViolations, seriousViolations } from "./helpers/axe.ts";

describe.skipIf(!chromiumAvailable())("accessibility of the document view", () => {
  let server: E2EServer;
  let browser: Browser;
  let setup: Awaited<ReturnType<typeof documentWithTags>>;
  let claimId = "";

  beforeAll(async () => {
    server = await startE2EServer();
    browser = await launchBrowser();
    setup = await documentWithTags(server.url, { Ada: "analyst" });
    const p = setup.paragraphs.find((x) => x.text.startsWith("Analysts"))!;
    const owner = setup.users.owner!;
    const { annotation } = await owner.ok<{ annotation: { id: string } }>("POST", `/api/documents/${setup.documentId}/annotations`, {
      kind: "claim",
      body: "Optimistic.",
      anchor: { start: { paragraphId: p.id, offset: 0 }, end: { paragraphId: p.id, offset: 40 } },
      tagIds: [setup.tags.forecast],
    });
    await owner.ok("POST", `/api/documents/${setup.documentId}/annotations`, {
      kind: "comment",
      body: "Overlapping note.",
      anchor: { start: { paragraphId: p.id, offset: 20 }, end: { paragraphId: p.id, offset: 60 } },
    });
    await owner.ok("POST", `/api/annotations/${annotation.id}/replies`, { body: "Agreed, too optimistic.", stance: "supports" });
    claimId = annotation.id;
    await owner.ok("POST", `/api/annotations/${annotation.id}/review`, { version: 1, status: "misleading", rationale: "The talks exist; the agreements do not.", sources: ["https://example.org/talks"] });
    await owner.ok("POST", `/api/annotations/${annotation.id}/assign`, { version: 2, assigneeId: owner.id });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("reports no serious or critical violations in the list, a thread and the composer", async () => {
    const ctx = await contextFor(browser, server, setup.users.Ada!, { bypassCSP: true });
    const page = await ctx.newPage();
    await page.goto(`${server.origin}/d/${setup.documentId}`);
    await waitLive(page);
    await page.locator(".summary-claim").waitFor();
    expect(describeViolations(await seriousViolations(page))).toEqual([]);

    await page.locator(".summary-claim .summary-open").click();
    await page.getByRole("textbox", { name: "Your reply" }).waitFor();
    expect(describeViolations(await seriousViolations(page))).toEqual([]);
    await screenshot(page, "a11y-1-thread");
    await ctx.close();
  });

  it("reports none in an editor's claim review form", async () => {
    const ctx = await contextFor(browser, server, setup.users.owner!, { bypassCSP: true });
    const page = await ctx.newPage();
    await page.goto(`${server.origin}/d/${setup.documentId}?a=${claimId}`);
    await waitLive(page);
    await page.getByRole("button", { name: "Review this claim" }).click();
    await page.getByRole("form", { name: "Review this claim" }).waitFor();
    await page.locator(".claim-history summary").click();
    await page.locator(".history-list li").nth(2).waitFor();
    expect(describeViolations(await seriousViolations(page))).toEqual([]);
    await screenshot(page, "a11y-2-review-form");
    await ctx.close();
  });

  it("reports none on the claims dashboard, the review queue and the workspace page with its tag manager", async () => {
    const ctx = await contextFor(browser, server, setup.users.owner!, { bypassCSP: true });
    const page = await ctx.newPage();
    await page.goto(`${server.origin}/d/${setup.documentId}/claims`);
    await page.locator(".claims-table tbody tr").first().waitFor();
    await page.getByRole("checkbox", { name: "Select all claims on this page" }).check();
    await page.getByLabel("Action").selectOption("setStatus");
    await page.getByLabel("New status").selectOption("supported");
    expect(describeViolations(await seriousViolations(page))).toEqual([]);
    await screenshot(page, "a11y-3-dashboard");

    await page.goto(`${server.origin}/w/${setup.workspaceId}/claims?status=misleading`);
    await page.locator(".claims-table tbody tr").first().waitFor();
    expect(describeViolations(await seriousViolations(page))).toEqual([]);

    // The queue lists open and in-review claims: reopen the assigned one.
    await setup.users.owner!.ok("POST", `/api/annotations/${claimId}/review`, { version: 3, status: "in_review" });
    await page.goto(`${server.origin}/queue`);
    await page.locator(".queue-item").first().waitFor();
    expect(describeViolations(await seriousViolations(page))).toEqual([]);

    await page.goto(`${server.origin}/w/${setup.workspaceId}`);
    await page.getByRole("heading", { name: "Tags" }).waitFor();
    await page.getByRole("button", { name: "New tag" }).click();
    await page.getByRole("button", { name: "Edit tag Claim type > Forecast" }).click();
    expect(describeViolations(await seriousViolations(page))).toEqual([]);
    await screenshot(page, "a11y-4-workspace-tags");
    await ctx.close();
  });
});

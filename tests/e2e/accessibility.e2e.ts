/**
 * axe-core in the page: no serious or critical violations in the document view (list, thread,
 * composer, the claim review form), the claims dashboard (filters, table with a selection, bulk
 * bar, charts), the review queue, and the workspace page with the tag manager.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { browserSuite, chromiumAvailable, pageAs, screenshot } from "./helpers/browser.ts";
import { documentWithTags, forecastClaim, waitLive } from "./helpers/doc.ts";
import { describeViolations, seriousViolations } from "./helpers/axe.ts";

describe.skipIf(!chromiumAvailable())("accessibility of the document view", () => {
  const suite = browserSuite((server) => documentWithTags(server.url, { Ada: "analyst" }));
  let claimId = "";

  beforeAll(async () => {
    const p = suite.world.paragraphs.find((x) => x.text.startsWith("Analysts"))!;
    const owner = suite.world.users.owner!;
    claimId = await forecastClaim(suite.world, "Optimistic.", 40);
    await owner.ok("POST", `/api/documents/${suite.world.documentId}/annotations`, {
      kind: "comment",
      body: "Overlapping note.",
      anchor: { start: { paragraphId: p.id, offset: 20 }, end: { paragraphId: p.id, offset: 60 } },
    });
    await owner.ok("POST", `/api/annotations/${claimId}/replies`, { body: "Agreed, too optimistic.", stance: "supports" });
    await owner.ok("POST", `/api/annotations/${claimId}/review`, { version: 1, status: "misleading", rationale: "The talks exist; the agreements do not.", sources: ["https://example.org/talks"] });
    await owner.ok("POST", `/api/annotations/${claimId}/assign`, { version: 2, assigneeId: owner.id });
  });

  it("reports no serious or critical violations in the list, a thread and the composer", async () => {
    const { ctx, page } = await pageAs(suite, suite.world.users.Ada!, `/d/${suite.world.documentId}`, { bypassCSP: true });
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
    const { ctx, page } = await pageAs(suite, suite.world.users.owner!, `/d/${suite.world.documentId}?a=${claimId}`, { bypassCSP: true });
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
    const { ctx, page } = await pageAs(suite, suite.world.users.owner!, `/d/${suite.world.documentId}/claims`, { bypassCSP: true });
    await page.locator(".claims-table tbody tr").first().waitFor();
    await page.getByRole("checkbox", { name: "Select all claims on this page" }).check();
    await page.getByLabel("Action").selectOption("setStatus");
    await page.getByLabel("New status").selectOption("supported");
    expect(describeViolations(await seriousViolations(page))).toEqual([]);
    await screenshot(page, "a11y-3-dashboard");

    await page.goto(`${suite.server.origin}/w/${suite.world.workspaceId}/claims?status=misleading`);
    await page.locator(".claims-table tbody tr").first().waitFor();
    expect(describeViolations(await seriousViolations(page))).toEqual([]);

    // The queue lists open and in-review claims: reopen the assigned one.
    await suite.world.users.owner!.ok("POST", `/api/annotations/${claimId}/review`, { version: 3, status: "in_review" });
    await page.goto(`${suite.server.origin}/queue`);
    await page.locator(".queue-item").first().waitFor();
    expect(describeViolations(await seriousViolations(page))).toEqual([]);

    await page.goto(`${suite.server.origin}/w/${suite.world.workspaceId}`);
    await page.getByRole("heading", { name: "Tags" }).waitFor();
    await page.getByRole("button", { name: "New tag" }).click();
    await page.getByRole("button", { name: "Edit tag Claim type > Forecast" }).click();
    expect(describeViolations(await seriousViolations(page))).toEqual([]);
    await screenshot(page, "a11y-4-workspace-tags");
    await ctx.close();
  });
});

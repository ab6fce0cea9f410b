/**
 * Assignment grants the right to review that claim: the analyst it is assigned to gets the
 * review controls (moves and a verdict with its rationale) for that claim only, like an editor,
 * on a laptop and on a phone; the server accepts what the controls send.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { chromiumAvailable, launchBrowser, screenshot, startE2EServer, watchErrors, type E2EServer } from "./helpers/browser.ts";
import { annotate, contextAt, longArticleWorld, openDocument, showSidebar, VIEWPORTS } from "./helpers/document-page.ts";
import type { HttpClient, World } from "../helpers/kit.ts";

describe.skipIf(!chromiumAvailable())("an assigned analyst reviews the claim", () => {
  let server: E2EServer;
  let browser: Browser;
  let world: World<HttpClient, "Ada" | "Bea">;

  beforeAll(async () => {
    server = await startE2EServer();
    browser = await launchBrowser();
    world = await longArticleWorld(server, { Ada: "analyst", Bea: "analyst" });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const [n, vp] of VIEWPORTS.entries()) {
    it(`offers Bea the review of the claim assigned to her, and nothing on another (${vp.width}x${vp.height})`, async () => {
      const { Ada, Bea } = world.users;
      const assigned = await annotate(Ada, world.documentId, world.anchor("analysts now ask", undefined, 5 + n), "claim", "Ada's claim, Bea reviews.");
      const other = await annotate(Ada, world.documentId, world.anchor("Observers disagree", undefined, 5 + n), "claim", "Ada's claim, nobody assigned.");
      await world.owner.ok("POST", `/api/annotations/${assigned.id}/assign`, { version: 1, assigneeId: Bea.id });

      const ctx = await contextAt(browser, server, Bea, vp);
      const page = await ctx.newPage();
      const errors = watchErrors(page);
      await openDocument(page, server, world.documentId, other.id);
      await showSidebar(page);
      await page.locator(".claim-box").waitFor();
      expect(await page.getByRole("button", { name: "Review this claim" }).count()).toBe(0);
      expect(await page.getByRole("group", { name: "Change this claim's status" }).count()).toBe(0);

      await page.getByRole("button", { name: "All annotations" }).click();
      await page.locator(`.summary[data-annotation-id="${assigned.id}"] .summary-open`).click();
      await page.getByText("you review this claim").waitFor();
      await page.getByRole("button", { name: "Review this claim" }).click();
      const form = page.getByRole("form", { name: "Review this claim" });
      const options = await form.getByLabel("Status").locator("option").allInnerTexts();
      expect(options).toEqual(expect.arrayContaining(["Propose for review", "Supported", "Disputed", "False", "Misleading", "Unverifiable"]));
      await form.getByLabel("Status").selectOption({ label: "False" });
      await form.getByRole("button", { name: "Save review" }).click();
      await form.getByText("A verdict needs a rationale.").waitFor();
      await form.getByLabel(/Rationale/).fill("The agreements named do not exist.");
      await screenshot(page, `assignee-${vp.name}-1-form`);
      await form.getByRole("button", { name: "Save review" }).click();
      await page.locator(".claim-box .status-badge", { hasText: "False" }).waitFor();
      await page.getByText(/Decided by Bea/).waitFor();

      const review = await server.db.claimReview.findUniqueOrThrow({ where: { annotationId: assigned.id } });
      expect([review.status, review.reviewerId, review.rationale]).toEqual(["false", Bea.id, "The agreements named do not exist."]);
      expect(errors).toEqual([]);
      await ctx.close();
    });
  }
});

/**
 * Assignment grants the right to review that claim: the analyst it is assigned to gets the
 * review controls (moves and a verdict with its rationale) for that claim only, like an editor,
 * on a laptop and on a phone; the server accepts what the controls send.
 */
import { describe, expect, it } from "vitest";
import { browserSuite, chromiumAvailable, screenshot } from "./helpers/browser.ts";
import { annotate, longArticleWorld, openDocumentAs, showSidebar, VIEWPORTS } from "./helpers/document-page.ts";

describe.skipIf(!chromiumAvailable())("an assigned analyst reviews the claim", () => {
  const suite = browserSuite((server) => longArticleWorld(server, { Ada: "analyst", Bea: "analyst" }));


  for (const [n, vp] of VIEWPORTS.entries()) {
    it(`offers Bea the review of the claim assigned to her, and nothing on another (${vp.width}x${vp.height})`, async () => {
      const { Ada, Bea } = suite.world.users;
      const assigned = await annotate(Ada, suite.world.documentId, suite.world.anchor("analysts now ask", undefined, 5 + n), "claim", "Ada's claim, Bea reviews.");
      const other = await annotate(Ada, suite.world.documentId, suite.world.anchor("Observers disagree", undefined, 5 + n), "claim", "Ada's claim, nobody assigned.");
      await suite.world.owner.ok("POST", `/api/annotations/${assigned.id}/assign`, { version: 1, assigneeId: Bea.id });

      const { ctx, page, errors } = await openDocumentAs(suite, Bea, vp, { annotationId: other.id });
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

      const review = await suite.server.db.claimReview.findUniqueOrThrow({ where: { annotationId: assigned.id } });
      expect([review.status, review.reviewerId, review.rationale]).toEqual(["false", Bea.id, "The agreements named do not exist."]);
      expect(errors).toEqual([]);
      await ctx.close();
    });
  }
});

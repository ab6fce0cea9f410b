/**
 * axe-core on the document page's newer parts, on a laptop and on a phone: the list with the
 * legend open and the overview bar, the overlap picker, a thread with the edit form and both
 * histories, the activity panel, the shortcut list, and the phone's bottom sheet.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { browserSuite, chromiumAvailable, screenshot } from "./helpers/browser.ts";
import { describeViolations, seriousViolations } from "./helpers/axe.ts";
import { annotate, longArticleWorld, openDocumentAs, reviewClaim, showSidebar, VIEWPORTS, type AnnotationRef } from "./helpers/document-page.ts";

describe.skipIf(!chromiumAvailable())("accessibility of the document page's tools", () => {
  const suite = browserSuite((server) => longArticleWorld(server, { Ada: "analyst" }));
  let claim: AnnotationRef;
  let outer: AnnotationRef;

  beforeAll(async () => {
    const { Ada } = suite.world.users;
    outer = await annotate(Ada, suite.world.documentId, suite.world.anchor("the debate on", "treaty text"), "comment", "Outer.");
    await annotate(suite.world.owner, suite.world.documentId, suite.world.anchor("moved from treaty", "treaty text"), "highlight");
    claim = await annotate(Ada, suite.world.documentId, suite.world.anchor("analysts now ask", undefined, 3), "claim", "A claim.");
    await reviewClaim(suite.world.owner, claim.id, ["in_review", "misleading"]);
    await Ada.ok("PATCH", `/api/annotations/${claim.id}`, { version: claim.version, body: "A claim, edited." });
    await suite.world.owner.ok("POST", `/api/annotations/${claim.id}/replies`, { body: "Hmm.", stance: "questions" });
  });

  for (const vp of VIEWPORTS) {
    it(`reports no serious or critical violations (${vp.width}x${vp.height})`, async () => {
      const { ctx, page } = await openDocumentAs(suite, suite.world.users.Ada, vp, { bypassCSP: true });
      await page.locator(".overview-mark").first().waitFor();
      await page.locator(".highlight-legend summary").click();
      await showSidebar(page);
      expect(describeViolations(await seriousViolations(page))).toEqual([]);
      await page.locator(".highlight-legend summary").click();

      await page.locator(`.article-text .anno[data-anno~="${outer.id}"][data-anno*=" "]`).first().click();
      await page.getByRole("dialog", { name: /annotations overlap here/ }).waitFor();
      expect(describeViolations(await seriousViolations(page))).toEqual([]);
      await page.keyboard.press("Escape");

      await showSidebar(page);
      await page.locator(`.summary[data-annotation-id="${claim.id}"] .summary-open`).click();
      await page.getByRole("button", { name: "Edit claim" }).click();
      await page.getByRole("form", { name: "Edit this claim" }).getByLabel("Comment").check();
      await page.locator(".annotation-history summary").click();
      await page.locator(".annotation-history .history-list li").nth(1).waitFor();
      await page.locator(".claim-history summary").click();
      await page.locator(".claim-history .history-list li").nth(1).waitFor();
      expect(describeViolations(await seriousViolations(page))).toEqual([]);
      await screenshot(page, `a11y-doc-${vp.name}-1-thread`);

      await page.getByRole("tab", { name: "Activity" }).click();
      await page.locator(".activity-entry").first().waitFor();
      expect(describeViolations(await seriousViolations(page))).toEqual([]);
      await screenshot(page, `a11y-doc-${vp.name}-2-activity`);

      await page.evaluate(`document.querySelector(".article-text").focus()`);
      await page.keyboard.press("?");
      await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
      expect(describeViolations(await seriousViolations(page))).toEqual([]);
      await screenshot(page, `a11y-doc-${vp.name}-3-shortcuts`);
      await ctx.close();
    });
  }
});

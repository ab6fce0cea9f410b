/**
 * The document's activity panel, on a laptop and on a phone: who did what, newest first,
 * filtered by person and by kind, a page at a time, live as others work, each entry leading to
 * its passage.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { browserSuite, chromiumAvailable, screenshot } from "./helpers/browser.ts";
import { annotate, longArticleWorld, openDocumentAs, showSidebar, VIEWPORTS, type AnnotationRef } from "./helpers/document-page.ts";

async function openActivity(page: Page): Promise<void> {
  await showSidebar(page);
  await page.getByRole("tab", { name: "Activity" }).click();
  await page.locator(".activity-entry").first().waitFor();
}

const lines = (page: Page) => page.locator(".activity-entry .activity-line").allInnerTexts();

describe.skipIf(!chromiumAvailable())("document activity", () => {
  const suite = browserSuite((server) => longArticleWorld(server, { Ada: "analyst", Bea: "analyst" }));
  let early: AnnotationRef;
  let gone: AnnotationRef;

  beforeAll(async () => {
    const { Ada, Bea } = suite.world.users;
    early = await annotate(Ada, suite.world.documentId, suite.world.anchor("analysts now ask", undefined, 30), "comment", "Near the end.");
    gone = await annotate(Bea, suite.world.documentId, suite.world.anchor("analysts now ask", undefined, 20), "comment", "Soon deleted.");
    await Bea.ok("DELETE", `/api/annotations/${gone.id}?version=${gone.version}`);
    // Enough of Bea's replies to need a second page (30 a page).
    for (let i = 0; i < 32; i++) await Bea.ok("POST", `/api/annotations/${early.id}/replies`, { body: `Reply ${i + 1}`, stance: i === 0 ? "questions" : "none" });
  });

  for (const vp of VIEWPORTS) {
    describe(`at ${vp.width}x${vp.height}`, () => {
      it("lists who did what, pages back, filters by person and kind, and follows new activity live", async () => {
        const { ctx, page, errors } = await openDocumentAs(suite, suite.world.users.Ada, vp);
        await openActivity(page);
        expect(await page.locator(".activity-entry").count()).toBe(30);
        expect((await lines(page))[0]).toMatch(/^Bea (replied|added a claim)/);
        await page.getByRole("button", { name: "Show older activity" }).click();
        await page.getByText(/Owner imported/).waitFor();
        const all = await lines(page);
        expect(all.some((l) => /^Ada added a comment on “analysts now ask/.test(l))).toBe(true);
        expect(all.some((l) => /^Bea deleted a comment/.test(l))).toBe(true);
        expect(await page.getByRole("button", { name: "Show older activity" }).count()).toBe(0);
        await screenshot(page, `activity-${vp.name}-1-list`);

        await page.locator(".activity").getByLabel("Person").selectOption({ label: "Ada" });
        await expect.poll(async () => (await lines(page)).join("|"), { timeout: 3000 }).toMatch(/^Ada added a comment/);
        expect((await lines(page)).every((l) => l.startsWith("Ada "))).toBe(true);
        await page.locator(".activity").getByLabel("Person").selectOption({ label: "Everyone" });
        await page.locator(".activity").getByLabel("Kind").selectOption({ label: "Annotations added, edited, deleted" });
        // Until the filtered page is in, the list may be empty (and "every" holds of an empty list).
        await expect.poll(async () => { const ls = await lines(page); return ls.length > 0 && ls.every((l) => / (added|edited|deleted) a (comment|claim|highlight) on /.test(l)); }, { timeout: 3000 }).toBe(true);
        const before = await page.locator(".activity-entry").count();
        expect(before).toBeGreaterThanOrEqual(3);

        // Live: Bea's new note arrives at the top within two seconds.
        const note = `Fresh claim seen at ${vp.width}.`;
        await annotate(suite.world.users.Bea, suite.world.documentId, suite.world.anchor("Observers disagree", undefined, vp.touch ? 4 : 3), "claim", note);
        await expect.poll(() => page.locator(".activity-entry").count(), { timeout: 2500 }).toBe(before + 1);
        expect((await lines(page))[0]).toMatch(/^Bea added a claim on “Observers disagree/);
        await screenshot(page, `activity-${vp.name}-2-live`);
        expect(errors).toEqual([]);
        await ctx.close();
      });

      it("leads from an entry to its passage: the thread, or the paragraph of a deleted annotation", async () => {
        const { ctx, page } = await openDocumentAs(suite, suite.world.users.Ada, vp);
        await openActivity(page);
        await page.locator(".activity").getByLabel("Kind").selectOption({ label: "Annotations added, edited, deleted" });
        const added = page.locator(".activity-entry", { hasText: "Ada added a comment" });
        await added.waitFor();
        await added.getByRole("button", { name: /Show where/ }).click();
        await page.locator(".thread .body").getByText("Near the end.").waitFor();
        expect(await page.getByRole("tab", { name: /Annotations/ }).getAttribute("aria-selected")).toBe("true");

        await page.getByRole("tab", { name: "Activity" }).click();
        await page.locator(".activity-entry", { hasText: "Bea deleted a comment" }).getByRole("button", { name: /Show where/ }).click();
        // The caret sits in the deleted note's paragraph, in view.
        const caret = (await page.evaluate(`(() => {
          const sel = document.getSelection();
          const block = sel.anchorNode && (sel.anchorNode.nodeType === 1 ? sel.anchorNode : sel.anchorNode.parentElement).closest("[data-pid]");
          const pane = document.querySelector(".article-pane").getBoundingClientRect();
          const r = block ? block.getBoundingClientRect() : null;
          return { text: block ? block.textContent.slice(0, 14) : null, visible: !!r && r.top < pane.bottom && r.bottom > pane.top };
        })()`)) as { text: string | null; visible: boolean };
        expect(caret).toEqual({ text: "Paragraph 21: ", visible: true });
        await ctx.close();
      });
    });
  }
});

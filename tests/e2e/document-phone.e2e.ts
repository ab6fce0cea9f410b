/**
 * The document page on phones (360 to 414 px wide): the header never overflows (Export
 * reachable, avatars clear of the breadcrumb), nothing is wider than the screen in any state,
 * the sidebar is a bottom sheet that keeps the passage being annotated in sight, and the top
 * bar never scrolls away. The laptop layout is checked for overflow too.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { browserSuite, chromiumAvailable, screenshot } from "./helpers/browser.ts";
import { annotate, contextAt, DESKTOP, horizontalOverflow, longArticleWorld, openDocument, openDocumentAs, PHONE, showSidebar, type Viewport } from "./helpers/document-page.ts";

const SIZES: Viewport[] = [{ ...PHONE, width: 360, height: 740 }, PHONE, { ...PHONE, width: 414, height: 896 }];

type Box = { top: number; bottom: number; left: number; right: number };
const box = (page: Page, selector: string) =>
  page.evaluate(`(() => { const r = document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right }; })()`) as Promise<Box>;
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

async function noOverflow(page: Page, state: string): Promise<void> {
  const found = await horizontalOverflow(page);
  expect({ state, ...found }).toEqual({ state, page: false, elements: [] });
}

/** The top bar is at the top of the screen and the page has not scrolled. */
async function topBarInPlace(page: Page): Promise<void> {
  expect(await page.evaluate(`[window.scrollY, Math.round(document.querySelector(".app-header").getBoundingClientRect().top)]`)).toEqual([0, 0]);
}

/** Selects characters of the paragraph starting with `prefix` the way a long press would leave them: a DOM selection the editor reads. */
async function selectInParagraph(page: Page, prefix: string, start: number, end: number): Promise<void> {
  await page.evaluate(`(() => {
    const block = Array.from(document.querySelectorAll(".article-text [data-pid]")).find((b) => b.textContent.startsWith(${JSON.stringify(prefix)}));
    block.scrollIntoView({ block: "center" });
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    const text = walker.nextNode();
    document.querySelector(".article-text").focus();
    const range = document.createRange();
    range.setStart(text, ${start});
    range.setEnd(text, ${end});
    const sel = document.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  })()`);
}

describe.skipIf(!chromiumAvailable())("the document page on a phone", () => {
  const suite = browserSuite((server) => longArticleWorld(server, { Ada: "analyst", Bea: "analyst", Cy: "viewer" }));
  let claimId = "";

  beforeAll(async () => {
    ({ id: claimId } = await annotate(suite.world.owner, suite.world.documentId, suite.world.anchor("analysts now ask", undefined, 1), "claim", "A claim with a long note that has to wrap on a narrow screen without pushing anything sideways."));
  });

  for (const vp of SIZES) {
    it(`keeps everything within ${vp.width} px: header, sheet, thread, activity, menus`, async () => {
      // Two others present, so the header shows their avatars.
      const others = await Promise.all([suite.world.users.Bea, suite.world.users.Cy].map(async (u) => {
        const c = await contextAt(suite.browser, suite.server, u, DESKTOP);
        const p = await c.newPage();
        await openDocument(p, suite.server, suite.world.documentId);
        return c;
      }));
      const { ctx, page, errors } = await openDocumentAs(suite, suite.world.users.Ada, vp);
      await page.locator(".presence .avatar").nth(1).waitFor();
      await noOverflow(page, "list, sheet lowered");
      expect(overlaps(await box(page, ".presence"), await box(page, ".breadcrumb"))).toBe(false);
      expect(overlaps(await box(page, ".presence"), await box(page, ".doc-title"))).toBe(false);
      await screenshot(page, `phone-${vp.width}-1-lowered`);

      await page.getByRole("group", { name: /Also here/ }).waitFor();
      await page.locator(".export-menu summary").click();
      const exportList = page.getByRole("list", { name: "Export formats" });
      await exportList.waitFor();
      const menu = await box(page, ".export-menu ul");
      expect(menu.left >= 0 && menu.right <= vp.width).toBe(true);
      await noOverflow(page, "export menu open");
      await screenshot(page, `phone-${vp.width}-2-export`);
      await page.locator(".export-menu summary").click();

      await showSidebar(page);
      await page.locator(".summary-open").first().waitFor();
      await noOverflow(page, "sheet raised");
      await page.locator(`.summary[data-annotation-id="${claimId}"] .summary-open`).click();
      await page.locator(".claim-box").waitFor();
      await noOverflow(page, "thread");
      await page.getByRole("button", { name: "Taller" }).click();
      await noOverflow(page, "thread, tall sheet");
      await screenshot(page, `phone-${vp.width}-3-thread`);
      await page.getByRole("tab", { name: "Activity" }).click();
      await page.locator(".activity-entry").first().waitFor();
      await noOverflow(page, "activity");
      await page.locator(".highlight-legend summary").click();
      await noOverflow(page, "legend open");
      await topBarInPlace(page);
      expect(errors).toEqual([]);
      await ctx.close();
      for (const c of others) await c.close();
    });
  }

  it("keeps the passage in sight above the bottom sheet while a comment is written, and the top bar in place", async () => {
    const { ctx, page } = await openDocumentAs(suite, suite.world.users.Ada, PHONE);
    // A passage low on the screen, where the rising sheet would cover it.
    await selectInParagraph(page, "Paragraph 12:", 3, 40);
    await page.locator(".article-pane").evaluate((el) => {
      el.scrollTop -= el.clientHeight * 0.35;
    });
    await page.getByRole("toolbar", { name: "Annotate the selected text" }).getByRole("button", { name: /Comment/ }).tap();
    await page.getByRole("form", { name: /New comment/ }).waitFor();
    const draftInView = () =>
      page.evaluate(`(() => {
        const pane = document.querySelector(".article-pane").getBoundingClientRect();
        const sheet = document.querySelector(".sidebar").getBoundingClientRect();
        const d = document.querySelector(".article-text .anno-draft").getBoundingClientRect();
        return d.top >= pane.top && d.bottom <= pane.bottom && d.bottom <= sheet.top;
      })()`) as Promise<boolean>;
    await expect.poll(draftInView, { timeout: 3000 }).toBe(true);
    await page.getByLabel("Note").fill("Written on a phone.");
    expect(await draftInView()).toBe(true);
    // Writing keeps the sheet at half the screen, so the passage keeps its half.
    expect(await page.locator(".doc-main").getAttribute("data-sheet")).toBe("half");
    await screenshot(page, "phone-4-compose");
    await page.getByRole("button", { name: /Save comment/ }).tap();
    await page.locator(".thread h2", { hasText: "Comment by Ada" }).waitFor();
    await topBarInPlace(page);
    await noOverflow(page, "new thread");
    await ctx.close();
  });

  it("has no horizontal overflow on a laptop either", async () => {
    const { ctx, page } = await openDocumentAs(suite, suite.world.users.Ada, DESKTOP, { annotationId: claimId });
    await page.locator(".claim-box").waitFor();
    await noOverflow(page, "laptop thread");
    await topBarInPlace(page);
    await ctx.close();
  });
});

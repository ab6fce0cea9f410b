/**
 * The document page's keyboard, on a laptop and on a phone: "?" lists every shortcut (and the
 * buttons name theirs), Escape returns from a thread to the list, arrows through the list scroll
 * the article to each passage. On a touch screen no hint asks for a physical keyboard.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { browserSuite, chromiumAvailable, screenshot } from "./helpers/browser.ts";
import { annotate, longArticleWorld, openDocumentAs, showSidebar, VIEWPORTS, type AnnotationRef } from "./helpers/document-page.ts";

const activeMatches = (page: Page, selector: string) => page.evaluate(`!!document.activeElement && document.activeElement.matches(${JSON.stringify(selector)})`) as Promise<boolean>;

/** Whether an annotation's passage is inside the article pane's visible part, and outlined as the current one. */
const passage = (page: Page, id: string) =>
  page.evaluate(`(() => {
    const pane = document.querySelector(".article-pane").getBoundingClientRect();
    const el = Array.from(document.querySelectorAll(".article-text .anno")).find((s) => s.dataset.anno.split(" ").includes(${JSON.stringify(id)}));
    if (!el) return { visible: false, outlined: false };
    const r = el.getBoundingClientRect();
    return { visible: r.top >= pane.top - 1 && r.bottom <= pane.bottom + 1, outlined: !!el.closest(".anno-active") || !!el.querySelector(".anno-active") || el.classList.contains("anno-active") };
  })()`) as Promise<{ visible: boolean; outlined: boolean }>;

describe.skipIf(!chromiumAvailable())("keyboard on the document page", () => {
  const suite = browserSuite((server) => longArticleWorld(server, { Ada: "analyst" }));
  const notes: AnnotationRef[] = [];

  beforeAll(async () => {
    for (const nth of [0, 15, 30, 39]) notes.push(await annotate(suite.world.owner, suite.world.documentId, suite.world.anchor("analysts now ask", undefined, nth), nth === 15 ? "claim" : "comment", `Note in paragraph ${nth + 1}.`));
  });

  for (const vp of VIEWPORTS) {
    describe(`at ${vp.width}x${vp.height}`, () => {
      it("lists every shortcut on ?, closes on Escape and gives focus back; buttons name their shortcuts", async () => {
        const { ctx, page, errors } = await openDocumentAs(suite, suite.world.users.Ada, vp);
        await page.locator(".article-text").click({ position: { x: 40, y: 60 } });
        await page.keyboard.press("?");
        const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
        await dialog.waitFor();
        const rows = await dialog.locator(".shortcut-row").allInnerTexts();
        for (const keys of ["?", "Alt+Shift+C", "Alt+Shift+H", "Alt+Shift+L", "Escape", "[", "]", "Ctrl+Enter", "↑ ↓ Home End PageUp PageDown"]) expect(rows.some((r) => r.startsWith(keys))).toBe(true);
        await screenshot(page, `keyboard-${vp.name}-1-help`);
        await page.keyboard.press("Escape");
        await dialog.waitFor({ state: "hidden" });
        expect(await activeMatches(page, ".article-text")).toBe(true);

        // Typing "?" in a text field types it.
        await showSidebar(page);
        await page.locator(`.summary[data-annotation-id="${notes[0]!.id}"] .summary-open`).click();
        const reply = page.getByRole("textbox", { name: "Your reply" });
        await reply.click();
        await page.keyboard.type("Why?");
        expect(await dialog.isVisible()).toBe(false);
        expect(await reply.innerText()).toBe("Why?");
        expect(await page.getByRole("button", { name: "Send reply" }).getAttribute("title")).toBe("Send reply (Ctrl+Enter)");
        expect(await page.getByRole("button", { name: "All annotations" }).getAttribute("title")).toBe("All annotations (Escape)");

        // Keyboard hints only where there is a keyboard.
        const hintsShown = await page.locator(".kbd-hint").evaluateAll((els) => els.filter((e) => e.getClientRects().length > 0).length);
        const shortcutsButton = await page.locator(".shortcuts-button").isVisible();
        if (vp.touch) expect([hintsShown, shortcutsButton]).toEqual([0, false]);
        else expect([hintsShown > 0, shortcutsButton]).toEqual([true, true]);
        expect(errors).toEqual([]);
        await ctx.close();
      });

      it("returns from a thread with Escape (out of a field first), focus on the entry it came from", async () => {
        const { ctx, page } = await openDocumentAs(suite, suite.world.users.Ada, vp);
        await showSidebar(page);
        const entry = page.locator(`.summary[data-annotation-id="${notes[1]!.id}"] .summary-open`);
        await entry.click();
        await page.locator(".thread h2").waitFor();
        const reply = page.getByRole("textbox", { name: "Your reply" });
        await reply.click();
        await page.keyboard.type("Half a thought");
        await page.keyboard.press("Escape");
        // Still in the thread, the draft kept, focus on the heading.
        expect(await activeMatches(page, ".thread h2")).toBe(true);
        expect(await reply.innerText()).toBe("Half a thought");
        await page.keyboard.press("Escape");
        await page.locator(".annotation-list").waitFor();
        await expect.poll(() => activeMatches(page, `.summary[data-annotation-id="${notes[1]!.id}"] .summary-open`), { timeout: 3000 }).toBe(true);
        await ctx.close();
      });

      it("scrolls the article to each passage while arrowing through the list", async () => {
        const { ctx, page } = await openDocumentAs(suite, suite.world.users.Ada, vp);
        await showSidebar(page);
        await page.locator(`.summary[data-annotation-id="${notes[0]!.id}"] .summary-open`).focus();
        expect((await passage(page, notes[3]!.id)).visible).toBe(false);
        for (let i = 1; i < notes.length; i++) {
          await page.keyboard.press("ArrowDown");
          await expect.poll(() => passage(page, notes[i]!.id), { timeout: 3000 }).toEqual({ visible: true, outlined: true });
          expect(await activeMatches(page, `.summary[data-annotation-id="${notes[i]!.id}"] .summary-open`)).toBe(true);
        }
        await page.keyboard.press("Home");
        await expect.poll(() => passage(page, notes[0]!.id), { timeout: 3000 }).toEqual({ visible: true, outlined: true });
        await screenshot(page, `keyboard-${vp.name}-2-arrows`);
        await ctx.close();
      });
    });
  }
});

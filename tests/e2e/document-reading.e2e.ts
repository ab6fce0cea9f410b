/**
 * Reading a long annotated article, on a laptop and on a phone: overlapping annotations offer a
 * choice, claims show their review state by colour and icon (with a legend, text contrast kept),
 * the overview bar shows where annotations are and jumps there, the list follows the reading
 * position on wide screens, and a thread steps to the previous and next claim.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { browserSuite, chromiumAvailable, screenshot } from "./helpers/browser.ts";
import { annotate, longArticleWorld, openDocumentAs, reviewClaim, showSidebar, VIEWPORTS, type AnnotationRef } from "./helpers/document-page.ts";

/** Scroll position of the article pane and whether an annotation's first highlight is inside it. */
async function passageInView(page: Page, annotationId: string): Promise<boolean> {
  return (await page.evaluate(`(() => {
    const pane = document.querySelector(".article-pane").getBoundingClientRect();
    const el = Array.from(document.querySelectorAll(".article-text .anno")).find((s) => s.dataset.anno.split(" ").includes(${JSON.stringify(annotationId)}));
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.top >= pane.top - 1 && r.bottom <= pane.bottom + 1;
  })()`)) as boolean;
}

/** Scrolls the article to its very end (paragraphs drawn on the way grow the pane, so until it holds). */
async function toBottom(page: Page): Promise<void> {
  for (let i = 0; i < 10; i++) {
    const done = await page.locator(".article-pane").evaluate((el) => {
      el.scrollTop = el.scrollHeight;
      return el.scrollTop + el.clientHeight >= el.scrollHeight - 2;
    });
    await page.waitForTimeout(100);
    if (done && (await page.locator(".article-pane").evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 2))) return;
  }
}

describe.skipIf(!chromiumAvailable())("reading an annotated article", () => {
  const suite = browserSuite((server) => longArticleWorld(server, { Ada: "analyst" }));
  const claims: Record<string, AnnotationRef> = {};
  let outer: AnnotationRef;
  let inner: AnnotationRef;
  let last: AnnotationRef;

  beforeAll(async () => {
    const { owner, documentId } = suite.world;
    // Two overlapping notes in paragraph 2; claims in every state further down; one note at the end.
    outer = await annotate(owner, documentId, suite.world.anchor("the debate on", "treaty text"), "comment", "The outer note.");
    inner = await annotate(owner, documentId, suite.world.anchor("moved from treaty", "treaty text"), "highlight", "The inner one.");
    const states: Array<[string, string[]]> = [
      ["open", []],
      ["in_review", ["in_review"]],
      ["supported", ["supported"]],
      ["false", ["false"]],
      ["retracted", ["retracted"]],
    ];
    for (const [i, [name, path]] of states.entries()) {
      const a = await annotate(owner, documentId, suite.world.anchor("analysts now ask", undefined, 4 + i * 6), "claim", `Claim ${name}.`);
      await reviewClaim(owner, a.id, path);
      claims[name] = a;
    }
    last = await annotate(suite.world.users.Ada, documentId, suite.world.anchor("checked at all", undefined, 39), "comment", "The last note.");
  });

  for (const vp of VIEWPORTS) {
    describe(`at ${vp.width}x${vp.height}`, () => {
      it("offers every annotation under a click where several overlap, and opens the one chosen", async () => {
        const { ctx, page, errors } = await openDocumentAs(suite, suite.world.users.Ada, vp);
        const overlap = page.locator(`.article-text .anno[data-anno="${inner.id} ${outer.id}"]`).first();
        await overlap.click();
        const picker = page.getByRole("dialog", { name: "2 annotations overlap here" });
        await picker.waitFor();
        expect(await picker.locator("button.picker-item").evaluateAll((bs) => bs.map((b) => b.getAttribute("data-annotation-id")))).toEqual([inner.id, outer.id]);
        await screenshot(page, `reading-${vp.name}-1-overlap-picker`);
        await picker.getByRole("button", { name: /The debate on|the debate on/i }).click();
        await showSidebar(page);
        await page.locator(".thread h2", { hasText: "Comment by Owner" }).waitFor();
        expect(await picker.count()).toBe(0);

        // By keyboard: Enter on the overlap offers the same choice; Escape goes back to the text.
        // The middle of the overlap's first line (on a phone it wraps, and its box's middle is
        // blank), once the article has stopped moving to the thread's passage.
        const middle = () =>
          overlap.evaluate((el) => {
            const r = el.getClientRects()[0]!;
            return { x: Math.round(r.left + r.width / 2), y: Math.round(r.top + r.height / 2) };
          });
        let spot = await middle();
        for (let still = 0; still < 3; ) {
          await page.waitForTimeout(50);
          const now = await middle();
          still = now.x === spot.x && now.y === spot.y ? still + 1 : 0;
          spot = now;
        }
        // A second click at the same point within half a second would be a double click.
        await page.waitForTimeout(600);
        await page.mouse.click(spot.x, spot.y);
        await page.getByRole("dialog", { name: "2 annotations overlap here" }).waitFor();
        await page.keyboard.press("Escape");
        expect(await page.getByRole("dialog", { name: "2 annotations overlap here" }).count()).toBe(0);
        expect(await page.evaluate(`document.activeElement?.classList.contains("article-text")`)).toBe(true);
        await page.keyboard.press("Enter");
        await page.getByRole("dialog", { name: "2 annotations overlap here" }).waitFor();
        expect(await page.evaluate(`document.activeElement?.dataset.annotationId`)).toBe(inner.id);
        await page.keyboard.press("ArrowDown");
        expect(await page.evaluate(`document.activeElement?.dataset.annotationId`)).toBe(outer.id);
        expect(errors).toEqual([]);
        await ctx.close();
      });

      it("marks each claim's review state by colour and icon, explains them in a legend, and keeps the text readable", async () => {
        const { ctx, page } = await openDocumentAs(suite, suite.world.users.Ada, vp);
        await page.locator(".article-text .claim-icon").first().waitFor();
        const icons = (await page.evaluate(`Array.from(document.querySelectorAll(".article-text .claim-icon")).map((i) => [i.dataset.status, getComputedStyle(i, "::before").content])`)) as Array<[string, string]>;
        expect(icons.map(([s]) => s).sort()).toEqual(["false", "in_review", "open", "retracted", "supported"]);
        // Five states, five different glyphs.
        expect(new Set(icons.map(([, glyph]) => glyph)).size).toBe(5);

        // Every highlighted run keeps the text at 4.5:1 or better over its background.
        const ratios = (await page.evaluate(`(() => {
          const rgb = (s) => s.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
          const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
          return Array.from(document.querySelectorAll(".article-text .anno")).map((el) => {
            const cs = getComputedStyle(el);
            const a = lum(rgb(cs.color)), b = lum(rgb(cs.backgroundColor));
            return [el.className, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)];
          });
        })()`)) as Array<[string, number]>;
        expect(ratios.length).toBeGreaterThanOrEqual(8);
        expect(ratios.filter(([, r]) => r < 4.5)).toEqual([]);
        // Claims are coloured by state: a false claim and a supported one do not share a background.
        const bg = (id: string) => page.evaluate(`getComputedStyle(document.querySelector('.article-text .anno[data-anno="${id}"]')).backgroundColor`);
        expect(await bg(claims.false!.id)).not.toBe(await bg(claims.supported!.id));

        await page.locator(".highlight-legend summary").click();
        const legend = page.locator(".highlight-legend .legend-body");
        await legend.waitFor();
        expect(await legend.locator("li[data-status]").allInnerTexts()).toEqual(["Open", "In review", "Supported", "Disputed", "False", "Misleading", "Unverifiable", "Retracted"].map((s) => expect.stringContaining(s)));
        expect(await legend.locator("li[data-status] .claim-icon").count()).toBe(8);
        await screenshot(page, `reading-${vp.name}-2-legend`);
        await ctx.close();
      });

      it("shows where the annotations are on the overview bar and jumps there", async () => {
        const { ctx, page } = await openDocumentAs(suite, suite.world.users.Ada, vp);
        const bar = page.getByRole("navigation", { name: "Where the annotations are" });
        await bar.locator(".overview-mark").first().waitFor();
        const ids = (await bar.locator(".overview-mark").evaluateAll((ms) => ms.flatMap((m) => (m.getAttribute("data-ids") ?? "").split(" ")))) as string[];
        expect(ids.sort()).toEqual([outer.id, inner.id, last.id, ...Object.values(claims).map((c) => c.id)].sort());
        // Marks go down the bar in document order, the false claim's with its icon.
        const tops = (await bar.locator(".overview-mark").evaluateAll((ms) => ms.map((m) => m.getBoundingClientRect().top))) as number[];
        expect([...tops].sort((a, b) => a - b)).toEqual(tops);
        const falseMark = bar.locator(`.overview-mark[data-ids~="${claims.false!.id}"]`);
        expect(await falseMark.getAttribute("data-icon")).toBe("✗");
        expect(await falseMark.getAttribute("aria-label")).toMatch(/claim \(false\)/);

        // The frame shows the part in view: its share of the track, at the share scrolled.
        const frameAt = () =>
          page.evaluate(`(() => {
            const pane = document.querySelector(".article-pane");
            const track = document.querySelector(".overview-track").getBoundingClientRect();
            const f = document.querySelector(".overview-frame").getBoundingClientRect();
            const room = pane.scrollHeight - pane.clientHeight;
            return { top: (f.top - track.top) / track.height, height: f.height / track.height, scrolled: room > 0 ? pane.scrollTop / room : 0, shown: pane.clientHeight / pane.scrollHeight };
          })()`) as Promise<{ top: number; height: number; scrolled: number; shown: number }>;
        await expect.poll(async () => (await frameAt()).height, { timeout: 3000 }).toBeGreaterThan(0);
        const atTop = await frameAt();
        expect(atTop.top).toBeCloseTo(0, 2);
        expect(atTop.height).toBeCloseTo(atTop.shown, 1);

        expect(await passageInView(page, last.id)).toBe(false);
        await bar.locator(`.overview-mark[data-ids~="${last.id}"]`).click();
        await expect.poll(() => passageInView(page, last.id), { timeout: 3000 }).toBe(true);
        // Moved down with the jump, to where the pane is now scrolled (its top at scrolled x the room left below it).
        await expect.poll(async () => { const f = await frameAt(); return Math.abs(f.top - f.scrolled * (1 - f.height)); }, { timeout: 3000 }).toBeLessThan(0.02);
        expect((await frameAt()).top).toBeGreaterThan(0.05);
        await screenshot(page, `reading-${vp.name}-3-overview-jump`);
        await ctx.close();
      });

      it("steps from claim to claim inside a thread, by button and by [ and ]", async () => {
        const { ctx, page } = await openDocumentAs(suite, suite.world.users.Ada, vp, { annotationId: claims.open!.id });
        await showSidebar(page);
        const note = page.locator(".thread .body");
        await note.getByText("Claim open.").waitFor();
        await page.getByRole("button", { name: "Next claim" }).click();
        await note.getByText("Claim in_review.").waitFor();
        expect(await passageInView(page, claims.in_review!.id)).toBe(true);
        expect(await page.getByRole("button", { name: "Next claim" }).getAttribute("title")).toBe("Next claim (])");
        await page.keyboard.press("]");
        await note.getByText("Claim supported.").waitFor();
        await page.keyboard.press("[");
        await page.keyboard.press("[");
        await note.getByText("Claim open.").waitFor();
        expect(await page.getByRole("button", { name: "Previous claim" }).isDisabled()).toBe(true);
        await screenshot(page, `reading-${vp.name}-4-claim-steps`);
        await ctx.close();
      });
    });
  }

  it("makes the list follow the reading position beside the article (wide screens)", async () => {
    const { ctx, page } = await openDocumentAs(suite, suite.world.users.Ada, VIEWPORTS[0]!);
    await page.locator(".annotation-list .summary").first().waitFor();
    /** Whether an entry is rendered and inside the list's visible part. */
    const shownInList = (id: string) =>
      page.evaluate(`(() => {
        const list = document.querySelector(".annotation-list").getBoundingClientRect();
        const el = document.querySelector('.annotation-list .summary[data-annotation-id="${id}"]');
        if (!el) return false;
        const r = el.getBoundingClientRect();
        return r.top >= list.top - 1 && r.bottom <= list.bottom + 1;
      })()`) as Promise<boolean>;
    expect([await shownInList(outer.id), await shownInList(last.id)]).toEqual([true, false]);
    await page.mouse.move(300, 400);
    await toBottom(page);
    await expect.poll(async () => [await shownInList(outer.id), await shownInList(last.id)], { timeout: 3000 }).toEqual([false, true]);
    await screenshot(page, "reading-desktop-5-follow");
    await page.locator(".article-pane").evaluate((el) => el.scrollTo(0, 0));
    await expect.poll(async () => [await shownInList(outer.id), await shownInList(last.id)], { timeout: 3000 }).toEqual([true, false]);
    // Switched off, it stays put.
    await page.getByLabel(/Follow the text/).uncheck();
    await page.mouse.move(300, 400);
    await toBottom(page);
    await page.waitForTimeout(400);
    expect([await shownInList(outer.id), await shownInList(last.id)]).toEqual([true, false]);
    await ctx.close();
  });
});

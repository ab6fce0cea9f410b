/**
 * A long article opens in pieces: the editor is made with its first blocks and the rest is put
 * in over later tasks. Every paragraph ends up in the page, highlights reach the last one, and
 * the text can be edited at once (an edit made right after opening is saved).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { chromiumAvailable, launchBrowser, startE2EServer, watchErrors, type E2EServer } from "./helpers/browser.ts";
import { annotate, contextAt, DESKTOP, openDocument } from "./helpers/document-page.ts";
import { buildWorld, httpTransport, type HttpClient, type World } from "../helpers/kit.ts";

const PARAGRAPHS = 600;

function article(): string {
  const lines = ["Notes on a Very Long Treaty", ""];
  for (let i = 1; i <= PARAGRAPHS; i++) lines.push(`Paragraph ${i} of the treaty notes: the parties exchange data on their forces every quarter and inspectors may visit the declared sites.`, "");
  return lines.join("\n");
}

/**
 * In-page code (as text, so the runner's transpiler leaves it alone): records how many article
 * blocks each batch of DOM changes adds, and the sections put in after the first batch.
 */
const COUNT_BATCHES = `
  window.__blockBatches = [];
  window.__laterSections = new Set();
  new MutationObserver((records) => {
    let n = 0;
    const first = window.__blockBatches.length === 0;
    for (const r of records)
      for (const node of r.addedNodes) {
        if (node.nodeType !== 1) continue;
        const added = node.matches(".article-text [data-pid]") ? [node] : [...node.querySelectorAll(".article-text [data-pid]")];
        n += added.length;
        if (!first) for (const b of added) window.__laterSections.add(b.closest(".article-section"));
      }
    if (n) window.__blockBatches.push(n);
  }).observe(document, { childList: true, subtree: true });
`;

describe.skipIf(!chromiumAvailable())("a long article", () => {
  let server: E2EServer;
  let browser: Browser;
  let world: World<HttpClient, "Eve">;

  beforeAll(async () => {
    server = await startE2EServer();
    browser = await launchBrowser();
    world = await buildWorld(httpTransport(server.url), { members: { Eve: "editor" }, document: { content: article(), format: "txt" } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("goes into the page in pieces, and every paragraph is there with its highlights", async () => {
    const { Eve } = world.users;
    const last = world.paragraphs.at(-1)!;
    const note = await annotate(Eve, world.documentId, { start: { paragraphId: last.id, offset: 0 }, end: { paragraphId: last.id, offset: 13 } }, "comment", "The last one");
    const ctx = await contextAt(browser, server, Eve, DESKTOP);
    await ctx.addInitScript(COUNT_BATCHES);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await openDocument(page, server, world.documentId);

    const blocks = page.locator(".article-text [data-pid]");
    await expect.poll(() => blocks.count(), { timeout: 15_000 }).toBe(world.paragraphs.length);
    const batches = (await page.evaluate("window.__blockBatches")) as number[];
    // The article went in over several batches, none of them the whole of it. (How many sections
    // a step takes grows while steps are quick, and the first batch seen may hold the editor's
    // first sections and a step or two more, as the page attaches the editor: sizes are the machine's.)
    expect(batches.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(world.paragraphs.length);
    expect(Math.max(...batches)).toBeLessThan(world.paragraphs.length);
    // The blocks put in later came in sections, which the browser keeps out of layout while
    // they are off screen (the page is at the top: the first blocks fill more than the screen).
    expect(batches.length).toBeGreaterThanOrEqual(2);
    await page.locator(".article-wrapper:not(.loading)").waitFor();
    const later = (await page.evaluate(`(() => {
      const sections = [...window.__laterSections];
      return { sections: sections.length, inLayout: sections.filter((s) => s.firstElementChild.checkVisibility({ contentVisibilityAuto: true })).length, all: document.querySelectorAll(".article-section").length };
    })()`)) as { sections: number; inLayout: number; all: number };
    expect(later.sections).toBeGreaterThanOrEqual(1);
    expect(later.inLayout).toBe(0);
    expect(later.all).toBeGreaterThan(later.sections);

    // The last paragraph, in document order, with its highlight (drawn once it is scrolled to).
    expect(await blocks.last().textContent()).toBe(last.text);
    await blocks.last().scrollIntoViewIfNeeded();
    await page.locator(`.article-text .anno[data-anno~="${note.id}"]`).first().waitFor({ timeout: 10_000 });
    expect((await page.locator(`.article-text .anno[data-anno~="${note.id}"]`).allTextContents()).join("")).toBe("Paragraph 600");
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it("can be edited right after opening: the edit is saved and every paragraph stays", async () => {
    const { Eve } = world.users;
    const ctx = await contextAt(browser, server, Eve, DESKTOP);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.origin}/d/${world.documentId}`);
    // As soon as the button is there, not waiting for the page to settle.
    await page.getByRole("button", { name: "Edit text" }).click();
    await page.locator('.article-text[aria-readonly="false"]').waitFor();
    const first = page.locator(".article-text [data-pid]", { hasText: "Paragraph 1 of" }).first();
    await first.click();
    await page.keyboard.press("Home");
    await page.keyboard.type("First: ");
    await page.getByRole("button", { name: "Save" }).click();
    await page.locator('.save-status[data-status="saved"]').waitFor();

    const before = world.paragraphs.find((p) => p.text.startsWith("Paragraph 1 of"))!;
    const doc = await Eve.ok<{ paragraphs: Array<{ id: string; text: string }> }>("GET", `/api/documents/${world.documentId}`);
    expect(doc.paragraphs.map((p) => p.id)).toEqual(world.paragraphs.map((p) => p.id));
    expect(doc.paragraphs.find((p) => p.id === before.id)!.text).toBe(`First: ${before.text}`);
    // The page shows the same text, every paragraph once.
    const blocks = page.locator(".article-text [data-pid]");
    await expect.poll(() => blocks.count(), { timeout: 15_000 }).toBe(world.paragraphs.length);
    expect(await page.locator(".article-text [data-pid]").allTextContents()).toEqual(doc.paragraphs.map((p) => p.text));
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

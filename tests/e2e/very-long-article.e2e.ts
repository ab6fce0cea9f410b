/**
 * An article long enough that only the highlights around the view are drawn (over 200 runs of
 * blocks): the ones near the view are there, the far ones are not, and they follow the reader
 * as the article scrolls, dropping what was left far behind. A highlight someone adds far from
 * the view is there when the reader scrolls to it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { chromiumAvailable, launchBrowser, startE2EServer, watchErrors, type E2EServer } from "./helpers/browser.ts";
import { annotate, contextAt, DESKTOP, openDocument, type AnnotationRef } from "./helpers/document-page.ts";
import { buildWorld, httpTransport, type HttpClient, type World } from "../helpers/kit.ts";

const PARAGRAPHS = 2_600;
/** One highlight every this many paragraphs: every run of blocks the layer draws has some. */
const EVERY = 6;

function article(): string {
  const lines = ["A Register of Declared Sites", ""];
  for (let i = 1; i <= PARAGRAPHS; i++) lines.push(`Site ${i} is declared, and its inspectors report every quarter.`, "");
  return lines.join("\n");
}

const highlight = (page: Page, id: string) => page.locator(`.article-text .anno[data-anno~="${id}"]`);

describe.skipIf(!chromiumAvailable())("a very long article", () => {
  let server: E2EServer;
  let browser: Browser;
  let world: World<HttpClient, "Eve" | "Ana">;
  const notes: AnnotationRef[] = [];

  beforeAll(async () => {
    server = await startE2EServer();
    browser = await launchBrowser();
    world = await buildWorld(httpTransport(server.url), { members: { Eve: "editor", Ana: "editor" }, document: { content: article(), format: "txt" } });
    const { Eve } = world.users;
    const body = world.paragraphs.slice(1);
    expect(body).toHaveLength(PARAGRAPHS);
    for (let i = 0; i < body.length; i += EVERY * 20) {
      const batch = body.slice(i, i + EVERY * 20).filter((_, j) => j % EVERY === 0);
      notes.push(...(await Promise.all(batch.map((p) => annotate(Eve, world.documentId, { start: { paragraphId: p.id, offset: 0 }, end: { paragraphId: p.id, offset: 4 } }, "comment", "Checked")))));
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("draws the highlights around the view and follows the scroll", async () => {
    const { Ana } = world.users;
    const ctx = await contextAt(browser, server, world.users.Eve, DESKTOP);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await openDocument(page, server, world.documentId);
    const first = notes[0]!;
    const lastNote = notes.at(-1)!;
    await highlight(page, first.id).first().waitFor({ timeout: 20_000 });
    const blocks = page.locator(".article-text [data-pid]");
    await expect.poll(() => blocks.count(), { timeout: 30_000 }).toBe(world.paragraphs.length);
    await page.locator(".article-wrapper:not(.loading)").waitFor();
    // Only the part around the view is drawn: the end of the article has no highlight yet.
    expect(await highlight(page, lastNote.id).count()).toBe(0);
    const drawn = await page.locator(".article-text .anno").count();
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(notes.length / 2);

    await blocks.last().scrollIntoViewIfNeeded();
    await highlight(page, lastNote.id).first().waitFor({ timeout: 10_000 });
    expect(await highlight(page, lastNote.id).textContent()).toBe("Site");
    // What was drawn at the top has been dropped, far behind the view.
    await expect.poll(() => highlight(page, first.id).count(), { timeout: 10_000 }).toBe(0);
    // Meanwhile someone highlights a word of the first paragraph, far above the view.
    const body = world.paragraphs[1]!;
    const added = await annotate(Ana, world.documentId, { start: { paragraphId: body.id, offset: 5 }, end: { paragraphId: body.id, offset: 6 } }, "comment", "Which site?");

    // Back at the top: the first highlights are drawn again, the new one with them.
    await blocks.nth(1).scrollIntoViewIfNeeded();
    await highlight(page, first.id).first().waitFor({ timeout: 10_000 });
    await highlight(page, added.id).first().waitFor({ timeout: 10_000 });
    expect(await highlight(page, added.id).textContent()).toBe("1");
    await expect.poll(() => highlight(page, lastNote.id).count(), { timeout: 10_000 }).toBe(0);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

/** Keyboard only: reach the text, select a span, annotate it, reply in its thread. */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { browserSuite, chromiumAvailable, pageAs, screenshot } from "./helpers/browser.ts";
import { documentWithTags, waitLive } from "./helpers/doc.ts";

const activeIs = (page: Page, selector: string) => page.evaluate(`!!document.activeElement && document.activeElement.matches(${JSON.stringify(selector)})`) as Promise<boolean>;

async function tabUntil(page: Page, selector: string, max = 30): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await activeIs(page, selector)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${selector}`);
}

describe.skipIf(!chromiumAvailable())("keyboard-only annotating", () => {
  const suite = browserSuite((server) => documentWithTags(server.url, { Kim: "analyst" }));


  it("creates a comment and a reply without the mouse", async () => {
    const { ctx, page } = await pageAs(suite, suite.world.users.Kim!, `/d/${suite.world.documentId}`);
    await waitLive(page);

    // Into the article text, down to the second body paragraph, select its first word.
    await tabUntil(page, ".article-text");
    await page.keyboard.press("Control+Home");
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Home");
    // Select the first word (Ctrl+Shift+Right, as a keyboard user would) and wait until it is selected.
    await page.keyboard.press("Control+Shift+ArrowRight");
    await expect.poll(() => page.evaluate("String(document.getSelection())"), { timeout: 2000 }).toBe("Analysts");
    await page.getByRole("toolbar", { name: "Annotate the selected text" }).waitFor();

    await page.keyboard.press("Alt+Shift+C");
    expect(await activeIs(page, "#compose-note")).toBe(true);
    await page.keyboard.type("Who are these analysts?");
    // Tab to the tags and tick the first one (Claim type).
    await tabUntil(page, "form.compose input[type=checkbox]");
    await page.keyboard.press("Space");
    await page.keyboard.press("Control+Enter");

    // Focus lands on the new thread's heading; the reply box is reachable by Tab.
    await page.locator(".thread h2").waitFor();
    expect(await activeIs(page, ".thread h2")).toBe(true);
    await page.getByRole("textbox", { name: "Your reply" }).waitFor();
    await tabUntil(page, "input[type=radio][value=none]");
    await page.keyboard.press("ArrowUp"); // none -> questions
    await tabUntil(page, ".body-editor");
    await page.keyboard.type("Probably the arms-control desk.");
    await page.keyboard.press("Control+Enter");
    await page.locator(".reply").getByText("Probably the arms-control desk.").waitFor();
    await screenshot(page, "keyboard-1-comment-and-reply");

    const annotations = await suite.server.db.annotation.findMany({ where: { documentId: suite.world.documentId }, include: { replies: true, tags: true } });
    expect(annotations).toHaveLength(1);
    const a = annotations[0]!;
    expect(a.kind).toBe("comment");
    expect(a.quote).toBe(suite.world.paragraphs.find((p) => p.text.startsWith("Analysts"))!.text.slice(0, 8));
    expect(a.tags.map((t) => t.tagId)).toEqual([suite.world.tags.claimType]);
    expect(a.replies).toHaveLength(1);
    expect(a.replies[0]!.stance).toBe("questions");

    // Back to the list with the keyboard; focus returns to the entry.
    await page.keyboard.press("Shift+Tab");
    await tabUntil(page, "button.back", 40);
    await page.keyboard.press("Enter");
    await page.locator(".annotation-list").waitFor();
    await expect.poll(() => activeIs(page, "button.summary-open"), { timeout: 3000 }).toBe(true);
    await ctx.close();
  });
});

/**
 * The article's text changing while people read it: an editor fixes words in editing mode and
 * an analyst watching sees the text and her highlight move live (a note she is writing keeps its
 * words); a suggestion made by the analyst and accepted by the editor changes the text for both;
 * a revised draft shows its report and the orphans, and an orphan is re-attached.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { chromiumAvailable, launchBrowser, screenshot, startE2EServer, watchErrors, type E2EServer } from "./helpers/browser.ts";
import { describeViolations, seriousViolations } from "./helpers/axe.ts";
import { dragSelect } from "./helpers/doc.ts";
import { annotate, contextAt, DESKTOP, openDocument } from "./helpers/document-page.ts";
import { buildWorld, httpTransport, type HttpClient, type World } from "../helpers/kit.ts";

const ARTICLE = [
  "Budget Oversight in Practice",
  "",
  "The committee will recieve the final report on Monday and publish it soon after.",
  "",
  "Members then vote on the motion before the recess begins in earnest.",
  "",
  "Auditors keep a ledger of every transfer made between the two agencies.",
  "",
  "A closing paragraph thanks the staff who prepared the figures.",
].join("\n");

/** Opens the document page; when it does not go live, the error says what the page shows instead. */
async function open(page: Page, server: E2EServer, documentId: string): Promise<void> {
  try {
    await openDocument(page, server, documentId);
  } catch (e) {
    throw new Error(`${(e as Error).message}\npage: ${(await page.locator("body").innerText()).slice(0, 400)}`);
  }
}

/** The text of the article paragraph starting with `prefix`. */
async function paragraphText(page: Page, prefix: string): Promise<string> {
  return page.locator(".article-text [data-pid]", { hasText: prefix }).first().innerText();
}

/** The text under an annotation's highlight in the article (its segments joined). */
async function highlighted(page: Page, annotationId: string): Promise<string> {
  return (await page.locator(`.article-text .anno[data-anno~="${annotationId}"]`).allTextContents()).join("");
}

/** Drags across characters [start, end) of a paragraph until the browser's selection is exactly those words. */
async function selectWords(page: Page, prefix: string, words: string): Promise<void> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const text = await paragraphText(page, prefix);
    await dragSelect(page, prefix, text.indexOf(words), text.indexOf(words) + words.length);
    if ((await page.evaluate("String(getSelection())")) === words) return;
    await page.mouse.click(5, 5);
  }
  throw new Error(`could not select “${words}”`);
}

/**
 * Moves the caret to the selection's start and waits two frames: the editor takes the browser's
 * selection when its selectionchange event comes, and a key pressed before that (on a loaded
 * machine) would act where the caret was.
 */
async function caretToSelectionStart(page: Page): Promise<void> {
  await page.keyboard.press("ArrowLeft");
  await page.evaluate("new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))");
}

/** Where an annotation's highlight starts on screen. */
async function highlightBox(page: Page, annotationId: string) {
  return page.locator(`.article-text .anno[data-anno~="${annotationId}"]`).first().boundingBox();
}

describe.skipIf(!chromiumAvailable())("editing the article's text", () => {
  let server: E2EServer;
  let browser: Browser;
  let world: World<HttpClient, "Ana" | "Eve">;

  beforeAll(async () => {
    server = await startE2EServer();
    browser = await launchBrowser();
    world = await buildWorld(httpTransport(server.url), { members: { Ana: "analyst", Eve: "editor" }, document: { content: ARTICLE, format: "txt" } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("an editor fixes a word; the analyst's highlight and her half-written note move with the text, live", async () => {
    const { Ana, Eve } = world.users;
    const note = await annotate(Ana, world.documentId, world.anchor("the final report"), "comment", "Which report?");
    const anaCtx = await contextAt(browser, server, Ana, DESKTOP);
    const eveCtx = await contextAt(browser, server, Eve, DESKTOP);
    const ana = await anaCtx.newPage();
    const eve = await eveCtx.newPage();
    const errors = [...watchErrors(ana), ...watchErrors(eve)];
    await open(ana, server, world.documentId);
    await open(eve, server, world.documentId);
    await ana.evaluate("window.notReloaded = true");
    await ana.locator(`.article-text .anno[data-anno~="${note.id}"]`).first().waitFor();
    expect(await highlighted(ana, note.id)).toBe("the final report");
    const before = (await highlightBox(ana, note.id))!;

    // Ana starts a comment on "on Monday" and is still writing it when the edit lands.
    const prefix = "The committee";
    const para = await paragraphText(ana, prefix);
    await dragSelect(ana, prefix, para.indexOf("on Monday"), para.indexOf("on Monday") + "on Monday".length);
    await ana.getByRole("toolbar", { name: "Annotate the selected text" }).getByRole("button", { name: "Comment" }).click();
    await ana.locator("#compose-note").fill("Which Monday");
    expect(await ana.locator(".compose-quote").innerText()).toBe("on Monday");

    // Eve switches to editing mode, selects the misspelt word and types over it.
    await eve.getByRole("button", { name: "Edit text" }).click();
    await eve.locator('.article-text[aria-readonly="false"]').waitFor();
    await selectWords(eve, prefix, "recieve");
    await eve.keyboard.type("certainly receive");
    await eve.getByRole("button", { name: "Save" }).click();
    await eve.locator('.save-status[data-status="saved"]').waitFor();

    // Ana's page: new text, the highlight on the same words (now further right), no reload.
    await expect.poll(() => paragraphText(ana, prefix), { timeout: 5000 }).toContain("will certainly receive the final report");
    await expect.poll(() => highlighted(ana, note.id), { timeout: 5000 }).toBe("the final report");
    const after = (await highlightBox(ana, note.id))!;
    expect(after.x + after.y * 10_000).toBeGreaterThan(before.x + before.y * 10_000);
    expect(await ana.evaluate("window.notReloaded")).toBe(true);
    expect(await ana.locator(".compose-quote").innerText()).toBe("on Monday");
    expect(await ana.locator("#compose-note").inputValue()).toBe("Which Monday");
    await screenshot(ana, "text-editing-1-moved");

    // Her comment saves on the words she chose, at their new place.
    await ana.getByRole("button", { name: "Save comment" }).click();
    await ana.locator(".thread h2", { hasText: "Comment by Ana" }).waitFor();
    const created = (await Ana.ok<{ annotations: Array<{ id: string; anchor: { quote: string; start: { offset: number } }; body: { text: string } }> }>("GET", `/api/documents/${world.documentId}/annotations`)).annotations.find((a) => a.body.text === "Which Monday")!;
    expect(created.anchor.quote).toBe("on Monday");
    const para2 = await paragraphText(ana, prefix);
    expect(created.anchor.start.offset).toBe(para2.indexOf("on Monday"));

    // The server has the new text as a new version, and the note's anchor moved with it.
    const doc = await Eve.ok<{ document: { version: number }; paragraphs: Array<{ text: string }> }>("GET", `/api/documents/${world.documentId}`);
    expect(doc.paragraphs.some((p) => p.text.startsWith("The committee will certainly receive the final report"))).toBe(true);
    expect(doc.document.version).toBeGreaterThan(1);
    expect(errors).toEqual([]);
    await anaCtx.close();
    await eveCtx.close();
  });

  it("a suggestion by the analyst shows as a tracked change; the editor accepts it and the text changes for both", async () => {
    const { Ana, Eve } = world.users;
    const anaCtx = await contextAt(browser, server, Ana, DESKTOP);
    const eveCtx = await contextAt(browser, server, Eve, DESKTOP);
    const ana = await anaCtx.newPage();
    const eve = await eveCtx.newPage();
    const errors = [...watchErrors(ana), ...watchErrors(eve)];
    await open(ana, server, world.documentId);
    await open(eve, server, world.documentId);

    const prefix = "Members then vote";
    const para = await paragraphText(ana, prefix);
    await dragSelect(ana, prefix, para.indexOf("in earnest"), para.indexOf("in earnest") + "in earnest".length);
    await ana.getByRole("toolbar", { name: "Annotate the selected text" }).getByRole("button", { name: "Suggest" }).click();
    const replacement = ana.getByLabel("Replace with");
    expect(await replacement.inputValue()).toBe("in earnest");
    await replacement.fill("at noon");
    await ana.getByRole("button", { name: "Save suggestion" }).click();
    await ana.locator(".thread h2", { hasText: "Suggestion by Ana" }).waitFor();

    // Both see it as a tracked change: the words struck through, the proposal inserted after them.
    for (const page of [ana, eve]) {
      await page.locator(".article-text .suggestion-del", { hasText: "in earnest" }).waitFor({ timeout: 5000 });
      expect(await page.locator(".article-text .suggestion-ins").innerText()).toBe("at noon");
    }
    expect(await ana.getByRole("button", { name: "Accept suggestion" }).count()).toBe(0);
    await screenshot(eve, "text-editing-2-suggestion");

    // Eve opens it from the text and accepts it.
    await eve.locator(".article-text .suggestion-del").click();
    await eve.getByRole("button", { name: "Accept suggestion" }).click();
    await eve.locator('.suggestion-state[data-state="accepted"]').waitFor();

    for (const page of [ana, eve]) {
      await expect.poll(() => paragraphText(page, prefix), { timeout: 5000 }).toBe("Members then vote on the motion before the recess begins at noon.");
      expect(await page.locator(".article-text .suggestion-ins").count()).toBe(0);
    }
    await ana.locator('.suggestion-state[data-state="accepted"]', { hasText: "by Eve" }).waitFor();
    const doc = await Ana.ok<{ paragraphs: Array<{ text: string }> }>("GET", `/api/documents/${world.documentId}`);
    expect(doc.paragraphs.map((p) => p.text)).toContain("Members then vote on the motion before the recess begins at noon.");
    expect(errors).toEqual([]);
    await anaCtx.close();
    await eveCtx.close();
  });

  it("a revised draft shows its report and its orphans; an orphan is re-attached on new words, and an uncertain note is marked", async () => {
    const { Ana, Eve } = world.users;
    const lost = await annotate(Ana, world.documentId, world.anchor("every transfer made"), "comment", "Every single one?");
    const moved = await annotate(Ana, world.documentId, world.anchor("thanks the staff who prepared"), "highlight");
    const shaken = await annotate(Ana, world.documentId, world.anchor("vote on the motion before the recess"), "comment", "Which motion?");
    const current = await Eve.ok<{ paragraphs: Array<{ text: string }> }>("GET", `/api/documents/${world.documentId}`);
    const texts = current.paragraphs.map((p) => p.text);
    // The draft drops the auditors' paragraph, rewrites part of the vote and adds a new closing line.
    const revised = texts
      .filter((t) => !t.startsWith("Auditors"))
      .map((t) => (t.startsWith("Members then vote") ? t.replace("vote on the motion before the recess", "vote on the amended motion before the long recess") : t));
    revised.push("Staff rotate between the agencies every spring.");

    const anaCtx = await contextAt(browser, server, Ana, DESKTOP, { bypassCSP: true });
    const eveCtx = await contextAt(browser, server, Eve, DESKTOP, { bypassCSP: true });
    const ana = await anaCtx.newPage();
    const eve = await eveCtx.newPage();
    const errors = [...watchErrors(ana), ...watchErrors(eve)];
    await open(ana, server, world.documentId);
    await open(eve, server, world.documentId);
    expect(await ana.locator(`.orphan-list [data-annotation-id="${lost.id}"]`).count()).toBe(0);

    await eve.getByRole("button", { name: "Upload revised draft" }).click();
    await eve.locator("#revision-file").setInputFiles({ name: "revised.txt", mimeType: "text/plain", buffer: Buffer.from(revised.join("\n\n")) });
    await eve.getByRole("button", { name: "Upload", exact: true }).click();
    const report = eve.locator(".revision-report");
    await report.waitFor({ timeout: 15_000 });
    const paragraphsLine = await report.locator(".report-paragraphs").innerText();
    const counts = Object.fromEntries([...paragraphsLine.matchAll(/(\d+) (kept|edited|added|retired)/g)].map((m) => [m[2], Number(m[1])]));
    expect(counts.kept! + counts.edited!).toBe(texts.length - 1);
    expect(counts.retired).toBe(1);
    expect(counts.added).toBe(1);
    expect(await report.locator(".report-orphaned li").allInnerTexts()).toEqual(["every transfer made"]);
    expect(await report.locator(".report-annotations").innerText()).toMatch(/\d+ carried exactly, \d+ on changed text, 1 lost their words/);
    await screenshot(eve, "text-editing-3-report");
    expect(describeViolations(await seriousViolations(eve))).toEqual([]);

    // The orphan link leads to it in the list.
    await report.getByRole("button", { name: "every transfer made" }).click();
    await expect.poll(() => eve.evaluate("document.activeElement && document.activeElement.id")).toBe(`orphan-${lost.id}`);

    // Ana, watching, sees the new text, the orphan listed, and her other notes still on their words.
    await expect.poll(() => paragraphText(ana, "Staff rotate"), { timeout: 5000 }).toBe("Staff rotate between the agencies every spring.");
    expect(await ana.locator(".article-text [data-pid]", { hasText: "Auditors keep" }).count()).toBe(0);
    const orphans = ana.locator(".orphan-list");
    await orphans.waitFor();
    expect(await orphans.locator("h2").innerText()).toBe("Needs re-attaching (1)");
    expect(await orphans.locator(".orphan-quote").innerText()).toBe("every transfer made");
    expect(await highlighted(ana, moved.id)).toBe("thanks the staff who prepared");
    expect(await ana.locator(`.article-text .anno[data-anno~="${lost.id}"]`).count()).toBe(0);

    // The note whose words were rewritten: placed with less certainty, and marked so.
    const shakenNow = (await Ana.ok<{ annotations: Array<{ id: string; anchor: { confidence: number; state: string } }> }>("GET", `/api/documents/${world.documentId}/annotations`)).annotations.find((a) => a.id === shaken.id)!;
    expect(shakenNow.anchor.state).toBe("anchored");
    expect(shakenNow.anchor.confidence).toBeLessThan(0.9);
    const uncertain = ana.locator(`.article-text .anno-uncertain[data-uncertain="${shaken.id}"]`).first();
    await uncertain.waitFor();
    expect(await uncertain.getAttribute("title")).toMatch(/^Text changed since this was written; check the passage/);
    expect(describeViolations(await seriousViolations(ana))).toEqual([]);
    const style = await ana.evaluate(`getComputedStyle(document.querySelector('.article-text .anno-uncertain[data-uncertain="${shaken.id}"]')).textDecorationStyle`);
    expect(style).toBe("dashed");

    // Ana re-attaches the orphan to words of the new paragraph.
    await selectWords(ana, "Staff rotate", "between the agencies");
    await orphans.getByRole("button", { name: "Re-attach here" }).click();
    await orphans.waitFor({ state: "detached", timeout: 5000 });
    await expect.poll(() => highlighted(ana, lost.id), { timeout: 5000 }).toBe("between the agencies");
    await expect.poll(() => highlighted(eve, lost.id), { timeout: 5000 }).toBe("between the agencies");
    const row = (await Ana.ok<{ annotations: Array<{ id: string; anchor: { state: string; quote: string; confidence: number } }> }>("GET", `/api/documents/${world.documentId}/annotations`)).annotations.find((a) => a.id === lost.id)!;
    expect(row.anchor).toMatchObject({ state: "anchored", quote: "between the agencies", confidence: 1 });
    await screenshot(ana, "text-editing-4-reattached");
    expect(errors).toEqual([]);
    await anaCtx.close();
    await eveCtx.close();
  });

  it("Enter splits, Backspace joins and the block menu changes a paragraph's kind, live; a clash on the same words offers both texts; History shows versions and their words", async () => {
    const { Ana, Eve } = world.users;
    const anaCtx = await contextAt(browser, server, Ana, DESKTOP, { bypassCSP: true });
    const eveCtx = await contextAt(browser, server, Eve, DESKTOP, { bypassCSP: true });
    const ana = await anaCtx.newPage();
    const eve = await eveCtx.newPage();
    const errors = [...watchErrors(ana), ...watchErrors(eve)];
    await open(ana, server, world.documentId);
    await open(eve, server, world.documentId);
    await eve.getByRole("button", { name: "Edit text" }).click();
    await eve.locator('.article-text[aria-readonly="false"]').waitFor();

    // Split "A closing paragraph thanks …" before "thanks".
    const prefix = "A closing paragraph";
    await selectWords(eve, prefix, "thanks");
    await caretToSelectionStart(eve);
    await eve.keyboard.press("Enter");
    for (const page of [eve, ana]) {
      await expect.poll(() => paragraphText(page, prefix), { timeout: 5000 }).toBe("A closing paragraph ");
      expect(await paragraphText(page, "thanks the staff")).toBe("thanks the staff who prepared the figures.");
    }
    // The caret waits at the start of the new paragraph: Backspace joins them again.
    await eve.keyboard.press("Backspace");
    for (const page of [eve, ana]) await expect.poll(() => paragraphText(page, prefix), { timeout: 5000 }).toBe("A closing paragraph thanks the staff who prepared the figures.");

    // The block menu makes the paragraph with the caret a heading, for both.
    await eve.getByLabel("Block").selectOption("heading-2");
    for (const page of [eve, ana]) await page.locator(".article-text h2", { hasText: prefix }).waitFor({ timeout: 5000 });

    // Move up puts the block with the caret before the one above it, for both; Move down puts it back.
    await selectWords(eve, prefix, "thanks");
    await caretToSelectionStart(eve);
    const order = (page: Page) => page.locator(".article-text [data-pid]").evaluateAll((els) => els.map((e) => e.getAttribute("data-pid")));
    const before = await order(eve);
    const pid = await eve.locator(".article-text h2", { hasText: prefix }).getAttribute("data-pid");
    const at = before.indexOf(pid);
    expect(at).toBeGreaterThan(0);
    const swapped = [...before];
    [swapped[at - 1], swapped[at]] = [swapped[at]!, swapped[at - 1]!];
    await eve.getByRole("button", { name: "Move up" }).click();
    for (const page of [eve, ana]) await expect.poll(() => order(page), { timeout: 5000 }).toEqual(swapped);
    await eve.getByRole("button", { name: "Move down" }).click();
    for (const page of [eve, ana]) await expect.poll(() => order(page), { timeout: 5000 }).toEqual(before);

    // Someone changes the same words Eve is typing over: she sees both texts and keeps hers.
    const doc = await Eve.ok<{ paragraphs: Array<{ id: string; text: string; version: number }> }>("GET", `/api/documents/${world.documentId}`);
    const staff = doc.paragraphs.find((p) => p.text.startsWith("Staff rotate"))!;
    // (Eve's connection drops while she types, so her save leaves after the other change.)
    await selectWords(eve, "Staff rotate", "every spring");
    await eveCtx.setOffline(true);
    await eve.keyboard.type("twice a year");
    await eve.getByRole("button", { name: "Save" }).click();
    await world.owner.ok("PATCH", `/api/paragraphs/${staff.id}`, { version: staff.version, text: staff.text.replace("every spring", "each autumn") });
    await eveCtx.setOffline(false);
    const conflict = eve.getByRole("alert").filter({ hasText: "Someone else changed the same words" });
    await conflict.waitFor({ timeout: 5000 });
    expect(await conflict.locator(".conflict-theirs").innerText()).toBe("Staff rotate between the agencies each autumn.");
    expect(await conflict.locator(".conflict-mine").innerText()).toBe("Staff rotate between the agencies twice a year.");
    expect(describeViolations(await seriousViolations(eve))).toEqual([]);
    await conflict.getByRole("button", { name: "Keep mine" }).click();
    await expect.poll(() => paragraphText(ana, "Staff rotate"), { timeout: 5000 }).toBe("Staff rotate between the agencies twice a year.");
    await eve.locator('.save-status[data-status="saved"]').waitFor();
    await eve.getByRole("button", { name: "Edit text" }).click();
    await eve.locator('.article-text[aria-readonly="true"]').waitFor();

    // History: the versions, the first one read-only with its annotation, and a word diff.
    await ana.getByRole("button", { name: "History" }).click();
    const history = ana.locator(".history-panel");
    await history.locator(".version-list li").first().waitFor();
    const versions = await Ana.ok<{ versions: Array<{ number: number }> }>("GET", `/api/documents/${world.documentId}/versions`);
    expect(await history.locator(".version-list li").count()).toBe(versions.versions.length);
    expect(await history.locator(".version-list li").first().innerText()).toContain(`Version ${versions.versions[0]!.number} (current)`);
    await history.getByRole("button", { name: "View version 1", exact: true }).click();
    const old = history.locator(".version-view");
    await old.waitFor();
    expect(await old.locator(".version-block", { hasText: "The committee" }).innerText()).toBe("The committee will recieve the final report on Monday and publish it soon after.");
    expect(await old.locator(".version-anno").allInnerTexts()).toContain("the final report");
    expect(await old.locator('[contenteditable="true"]').count()).toBe(0);
    await history.getByRole("button", { name: "All versions" }).click();
    await history.getByLabel("From version").fill("1");
    await history.getByLabel("to", { exact: true }).fill("2");
    await history.getByRole("button", { name: "Compare" }).click();
    const diff = history.locator(".version-diff li", { hasText: "The committee" });
    await diff.waitFor();
    expect(await diff.locator("del").allInnerTexts()).toEqual(["recieve"]);
    expect((await diff.locator("ins").allInnerTexts()).join("")).toBe("certainly receive");
    await screenshot(ana, "text-editing-5-history");
    expect(describeViolations(await seriousViolations(ana))).toEqual([]);

    // Remove block takes a paragraph out, for both, after a confirmation; its notes wait to be re-attached.
    await eve.getByRole("button", { name: "Edit text" }).click();
    await eve.locator('.article-text[aria-readonly="false"]').waitFor();
    await selectWords(eve, "Staff rotate", "Staff");
    await caretToSelectionStart(eve);
    eve.once("dialog", (d) => void d.accept());
    await eve.getByRole("button", { name: "Remove block" }).click();
    for (const page of [eve, ana]) await expect.poll(() => page.locator(".article-text [data-pid]", { hasText: "Staff rotate" }).count(), { timeout: 5000 }).toBe(0);
    const after = await Ana.ok<{ paragraphs: Array<{ text: string }> }>("GET", `/api/documents/${world.documentId}`);
    expect(after.paragraphs.some((p) => p.text.startsWith("Staff rotate"))).toBe(false);
    expect(errors).toEqual([]);
    await anaCtx.close();
    await eveCtx.close();
  });
});

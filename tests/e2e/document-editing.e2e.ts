/**
 * Changing a saved annotation, on a laptop and on a phone: note, tags and kind (a claim's review
 * hidden, not lost, when it becomes a comment; a review opened when a comment becomes a claim),
 * "(edited)" and the history for everyone, live; a stale edit refused with the current version
 * shown; and deleted replies counted nowhere.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { browserSuite, chromiumAvailable, screenshot, watchErrors } from "./helpers/browser.ts";
import { annotate, contextAt, listEntry, longArticleWorld, openDocument, openDocumentAs, reviewClaim, showSidebar, VIEWPORTS } from "./helpers/document-page.ts";

describe.skipIf(!chromiumAvailable())("editing annotations", () => {
  const suite = browserSuite((server) => longArticleWorld(server, { Ada: "analyst", Bea: "analyst" }));
  let region = "";

  beforeAll(async () => {
    ({ tag: { id: region } } = await suite.world.owner.ok<{ tag: { id: string } }>("POST", `/api/workspaces/${suite.world.workspaceId}/tags`, { name: "Region", color: "#2b8a3e" }));
  });

  for (const [n, vp] of VIEWPORTS.entries()) {
    describe(`at ${vp.width}x${vp.height}`, () => {
      it("edits a comment's note, tags and kind; others see it live with (edited); the history shows before and after", async () => {
        const { Ada, Bea } = suite.world.users;
        const a = await annotate(Ada, suite.world.documentId, suite.world.anchor("analysts now ask", undefined, 2 + n), "comment", "First thought.");
        const adaCtx = await contextAt(suite.browser, suite.server, Ada, vp);
        const beaCtx = await contextAt(suite.browser, suite.server, Bea, vp);
        const ada = await adaCtx.newPage();
        const bea = await beaCtx.newPage();
        const errors = [...watchErrors(ada), ...watchErrors(bea)];
        await openDocument(ada, suite.server, suite.world.documentId, a.id);
        await openDocument(bea, suite.server, suite.world.documentId);
        await showSidebar(ada);

        await ada.getByRole("button", { name: "Edit comment" }).click();
        const form = ada.getByRole("form", { name: "Edit this comment" });
        await form.getByLabel("Note").fill("A better thought.");
        await form.getByLabel("Region").check();
        await form.getByLabel("Claim").check();
        await form.getByText("This becomes a claim with a review of its own, starting open").waitFor();
        await screenshot(ada, `editing-${vp.name}-1-form`);
        await form.getByRole("button", { name: "Save changes" }).click();

        await ada.locator(".thread .body").getByText("A better thought.").waitFor();
        await ada.locator(".thread h2", { hasText: "Claim by Ada" }).waitFor();
        await ada.locator(".thread-meta .edited-mark").waitFor();
        await ada.locator(".claim-box .status-badge", { hasText: "Open" }).waitFor();

        // Bea's list shows it changed, within two seconds.
        await showSidebar(bea);
        const beaEntry = await listEntry(bea, a.id);
        await beaEntry.locator(".edited-mark").waitFor({ timeout: 2000 });
        expect(await beaEntry.locator(".kind-badge").innerText()).toMatch(/claim/i);
        expect(await beaEntry.locator(".summary-note").innerText()).toBe("A better thought.");
        await beaEntry.locator(".tag-chip", { hasText: "Region" }).waitFor();

        const row = await suite.server.db.annotation.findUniqueOrThrow({ where: { id: a.id }, include: { review: true, tags: true } });
        expect([row.kind, row.version, row.review?.status, row.tags.map((t) => t.tagId)]).toEqual(["claim", 2, "open", [region]]);

        await ada.locator(".annotation-history summary").click();
        const history = ada.locator(".annotation-history .history-list");
        await history.locator('li[data-type="annotation.updated"]').waitFor();
        const edit = await history.locator('li[data-type="annotation.updated"]').innerText();
        expect(edit).toContain("kind: Comment → Claim");
        expect(edit).toContain("note: “First thought.” → “A better thought.”");
        expect(edit).toContain("tags added: Region");
        await screenshot(ada, `editing-${vp.name}-2-history`);
        expect(errors).toEqual([]);
        await adaCtx.close();
        await beaCtx.close();
      });

      it("hides a claim's review while it is a comment and brings it back with the claim", async () => {
        const { Ada } = suite.world.users;
        const claim = await annotate(Ada, suite.world.documentId, suite.world.anchor("Observers disagree", undefined, 6 + n), "claim", "Never verifiable.");
        await reviewClaim(suite.world.owner, claim.id, ["disputed"]);
        const { ctx, page } = await openDocumentAs(suite, Ada, vp, { annotationId: claim.id });
        await showSidebar(page);
        await page.locator(".claim-box .status-badge", { hasText: "Disputed" }).waitFor();

        await page.getByRole("button", { name: "Edit claim" }).click();
        const form = page.getByRole("form", { name: "Edit this claim" });
        await form.getByLabel("Comment").check();
        await form.getByText("This claim's review (disputed) is kept but hidden").waitFor();
        await form.getByRole("button", { name: "Save changes" }).click();
        await page.locator(".thread h2", { hasText: "Comment by Ada" }).waitFor();
        expect(await page.locator(".claim-box").count()).toBe(0);
        await page.getByRole("button", { name: "All annotations" }).click();
        const entry = await listEntry(page, claim.id);
        expect(await entry.locator(".status-badge").count()).toBe(0);
        expect(await page.locator(`.article-text .claim-icon[data-anno="${claim.id}"]`).count()).toBe(0);
        const kept = await suite.server.db.claimReview.findUniqueOrThrow({ where: { annotationId: claim.id } });
        expect(kept.status).toBe("disputed");

        await entry.locator(".summary-open").click();
        await page.getByRole("button", { name: "Edit comment" }).click();
        await page.getByRole("form", { name: "Edit this comment" }).getByLabel("Claim").check();
        await page.getByText("its earlier review comes back as it stood (disputed)").waitFor();
        await page.getByRole("button", { name: "Save changes" }).click();
        await page.locator(".claim-box .status-badge", { hasText: "Disputed" }).waitFor();
        await ctx.close();
      });

      it("refuses an edit made on a stale version and shows the version that won", async () => {
        const { Ada } = suite.world.users;
        const a = await annotate(Ada, suite.world.documentId, suite.world.anchor("what each state actually does", undefined, 10 + n), "comment", "Draft one.");
        const { ctx, page } = await openDocumentAs(suite, Ada, vp, { annotationId: a.id });
        await showSidebar(page);
        await page.getByRole("button", { name: "Edit comment" }).click();
        const form = page.getByRole("form", { name: "Edit this comment" });
        await form.getByLabel("Note").fill("Mine, written meanwhile.");
        // The owner (an editor may change anyone's note) saves first.
        await suite.world.owner.ok("PATCH", `/api/annotations/${a.id}`, { version: a.version, body: "The owner's version." });
        await form.getByText("Someone else changed this annotation while you were editing").waitFor();
        await form.getByRole("button", { name: "Save changes" }).click();
        await page.getByText("Someone else edited this annotation just before you").waitFor();
        await page.locator(".thread .body").getByText("The owner's version.").waitFor();
        const row = await suite.server.db.annotation.findUniqueOrThrow({ where: { id: a.id } });
        expect(JSON.parse(row.body)).toMatchObject({ text: "The owner's version." });
        await screenshot(page, `editing-${vp.name}-3-conflict`);
        await ctx.close();
      });

      it("counts deleted replies nowhere: not in the reply count, not in the stance tally, live", async () => {
        const { Ada, Bea } = suite.world.users;
        const claim = await annotate(Ada, suite.world.documentId, suite.world.anchor("from treaty text to practice", undefined, 14 + n), "claim", "Practice matters more.");
        const { reply: kept } = await Bea.ok<{ reply: { id: string } }>("POST", `/api/annotations/${claim.id}/replies`, { body: "Agreed.", stance: "supports" });
        const { reply: doomed } = await suite.world.owner.ok<{ reply: { id: string; version: number } }>("POST", `/api/annotations/${claim.id}/replies`, { body: "No.", stance: "disputes" });
        const { ctx, page } = await openDocumentAs(suite, Ada, vp);
        await showSidebar(page);
        const entry = await listEntry(page, claim.id);
        await entry.locator(".summary-replies", { hasText: "2 replies" }).waitFor();
        expect(await entry.locator(".tally-mini").innerText()).toBe("1 supports · 1 disputes · 0 questions");

        // Deleted while the page is open: the list's count and tally follow.
        await suite.world.owner.ok("DELETE", `/api/replies/${doomed.id}?version=${doomed.version}`);
        await entry.locator(".summary-replies", { hasText: "1 reply" }).waitFor({ timeout: 3000 });
        expect(await entry.locator(".tally-mini").innerText()).toBe("1 supports · 0 disputes · 0 questions");

        await entry.locator(".summary-open").click();
        await page.locator(".replies-heading", { hasText: /^1 reply$/ }).waitFor();
        await page.getByText("This reply was deleted.").waitFor();
        expect(await page.locator('.claim-box dd[data-stance="disputes"]').innerText()).toBe("0");
        expect(await page.locator('.claim-box dd[data-stance="supports"]').innerText()).toBe("1");
        expect(await page.locator(".reply").count()).toBe(2);
        await screenshot(page, `editing-${vp.name}-4-deleted-reply`);
        expect(kept.id).toBeTruthy();
        await ctx.close();
      });
    });
  }
});

/**
 * The import as a draft an editor corrects: an article whose front matter is partly mis-detected
 * (the second author's name taken for a heading, the abstract left in the body, an affiliation
 * and an address typed into one block) is put right in the front matter & structure view — a
 * new author started, a block split at its line break and its parts given roles, the abstract
 * made front matter and merged with its second half — with the metadata preview following each
 * answer, a second editor seeing it live, the annotation on the abstract kept, and the article's
 * authors header showing the names with details on demand. Axe and a 390 px phone check both screens.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { chromiumAvailable, launchBrowser, screenshot, startE2EServer, watchErrors, type E2EServer } from "./helpers/browser.ts";
import { describeViolations, seriousViolations } from "./helpers/axe.ts";
import { phoneLayout } from "./helpers/phone-layout.ts";
import { annotate, contextAt, DESKTOP, horizontalOverflow, openDocument, PHONE } from "./helpers/document-page.ts";
import { buildWorld, eventually, httpTransport, type HttpClient, type World } from "../helpers/kit.ts";

const ARTICLE = [
  "Harbours After the Blockade",
  "",
  "Elena Petrova, PhD",
  "Institute of Maritime Studies, Riga, Latvia",
  "E-mail: elena.petrova@example.org",
  "",
  "Marcus Lindqvist",
  "",
  "Abstract. Shipping lanes shifted south as insurers raised premiums on nearly every voyage.",
  "",
  "It follows grain from the Black Sea ports to new buyers.",
  "",
  "Introduction",
  "",
  "Shipping lanes shifted south as insurers raised premiums on nearly every voyage through the strait.",
  "",
  "Grain exporters looked for overland routes through neighbouring states.",
  "",
  "Received 3 March 2024; accepted 9 May 2024.",
].join("\n");

interface Para {
  id: string;
  version: number;
  kind: string;
  role: string | null;
  text: string;
}

describe.skipIf(!chromiumAvailable())("front matter and structure", () => {
  let server: E2EServer;
  let browser: Browser;
  let world: World<HttpClient, "Eve" | "Bea" | "Ana">;
  let noteId = "";

  const paragraphs = async () => (await world.owner.ok<{ paragraphs: Para[] }>("GET", `/api/documents/${world.documentId}`)).paragraphs;
  const block = (page: Page, text: string) => page.locator(".sb-block", { has: page.locator(".sb-text", { hasText: text }) });
  const roleSelect = (page: Page, text: string) => block(page, text).getByLabel("Role");
  /** Picks a role in a block's select, then saves it with the button. */
  const setRole = async (page: Page, text: string, value: string) => {
    await roleSelect(page, text).selectOption(value);
    await block(page, text).getByRole("button", { name: "Save role" }).click();
  };

  beforeAll(async () => {
    server = await startE2EServer();
    browser = await launchBrowser();
    world = await buildWorld(httpTransport(server.url), { members: { Eve: "editor", Bea: "editor", Ana: "analyst" }, document: { content: ARTICLE, format: "txt" } });
    const ps = await paragraphs();
    // The import's guesses this test corrects.
    expect(ps.find((p) => p.text === "Marcus Lindqvist")).toMatchObject({ kind: "heading", role: null });
    expect(ps.find((p) => p.text.startsWith("Abstract."))).toMatchObject({ kind: "paragraph", role: null });
    // An editor typed the second author's affiliation and address into one block, on two lines.
    const marcus = ps.find((p) => p.text === "Marcus Lindqvist")!;
    await world.users.Eve.ok("POST", `/api/documents/${world.documentId}/edits`, {
      ops: [{ op: "insert", after: marcus.id, paragraphs: [{ kind: "paragraph", text: "Department of Economic History, Uppsala University\nmarcus.lindqvist@example.se" }] }],
    });
    noteId = (await annotate(world.users.Ana, world.documentId, world.anchor("Shipping lanes shifted south"), "comment", "Is this the abstract?")).id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("corrects the front matter: a new author, a split block's lines given roles, the abstract merged; live for another editor", async () => {
    const eveCtx = await contextAt(browser, server, world.users.Eve, DESKTOP, { bypassCSP: true });
    const beaCtx = await contextAt(browser, server, world.users.Bea, DESKTOP);
    const eve = await eveCtx.newPage();
    const bea = await beaCtx.newPage();
    const errors = [...watchErrors(eve), ...watchErrors(bea)];

    // From the document page's header to the structure view.
    await openDocument(eve, server, world.documentId);
    await eve.getByRole("link", { name: "Front matter & structure" }).click();
    await eve.getByRole("heading", { name: "Front matter & structure" }).waitFor();
    expect(new URL(eve.url()).pathname).toBe(`/d/${world.documentId}/structure`);
    await bea.goto(`${server.origin}/d/${world.documentId}/structure`);
    await bea.getByRole("heading", { name: "Front matter & structure" }).waitFor();

    const preview = eve.locator(".sb-preview");
    await expect.poll(() => preview.locator(".sb-author-card").count()).toBe(1);
    expect(await block(eve, "Marcus Lindqvist").locator(".sb-kind").innerText()).toMatch(/heading, level 2/i);
    expect(await roleSelect(eve, "Elena Petrova, PhD").inputValue()).toBe("meta:author");

    // Start a new author: the name line mis-read as a heading becomes an author line.
    await setRole(eve, "Marcus Lindqvist", "meta:author");
    await preview.locator(".sb-author-card", { hasText: "Marcus Lindqvist" }).waitFor();
    expect(await preview.locator(".sb-author-card").count()).toBe(2);
    await eve.getByRole("status").getByText("is now: Author name").waitFor();
    // The keyboard stays on the block's role.
    expect(await eve.evaluate(`document.activeElement?.closest(".sb-block")?.querySelector(".sb-text")?.textContent`)).toBe("Marcus Lindqvist");
    // Bea, with the same view open, sees it within a few seconds.
    await block(bea, "Marcus Lindqvist").locator(".sb-kind", { hasText: /author name/i }).waitFor({ timeout: 5000 });
    await bea.locator(".sb-preview .sb-author-card", { hasText: "Marcus Lindqvist" }).waitFor();
    await bea.getByRole("status").getByText("Someone else changed the document").waitFor();
    // Eve's own edit came back as an event too, known by its clientMutationId: no reload, no such note.
    expect(await eve.getByRole("status").innerText()).toMatch(/^Saved\. /);

    // Split the two-line block after its first line; give each part its role.
    const twoLines = block(eve, "Department of Economic History");
    await twoLines.getByRole("button", { name: "Split…" }).click();
    await twoLines.getByRole("button", { name: /^Split after “Department of Economic History, Uppsala University”/ }).click();
    // The block before the split holds the e-mail line too, so wait for the split's answer itself:
    // two blocks, each with one line.
    await expect
      .poll(() => block(eve, "marcus.lindqvist@example.se").locator(".sb-text").innerText(), { timeout: 10_000 })
      .toBe("marcus.lindqvist@example.se");
    expect(await block(eve, "Department of Economic History").locator(".sb-text").innerText()).toBe("Department of Economic History, Uppsala University");
    await setRole(eve, "Department of Economic History", "meta:affiliation");
    await eve.getByRole("status").getByText("is now: Affiliation").waitFor();
    // From the keyboard: pick, then Enter in the select saves.
    await roleSelect(eve, "marcus.lindqvist@example.se").focus();
    await roleSelect(eve, "marcus.lindqvist@example.se").selectOption("meta:email");
    await eve.keyboard.press("Enter");
    const marcusCard = preview.locator(".sb-author-card", { hasText: "Marcus Lindqvist" });
    await marcusCard.getByText("marcus.lindqvist@example.se").waitFor();
    await marcusCard.getByText("Department of Economic History, Uppsala University").waitFor();

    // The abstract: made front matter, then merged with its second half.
    await setRole(eve, "Abstract. Shipping lanes", "meta:abstract");
    await preview.locator('[data-field="Abstract"]').getByText("Shipping lanes shifted south as insurers raised premiums on nearly every voyage.").waitFor();
    await block(eve, "Abstract. Shipping lanes").getByRole("button", { name: "Merge with next" }).click();
    await preview
      .locator('[data-field="Abstract"]')
      .getByText("Shipping lanes shifted south as insurers raised premiums on nearly every voyage. It follows grain from the Black Sea ports to new buyers.")
      .waitFor();
    expect(await block(eve, "It follows grain").count()).toBe(1);
    // All of it is now the leading front matter; the body starts at the introduction.
    expect(await eve.locator('ol[aria-labelledby="sb-front"] > li').count()).toBe(8);
    expect(await eve.locator('ol[aria-labelledby="sb-front"] > li').last().locator(".sb-text").innerText()).toContain("It follows grain");
    await block(bea, "It follows grain").locator(".sb-kind", { hasText: /abstract/i }).waitFor({ timeout: 5000 });

    // The article history at the end of the text: made a dates line, then moved up to the front matter.
    await setRole(eve, "Received 3 March 2024", "meta:dates");
    await preview.locator('[data-field="Received"]').getByText("3 March 2024").waitFor();
    await preview.locator('[data-field="Accepted"]').getByText("9 May 2024").waitFor();
    expect(await eve.locator('ol[aria-labelledby="sb-body"]').getByText("Received 3 March 2024").count()).toBe(1);
    await block(eve, "Received 3 March 2024").getByRole("button", { name: "Move to the front matter" }).click();
    await eve.locator('ol[aria-labelledby="sb-front"]').getByText("Received 3 March 2024").waitFor();
    expect(await block(eve, "Received 3 March 2024").getByRole("button", { name: "Move to the front matter" }).count()).toBe(0);
    await screenshot(eve, "front-matter-1-structure");

    // The server holds what the view shows.
    const ps = await paragraphs();
    expect(ps.slice(0, 10).map((p) => [p.kind, p.role])).toEqual([
      ["heading", "title"],
      ["meta", "author"],
      ["meta", "affiliation"],
      ["meta", "email"],
      ["meta", "author"],
      ["meta", "affiliation"],
      ["meta", "email"],
      ["meta", "abstract"],
      ["meta", "dates"],
      ["heading", null],
    ]);
    expect(ps.at(-1)!.text).toBe("Grain exporters looked for overland routes through neighbouring states.");
    const doc = (await world.owner.ok<{ document: { metadata: { authors: Array<{ name: string; affiliations: string[]; email?: string }>; abstract?: string } } }>("GET", `/api/documents/${world.documentId}`)).document;
    expect(doc.metadata.authors.map((a) => a.name)).toEqual(["Elena Petrova", "Marcus Lindqvist"]);
    expect(doc.metadata.authors[1]).toMatchObject({ affiliations: ["Department of Economic History, Uppsala University"], email: "marcus.lindqvist@example.se" });

    // The annotation on the abstract's words is still there, on them.
    const { annotations } = await world.owner.ok<{ annotations: Array<{ id: string; anchor: { state: string; quote: string } }> }>("GET", `/api/documents/${world.documentId}/annotations`);
    expect(annotations.find((a) => a.id === noteId)?.anchor).toMatchObject({ state: "anchored", quote: "Shipping lanes shifted south" });

    const axe = await seriousViolations(eve);
    expect(describeViolations(axe)).toEqual([]);

    // The article: the authors header shows the names; details open on demand.
    await openDocument(eve, server, world.documentId);
    const header = eve.getByRole("region", { name: "Title and authors" });
    expect(await header.locator(".ah-names").textContent()).toBe("Authors: Elena Petrova, Marcus Lindqvist");
    expect(await header.locator(".ah-title").innerText()).toBe("Harbours After the Blockade");
    expect(await header.getByRole("group").count()).toBe(0);
    const marcusButton = header.getByRole("button", { name: "Marcus Lindqvist", exact: true });
    expect(await marcusButton.getAttribute("aria-expanded")).toBe("false");
    await marcusButton.click();
    const details = header.getByRole("group", { name: "About Marcus Lindqvist" });
    await details.getByText("Department of Economic History, Uppsala University").waitFor();
    await details.getByText("marcus.lindqvist@example.se").waitFor();
    expect(await marcusButton.getAttribute("aria-expanded")).toBe("true");
    await header.getByRole("button", { name: "Elena Petrova", exact: true }).click();
    await header.getByRole("group", { name: "About Elena Petrova" }).getByText("Institute of Maritime Studies, Riga, Latvia").waitFor();
    await header.getByRole("group", { name: "About Elena Petrova" }).getByText("PhD").waitFor();
    // The annotation shows in the article, on the abstract (now front matter).
    await eve.locator(`.article-text [data-anno~="${noteId}"]`).first().waitFor();
    expect(await eve.locator(`.article-text .front-matter [data-anno~="${noteId}"]`).count()).toBeGreaterThan(0);
    await screenshot(eve, "front-matter-2-authors-header");
    const axeDoc = (await seriousViolations(eve)).filter((v) => v.nodes.some((n) => n.target.join(" ").includes("authors-header") || n.target.join(" ").includes("ah-")));
    expect(describeViolations(axeDoc)).toEqual([]);
    // Escape closes the details and puts the keyboard back on the name.
    await header.getByRole("button", { name: /^Close/ }).focus();
    await eve.keyboard.press("Escape");
    expect(await header.getByRole("group").count()).toBe(0);
    expect(await eve.evaluate("document.activeElement?.textContent")).toBe("Elena Petrova");

    // A live change reaches the open article's header: the second author goes back to the body.
    const marcusNow = (await paragraphs()).find((p) => p.text === "Marcus Lindqvist")!;
    await world.users.Bea.ok("POST", `/api/documents/${world.documentId}/edits`, { ops: [{ op: "role", paragraphId: marcusNow.id, baseVersion: marcusNow.version, kind: "paragraph", role: null }] });
    await eventually(async () => expect(await header.locator(".ah-names").textContent()).toBe("Authors: Elena Petrova"));
    await world.users.Bea.ok("POST", `/api/documents/${world.documentId}/edits`, { ops: [{ op: "role", paragraphId: marcusNow.id, baseVersion: marcusNow.version + 1, kind: "meta", role: "author" }] });
    await eventually(async () => expect(await header.locator(".ah-names").textContent()).toBe("Authors: Elena Petrova, Marcus Lindqvist"));

    expect(errors).toEqual([]);
    await eveCtx.close();
    await beaCtx.close();
  });

  it("says so when a block changed meanwhile (409) and when the server refuses (400)", async () => {
    const ctx = await contextAt(browser, server, world.users.Eve, DESKTOP);
    const page = await ctx.newPage();
    // Someone changes the block's text between the list being read and the choice; the live
    // refresh is held back (the socket never reaches the server) so the stale version is sent.
    await page.routeWebSocket(/socket\.io/, () => undefined);
    await page.goto(`${server.origin}/d/${world.documentId}/structure`);
    await block(page, "Grain exporters").waitFor();
    const target = (await paragraphs()).find((p) => p.text.startsWith("Grain exporters"))!;
    await world.users.Bea.ok("POST", `/api/documents/${world.documentId}/edits`, { ops: [{ op: "text", paragraphId: target.id, baseVersion: target.version, text: `${target.text} Rail too.` }] });
    await setRole(page, "Grain exporters", "quote");
    await page.getByRole("alert").getByText("Someone else changed this block just before you").waitFor();
    await block(page, "Rail too.").waitFor();
    expect((await paragraphs()).find((p) => p.id === target.id)).toMatchObject({ kind: "paragraph" });
    // A pick is not sent until saved; Escape drops it.
    await roleSelect(page, "Rail too.").selectOption("meta:other");
    await roleSelect(page, "Rail too.").press("Escape");
    expect(await roleSelect(page, "Rail too.").inputValue()).toBe("paragraph");
    expect(await block(page, "Rail too.").getByRole("button", { name: "Save role" }).count()).toBe(0);
    // Now on the current version it goes through.
    await setRole(page, "Rail too.", "quote");
    await page.getByRole("status").getByText("is now: Quote").waitFor();
    expect((await paragraphs()).find((p) => p.id === target.id)).toMatchObject({ kind: "quote", role: null });
    // The last block cannot be merged: the button says so by being disabled.
    expect(await page.locator(".sb-block").last().getByRole("button", { name: "Merge with next" }).isDisabled()).toBe(true);
    // Someone retires the last block meanwhile: merging onto the block before it is refused (400),
    // the message shown, nothing changed, and the list read again.
    const last = (await paragraphs()).at(-1)!;
    await world.users.Bea.ok("POST", `/api/documents/${world.documentId}/edits`, { ops: [{ op: "retire", paragraphId: last.id }] });
    const before = (await paragraphs()).at(-1)!;
    await page.locator(`.sb-block[data-pid="${before.id}"]`).getByRole("button", { name: "Merge with next" }).click();
    await page.getByRole("alert").getByText(/^Not saved: .*last paragraph/).waitFor();
    expect((await paragraphs()).at(-1)).toMatchObject({ id: before.id, text: before.text, version: before.version });
    await eventually(async () => expect(await page.locator(`.sb-block[data-pid="${last.id}"]`).count()).toBe(0));
    await ctx.close();
  });

  it("is read-only for an analyst, and not linked from the analyst's document header", async () => {
    const ctx = await contextAt(browser, server, world.users.Ana, DESKTOP);
    const page = await ctx.newPage();
    await openDocument(page, server, world.documentId);
    await page.getByRole("region", { name: "Title and authors" }).waitFor();
    expect(await page.getByRole("link", { name: "Front matter & structure" }).count()).toBe(0);
    await page.goto(`${server.origin}/d/${world.documentId}/structure`);
    await page.getByText("only editors and owners can change the structure").waitFor();
    await block(page, "Marcus Lindqvist").waitFor();
    expect(await page.getByLabel("Role").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Merge with next" }).count()).toBe(0);
    await page.locator(".sb-preview .sb-author-card", { hasText: "Marcus Lindqvist" }).waitFor();
    await ctx.close();
  });

  it("fits a 390 px phone: no element wider than the screen, and passes axe", async () => {
    const ctx = await contextAt(browser, server, world.users.Eve, PHONE, { bypassCSP: true });
    const page = await ctx.newPage();
    await page.goto(`${server.origin}/d/${world.documentId}/structure`);
    await block(page, "Department of Economic History").waitFor();
    await block(page, "Introduction").getByRole("button", { name: "Split…" }).click();
    const overflow = await horizontalOverflow(page);
    expect(overflow.page).toBe(false);
    expect(overflow.elements.filter((e) => !e.startsWith("a.skip-link "))).toEqual([]);
    expect(describeViolations(await seriousViolations(page))).toEqual([]);
    // The view scrolls inside the main area; the top bar stays in view.
    const layout = await phoneLayout(page);
    expect(layout.overflow).toEqual({ page: false, elements: [] });
    expect(layout.bodyScroll).toBe(0);
    expect(layout.mainScrolled).toBeGreaterThan(0);
    expect(layout.header.top).toBe(0);
    await screenshot(page, "front-matter-3-phone-structure");

    await openDocument(page, server, world.documentId);
    await page.getByRole("button", { name: "Marcus Lindqvist", exact: true }).click();
    await page.getByRole("group", { name: "About Marcus Lindqvist" }).waitFor();
    const docOverflow = await horizontalOverflow(page);
    expect(docOverflow.page).toBe(false);
    expect(docOverflow.elements.filter((e) => !e.startsWith("a.skip-link "))).toEqual([]);
    await screenshot(page, "front-matter-4-phone-article");
    await ctx.close();
  });
});

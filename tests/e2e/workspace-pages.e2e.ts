/**
 * The workspace-level pages in a real browser: live activity (a role change made by someone
 * else appears without a reload; filters; links to passages), the owners' audit log and its CSV,
 * search leading to a note, the members page (role change, the last-owner refusal, invite link
 * copied, revoked), and an invite opened while signed out that ends as a membership.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { buildWorld, eventually, httpTransport, type HttpClient, type World } from "../helpers/kit.ts";
import { FORECAST, NAVAL } from "../fixtures/deterrence.ts";
import { chromiumAvailable, launchBrowser, screenshot, startE2EServer, watchErrors, type E2EServer } from "./helpers/browser.ts";
import { annotate, contextAt, DESKTOP } from "./helpers/document-page.ts";

type Who = "Bruno" | "Ana" | "Vera";

describe.skipIf(!chromiumAvailable())("workspace pages", () => {
  let server: E2EServer;
  let browser: Browser;
  let world: World<HttpClient, Who>;
  let noteId = "";

  beforeAll(async () => {
    server = await startE2EServer();
    browser = await launchBrowser();
    world = await buildWorld(httpTransport(server.url), {
      workspace: "Arms Desk",
      members: { Bruno: "editor", Ana: "analyst", Vera: "viewer" },
      document: { article: { title: "Deterrence After the Treaty", paragraphs: [FORECAST, NAVAL] } },
    });
    const note = await annotate(world.users.Ana, world.documentId, world.anchor("three new regional agreements"), "claim", "Verification regimes remain untested in practice.");
    noteId = note.id;
    await world.users.Bruno.ok("POST", `/api/annotations/${noteId}/replies`, { body: "The hotline data says otherwise.", stance: "disputes" });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(user: HttpClient, path: string): Promise<Page> {
    const ctx = await contextAt(browser, server, user, DESKTOP);
    const page = await ctx.newPage();
    await page.goto(`${server.origin}${path}`);
    return page;
  }

  /** Waits until the in-page expression is true (evaluated from outside: the page's CSP forbids eval, which waitForFunction's polling needs). */
  const until = (page: Page, expression: string) => eventually(async () => expect(await page.evaluate(expression)).toBe(true), 5_000, 50);

  const waitLive = (page: Page) => page.locator('.ws-head .connection[data-state="live"]').waitFor({ timeout: 15_000 });

  it("shows a role change made by another member live, without a reload, and filters by kind and person", async () => {
    const page = await open(world.users.Bruno, `/w/${world.workspaceId}`);
    const errors = watchErrors(page);
    await waitLive(page);
    await page.locator(".activity-entry").first().waitFor();
    await page.evaluate("window.__sameDocument = true");

    await world.owner.ok("PATCH", `/api/workspaces/${world.workspaceId}/members/${world.users.Vera.id}`, { role: "analyst" });
    const entry = page.locator(".activity-entry", { hasText: "changed Vera's role from viewer to analyst" });
    await entry.waitFor({ timeout: 5_000 });
    expect(await entry.locator(".activity-who").textContent()).toBe("Owner");
    expect(await page.evaluate("window.__sameDocument === true")).toBe(true);
    await screenshot(page, "workspace-1-activity-live");

    // The reply leads to its passage: the thread of the annotation it answers.
    const reply = page.locator('.activity-entry[data-type="reply.created"]');
    expect(await reply.locator("a").getAttribute("href")).toBe(`/d/${world.documentId}?a=${noteId}`);

    await page.getByLabel("Kind").selectOption("members");
    await until(page, `Array.from(document.querySelectorAll(".activity-entry")).every((e) => e.dataset.type.startsWith("member."))`);
    expect(await page.locator(".activity-entry").count()).toBeGreaterThanOrEqual(4);
    await page.getByLabel("Kind").selectOption("");
    await page.getByLabel("Person").selectOption({ label: "Ana" });
    await until(page, `Array.from(document.querySelectorAll(".activity-who")).every((e) => e.textContent === "Ana")`);
    expect(await page.locator('.activity-entry[data-type="annotation.created"]').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("pages older activity", async () => {
    // Enough entries for two pages of twenty (an analyst reads no invite entries).
    for (let i = 0; i < 24; i++) await world.users.Ana.ok("POST", `/api/annotations/${noteId}/replies`, { body: `Follow-up ${i}.` });
    const page = await open(world.users.Ana, `/w/${world.workspaceId}`);
    await page.locator(".activity-entry").first().waitFor();
    expect(await page.locator(".activity-entry").count()).toBe(20);
    await page.getByRole("button", { name: "Show older activity" }).click();
    await until(page, `document.querySelectorAll(".activity-entry").length > 20`);
    const ids = await page.locator(".activity-entry .activity-what").allTextContents();
    expect(ids.length).toBeGreaterThan(20);
    await page.context().close();
  });

  it("shows the audit log to owners only, with before and after, and downloads it as CSV", async () => {
    const page = await open(world.owner, `/w/${world.workspaceId}/audit`);
    const entry = page.locator(".audit-entry", { hasText: "changed Vera's role" });
    await entry.waitFor();
    expect(await entry.locator(".audit-changes tbody tr").first().textContent()).toBe("Roleviewer" + "analyst");
    await page.getByLabel("Kind").selectOption("invites");
    await until(page, `Array.from(document.querySelectorAll(".audit-entry")).length > 0 && Array.from(document.querySelectorAll(".audit-entry")).every((e) => e.dataset.type.startsWith("invite."))`);
    await page.getByLabel("Kind").selectOption("");
    await page.locator(".audit-entry", { hasText: "changed Vera's role" }).waitFor();
    await screenshot(page, "workspace-2-audit");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.startsWith("\uFEFFtime,actor,actor id,type,summary")).toBe(true);
    expect(csv).toContain("member.role_changed");
    expect(csv).toContain("changed Vera's role from viewer to analyst");
    await page.context().close();

    // An editor sees no audit tab and no list; the server refuses anyway.
    const editor = await open(world.users.Bruno, `/w/${world.workspaceId}/audit`);
    await editor.getByText("Only the workspace's owners can read its audit log.").waitFor();
    expect(await editor.getByRole("link", { name: "Audit log" }).count()).toBe(0);
    expect((await world.users.Bruno.request("GET", `/api/workspaces/${world.workspaceId}/audit`)).status).toBe(403);
    await editor.context().close();
  });

  it("finds a note, marks the words, filters, and opens the document at the note", async () => {
    const page = await open(world.users.Ana, `/w/${world.workspaceId}`);
    await page.getByRole("searchbox", { name: "Search this workspace" }).fill("regimes untest");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.waitForURL(/\/search\?q=regimes/);
    const result = page.locator('.search-result[data-kind="annotation"]');
    await result.waitFor();
    expect(await page.locator(".search-count").textContent()).toBe("1 result");
    expect(await result.locator("mark").allTextContents()).toEqual(["regimes", "untested"]);
    await screenshot(page, "workspace-3-search");

    // Filters narrow the search (a reply filter finds nothing here) and live in the URL.
    await page.getByLabel("Kind").selectOption("reply");
    await page.waitForURL(/kind=reply/);
    await page.getByText("No results").waitFor();
    await page.goBack();
    await result.waitFor();

    // A search preset to one document (the link the document page can use).
    await page.goto(`${server.origin}/w/${world.workspaceId}/search?q=hotline&document=${world.documentId}`);
    await page.locator(".search-result").first().waitFor();
    expect(await page.getByLabel("Document").inputValue()).toBe(world.documentId);
    expect(await page.locator(".search-result mark").first().textContent()).toBe("hotline");

    await page.goto(`${server.origin}/w/${world.workspaceId}/search?q=untested`);
    await page.getByRole("link", { name: /Open the note/ }).click();
    await page.waitForURL(`**/d/${world.documentId}?a=${noteId}`);
    await page.getByRole("textbox", { name: "Your reply" }).waitFor({ timeout: 15_000 });
    await screenshot(page, "workspace-4-search-opened-note");
    await page.context().close();
  });

  it("changes a role, shows the last-owner refusal, copies an invite link once and revokes it", async () => {
    const ctx = await contextAt(browser, server, world.owner, DESKTOP);
    await ctx.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.origin}/w/${world.workspaceId}/members`);
    const ana = page.locator('tr[data-member="Ana"]');
    await ana.waitFor();
    await ana.getByLabel("Role of Ana", { exact: true }).selectOption("editor");
    await ana.getByRole("button", { name: "Save role of Ana" }).click();
    await page.getByText("Ana is now editor.").waitFor();
    // The list is read again: Ana's row now says editor, with nothing left to save.
    // (The select shows the choice at once; the button settles once the list read again is in.)
    await until(page, `document.querySelector('tr[data-member="Ana"] select').value === "editor"`);
    await expect.poll(() => ana.getByRole("button", { name: "Save role of Ana" }).isDisabled(), { timeout: 5_000 }).toBe(true);

    // The only owner cannot step down: the server's 409 message is shown.
    const me = page.locator('tr[data-member="Owner"]');
    await me.getByLabel("Role of Owner", { exact: true }).selectOption("editor");
    await me.getByRole("button", { name: "Save role of Owner" }).click();
    const refusal = page.getByRole("alert");
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/owner/i);
    expect(await me.getByLabel("Role of Owner", { exact: true }).inputValue()).toBe("owner");

    // An invite link: shown once, copied, single use with its expiry; then revoked.
    await page.getByLabel("Role", { exact: true }).selectOption("viewer");
    await page.getByRole("button", { name: "Create invite link" }).click();
    const link = page.getByRole("textbox", { name: /Invite link for a new viewer/ });
    await link.waitFor();
    const url = await link.inputValue();
    expect(url).toMatch(new RegExp(`^${server.origin}/invite/[A-Za-z0-9_-]{16,}$`));
    expect(await page.locator(".fresh-invite label").textContent()).toMatch(/single use, expires /);
    await page.getByText("this is the only time it is shown").waitFor();
    await page.getByRole("button", { name: "Copy link" }).click();
    await page.getByText("Link copied.").waitFor();
    expect(await page.evaluate("navigator.clipboard.readText()")).toBe(url);

    const pending = page.locator(".invites-table tbody tr");
    await pending.first().waitFor();
    expect(await pending.count()).toBe(1);
    expect(await pending.first().textContent()).toMatch(/viewer.*you.*single use, expires/);
    await screenshot(page, "workspace-5-members");
    await pending.first().getByRole("button", { name: /Revoke the invite for a new viewer/ }).click();
    await page.getByText("No pending invites.").waitFor();
    await page.getByText(/was revoked: its link no longer works/).waitFor();
    const token = url.split("/invite/")[1]!;
    expect((await world.users.Bruno.request("GET", `/api/invites/${token}`)).status).toBe(410);
    expect(errors.filter((e) => !e.includes("409"))).toEqual([]);
    await ctx.close();
  });

  it("takes someone who opens an invite while signed out through registration into the workspace", async () => {
    const { token } = await world.owner.ok<{ token: string }>("POST", `/api/workspaces/${world.workspaceId}/invites`, { role: "analyst" });
    const ctx = await browser.newContext({ viewport: { width: DESKTOP.width, height: DESKTOP.height } });
    const page = await ctx.newPage();
    await page.goto(`${server.origin}/invite/${token}`);
    await page.waitForURL(/\/signin\?next=/);
    await page.getByText("You have been invited to a workspace.").waitFor();
    await page.getByRole("link", { name: "Create an account" }).click();
    await page.waitForURL(/\/register\?next=/);
    await page.getByText("You have been invited to a workspace.").waitFor();
    await screenshot(page, "workspace-6-invited-register");
    await page.getByLabel("Display name").fill("Nadia Newcomer");
    await page.getByLabel("E-mail").fill(`nadia-${Date.now()}@example.org`);
    await page.getByLabel("Password").fill("harbour lantern quietly 42");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(`**/invite/${token}`);
    await page.getByText("You are invited to join").waitFor();
    expect(await page.locator("main").textContent()).toContain("Arms Desk");
    expect(await page.locator("main").textContent()).toMatch(/single use, expires/);
    await page.getByRole("button", { name: "Join Arms Desk" }).click();
    await page.waitForURL(`**/w/${world.workspaceId}`);
    await page.getByRole("heading", { level: 1, name: "Arms Desk" }).waitFor();
    const { members } = await world.owner.ok<{ members: Array<{ displayName: string; role: string }> }>("GET", `/api/workspaces/${world.workspaceId}/members`);
    expect(members.find((m) => m.displayName === "Nadia Newcomer")?.role).toBe("analyst");
    await ctx.close();
  });
});

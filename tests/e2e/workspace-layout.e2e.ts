/**
 * The workspace-level pages (workspaces list, a workspace with its activity, members, search,
 * audit log, an invite, the sign-in page an invite leads to) at phone widths (390×844 and the
 * narrowest common 360), seen by someone with a long name in a long-named workspace: nothing wider
 * than the screen, the body never scrolls (the main area does) so the top bar stays in view, and
 * axe-core finds no serious or critical violations — at the phone size and on a laptop.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { buildWorld, httpTransport, type HttpClient, type World } from "../helpers/kit.ts";
import { FORECAST, NAVAL, TREATY } from "../fixtures/deterrence.ts";
import { chromiumAvailable, launchBrowser, screenshot, startE2EServer, watchErrors, type E2EServer } from "./helpers/browser.ts";
import { annotate, contextAt, DESKTOP, PHONE, type Viewport } from "./helpers/document-page.ts";
import { describeViolations, seriousViolations } from "./helpers/axe.ts";
import { phoneLayout } from "./helpers/phone-layout.ts";

type Who = "Bruno" | "Ana";

describe.skipIf(!chromiumAvailable())("workspace pages on a phone", () => {
  let server: E2EServer;
  let browser: Browser;
  let world: World<HttpClient, Who>;
  let outsider: HttpClient;
  let inviteToken = "";

  beforeAll(async () => {
    server = await startE2EServer();
    browser = await launchBrowser();
    const transport = httpTransport(server.url);
    world = await buildWorld(transport, {
      workspace: "Arms Control and Non-Proliferation Working Group",
      owner: { displayName: "Maximilian Alexandros Papadopoulos-Fitzgerald" },
      members: { Bruno: "editor", Ana: { role: "analyst", displayName: "Anastasia Konstantinopoulou-Williamson" } },
      document: { article: { title: "Deterrence After the Treaty: Regional Agreements, Verification and the Hotline Record", paragraphs: [TREATY, FORECAST, NAVAL] } },
    });
    const ana = world.users.Ana;
    const note = await annotate(ana, world.documentId, world.anchor("three new regional agreements"), "claim", "Verification regimes remain untested; see https://example.org/a-very-long-address/that-does-not-break-anywhere-at-all");
    for (let i = 0; i < 24; i++) await world.users.Bruno.ok("POST", `/api/annotations/${note.id}/replies`, { body: `Reply number ${i} on the regimes.` });
    await world.owner.ok("PATCH", `/api/workspaces/${world.workspaceId}/members/${world.users.Bruno.id}`, { role: "owner" });
    await world.owner.ok("PATCH", `/api/workspaces/${world.workspaceId}/members/${world.users.Bruno.id}`, { role: "editor" });
    for (const role of ["viewer", "analyst", "editor"]) await world.owner.ok("POST", `/api/workspaces/${world.workspaceId}/invites`, { role });
    ({ token: inviteToken } = await world.owner.ok<{ token: string }>("POST", `/api/workspaces/${world.workspaceId}/invites`, { role: "analyst" }));
    outsider = await transport.signUp({ displayName: "Outsider" });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  interface Screen {
    name: string;
    path: string;
    /** Waits for the page's content; may open parts (a fresh invite link, a confirmation). */
    ready(page: Page): Promise<void>;
    /** The page is long enough at 390×844 that its main area must scroll. */
    long?: boolean;
    user?: () => HttpClient | null;
  }

  const screens: Screen[] = [
    { name: "workspaces", path: "/", ready: (p) => p.locator(".card-list li").first().waitFor() },
    { name: "workspace", path: "", long: true, ready: (p) => p.locator(".activity-entry").nth(19).waitFor() },
    {
      name: "members",
      path: "/members",
      long: true,
      async ready(p) {
        await p.locator(".invites-table tbody tr").nth(3).waitFor();
        await p.getByRole("button", { name: "Create invite link" }).click();
        await p.locator("#invite-url").waitFor();
        await p.getByRole("button", { name: "Remove Bruno" }).click();
      },
    },
    { name: "search", path: "/search?q=regimes", long: true, ready: (p) => p.locator(".search-result").nth(5).waitFor() },
    { name: "audit", path: "/audit", long: true, ready: (p) => p.locator(".audit-entry").nth(5).waitFor() },
    { name: "invite", path: "invite", user: () => outsider, ready: (p) => p.getByRole("button", { name: /^Join / }).waitFor() },
    { name: "signin-invited", path: "invite", user: () => null, ready: (p) => p.getByText("You have been invited to a workspace.").waitFor() },
  ];

  const urlOf = (s: Screen) => (s.path === "invite" ? `/invite/${inviteToken}` : s.path === "/" ? "/" : `/w/${world.workspaceId}${s.path}`);

  async function openAt(s: Screen, vp: Viewport): Promise<{ ctx: BrowserContext; page: Page; errors: string[] }> {
    const user = s.user ? s.user() : world.owner;
    const ctx = user ? await contextAt(browser, server, user, vp, { bypassCSP: true }) : await browser.newContext({ viewport: { width: vp.width, height: vp.height }, isMobile: vp.touch, hasTouch: vp.touch, bypassCSP: true });
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.origin}${urlOf(s)}`);
    await s.ready(page);
    return { ctx, page, errors };
  }

  for (const vp of [PHONE, { ...PHONE, width: 360, height: 740 }]) {
    for (const s of screens) {
      it(`${s.name}: fits ${vp.width} px, keeps the top bar in view, and passes axe`, async () => {
        const { ctx, page, errors } = await openAt(s, vp);
        expect(describeViolations(await seriousViolations(page))).toEqual([]);
        const layout = await phoneLayout(page);
        await screenshot(page, `phone-${vp.width}-${s.name}`);
        expect(layout.overflow).toEqual({ page: false, elements: [] });
        expect(layout.bodyScroll).toBe(0);
        expect(layout.header.top).toBe(0);
        // One line: a long name is cut short rather than wrapping the bar onto several lines.
        expect(layout.header.bottom).toBeGreaterThan(20);
        expect(layout.header.bottom).toBeLessThan(64);
        if (s.long) expect(layout.mainScrolled).toBeGreaterThan(200);
        // Signed out, the session check answers 401 by design (the browser logs the resource load).
        expect(errors.filter((e) => !(s.user?.() === null && e.includes("401 (Unauthorized)")))).toEqual([]);
        await ctx.close();
      });
    }
  }

  for (const name of ["members", "search", "audit", "workspace"]) {
    it(`${name}: passes axe on a laptop`, async () => {
      const { ctx, page } = await openAt(screens.find((s) => s.name === name)!, DESKTOP);
      expect(describeViolations(await seriousViolations(page))).toEqual([]);
      await ctx.close();
    });
  }
});

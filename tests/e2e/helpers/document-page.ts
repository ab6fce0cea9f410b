/**
 * The document page at the two sizes it is checked at (a laptop and a phone), a long article
 * to scroll through, annotations made through the API, and the checks several files share.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { buildWorld, httpTransport, type Anchor, type HttpClient, type MemberSpec, type World } from "../../helpers/kit.ts";
import { watchErrors, type BrowserSuite, type E2EServer } from "./browser.ts";
import { waitLive } from "./doc.ts";

export interface Viewport {
  name: "desktop" | "phone";
  width: number;
  height: number;
  /** A touch screen without hover (a phone): coarse pointer media queries match. */
  touch: boolean;
}

export const DESKTOP: Viewport = { name: "desktop", width: 1440, height: 900, touch: false };
export const PHONE: Viewport = { name: "phone", width: 390, height: 844, touch: true };
export const VIEWPORTS = [DESKTOP, PHONE];

/** A context at `vp`, signed in as `user`. */
export async function contextAt(browser: Browser, server: E2EServer, user: HttpClient, vp: Viewport, opts: { bypassCSP?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height }, isMobile: vp.touch, hasTouch: vp.touch, bypassCSP: opts.bypassCSP ?? false });
  await context.addCookies([{ name: "scholia.sid", value: user.cookie.replace(/^scholia\.sid=/, ""), url: server.origin }]);
  return context;
}

/** Opens the document page (optionally at a thread) and waits until its socket has joined. */
export async function openDocument(page: Page, server: E2EServer, documentId: string, annotationId?: string): Promise<void> {
  await page.goto(`${server.origin}/d/${documentId}${annotationId ? `?a=${annotationId}` : ""}`);
  await waitLive(page);
}

/** A new page at `vp` signed in as `user`, on the suite's document (at a thread when `annotationId` is given) once live, and the errors it logs. */
export async function openDocumentAs(
  suite: BrowserSuite<{ documentId: string }>,
  user: HttpClient,
  vp: Viewport,
  opts: { annotationId?: string; bypassCSP?: boolean } = {},
): Promise<{ ctx: BrowserContext; page: Page; errors: string[] }> {
  const ctx = await contextAt(suite.browser, suite.server, user, vp, { bypassCSP: opts.bypassCSP ?? false });
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  await openDocument(page, suite.server, suite.world.documentId, opts.annotationId);
  return { ctx, page, errors };
}

/** On a phone, raises the bottom sheet (no-op on wide screens, where the sidebar is always there). */
export async function showSidebar(page: Page): Promise<void> {
  const toggle = page.locator(".sheet-toggle");
  if ((await toggle.isVisible()) && (await toggle.getAttribute("aria-expanded")) === "false") await toggle.click();
}

/**
 * The list entry of an annotation, scrolled into the (virtualized) list: only entries near the
 * list's scroll position are rendered, so the list is scrolled until this one is.
 */
export async function listEntry(page: Page, annotationId: string) {
  const entry = page.locator(`.summary[data-annotation-id="${annotationId}"]`);
  await page.locator(".annotation-list").waitFor();
  await page.locator(".annotation-list").evaluate((el) => el.scrollTo(0, 0));
  for (let i = 0; i < 60 && (await entry.count()) === 0; i++) {
    await page.locator(".annotation-list").evaluate((el) => {
      el.scrollTop += el.clientHeight / 2;
    });
    await page.waitForTimeout(30);
  }
  await entry.scrollIntoViewIfNeeded();
  return entry;
}

const TOPICS = ["deterrence", "verification", "confidence-building", "missile notification", "naval incidents", "cyber norms", "space debris", "export controls"];

/** Forty paragraphs of plain prose, each starting "Paragraph N:", long enough to scroll a phone many times. */
export function longArticle(): string {
  const paras = ["A Long Article on Arms Control", ""];
  for (let i = 1; i <= 40; i++) {
    const topic = TOPICS[i % TOPICS.length]!;
    paras.push(
      `Paragraph ${i}: the debate on ${topic} has moved from treaty text to practice, and analysts now ask what each state actually does when a crisis begins rather than what it signed. Observers disagree about whether ${topic} can be checked at all without inspectors on the ground.`,
      "",
    );
  }
  return paras.join("\n");
}

/** A workspace with `members`, holding the long article: what the document page tests start from. */
export async function longArticleWorld<N extends string>(server: E2EServer, members: Record<N, MemberSpec>): Promise<World<HttpClient, N>> {
  return buildWorld(httpTransport(server.url), { members, document: { content: longArticle(), format: "txt" } });
}

export interface AnnotationRef {
  id: string;
  version: number;
}

/** Creates an annotation on an anchor (see World.anchor). */
export async function annotate(user: HttpClient, documentId: string, anchor: Anchor, kind: "comment" | "highlight" | "claim", body = "", tagIds: string[] = []): Promise<AnnotationRef> {
  const { annotation } = await user.ok<{ annotation: AnnotationRef }>("POST", `/api/documents/${documentId}/annotations`, { kind, body, anchor, tagIds });
  return annotation;
}

/** Moves a claim through review with the given statuses in turn (a rationale for verdicts); returns the claim's version. */
export async function reviewClaim(user: HttpClient, annotationId: string, statuses: string[], version = 1): Promise<number> {
  for (const status of statuses) {
    const res = await user.ok<{ claim: { version: number } }>("POST", `/api/annotations/${annotationId}/review`, { version, status, rationale: `Checked: ${status}.` });
    version = res.claim.version;
  }
  return version;
}

/**
 * Shown elements wider than the viewport or sticking out of its right edge (or partly off its
 * left one), and whether the page itself scrolls sideways. Wholly off-screen elements (the skip
 * link waiting for focus) and clipped contents of closed details are not shown, so not counted.
 * In-page code as text, so the runner's transpiler leaves it alone.
 */
export async function horizontalOverflow(page: Page): Promise<{ page: boolean; elements: string[] }> {
  return (await page.evaluate(`(() => {
    const vw = document.documentElement.clientWidth;
    const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (typeof el.className === "string" && el.className ? "." + el.className.trim().split(" ").filter(Boolean).join(".") : "");
    const out = [];
    for (const el of document.querySelectorAll("body *")) {
      const cs = getComputedStyle(el);
      if (cs.display === "none" || cs.visibility === "hidden" || el.closest(".visually-hidden") || !el.checkVisibility()) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.right <= 0) continue;
      if (r.width > vw + 0.5 || r.left < -0.5 || r.right > vw + 0.5) out.push((name(el.parentElement) + " > " + name(el)).slice(0, 120) + " [" + Math.round(r.left) + "," + Math.round(r.right) + "]");
    }
    return { page: document.documentElement.scrollWidth > vw, elements: out };
  })()`)) as { page: boolean; elements: string[] };
}

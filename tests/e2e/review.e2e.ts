/**
 * Claim review in the browser: an editor decides a verdict (rationale, a source) in the thread
 * and an analyst's browser shows the badge live; analysts get no verdict controls (only their own
 * claim's open <-> in review and retract); the claims dashboard filters, sorts, bulk-assigns and
 * charts; the assignee finds the claims in their review queue and opens one at its thread.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { browserSuite, chromiumAvailable, contextFor, screenshot, watchErrors } from "./helpers/browser.ts";
import { documentWithTags, waitLive } from "./helpers/doc.ts";

describe.skipIf(!chromiumAvailable())("claim review in the browser", () => {
  const suite = browserSuite((server) => documentWithTags(server.url, { Edna: "editor", Alice: "analyst", Bruno: "analyst" }));
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  /** Claims by name: forecast (Alice, tagged Forecast), treaty (Alice, Region), sea (owner, Region), tests (owner, untagged). */
  const claims: Record<string, string> = {};
  let docUrl = "";

  async function pageFor(name: string): Promise<Page> {
    const ctx = await contextFor(suite.browser, suite.server, suite.world.users[name]!);
    contexts.push(ctx);
    const page = await ctx.newPage();
    errors.push(...watchErrors(page));
    return page;
  }

  const summary = (page: Page, id: string) => page.locator(`.summary[data-annotation-id="${id}"]`);

  beforeAll(async () => {
    docUrl = `${suite.server.origin}/d/${suite.world.documentId}`;
    const para = (prefix: string) => suite.world.paragraphs.find((p) => p.text.startsWith(prefix))!;
    const claim = async (who: string, name: string, prefix: string, end: number, body: string, tagIds: string[]) => {
      const p = para(prefix);
      const { annotation } = await suite.world.users[who]!.ok<{ annotation: { id: string } }>("POST", `/api/documents/${suite.world.documentId}/annotations`, {
        kind: "claim",
        body,
        anchor: { start: { paragraphId: p.id, offset: 0 }, end: { paragraphId: p.id, offset: end } },
        tagIds,
      });
      claims[name] = annotation.id;
    };
    await claim("Alice", "forecast", "Analysts expect", 42, "Three verifiable agreements by 2030 is optimistic.", [suite.world.tags.forecast]);
    await claim("Alice", "treaty", "The treaty", 30, "Collapse date needs a source.", [suite.world.tags.region]);
    await claim("owner", "sea", "First, confidence", 20, "Naval measures came first.", [suite.world.tags.region]);
    await claim("owner", "tests", "Second, notification", 25, "Missile test notices exist already.", []);
    await suite.world.users.Bruno!.ok("POST", `/api/annotations/${claims.sea}/replies`, { body: "Agreed.", stance: "supports" });
    await suite.world.users.Alice!.ok("POST", `/api/annotations/${claims.sea}/replies`, { body: "Not so sure.", stance: "questions" });
  });

  it("lets an editor decide a verdict with a rationale and a source, and shows the badge live to an analyst", async () => {
    const edna = await pageFor("Edna");
    const alice = await pageFor("Alice");
    await Promise.all([edna.goto(docUrl), alice.goto(docUrl)]);
    await Promise.all([waitLive(edna), waitLive(alice)]);
    await summary(alice, claims.forecast!).waitFor();

    await summary(edna, claims.forecast!).locator(".summary-open").click();
    await edna.getByRole("button", { name: "Review this claim" }).click();
    const form = edna.getByRole("form", { name: "Review this claim" });
    await form.waitFor();
    await form.getByLabel("Status").selectOption("disputed");
    await form.getByRole("button", { name: "Save review" }).click();
    // No rationale yet: refused before anything is sent.
    await expect(form.getByRole("alert").filter({ hasText: "A verdict needs a rationale." }).isVisible()).resolves.toBe(true);
    await form.getByLabel(/Rationale/).fill("None of the announced talks includes a verification clause.");
    await form.getByLabel("Add a source (http or https URL)").fill("javascript:alert(1)");
    await form.getByRole("button", { name: "Add source" }).click();
    await form.getByText("A source must be an absolute http:// or https:// URL.").waitFor();
    await form.getByLabel("Add a source (http or https URL)").fill("https://example.org/talks/2026");
    await form.getByLabel("Add a source (http or https URL)").press("Enter");
    await form.getByRole("link", { name: "https://example.org/talks/2026" }).waitFor();
    const saved = Date.now();
    await form.getByRole("button", { name: "Save review" }).click();

    // Alice's list shows the verdict badge without a reload.
    await summary(alice, claims.forecast!).locator('.status-badge[data-status="disputed"]').waitFor({ timeout: 2000 });
    expect(Date.now() - saved).toBeLessThan(2000);
    await edna.locator(".claim-status-line .status-badge[data-status='disputed']").waitFor();
    await edna.getByText(/Decided by Edna/).waitFor();

    // The history lists the decision.
    await edna.locator(".claim-history summary").click();
    await edna.locator(".history-list li").filter({ hasText: "Open → Disputed" }).waitFor();
    await expect(edna.locator(".history-list").textContent()).resolves.toContain("added source https://example.org/talks/2026");
    await screenshot(edna, "review-1-editor-decided");

    // Alice opens it: the verdict with its rationale and source, but no verdict controls (only retract, her own claim).
    // Texts are looked for in the sidebar: the bell's inbox may quote the same words.
    await summary(alice, claims.forecast!).locator(".summary-open").click();
    await alice.getByRole("heading", { name: "Claim review" }).waitFor();
    await alice.getByRole("tabpanel").getByText("None of the announced talks includes a verification clause.").waitFor();
    await alice.getByRole("link", { name: "https://example.org/talks/2026" }).waitFor();
    expect(await alice.getByRole("form", { name: "Review this claim" }).count()).toBe(0);
    expect(await alice.getByRole("button", { name: "Review this claim" }).count()).toBe(0);
    expect(await alice.locator(".review-moves button").allTextContents()).toEqual(["Retract"]);
    await screenshot(alice, "review-2-analyst-sees-verdict");

    const row = await suite.server.db.claimReview.findUniqueOrThrow({ where: { annotationId: claims.forecast! } });
    expect(row.status).toBe("disputed");
    expect(JSON.parse(row.sources)).toEqual(["https://example.org/talks/2026"]);
  });

  it("gives analysts no verdict controls: another's claim shows none, their own only open <-> in review and retract", async () => {
    const bruno = await pageFor("Bruno");
    const alice = await pageFor("Alice");
    await Promise.all([bruno.goto(docUrl), alice.goto(docUrl)]);
    await Promise.all([waitLive(bruno), waitLive(alice)]);

    await summary(bruno, claims.sea!).locator(".summary-open").click();
    await bruno.getByRole("heading", { name: "Claim review" }).waitFor();
    // The lazily loaded thread arrives with its replies and the tally.
    await bruno.getByRole("tabpanel").getByText("Not so sure.").waitFor();
    await expect(bruno.locator('.tally dd[data-stance="supports"]').textContent()).resolves.toBe("1");
    await expect(bruno.locator('.tally dd[data-stance="questions"]').textContent()).resolves.toBe("1");
    expect(await bruno.getByRole("form", { name: "Review this claim" }).count()).toBe(0);
    expect(await bruno.getByRole("button", { name: "Review this claim" }).count()).toBe(0);
    expect(await bruno.locator(".review-moves button").count()).toBe(0);
    expect(await bruno.getByLabel("Assigned to").count()).toBe(0);
    expect(await bruno.getByRole("option", { name: "Supported" }).count()).toBe(0);
    await screenshot(bruno, "review-3-analyst-no-controls");

    await bruno.getByRole("button", { name: "← All annotations" }).click();
    await summary(alice, claims.treaty!).locator(".summary-open").click();
    await alice.getByRole("group", { name: "Change this claim's status" }).waitFor();
    expect(await alice.locator(".review-moves button").allTextContents()).toEqual(["Propose for review", "Retract"]);
    await alice.getByRole("button", { name: "Propose for review" }).click();
    await alice.locator(".claim-status-line .status-badge[data-status='in_review']").waitFor();
    // Bruno's list follows.
    await summary(bruno, claims.treaty!).locator('.status-badge[data-status="in_review"]').waitFor({ timeout: 2000 });
    expect(await alice.locator(".review-moves button").allTextContents()).toEqual(["Back to open", "Retract"]);
  });

  it("filters the claims dashboard by status and tag, sorts, bulk-assigns two claims, and charts the counts", async () => {
    const edna = await pageFor("Edna");
    await edna.goto(docUrl);
    await waitLive(edna);
    await edna.getByRole("link", { name: "Claims dashboard" }).click();
    await edna.getByRole("heading", { name: /Claims in “Deterrence After the Treaty”/ }).waitFor();
    const rows = edna.locator(".claims-table tbody tr");
    await expect.poll(() => rows.count()).toBe(4);

    // The chart: one disputed (decided above), one in review, two open; Region on two claims.
    const count = (chart: string, key: string) => edna.locator(`#${chart}`).locator("..").locator(`tr[data-key="${key}"] .bar-count`).getAttribute("data-count");
    await expect.poll(() => count("chart-status", "open")).toBe("2");
    await expect(count("chart-status", "disputed")).resolves.toBe("1");
    await expect(count("chart-status", "in_review")).resolves.toBe("1");
    await expect(count("chart-tag", suite.world.tags.region)).resolves.toBe("2");

    // Status filter: open only.
    await edna.getByRole("checkbox", { name: "Open", exact: true }).check();
    await expect.poll(() => rows.count()).toBe(2);
    expect(new URL(edna.url()).searchParams.get("status")).toBe("open");
    await expect.poll(() => count("chart-status", "disputed")).toBe("0");

    // Add the tag filter: "Claim type" includes its child "Forecast"; back to all statuses.
    await edna.getByRole("checkbox", { name: "Open", exact: true }).uncheck();
    await edna.getByLabel("Tag (with sub-tags)").selectOption(suite.world.tags.claimType);
    await expect.poll(() => rows.count()).toBe(1);
    await expect(rows.first().getAttribute("data-annotation-id")).resolves.toBe(claims.forecast);
    await edna.getByLabel("Tag (with sub-tags)").selectOption(suite.world.tags.region);
    await expect.poll(() => rows.count()).toBe(2);
    expect(new URL(edna.url()).searchParams.get("tag")).toBe(suite.world.tags.region);
    await edna.getByLabel("Tag (with sub-tags)").selectOption("");
    await expect.poll(() => rows.count()).toBe(4);

    // Sort by replies, most first: the claim with two replies leads; again for ascending.
    await edna.getByRole("button", { name: /^Replies/ }).click();
    await expect.poll(() => rows.first().getAttribute("data-annotation-id")).toBe(claims.sea);
    await expect(edna.locator("th", { has: edna.getByRole("button", { name: /^Replies/ }) }).getAttribute("aria-sort")).resolves.toBe("descending");
    await edna.getByRole("button", { name: /^Replies/ }).click();
    await expect.poll(() => rows.last().getAttribute("data-annotation-id")).toBe(claims.sea);
    expect(new URL(edna.url()).searchParams.get("sort")).toBe("replies");
    expect(new URL(edna.url()).searchParams.get("order")).toBe("asc");

    // Select two and assign them to Bruno at once.
    await edna.locator(`tr[data-annotation-id="${claims.sea}"] input[type=checkbox]`).check();
    await edna.locator(`tr[data-annotation-id="${claims.tests}"] input[type=checkbox]`).check();
    await expect(edna.locator(".bulk-count").textContent()).resolves.toBe("2 claims selected");
    await edna.getByLabel("Action").selectOption("assign");
    await edna.getByLabel("Assign to").selectOption({ label: "Bruno" });
    await edna.getByRole("button", { name: "Apply to 2 claims" }).click();
    await edna.getByRole("status").filter({ hasText: "Assigned 2 claims to Bruno." }).waitFor();
    await expect.poll(() => edna.locator(`tr[data-annotation-id="${claims.sea}"]`).textContent()).toContain("Bruno");
    await expect.poll(() => edna.locator(`tr[data-annotation-id="${claims.tests}"]`).textContent()).toContain("Bruno");
    await screenshot(edna, "review-4-dashboard-bulk-assigned");

    // Select all on the page; a refused bulk verdict without a rationale changes nothing and says why.
    await edna.getByRole("checkbox", { name: "Select all claims on this page" }).check();
    await expect(edna.locator(".bulk-count").textContent()).resolves.toBe("4 claims selected");
    await edna.getByLabel("Action").selectOption("setStatus");
    await edna.getByLabel("New status").selectOption("supported");
    await edna.getByRole("button", { name: "Apply to 4 claims" }).click();
    await edna.getByRole("alert").filter({ hasText: "A verdict needs a rationale." }).waitFor();

    // Filter "assigned to Bruno" through the URL, as a bookmark would.
    const bruno = suite.world.users.Bruno!;
    await edna.goto(`${suite.server.origin}/d/${suite.world.documentId}/claims?assignee=${bruno.id}`);
    await expect.poll(() => rows.count()).toBe(2);
    await expect(edna.getByLabel("Assignee").inputValue()).resolves.toBe(bruno.id);

    const assigned = await suite.server.db.claimReview.findMany({ where: { assigneeId: bruno.id } });
    expect(assigned.map((r) => r.annotationId).sort()).toEqual([claims.sea!, claims.tests!].sort());
  });

  it("refreshes the document's dashboard live when a claim changes elsewhere", async () => {
    const edna = await pageFor("Edna");
    await edna.goto(`${suite.server.origin}/d/${suite.world.documentId}/claims`);
    const row = edna.locator(`tr[data-annotation-id="${claims.treaty}"]`);
    await row.locator('.status-badge[data-status="in_review"]').waitFor();
    await edna.waitForTimeout(500);
    await suite.world.users.Alice!.ok("POST", `/api/annotations/${claims.treaty}/review`, { version: 2, status: "open" });
    await row.locator('.status-badge[data-status="open"]').waitFor({ timeout: 3000 });
  });

  it("lists the assigned claims in Bruno's review queue and opens one at its thread", async () => {
    const bruno = await pageFor("Bruno");
    await bruno.goto(`${suite.server.origin}/`);
    await bruno.getByRole("heading", { name: "Your workspaces" }).waitFor();
    await bruno.getByRole("link", { name: "My review queue" }).click();
    await bruno.getByRole("heading", { name: "My review queue" }).waitFor();
    const items = bruno.locator(".queue-item");
    await expect.poll(() => items.count()).toBe(2);
    await expect(bruno.locator(".queue-list").textContent()).resolves.toContain("First, confidence");
    await screenshot(bruno, "review-5-queue");

    await items.filter({ hasText: "First, confidence" }).getByRole("link").click();
    await waitLive(bruno);
    await bruno.getByRole("heading", { name: /Claim by Owner/ }).waitFor();
    await bruno.getByRole("tabpanel").getByText("Naval measures came first.").waitFor();
    expect(new URL(bruno.url()).searchParams.get("a")).toBe(claims.sea);
    await screenshot(bruno, "review-6-queue-opens-thread");
  });

  it("shows a conflicting change as the current state with a notice", async () => {
    const edna = await pageFor("Edna");
    await edna.goto(`${docUrl}?a=${claims.tests}`);
    await waitLive(edna);
    await edna.getByRole("button", { name: "Review this claim" }).click();
    const form = edna.getByRole("form", { name: "Review this claim" });
    await form.getByLabel("Status").selectOption("in_review");
    // Meanwhile the owner reassigns the claim (a new claim version), which arrives live.
    const current = await suite.server.db.claimReview.findUniqueOrThrow({ where: { annotationId: claims.tests! } });
    await suite.world.users.owner!.ok("POST", `/api/annotations/${claims.tests}/assign`, { version: current.version, assigneeId: suite.world.users.owner!.id });
    await form.getByText("Someone changed this claim while you were editing.").waitFor();
    await edna.locator(".claim-assignee select").evaluate((el) => (el as unknown as { value: string }).value).then((v) => expect(v).toBe(suite.world.users.owner!.id));
    // Saving anyway: refused (stale version), then the current review with a notice.
    await form.getByRole("button", { name: "Save review" }).click();
    await edna.locator(".notices").getByText("Someone else changed this claim just before you.", { exact: false }).waitFor();
    await edna.locator(".claim-status-line .status-badge[data-status='open']").waitFor();
    expect(await edna.getByRole("form", { name: "Review this claim" }).count()).toBe(0);
    await screenshot(edna, "review-7-conflict-notice");
    const after = await suite.server.db.claimReview.findUniqueOrThrow({ where: { annotationId: claims.tests! } });
    expect(after.status).toBe("open");
  });

  it("raised no page errors", async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    expect(errors.filter((e) => !e.includes("WebSocket"))).toEqual([]);
  });
});

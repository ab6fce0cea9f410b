/** Document-screen helpers: a workspace with members and tags, text selection, waiting. */
import type { Page } from "playwright-core";
import { buildWorld, httpTransport, type Role } from "../../helpers/kit.ts";

export type Members = Record<string, Role>;

/** The kit's world (the shared article, members in roles) plus a small tag vocabulary: "Claim type" > "Forecast", and "Region". */
export async function documentWithTags(baseUrl: string, members: Members) {
  const setup = await buildWorld(httpTransport(baseUrl), { members });
  const owner = setup.users.owner!;
  const { tag: claimType } = await owner.ok<{ tag: { id: string } }>("POST", `/api/workspaces/${setup.workspaceId}/tags`, { name: "Claim type", color: "#1971c2" });
  const { tag: forecast } = await owner.ok<{ tag: { id: string } }>("POST", `/api/workspaces/${setup.workspaceId}/tags`, {
    name: "Forecast",
    parentId: claimType.id,
    color: "#9c36b5",
  });
  const { tag: region } = await owner.ok<{ tag: { id: string } }>("POST", `/api/workspaces/${setup.workspaceId}/tags`, { name: "Region", color: "#2b8a3e" });
  return { ...setup, tags: { claimType: claimType.id, forecast: forecast.id, region: region.id } };
}

type DocumentWithTags = Awaited<ReturnType<typeof documentWithTags>>;

/** The owner's claim, tagged Forecast, on the first `length` characters of the paragraph that starts "Analysts"; answers its id. */
export async function forecastClaim(setup: DocumentWithTags, body: string, length: number): Promise<string> {
  const p = setup.paragraphs.find((x) => x.text.startsWith("Analysts"))!;
  const { annotation } = await setup.users.owner!.ok<{ annotation: { id: string } }>("POST", `/api/documents/${setup.documentId}/annotations`, {
    kind: "claim",
    body,
    anchor: { start: { paragraphId: p.id, offset: 0 }, end: { paragraphId: p.id, offset: length } },
    tagIds: [setup.tags.forecast],
  });
  return annotation.id;
}

/**
 * In-page code (kept as text: the test runner's transpiler must not touch what runs in the
 * browser): the screen points of the first and last character of a paragraph's text range.
 */
const SELECTION_BOX = `function (prefix, start, end) {
  const block = Array.from(document.querySelectorAll(".article-text [data-pid]")).find((b) => (b.textContent || "").startsWith(prefix));
  if (!block) throw new Error("no paragraph starts with " + prefix);
  const texts = [];
  const walk = (n) => { if (n.nodeType === 3) texts.push(n); else n.childNodes.forEach(walk); };
  walk(block);
  const locate = (offset) => {
    for (const t of texts) { if (offset <= t.length) return [t, offset]; offset -= t.length; }
    const last = texts[texts.length - 1];
    return [last, last.length];
  };
  const range = document.createRange();
  range.setStart(...locate(start));
  range.setEnd(...locate(end));
  const rects = Array.from(range.getClientRects());
  const first = rects[0], last = rects[rects.length - 1];
  return { x1: first.left + 1, y1: (first.top + first.bottom) / 2, x2: last.right - 1, y2: (last.top + last.bottom) / 2 };
}`;

/**
 * Selects characters [start, end) of the article paragraph whose text starts with `prefix`, by
 * dragging the mouse across them as a person would.
 */
export async function dragSelect(page: Page, prefix: string, start: number, end: number): Promise<void> {
  const box = (await page.evaluate(`(${SELECTION_BOX})(${JSON.stringify(prefix)}, ${start}, ${end})`)) as { x1: number; y1: number; x2: number; y2: number };
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 4 });
  await page.mouse.move(box.x2, box.y2, { steps: 4 });
  await page.mouse.up();
}

/** Waits for the document screen to be live (socket joined). */
export async function waitLive(page: Page): Promise<void> {
  await page.locator('.connection[data-state="live"]').waitFor({ timeout: 15_000 });
}

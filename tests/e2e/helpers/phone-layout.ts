/**
 * The phone-width checks every workspace-level page must pass: nothing wider than the viewport
 * (the element scan is `horizontalOverflow`), the document itself never taller than the
 * viewport (the main area scrolls, not the body), and the top bar still in view after the main
 * area is scrolled to its end.
 */
import type { Page } from "playwright-core";
import { horizontalOverflow } from "./document-page.ts";

export interface PhoneLayout {
  /** Elements wider than the viewport or sticking out of it, and whether the page scrolls sideways. */
  overflow: { page: boolean; elements: string[] };
  /** How far the body scrolls (0 when only the main area does). */
  bodyScroll: number;
  /** How far the main area scrolled when asked to go to its end. */
  mainScrolled: number;
  /** The top bar's top and bottom edges after that scroll. */
  header: { top: number; bottom: number };
}

/** Scrolls the page's scroller to its end (as a reader would) and measures; the caller asserts. */
export async function phoneLayout(page: Page): Promise<PhoneLayout> {
  const scan = await horizontalOverflow(page);
  // The skip link waits off-screen to the left until it gets focus: by design, not an overflow.
  const overflow = { page: scan.page, elements: scan.elements.filter((e) => !e.startsWith("a.skip-link ")) };
  const measured = (await page.evaluate(`(async () => {
    const root = document.scrollingElement || document.documentElement;
    root.scrollTop = root.scrollHeight;
    const scrollers = Array.from(document.querySelectorAll("main, main *")).filter((el) => {
      const cs = getComputedStyle(el);
      return (cs.overflowY === "auto" || cs.overflowY === "scroll") && el.scrollHeight > el.clientHeight + 1;
    });
    let mainScrolled = 0;
    for (const el of scrollers) { el.scrollTop = el.scrollHeight; mainScrolled = Math.max(mainScrolled, el.scrollTop); }
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const h = document.querySelector(".app-header").getBoundingClientRect();
    return { bodyScroll: root.scrollTop, mainScrolled, header: { top: h.top, bottom: h.bottom } };
  })()`)) as Omit<PhoneLayout, "overflow">;
  return { overflow, ...measured };
}

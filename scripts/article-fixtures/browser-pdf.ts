/**
 * PDFs as a browser prints them ("Save as PDF" from a journal's or think tank's page):
 * Chromium's headless print of an HTML variant, ragged right, fonts embedded, no header or
 * footer. Needs Debian's `chromium`.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** Articles printed, and the HTML file each is printed from. */
export const BROWSER_PDF_VARIANTS: Record<string, string> = {
  "think-tank-brief": "article.html",
  "spanish-bilingual-abstracts": "article.html",
  "word-saved-html": "article.html",
  "french-policy-review": "article-writer.html",
  "russian-language-journal": "article-writer.html",
  "numbered-affiliations-mdpi": "article-writer.html",
};

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function buildBrowserPdfVariants(root: string): void {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found (apt-get install -y chromium)`);
  for (const [name, source] of Object.entries(BROWSER_PDF_VARIANTS)) {
    const profile = mkdtempSync(join(tmpdir(), "chromium-profile-"));
    const out = join(root, name, "article-browser.pdf");
    try {
      const r = spawnSync(
        CHROMIUM,
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", `--user-data-dir=${profile}`, "--no-pdf-header-footer", `--print-to-pdf=${out}`, pathToFileURL(join(root, name, source)).href],
        { encoding: "utf8", timeout: 120_000 },
      );
      if (r.status !== 0 || !existsSync(out)) throw new Error(`chromium failed for ${name}: ${r.stderr || r.error?.message}`);
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
    console.log(`${name}/article-browser.pdf`);
  }
}

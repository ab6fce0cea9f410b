import { describe, expect, it } from "vitest";
import type { PdfParagraph } from "./pdf-blocks.ts";
import { hasCoverPage } from "./pdf-cover.ts";

const paragraph = (page: number, ...lines: string[]): PdfParagraph => ({ lines, size: 10, page, indent: 0 });

describe("download cover pages", () => {
  it("finds an archive's or a publisher's cover in front of the article", () => {
    const archive = [paragraph(0, "The Title", "Author(s): A. Writer", "Source: Journal, Vol. 1", "Stable URL: https://x.example/1", "Accessed: 06-12-2026"), paragraph(1, "The Title")];
    const publisher = [paragraph(0, "This article was downloaded by: [Library]", "On: 06 December 2026"), paragraph(0, "To cite this article: A. Writer (2025) The Title"), paragraph(0, "To link to this article: https://doi.example/1"), paragraph(1, "The Title")];
    expect(hasCoverPage(archive)).toBe(true);
    expect(hasCoverPage(publisher)).toBe(true);
  });

  it("does not take an article's own first page for one", () => {
    const article = [paragraph(0, "The Title", "Source: survey data from 2024", "Published by the institute"), paragraph(0, "Body text."), paragraph(1, "More body.")];
    expect(hasCoverPage(article)).toBe(false);
    // A cover-like page with nothing after it is the whole document.
    expect(hasCoverPage([paragraph(0, "Author(s): A", "Source: B", "Stable URL: C")])).toBe(false);
  });
});

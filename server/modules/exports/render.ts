/**
 * Rendering a loaded snapshot in one format: a pure function of plain data, so it runs the same
 * inline or on a worker thread (server/workers/jobs.ts `renderExport`).
 */
import type { ExportFormat, ExportQuery } from "../../../common/review.ts";
import type { ExportSnapshot } from "./snapshot.ts";
import { renderHtml } from "./html.ts";
import { renderMarkdown } from "./markdown.ts";
import { renderDocx } from "./docx.ts";
import { renderJsonLd } from "./jsonld.ts";
import { renderCsv } from "./csv.ts";
import { renderClaimReview } from "./claimreview.ts";

interface Format {
  contentType: string;
  extension: string;
  render(s: ExportSnapshot, q: ExportQuery): string | Buffer | Promise<Buffer>;
}

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

/** Each format's media type, file extension and renderer. */
export const FORMATS: Record<ExportFormat, Format> = {
  html: { contentType: "text/html; charset=utf-8", extension: "html", render: renderHtml },
  md: { contentType: "text/markdown; charset=utf-8", extension: "md", render: renderMarkdown },
  docx: { contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extension: "docx", render: renderDocx },
  jsonld: { contentType: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"; charset=utf-8', extension: "jsonld", render: (s, q) => json(renderJsonLd(s, q)) },
  csv: { contentType: "text/csv; charset=utf-8; header=present", extension: "csv", render: renderCsv },
  claimreview: { contentType: "application/ld+json; charset=utf-8", extension: "claimreview.jsonld", render: (s) => json(renderClaimReview(s)) },
};

/** The file's bytes for the snapshot in `q.format`. */
export async function render(s: ExportSnapshot, q: ExportQuery): Promise<Buffer> {
  const out = await FORMATS[q.format].render(s, q);
  return typeof out === "string" ? Buffer.from(out, "utf8") : out;
}


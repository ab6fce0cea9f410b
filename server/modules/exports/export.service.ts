/**
 * One export: check the reader's access, read the snapshot, render it in the asked format.
 * Shared by the REST route and the CLI, so both produce the same bytes for the same state.
 * The route then records the export in the workspace log (recordExport, an audited change).
 */
import { z } from "zod";
import type { Db, Tx } from "../../db/client.ts";
import { ExportFormatSchema, type ExportFormat, type ExportQuery } from "../../../common/review.ts";
import { IdSchema } from "../../../common/workspaces.ts";
import { appendWorkspaceEvent } from "../events/event-log.ts";
import type { Actor } from "../mutations/mutation.ts";
import { loadDocumentAccess } from "../documents/documents.service.ts";
import { authorize } from "../workspaces/membership.ts";
import { filtersOf, loadSnapshot, type ExportSnapshot } from "./snapshot.ts";
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

export const FORMATS: Record<ExportFormat, Format> = {
  html: { contentType: "text/html; charset=utf-8", extension: "html", render: renderHtml },
  md: { contentType: "text/markdown; charset=utf-8", extension: "md", render: renderMarkdown },
  docx: { contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extension: "docx", render: renderDocx },
  jsonld: { contentType: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"; charset=utf-8', extension: "jsonld", render: (s, q) => json(renderJsonLd(s, q)) },
  csv: { contentType: "text/csv; charset=utf-8; header=present", extension: "csv", render: renderCsv },
  claimreview: { contentType: "application/ld+json; charset=utf-8", extension: "claimreview.jsonld", render: (s) => json(renderClaimReview(s)) },
};

export interface ExportFile {
  body: Buffer;
  contentType: string;
  filename: string;
  documentId: string;
  seq: number;
  madeAt: Date;
  title: string;
  /** Annotations in the file. */
  annotations: number;
}

/** A file name that says what it is: title slug, document id, event seq. */
function fileName(s: ExportSnapshot, extension: string): string {
  const slug =
    s.document.title
      .normalize("NFKD")
      .replace(/[^\w\s-]/g, "")
      .trim()
      .replace(/\s+/g, "-")
      .toLowerCase()
      .slice(0, 60) || "document";
  return `${slug}-${s.document.id}-seq${s.document.seq}.${extension}`;
}

/** Renders the snapshot once it is loaded (the bench times this part alone). */
export async function render(s: ExportSnapshot, q: ExportQuery): Promise<Buffer> {
  const out = await FORMATS[q.format].render(s, q);
  return typeof out === "string" ? Buffer.from(out, "utf8") : out;
}

export async function exportDocument(db: Db, userId: string, documentId: string, q: ExportQuery, origin: string): Promise<ExportFile> {
  const { role } = await loadDocumentAccess(db, userId, documentId);
  authorize(role, "document.read");
  const snapshot = await loadSnapshot(db, documentId, filtersOf(q), origin, userId);
  const format = FORMATS[q.format];
  return {
    body: await render(snapshot, q),
    contentType: format.contentType,
    filename: fileName(snapshot, format.extension),
    documentId,
    seq: snapshot.document.seq,
    madeAt: snapshot.madeAt,
    title: snapshot.document.title,
    annotations: snapshot.annotations.length,
  };
}

export const ExportRecordSchema = z.object({
  documentId: IdSchema,
  format: ExportFormatSchema,
  title: z.string(),
  annotations: z.number().int().min(0),
});

/**
 * document:exported records that a member took a copy of a document's annotations out of
 * Scholia: an entry in the workspace log, kept for the audit trail after the document is gone.
 */
export async function recordExport(tx: Tx, actor: Actor, input: z.output<typeof ExportRecordSchema>) {
  const { document } = await loadDocumentAccess(tx, actor.userId, input.documentId);
  const event = await appendWorkspaceEvent(tx, {
    workspaceId: document.workspaceId,
    documentId: document.id,
    type: "document.exported",
    payload: { documentId: document.id, title: input.title, format: input.format, annotations: input.annotations },
    actorId: actor.userId,
  });
  return { result: null, workspaceEvents: [event] };
}

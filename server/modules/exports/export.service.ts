/**
 * One export: check the reader's access, read the snapshot (at the asked version), render it in
 * the asked format. Shared by the REST route and the CLI, so both produce the same bytes for
 * the same state. A large export is rendered on a worker thread, so the event loop keeps
 * answering; a small one inline, where handing it over would cost more than it saves. The
 * route then records the export in the workspace log (recordExport, an audited change).
 */
import { z } from "zod";
import type { Db, Provider, Tx } from "../../db/client.ts";
import { ExportFormatSchema, type ExportQuery } from "../../../common/review.ts";
import { IdSchema } from "../../../common/workspaces.ts";
import { HttpError } from "../../http/errors.ts";
import { appendWorkspaceEvent } from "../events/event-log.ts";
import type { Actor } from "../mutations/mutation.ts";
import type { WorkerPool } from "../../workers/pool.ts";
import { loadDocumentAccess } from "../documents/documents.service.ts";
import { authorize } from "../workspaces/membership.ts";
import { filtersOf, loadSnapshot, type ExportSnapshot } from "./snapshot.ts";
import { FORMATS, render } from "./render.ts";
import { packSnapshot } from "./packed-snapshot.ts";
import { docxSplit, joinDocxHalves, packDocxHalf } from "./docx.ts";

export interface ExportFile {
  body: Buffer;
  contentType: string;
  filename: string;
  documentId: string;
  /** The document version the file holds. */
  version: number;
  seq: number;
  madeAt: Date;
  title: string;
  /** Annotations in the file (placed and not placed). */
  annotations: number;
}

/** Where an export is made: the database kind, the public origin for links, the worker pool. */
export interface ExportSetting {
  provider: Provider;
  origin: string;
  /** Renders large exports off the event loop; without it (the CLI) everything renders inline. */
  workers?: WorkerPool | undefined;
  /** Whose share of the pool the job counts against. */
  key?: string | undefined;
}

/**
 * Paragraphs, annotations and replies above which rendering moves to a worker thread. Below it
 * a render takes a few milliseconds, less than copying the snapshot to a thread and back.
 */
export const INLINE_RENDER_LIMIT = 2_000;

/** How much there is to render: paragraphs, annotations and replies. */
export function snapshotSize(s: ExportSnapshot): number {
  let n = s.paragraphs.length + s.annotations.length + s.unplaced.length;
  for (const a of s.annotations) n += a.replies.length;
  for (const a of s.unplaced) n += a.replies.length;
  return n;
}

/** A file name that says what it is: title slug, document id, version, event seq. */
function fileName(s: ExportSnapshot, extension: string): string {
  const slug =
    s.document.title
      .normalize("NFKD")
      .replace(/[^\w\s-]/g, "")
      .trim()
      .replace(/\s+/g, "-")
      .toLowerCase()
      .slice(0, 60) || "document";
  return `${slug}-${s.document.id}-v${s.document.version}-seq${s.document.seq}.${extension}`;
}

/**
 * Renders the snapshot, on a worker thread when it is large and a pool is given (packed for the
 * trip: a fraction of the cost of copying its objects as they are); Word on two threads at once. A render that runs out of
 * its time or memory budget there is a 503 saying so (the document is not at fault).
 */
export async function renderExport(s: ExportSnapshot, q: ExportQuery, setting: Pick<ExportSetting, "workers" | "key">): Promise<Buffer> {
  if (!setting.workers || snapshotSize(s) <= INLINE_RENDER_LIMIT) return render(s, q);
  const options = { key: setting.key, what: "Rendering this export" };
  try {
    if (q.format === "docx") {
      // Word in two halves side by side, joined and zipped here: docx.ts. The first half (the
      // larger: it writes the document too) is on its thread while the second is packed.
      const split = docxSplit(s);
      const notes = s.annotations.length + s.unplaced.length;
      const [first, second] = await setting.workers.runPair(
        ["docxHalf", { snapshot: packDocxHalf(s, split, true), from: 0, to: split, first: true }],
        () => ["docxHalf", { snapshot: packDocxHalf(s, split, false), from: split, to: notes, first: false }],
        options,
      );
      return await joinDocxHalves(s, first, second);
    }
    const bytes = await setting.workers.run("renderExport", { snapshot: packSnapshot(s), query: q }, options);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } catch (e) {
    if (e instanceof HttpError && e.code === "processing_limit") {
      throw new HttpError(503, "export_unavailable", `${e.message}. Try again when the server is less busy, or export less at once (filters, replies=false, another format)`);
    }
    throw e;
  }
}

export async function exportDocument(db: Db, userId: string, documentId: string, q: ExportQuery, setting: ExportSetting): Promise<ExportFile> {
  const { role } = await loadDocumentAccess(db, userId, documentId);
  authorize(role, "document.read");
  const snapshot = await loadSnapshot(db, setting.provider, { documentId, filters: filtersOf(q), origin: setting.origin, readerId: userId, version: q.version });
  const format = FORMATS[q.format];
  return {
    body: await renderExport(snapshot, q, setting),
    contentType: format.contentType,
    filename: fileName(snapshot, format.extension),
    documentId,
    version: snapshot.document.version,
    seq: snapshot.document.seq,
    madeAt: snapshot.madeAt,
    title: snapshot.document.title,
    annotations: snapshot.annotations.length + snapshot.unplaced.length,
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

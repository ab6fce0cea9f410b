/**
 * The CPU-heavy jobs that run off the event loop, in worker threads (pool.ts). Each is a pure
 * function of plain, structured-cloneable data: the worker cannot reach the database, sockets
 * or the request, only compute.
 */
import { parseImport } from "../modules/documents/import/index.ts";
import type { ImportedDocument, ImportFormat } from "../modules/documents/import/types.ts";
import { buildTextIndex, IMPORT_FUZZY_STEPS, placeQuote, type Placement, type QuoteTarget } from "../anchoring/quote-placement.ts";

export interface Jobs {
  /** Parses an uploaded file into an ImportedDocument. */
  parseImport(input: { format: ImportFormat; bytes: Uint8Array }): Promise<ImportedDocument>;
  /** Places exported quotes onto a document's paragraphs (JSON-LD import). */
  placeQuotes(input: { paragraphs: Array<{ id: string; text: string }>; targets: QuoteTarget[] }): Placement[];
}

export type JobName = keyof Jobs;
export type JobInput<K extends JobName> = Parameters<Jobs[K]>[0];
export type JobOutput<K extends JobName> = Awaited<ReturnType<Jobs[K]>>;

export const JOBS: Jobs = {
  parseImport: ({ format, bytes }) => parseImport(format, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
  placeQuotes: ({ paragraphs, targets }) => {
    const index = buildTextIndex(paragraphs);
    // One budget for the whole import: a file of many near-miss quotes cannot buy unbounded work.
    const budget = { steps: IMPORT_FUZZY_STEPS };
    return targets.map((t) => placeQuote(index, t, budget));
  },
};

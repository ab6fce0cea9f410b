/**
 * Paragraph texts of recently used documents, for resolving anchors without a query per
 * create. Each entry belongs to one document version: an edit makes a new version, and a
 * reader asking for a different version than the cached one gets the paragraphs re-read (an
 * edit also drops the entry once it commits). Entries otherwise leave by age or deletion.
 */
import type { Db, Tx } from "../../db/client.ts";
import type { ParagraphText } from "../../anchoring/resolve.ts";

export interface DocumentParagraphs {
  /** The document version these texts are. */
  version: number;
  byId: Map<string, ParagraphText>;
  /** In document order; index = position. */
  ordered: ParagraphText[];
}

export class ParagraphCache {
  private entries = new Map<string, DocumentParagraphs>();

  constructor(private readonly capacity = 64) {}

  /** The document's paragraphs; with `version`, re-read unless the cached ones are that version. */
  async get(db: Db | Tx, documentId: string, version?: number): Promise<DocumentParagraphs> {
    const hit = this.entries.get(documentId);
    if (hit && (version === undefined || hit.version === version)) {
      // Re-insert to mark as most recently used.
      this.entries.delete(documentId);
      this.entries.set(documentId, hit);
      return hit;
    }
    const [doc, ordered] = [
      await db.document.findUnique({ where: { id: documentId }, select: { version: true } }),
      await db.paragraph.findMany({ where: { documentId }, orderBy: { position: "asc" }, select: { id: true, position: true, text: true } }),
    ];
    const entry = { version: doc?.version ?? 0, byId: new Map(ordered.map((p) => [p.id, p])), ordered };
    this.entries.set(documentId, entry);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }

  forget(documentId: string): void {
    this.entries.delete(documentId);
  }
}

/** The paragraphs from `startId` to `endId` inclusive, as resolveAnchor wants them. */
export function spanOf(doc: DocumentParagraphs, startId: string, endId: string): ParagraphText[] {
  const missing = { id: "", position: 0, text: "" };
  const s = doc.byId.get(startId);
  const e = doc.byId.get(endId);
  if (!s || !e) return [s ?? missing, e ?? missing];
  if (s.id === e.id) return [s];
  if (s.position > e.position) return [s, e];
  return doc.ordered.filter((p) => p.position >= s.position && p.position <= e.position);
}

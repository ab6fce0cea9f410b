/**
 * Paragraph texts of recently used documents, for resolving anchors without a query per
 * create. Paragraph text never changes once imported (the article is read-only in Scholia;
 * a new version would be a new import), so entries only leave by age or when the document
 * is deleted.
 */
import type { Db, Tx } from "../../db/client.ts";
import type { ParagraphText } from "../../anchoring/resolve.ts";

export interface DocumentParagraphs {
  byId: Map<string, ParagraphText>;
  /** In document order; index = position. */
  ordered: ParagraphText[];
}

export class ParagraphCache {
  private entries = new Map<string, DocumentParagraphs>();

  constructor(private readonly capacity = 64) {}

  async get(db: Db | Tx, documentId: string): Promise<DocumentParagraphs> {
    const hit = this.entries.get(documentId);
    if (hit) {
      // Re-insert to mark as most recently used.
      this.entries.delete(documentId);
      this.entries.set(documentId, hit);
      return hit;
    }
    const ordered = await db.paragraph.findMany({ where: { documentId }, orderBy: { position: "asc" }, select: { id: true, position: true, text: true } });
    const entry = { byId: new Map(ordered.map((p) => [p.id, p])), ordered };
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

/**
 * A node's cache of document annotation lists, as the bytes sent, keyed by the document's log
 * position (lastSeq). Every change that can alter a list (a create, edit or delete, a reply, a
 * review, a tag merge, a document edit that moves anchors, a re-attach) appends to the
 * document's log in its own transaction, so a list made at seq N stays right until the seq
 * moves on; a request that finds a newer seq makes the list again. Nothing needs to be told to
 * forget, and several nodes each keep their own copy without going stale (the seq is read from
 * the database on every request, with the access check).
 *
 * Each entry keeps its JSON and, made on first demand, its gzip and brotli forms, and what the
 * build chose to keep for making the next list from this one (`source`; the compact form keeps
 * the list itself, to take the rows of unchanged annotations from). Concurrent requests for a list not yet made wait for
 * one build. Bounded by documents and by bytes (an entry counts its JSON, its compressed forms
 * and the size its build gave for its source).
 */
import { createHash } from "node:crypto";
import { compress, type Encoding } from "../../http/compression.ts";

export type ListVariant = "full" | "summary" | "compact";

/**
 * Brotli quality for lists: 4 compresses a 1 MB compact list in about two thirds of the time of
 * 5 (made while the first reader after a change waits), for about 10% more bytes.
 */
const LIST_BROTLI_QUALITY = 4;

export interface CachedList {
  documentId: string;
  variant: ListVariant;
  seq: number;
  json: Buffer;
  /** What the build kept to make the next list of this document and variant from. */
  source: unknown;
  etag: string;
  encoded: Map<Encoding, Promise<Buffer>>;
  bytes: number;
}

interface DocumentLists {
  seq: number;
  lists: Map<ListVariant, CachedList>;
}

export class AnnotationListCache {
  private docs = new Map<string, DocumentLists>();
  private building = new Map<string, Promise<CachedList>>();
  private bytes = 0;

  constructor(
    private readonly maxDocuments = 64,
    private readonly maxBytes = 96 * 1024 * 1024,
  ) {}

  /**
   * The list of `variant` for the document at `seq`, built with `build` when not held. `build`
   * is given the held list of an earlier seq, if any, and answers the seq it actually read
   * (never older than `seq`), the value to send, and what to keep for the next build with
   * about how many bytes of memory it takes.
   */
  async get(
    documentId: string,
    seq: number,
    variant: ListVariant,
    build: (previous: CachedList | undefined) => Promise<{ seq: number; value: unknown; source?: unknown; sourceBytes?: number }>,
  ): Promise<CachedList> {
    const held = this.docs.get(documentId);
    const hit = held && held.seq === seq ? held.lists.get(variant) : undefined;
    if (hit) {
      // Most recently used last.
      this.docs.delete(documentId);
      this.docs.set(documentId, held!);
      return hit;
    }
    const key = `${documentId}\u0000${seq}\u0000${variant}`;
    let pending = this.building.get(key);
    if (!pending) {
      const previous = held && held.seq < seq ? held.lists.get(variant) : undefined;
      pending = build(previous)
        .then(({ seq: readAt, value, source, sourceBytes }) => this.put(documentId, readAt, variant, Buffer.from(JSON.stringify(value), "utf8"), source, sourceBytes ?? 0))
        .finally(() => this.building.delete(key));
      this.building.set(key, pending);
    }
    return pending;
  }

  /** The entry's body in `encoding`, compressed once and kept. */
  encoded(entry: CachedList, encoding: Encoding): Promise<Buffer> {
    let p = entry.encoded.get(encoding);
    if (!p) {
      p = compress(entry.json, encoding, LIST_BROTLI_QUALITY).then((out) => {
        if (this.docs.get(entry.documentId)?.lists.get(entry.variant) === entry) {
          entry.bytes += out.length;
          this.bytes += out.length;
          this.trim();
        }
        return out;
      });
      entry.encoded.set(encoding, p);
      p.catch(() => entry.encoded.delete(encoding));
    }
    return p;
  }

  /** How many documents and bytes are held (for tests and metrics). */
  size(): { documents: number; bytes: number } {
    return { documents: this.docs.size, bytes: this.bytes };
  }

  private put(documentId: string, seq: number, variant: ListVariant, json: Buffer, source: unknown, sourceBytes: number): CachedList {
    const etag = `"${createHash("sha1").update(json).digest("base64url")}"`;
    const entry: CachedList = { documentId, variant, seq, json, source, etag, encoded: new Map(), bytes: json.length + sourceBytes };
    let held = this.docs.get(documentId);
    if (held && held.seq > seq) return entry; // a newer list is held already: answer with this one, keep that one
    if (!held || held.seq < seq) {
      if (held) this.drop(documentId, held);
      held = { seq, lists: new Map() };
    } else this.docs.delete(documentId);
    const before = held.lists.get(variant);
    if (before) this.bytes -= before.bytes;
    held.lists.set(variant, entry);
    this.docs.set(documentId, held);
    this.bytes += entry.bytes;
    this.trim();
    return entry;
  }

  private drop(documentId: string, held: DocumentLists): void {
    for (const e of held.lists.values()) this.bytes -= e.bytes;
    this.docs.delete(documentId);
  }

  private trim(): void {
    while (this.docs.size > 0 && (this.docs.size > this.maxDocuments || this.bytes > this.maxBytes)) {
      const [oldest, held] = this.docs.entries().next().value!;
      this.drop(oldest, held);
    }
  }
}

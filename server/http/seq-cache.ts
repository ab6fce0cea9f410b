/**
 * A node's cache of reads about one document, as the bytes sent, keyed by the document's log
 * position (lastSeq): its annotation lists (annotations.routes.ts) and its text
 * (documents.routes.ts). Every change that can alter such a read (an annotation's create, edit
 * or delete, a reply, a review, a tag merge, an edit of the text, a revised draft, a re-attach)
 * appends to the document's log in its own transaction, so a read made at seq N stays right
 * until the seq moves on; a request that finds a newer seq makes it again. Nothing needs to be
 * told to forget, and several nodes each keep their own copy without going stale (the seq is
 * read from the database on every request, with the access check).
 *
 * Each entry keeps its JSON and, made on first demand, its gzip and brotli forms, and what the
 * build chose to keep for making the next read from this one (`source`; the compact list keeps
 * the list itself, to take the rows of unchanged annotations from). Concurrent requests for a
 * read not yet made wait for one build. A build that cannot say which seq it read answers
 * without being kept. Bounded by documents and by bytes (an entry counts its JSON, its
 * compressed forms and the size its build gave for its source).
 */
import { createHash } from "node:crypto";
import type { Request, Response } from "express";
import { chooseEncoding, compress, COMPRESSION_THRESHOLD, type Encoding } from "./compression.ts";

/**
 * Brotli quality: 4 compresses a 1 MB compact list in about two thirds of the time of 5 (made
 * while the first reader after a change waits), for about 10% more bytes.
 */
const CACHED_BROTLI_QUALITY = 4;

export interface CachedRead {
  documentId: string;
  /** Which read of the document (a list's form, the text as one role sees it...). */
  variant: string;
  seq: number;
  json: Buffer;
  /** What the build kept to make the next list of this document and variant from. */
  source: unknown;
  etag: string;
  encoded: Map<Encoding, Promise<Buffer>>;
  bytes: number;
}

interface DocumentReads {
  seq: number;
  lists: Map<string, CachedRead>;
}

/** What a build answers: the seq it read at (null: not known for sure, so not kept), the value, what to keep. */
export interface Built {
  seq: number | null;
  value: unknown;
  source?: unknown;
  sourceBytes?: number;
}

export class SeqCache {
  private docs = new Map<string, DocumentReads>();
  private building = new Map<string, Promise<CachedRead>>();
  private bytes = 0;

  constructor(
    private readonly maxDocuments = 64,
    private readonly maxBytes = 96 * 1024 * 1024,
  ) {}

  /**
   * The read `variant` of the document at `seq`, built with `build` when not held. `build` is
   * given the held read of an earlier seq, if any, and answers the seq it actually read (never
   * older than `seq`; null when it cannot tell), the value to send, and what to keep for the
   * next build with about how many bytes of memory it takes.
   */
  async get(documentId: string, seq: number, variant: string, build: (previous: CachedRead | undefined) => Promise<Built>): Promise<CachedRead> {
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
        .then(({ seq: readAt, value, source, sourceBytes }) => {
          const json = Buffer.from(JSON.stringify(value), "utf8");
          return readAt === null ? this.entry(documentId, -1, variant, json, source, sourceBytes ?? 0) : this.put(documentId, readAt, variant, json, source, sourceBytes ?? 0);
        })
        .finally(() => this.building.delete(key));
      this.building.set(key, pending);
    }
    return pending;
  }

  /** The entry's body in `encoding`, compressed once and kept. */
  encoded(entry: CachedRead, encoding: Encoding): Promise<Buffer> {
    let p = entry.encoded.get(encoding);
    if (!p) {
      p = compress(entry.json, encoding, CACHED_BROTLI_QUALITY).then((out) => {
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

  private entry(documentId: string, seq: number, variant: string, json: Buffer, source: unknown, sourceBytes: number): CachedRead {
    const etag = `"${createHash("sha1").update(json).digest("base64url")}"`;
    return { documentId, variant, seq, json, source, etag, encoded: new Map(), bytes: json.length + sourceBytes };
  }

  private put(documentId: string, seq: number, variant: string, json: Buffer, source: unknown, sourceBytes: number): CachedRead {
    const entry = this.entry(documentId, seq, variant, json, source, sourceBytes);
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

  private drop(documentId: string, held: DocumentReads): void {
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

/** Sends a cached read: ETag and 304, then gzip or brotli when asked for and worth it. */
export async function sendCached(req: Request, res: Response, cache: SeqCache, entry: CachedRead): Promise<void> {
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Cache-Control", "private, no-cache");
  res.setHeader("ETag", entry.etag);
  res.vary("Accept-Encoding");
  if (req.fresh) return void res.status(304).end();
  const encoding = entry.json.length >= COMPRESSION_THRESHOLD ? chooseEncoding(req.headers["accept-encoding"]) : null;
  if (!encoding) return void res.end(entry.json);
  const body = await cache.encoded(entry, encoding);
  res.setHeader("Content-Encoding", encoding);
  res.setHeader("Content-Length", body.length);
  res.end(body);
}

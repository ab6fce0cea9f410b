/**
 * The parts of a .docx, read with the bounded ZIP reader (zip-limits.ts) and handed to mammoth
 * as its "file": mammoth reads parts through `exists` and `read`, so a part can be given in a
 * rewritten form (the main document with range markers: docx-markers.ts) without packing a new
 * archive. Relationships name the parts: the main document from `_rels/.rels`, its comments
 * and their threading from the main document's own relationships.
 */
import { posix } from "node:path";
import { inflateEntry, readZipDirectory, type ZipEntry } from "./zip-limits.ts";

const OFFICE_DOCUMENT = /\/officeDocument$/;
const COMMENTS = /\/relationships\/comments$/;
const COMMENTS_EXTENDED = /\/relationships\/commentsExtended$/;
const STYLES = /\/relationships\/styles$/;

/** What mammoth calls on its input's `file` (lib/unzip.js openZip, lib/zipfile.js). */
export interface MammothFile {
  exists(name: string): boolean;
  read(name: string, encoding?: string): Promise<string | Uint8Array>;
  write(name: string, contents: string): void;
}

export class DocxPackage {
  private readonly entries: Map<string, ZipEntry>;
  private readonly cache = new Map<string, Buffer>();

  constructor(private readonly buf: Buffer) {
    this.entries = new Map(readZipDirectory(buf).map((e) => [e.name, e]));
  }

  bytes(name: string): Buffer | null {
    const key = name.replace(/^\//, "");
    const cached = this.cache.get(key);
    if (cached) return cached;
    const entry = this.entries.get(key);
    if (!entry) return null;
    const data = inflateEntry(this.buf, entry);
    this.cache.set(key, data);
    return data;
  }

  text(name: string | null): string | null {
    if (name === null) return null;
    const data = this.bytes(name);
    return data ? data.toString("utf8").replace(/^\uFEFF/, "") : null;
  }

  /**
   * The first existing target of a relationship of `type` in the relationships of `part` ("" for
   * the package), as mammoth chooses it (lib/docx/docx-reader.js findPartPath).
   */
  private related(part: string, type: RegExp): string | null {
    const dir = posix.dirname(part);
    const rels = this.text(part === "" ? "_rels/.rels" : posix.join(dir, "_rels", `${posix.basename(part)}.rels`));
    if (!rels) return null;
    for (const m of rels.matchAll(/<Relationship\b([^>]*)>/g)) {
      const attrs = m[1]!;
      const t = /\bType="([^"]*)"/.exec(attrs)?.[1];
      const target = /\bTarget="([^"]*)"/.exec(attrs)?.[1];
      if (!t || !target || !type.test(t) || /\bTargetMode="External"/.test(attrs)) continue;
      const path = target.startsWith("/") ? target.slice(1) : posix.join(part === "" ? "" : dir, target);
      if (this.entries.has(path)) return path;
    }
    return null;
  }

  mainDocument(): string {
    return this.related("", OFFICE_DOCUMENT) ?? "word/document.xml";
  }

  comments(main: string): string | null {
    return this.related(main, COMMENTS);
  }

  styles(main: string): string | null {
    return this.related(main, STYLES);
  }

  commentsExtended(main: string): string | null {
    return this.related(main, COMMENTS_EXTENDED);
  }

  /**
   * mammoth's view of the package, with `overrides` (part name -> text) in place of those parts
   * and without the `hidden` ones.
   */
  asMammothFile(overrides: ReadonlyMap<string, string> = new Map(), hidden: ReadonlySet<string> = new Set()): MammothFile {
    const written = new Map<string, string>();
    return {
      exists: (name) => !hidden.has(name) && (overrides.has(name) || written.has(name) || this.entries.has(name.replace(/^\//, ""))),
      read: (name, encoding) => {
        const text = overrides.get(name) ?? written.get(name);
        if (text !== undefined) return Promise.resolve(encoding ? text : new TextEncoder().encode(text));
        const data = this.bytes(name);
        if (!data) return Promise.reject(new Error(`no part ${name}`));
        if (encoding === "base64") return Promise.resolve(data.toString("base64"));
        if (encoding) return Promise.resolve(new TextDecoder(encoding).decode(data));
        return Promise.resolve(new Uint8Array(data));
      },
      write: (name, contents) => void written.set(name, contents),
    };
  }
}

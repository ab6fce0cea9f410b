/**
 * Bounds a ZIP container (a .docx) before anything inflates it for real. A .docx under 1 MB can
 * declare, or secretly hold, hundreds of megabytes of XML; mammoth would inflate and parse all
 * of it. Here the central directory is read first (entry count, declared sizes, ratios,
 * methods), then every entry is inflated with a hard output cap, so a file that lies about its
 * sizes is caught as well. Finally the XML parts are scanned for nesting depth and element
 * counts. Everything here is linear in the bytes it is allowed to produce.
 */
import { inflateRawSync } from "node:zlib";
import { ImportError, MAX_IMPORT_PARAGRAPHS } from "./types.ts";

export interface ZipLimits {
  /** Entries in the archive. */
  maxEntries: number;
  /** Sum of the uncompressed sizes of all entries. */
  maxTotalBytes: number;
  /** Uncompressed / compressed, checked for entries larger than `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
  /** Element nesting in any XML part. */
  maxXmlDepth: number;
  /** Elements in all XML parts together. */
  maxXmlElements: number;
  /** Attributes in all XML parts together (each costs its parser an object, as an element does). */
  maxXmlAttributes: number;
  /**
   * Word paragraphs (`<w:p>`) in the parts converted to text (comments aside: they are read on
   * their own, at most MAX_WORD_COMMENTS). Converting costs per paragraph, and far more of them
   * than an import may hold is refused before any is converted.
   */
  maxWordParagraphs: number;
}

export const DOCX_LIMITS: ZipLimits = {
  maxEntries: 1_000,
  maxTotalBytes: 50 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
  maxXmlDepth: 256,
  maxXmlElements: 2_000_000,
  maxXmlAttributes: 2_000_000,
  // Three times the paragraphs an import may hold: empty paragraphs and table cells are dropped or joined.
  maxWordParagraphs: 3 * MAX_IMPORT_PARAGRAPHS,
};

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_MIN = 22;
const CENTRAL_MIN = 46;
const LOCAL_MIN = 30;
const STORED = 0;
const DEFLATED = 8;

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const megabytes = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;

function corrupt(why: string): ImportError {
  return new ImportError("corrupt_file", 400, `The .docx file is corrupt or not a Word document (${why})`);
}

function tooLarge(message: string): ImportError {
  return new ImportError("too_large", 413, message);
}

/** The end-of-central-directory record: searched backwards over the comment area. */
function findEocd(buf: Buffer): number {
  const lowest = Math.max(0, buf.length - (EOCD_MIN + 0xffff));
  for (let at = buf.length - EOCD_MIN; at >= lowest; at--) {
    if (buf.readUInt32LE(at) === EOCD_SIGNATURE) return at;
  }
  throw corrupt("no ZIP directory");
}

/** Reads the central directory and checks what it declares against `limits`. */
export function readZipDirectory(buf: Buffer, limits: ZipLimits = DOCX_LIMITS): ZipEntry[] {
  if (buf.length < EOCD_MIN) throw corrupt("too short");
  const eocd = findEocd(buf);
  const count = buf.readUInt16LE(eocd + 10);
  const dirSize = buf.readUInt32LE(eocd + 12);
  const dirOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) throw corrupt("ZIP64 archives are not used by Word documents");
  if (count > limits.maxEntries) throw tooLarge(`The .docx holds ${count} files; at most ${limits.maxEntries} are accepted`);
  // Readers differ on an archive whose end record disagrees with its directory (JSZip, under
  // mammoth, reads every directory entry it finds and shifts all offsets by any gap before the
  // end record), so what was measured here must be exactly what they read: the directory ends
  // where the end record starts and holds exactly the entries it counts.
  if (dirOffset + dirSize !== eocd) throw corrupt("the directory does not end where its end record starts");

  const entries: ZipEntry[] = [];
  let total = 0;
  let at = dirOffset;
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_MIN > eocd || buf.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw corrupt("broken directory entry");
    const method = buf.readUInt16LE(at + 10);
    const compressedSize = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const localOffset = buf.readUInt32LE(at + 42);
    const name = buf.toString("utf8", at + CENTRAL_MIN, at + CENTRAL_MIN + nameLength);
    at += CENTRAL_MIN + nameLength + extraLength + commentLength;
    if (method !== STORED && method !== DEFLATED) throw corrupt(`unsupported compression in ${name}`);
    if (compressedSize === 0xffffffff || size === 0xffffffff) throw corrupt("ZIP64 entries are not used by Word documents");
    total += size;
    if (total > limits.maxTotalBytes) {
      throw tooLarge(`The .docx inflates to more than ${megabytes(limits.maxTotalBytes)} (the limit for uncompressed content)`);
    }
    if (size > limits.ratioFloorBytes && size / Math.max(1, compressedSize) > limits.maxRatio) {
      throw tooLarge(`A part of the .docx (${name}) inflates ${Math.round(size / Math.max(1, compressedSize))} times its size; at most ${limits.maxRatio} times is accepted`);
    }
    entries.push({ name, method, compressedSize, size, localOffset });
  }
  if (at !== eocd) throw corrupt("the directory holds more entries than its end record counts");
  return entries;
}

/** The entry's bytes, inflated with a hard cap: its declared size, which the directory check bounded. */
export function inflateEntry(buf: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localOffset;
  if (at + LOCAL_MIN > buf.length || buf.readUInt32LE(at) !== LOCAL_SIGNATURE) throw corrupt(`no data for ${entry.name}`);
  const start = at + LOCAL_MIN + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length) throw corrupt(`${entry.name} is cut short`);
  const raw = buf.subarray(start, end);
  if (entry.method === STORED) {
    if (raw.length !== entry.size) throw corrupt(`${entry.name} has the wrong size`);
    return raw;
  }
  let out: Buffer;
  try {
    // One byte over the declared size is enough to prove the directory lied.
    out = inflateRawSync(raw, { maxOutputLength: entry.size + 1 });
  } catch (e) {
    if (e instanceof RangeError) throw tooLarge(`A part of the .docx (${entry.name}) inflates beyond the size its directory declares`);
    throw corrupt(`${entry.name} does not inflate`);
  }
  if (out.length !== entry.size) throw corrupt(`${entry.name} has the wrong size`);
  return out;
}

/** WordprocessingML's namespace (transitional and strict), bound to a prefix or as the default. */
const WORD_NAMESPACE_RE = /xmlns(?::([^\s=:>/]+))?\s*=\s*(["'])(?:http:\/\/schemas\.openxmlformats\.org\/wordprocessingml\/2006\/main|http:\/\/purl\.oclc\.org\/ooxml\/wordprocessingml\/main)\2/g;

/**
 * Depth, element and attribute counts of an XML text, by a linear scan of its tags (no tree is
 * built). Comments, CDATA, processing instructions and declarations are skipped. A tag ends at
 * the first ">" outside its attribute values (a value may hold "/>" or ">"), and is empty when
 * "/" comes right before that. Word paragraphs are the elements named "p" in WordprocessingML's
 * namespace under whatever prefix the part binds it to ("w:p" as Word writes it, "x:p", or "p"
 * under a default namespace).
 */
export function measureXml(xml: string): { depth: number; elements: number; attributes: number; wordParagraphs: number } {
  const wordPrefixes = new Set<string>(["w"]);
  for (const m of xml.matchAll(WORD_NAMESPACE_RE)) wordPrefixes.add(m[1] ?? "");
  let depth = 0;
  let maxDepth = 0;
  let elements = 0;
  let attributes = 0;
  let wordParagraphs = 0;
  let at = xml.indexOf("<");
  while (at >= 0 && at < xml.length) {
    const next = xml.charCodeAt(at + 1);
    if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
      const close = xml.startsWith("<!--", at) ? xml.indexOf("-->", at + 4) : xml.startsWith("<![CDATA[", at) ? xml.indexOf("]]>", at + 9) : xml.indexOf(">", at + 2);
      if (close < 0) break;
      at = xml.indexOf("<", close + 1);
      continue;
    }
    // The tag's end, stepping over quoted values; its name ends at the first space, "/" or ">".
    let end = -1;
    let nameEnd = -1;
    for (let i = at + 1; i < xml.length; ) {
      const c = xml.charCodeAt(i);
      if (nameEnd < 0 && (c === 0x3e || c === 0x2f || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) && i > at + 1) nameEnd = i;
      if (c === 0x3e /* > */) {
        end = i;
        break;
      }
      if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
        const quote = xml.indexOf(c === 0x22 ? '"' : "'", i + 1);
        if (quote < 0) break;
        i = quote + 1;
        continue;
      }
      if (c === 0x3d /* = */) attributes++;
      i++;
    }
    if (end < 0) break;
    if (next === 0x2f /* / */) {
      depth = Math.max(0, depth - 1);
    } else {
      elements++;
      const name = xml.slice(at + 1, nameEnd < 0 ? end : nameEnd);
      const colon = name.indexOf(":");
      if (name.slice(colon + 1) === "p" && wordPrefixes.has(colon < 0 ? "" : name.slice(0, colon))) wordParagraphs++;
      if (xml.charCodeAt(end - 1) !== 0x2f) {
        depth++;
        if (depth > maxDepth) maxDepth = depth;
      }
    }
    at = xml.indexOf("<", end + 1);
  }
  return { depth: maxDepth, elements, attributes, wordParagraphs };
}

/**
 * Whether an entry may be read as XML whatever its name: its first byte after an optional UTF-8
 * byte order mark and whitespace is "<". The relationships choose which part is the document,
 * its styles or notes, so a part named "word/document.dat" is parsed as XML all the same; images
 * (PNG, JPEG, GIF, EMF...) never start this way.
 */
function startsLikeXml(data: Buffer): boolean {
  let at = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? 3 : 0;
  while (at < data.length && (data[at] === 0x20 || data[at] === 0x09 || data[at] === 0x0a || data[at] === 0x0d)) at++;
  return data[at] === 0x3c;
}

/**
 * Checks a .docx against `limits`: the directory, then every entry inflated under its cap,
 * then the XML parts' (every part that may be read as XML, whatever its name) depth and element counts. Throws ImportError (413 naming the limit, or
 * 400 for a broken archive).
 */
export function assertZipWithinLimits(buf: Buffer, limits: ZipLimits = DOCX_LIMITS): void {
  const entries = readZipDirectory(buf, limits);
  let elements = 0;
  let attributes = 0;
  let wordParagraphs = 0;
  for (const entry of entries) {
    const data = inflateEntry(buf, entry);
    if (!/\.(xml|rels)$/i.test(entry.name) && !startsLikeXml(data)) continue;
    const measured = measureXml(data.toString("utf8"));
    if (measured.depth > limits.maxXmlDepth) {
      throw tooLarge(`A part of the .docx (${entry.name}) nests elements ${measured.depth} deep; at most ${limits.maxXmlDepth} is accepted`);
    }
    elements += measured.elements;
    if (elements > limits.maxXmlElements) {
      throw tooLarge(`The .docx holds more than ${limits.maxXmlElements.toLocaleString("en-US")} XML elements (the limit)`);
    }
    attributes += measured.attributes;
    if (attributes > limits.maxXmlAttributes) {
      throw tooLarge(`The .docx holds more than ${limits.maxXmlAttributes.toLocaleString("en-US")} XML attributes (the limit)`);
    }
    if (!/(?:^|\/)comments[^/]*\.xml$/i.test(entry.name)) wordParagraphs += measured.wordParagraphs;
    if (wordParagraphs > limits.maxWordParagraphs) {
      throw new ImportError(
        "too_many_paragraphs",
        413,
        `The .docx holds more than ${limits.maxWordParagraphs.toLocaleString("en-US")} Word paragraphs; at most ${MAX_IMPORT_PARAGRAPHS.toLocaleString("en-US")} can be imported`,
      );
    }
  }
}

/**
 * Builds ZIP archives (and .docx files) byte by byte for tests, including hostile ones: entries
 * that inflate to hundreds of megabytes from a few hundred kilobytes, and entries whose
 * directory lies about their size.
 */
import { crc32, createDeflateRaw } from "node:zlib";

export interface ZipSource {
  name: string;
  /** The entry's content, or a generator of chunks for content too large to hold at once. */
  content: Buffer | string | { repeat: string; times: number };
  /** Written into the headers instead of the real uncompressed size (a lying archive). */
  declaredSize?: number;
}

async function deflate(source: ZipSource["content"]): Promise<{ data: Buffer; size: number; crc: number }> {
  const stream = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  stream.on("data", (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    stream.on("end", resolve);
    stream.on("error", reject);
  });
  let size = 0;
  let crc = 0;
  const write = async (chunk: Buffer) => {
    size += chunk.length;
    crc = crc32(chunk, crc);
    if (!stream.write(chunk)) await new Promise((r) => stream.once("drain", r));
  };
  if (typeof source === "string" || Buffer.isBuffer(source)) {
    await write(Buffer.from(source));
  } else {
    // About 1 MB per write keeps memory flat for any total.
    const per = Math.max(1, Math.floor((1024 * 1024) / Buffer.byteLength(source.repeat)));
    const block = Buffer.from(source.repeat.repeat(per));
    let left = source.times;
    while (left >= per) {
      await write(block);
      left -= per;
    }
    if (left > 0) await write(Buffer.from(source.repeat.repeat(left)));
  }
  stream.end();
  await done;
  return { data: Buffer.concat(out), size, crc };
}

/**
 * The fields a local file header and its central directory entry share, in the same order:
 * version needed (2.0), flags (UTF-8 names), method (deflate), time and date (left 0), CRC-32,
 * compressed and uncompressed sizes, name length. They start at byte 4 of a local header and at
 * byte 6 of a central entry.
 */
function writeEntryFields(header: Buffer, at: number, entry: { crc: number; compressed: number; declared: number; nameLength: number }): void {
  header.writeUInt16LE(20, at);
  header.writeUInt16LE(0x0800, at + 2);
  header.writeUInt16LE(8, at + 4);
  header.writeUInt32LE(entry.crc >>> 0, at + 10);
  header.writeUInt32LE(entry.compressed, at + 14);
  header.writeUInt32LE(entry.declared, at + 18);
  header.writeUInt16LE(entry.nameLength, at + 22);
}

/** A ZIP archive of deflated entries. */
export async function buildZip(sources: ZipSource[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const s of sources) {
    const { data, size, crc } = await deflate(s.content);
    const name = Buffer.from(s.name, "utf8");
    const entry = { crc, compressed: data.length, declared: s.declaredSize ?? size, nameLength: name.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeEntryFields(local, 4, entry);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: version 2.0
    writeEntryFields(central, 6, entry);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(sources.length, 8);
  eocd.writeUInt16LE(sources.length, 10);
  eocd.writeUInt32LE(dir.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, eocd]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
const DOC_OPEN = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
const DOC_CLOSE = "</w:body></w:document>";

/** A minimal .docx whose document.xml body is `body` (or `body.repeat` `body.times` times). */
export async function buildDocx(body: string | { repeat: string; times: number }, opts: { declaredSize?: number } = {}): Promise<Buffer> {
  const document: ZipSource =
    typeof body === "string"
      ? { name: "word/document.xml", content: DOC_OPEN + body + DOC_CLOSE }
      : { name: "word/document.xml", content: { repeat: body.repeat, times: body.times } };
  if (opts.declaredSize !== undefined) document.declaredSize = opts.declaredSize;
  return buildZip([{ name: "[Content_Types].xml", content: CONTENT_TYPES }, { name: "_rels/.rels", content: ROOT_RELS }, document]);
}

/** Paragraph XML for buildDocx. */
export const docxParagraph = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</w:t></w:r></w:p>`;

/**
 * A ZIP archive writer for the few parts of a Word file: each part deflated once (raw deflate at
 * a fast level, the parts in parallel on libuv's thread pool), then local headers, data and the
 * central directory written in one pass. File names are UTF-8 (flag bit 11); no ZIP64, since a
 * part of an export stays far below 4 GB (checked, not assumed).
 */
import { crc32, deflateRaw, constants } from "node:zlib";
import { promisify } from "node:util";

const deflate = promisify(deflateRaw);

export interface ZipPart {
  name: string;
  data: Buffer | string;
}

/** Fast deflate: on XML, level 1 gives most of the size reduction at a fraction of the default level's time. */
export const ZIP_LEVEL = 1;
const UTF8_NAMES = 0x0800;
const DEFLATE = 8;
const VERSION = 20;
const LIMIT = 0xffffffff;

/** MS-DOS time and date fields (local time is meaningless across servers: UTC is written). */
function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.min(Math.max(d.getUTCFullYear(), 1980), 2107);
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

interface Entry {
  name: Buffer;
  crc: number;
  size: number;
  packed: Buffer;
}

/**
 * The fields a local header and its central directory header hold alike, in the same order:
 * version needed, flags, method, time, date, CRC-32, packed and unpacked sizes, name length and
 * extra field length (none), from `at` (4 in a local header, 6 in a central one).
 */
function writeEntryFields(b: Buffer, at: number, e: Entry, time: number, date: number): void {
  b.writeUInt16LE(VERSION, at);
  b.writeUInt16LE(UTF8_NAMES, at + 2);
  b.writeUInt16LE(DEFLATE, at + 4);
  b.writeUInt16LE(time, at + 6);
  b.writeUInt16LE(date, at + 8);
  b.writeUInt32LE(e.crc, at + 10);
  b.writeUInt32LE(e.packed.length, at + 14);
  b.writeUInt32LE(e.size, at + 18);
  b.writeUInt16LE(e.name.length, at + 22);
  b.writeUInt16LE(0, at + 24);
}

/** The archive's bytes, the parts in the order given. */
export async function zip(parts: ZipPart[], modified: Date): Promise<Buffer> {
  const { time, date } = dosDateTime(modified);
  const entries = await Promise.all(
    parts.map(async (p): Promise<Entry> => {
      const raw = typeof p.data === "string" ? Buffer.from(p.data, "utf8") : p.data;
      if (raw.length >= LIMIT) throw new Error(`zip: part ${p.name} is too large for a ZIP without ZIP64`);
      const packed = await deflate(raw, { level: ZIP_LEVEL, strategy: constants.Z_DEFAULT_STRATEGY });
      return { name: Buffer.from(p.name, "utf8"), crc: crc32(raw), size: raw.length, packed };
    }),
  );
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeEntryFields(local, 4, e, time, date);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(VERSION, 4);
    writeEntryFields(header, 6, e, time, date);
    // Comment, disk number, internal and external attributes: all zero.
    header.writeUInt32LE(offset, 42);
    chunks.push(local, e.name, e.packed);
    central.push(header, e.name);
    offset += local.length + e.name.length + e.packed.length;
    if (offset >= LIMIT) throw new Error("zip: the archive is too large for a ZIP without ZIP64");
  }
  const directorySize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}

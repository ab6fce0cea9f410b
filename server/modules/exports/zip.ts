/**
 * A ZIP archive writer for the few parts of a Word file: each part deflated once (raw deflate at
 * a fast level, on libuv's thread pool), then local headers, data and the central directory
 * written in one pass. File names are UTF-8 (flag bit 11); no ZIP64, since a part of an export
 * stays far below 4 GB (checked, not assumed).
 *
 * A large part is written piece by piece with a PartWriter: the text goes straight into UTF-8
 * blocks, and each full block is deflated on the thread pool while the next one is written, so
 * compressing overlaps writing. Each block is compressed on its own and ends on a byte boundary
 * (a sync flush, an empty stored block), the last one with the final block, so the blocks'
 * outputs joined are one valid deflate stream, as parallel gzip writers do.
 */
import { crc32, deflateRaw, constants } from "node:zlib";
import { promisify } from "node:util";

const deflate = promisify(deflateRaw);

export interface ZipPart {
  name: string;
  data: Buffer | string;
}

/** A part already deflated (by a PartWriter): its raw deflate data, CRC-32 and size (plain data: it crosses threads as it is). */
export interface PackedPart {
  name: string;
  packed: Uint8Array;
  crc: number;
  size: number;
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
  packed: Uint8Array;
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

/** A part deflated as zip() deflates it: the same bytes in the archive whether given packed or not. */
export async function packPart(p: ZipPart): Promise<PackedPart> {
  const raw = typeof p.data === "string" ? Buffer.from(p.data, "utf8") : p.data;
  if (raw.length >= LIMIT) throw new Error(`zip: part ${p.name} is too large for a ZIP without ZIP64`);
  const packed = await deflate(raw, { level: ZIP_LEVEL, strategy: constants.Z_DEFAULT_STRATEGY });
  return { name: p.name, packed, crc: crc32(raw), size: raw.length };
}

/** The archive's bytes, the parts in the order given. */
export async function zip(parts: Array<ZipPart | PackedPart | Promise<PackedPart>>, modified: Date): Promise<Buffer> {
  const { time, date } = dosDateTime(modified);
  const entries = await Promise.all(
    parts.map(async (part): Promise<Entry> => {
      const p = await part;
      const packed = "packed" in p ? p : await packPart(p);
      return { name: Buffer.from(packed.name, "utf8"), crc: packed.crc, size: packed.size, packed: packed.packed };
    }),
  );
  const chunks: Uint8Array[] = [];
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

/** Pending characters encoded at once: enough to amortise the call, few enough to stay in the young generation. */
const PENDING_CHARS = 1 << 15;
/** Bytes deflated at once: large enough that the thread pool's hand-offs cost nothing, small enough to start early. */
const BLOCK_BYTES = 1 << 19;
/** The first block: most parts are small and fit in it. */
const FIRST_BLOCK_BYTES = 1 << 16;
/** Full-size blocks kept for the next writer once deflated, at most (a few megabytes per thread). */
const SPARE_BLOCKS = 8;
const spareBlocks: Array<Buffer<ArrayBuffer>> = [];

/**
 * A full-size block: one a writer gave back when it could, so that an export does not allocate
 * (and the garbage collector count) megabytes of fresh memory outside the heap for each part.
 */
function takeBlock(): Buffer<ArrayBuffer> {
  return spareBlocks.pop() ?? Buffer.allocUnsafe(BLOCK_BYTES);
}

function giveBack(block: Buffer<ArrayBuffer>): void {
  if (block.length === BLOCK_BYTES && spareBlocks.length < SPARE_BLOCKS) spareBlocks.push(block);
}

/**
 * One part written piece by piece (the caller escapes the text), so that a part of many
 * megabytes never exists as one string nor as an array of small ones: each piece is garbage as
 * soon as it is written, and each full block of UTF-8 is deflated while the next is written.
 */
export class PartWriter {
  private block = Buffer.allocUnsafe(FIRST_BLOCK_BYTES);
  private used = 0;
  private pending = "";
  private crc = 0;
  private size = 0;
  private readonly packed: Array<Promise<Buffer>> = [];

  constructor(private readonly name: string) {}

  write(s: string): void {
    this.pending += s;
    if (this.pending.length >= PENDING_CHARS) this.encode();
  }

  /**
   * The part, deflated; the writer must not be used afterwards. `last` false: the part's first
   * piece, its deflate data left open (ending on a sync flush) for joinParts to append the rest.
   */
  async part(last = true): Promise<PackedPart> {
    this.encode();
    this.deflateBlock(last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH);
    const packed = await Promise.all(this.packed);
    if (this.size >= LIMIT) throw new Error(`zip: part ${this.name} is too large for a ZIP without ZIP64`);
    return { name: this.name, packed: packed.length === 1 ? packed[0]! : Buffer.concat(packed), crc: this.crc, size: this.size };
  }

  private encode(): void {
    const s = this.pending;
    if (s === "") return;
    this.pending = "";
    // A UTF-16 unit never takes more than 3 bytes in UTF-8 (a surrogate pair, two units, takes 4).
    if (this.used + s.length * 3 > this.block.length) {
      if (this.used > 0) {
        this.deflateBlock(constants.Z_SYNC_FLUSH);
        this.block = takeBlock();
        this.used = 0;
      }
      if (s.length * 3 > this.block.length) this.block = Buffer.allocUnsafe(s.length * 3);
    }
    this.used += this.block.write(s, this.used, "utf8");
  }

  /** Hands the block to the thread pool, to end on `flush` (sync: more follows; finish: the stream's end). */
  private deflateBlock(flush: number): void {
    const data = this.block.subarray(0, this.used);
    this.crc = crc32(data, this.crc);
    this.size += data.length;
    // One pass on the pool when the result fits the output buffer: half the input is ample for XML
    // (a fast level packs it to a fifth or less); a block that packs worse takes more passes.
    const options = { level: ZIP_LEVEL, strategy: constants.Z_DEFAULT_STRATEGY, finishFlush: flush, chunkSize: (data.length >> 1) + 16 * 1024 };
    const packing = deflate(data, options);
    // The block is free for another writer once deflate has read it all (when it answers).
    const block = this.block;
    // Awaited in part(); a part left half-written (its render failed) must not leave a rejection unhandled.
    packing.then(
      () => giveBack(block),
      () => undefined,
    );
    this.packed.push(packing);
  }
}

/** The CRC-32 polynomial, reflected. */
const CRC_POLY = 0xedb88320;

/** a(x) * b(x) modulo the CRC polynomial (bit-reflected, as zlib's multmodp). */
function multModP(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ CRC_POLY : b >>> 1;
  }
  return p >>> 0;
}

/** x^(2^n) modulo the polynomial, n = 0..31. */
const X2N: number[] = [0x40000000];
for (let n = 1; n < 32; n++) X2N.push(multModP(X2N[n - 1]!, X2N[n - 1]!));

/** The CRC-32 of two byte strings one after the other, from each one's CRC and the second's length (zlib's crc32_combine). */
export function crc32Combine(crc1: number, crc2: number, length2: number): number {
  // x^(8 * length2): the first CRC shifted past the second's bytes.
  let p = 0x80000000;
  let k = 3;
  for (let n = length2; n > 0; n = Math.floor(n / 2), k++) if (n % 2 === 1) p = multModP(X2N[k % 32]!, p);
  return (multModP(p, crc1) ^ crc2) >>> 0;
}

/** A part written in two pieces, perhaps on two threads: `first` from part(false), `rest` its continuation. */
export function joinParts(first: PackedPart, rest: PackedPart): PackedPart {
  const size = first.size + rest.size;
  if (size >= LIMIT) throw new Error(`zip: part ${first.name} is too large for a ZIP without ZIP64`);
  return { name: first.name, packed: Buffer.concat([first.packed, rest.packed]), crc: crc32Combine(first.crc, rest.crc, rest.size), size };
}

/**
 * A part of a file written piece by piece straight into one growing UTF-8 buffer. Pieces are
 * gathered in a short string and copied out every few kilobytes, so a part of many megabytes
 * never exists as one string, nor as an array of the many small strings it is made of: each
 * piece is garbage as soon as it is written, which keeps the collector's work small.
 */

/** Pending characters copied out at once: large enough to amortise the copy, small enough to stay young. */
const FLUSH_AT = 1 << 15;

export class Utf8Writer {
  private buf: Buffer;
  private length = 0;
  private pending = "";

  constructor(initialBytes = 1 << 16) {
    this.buf = Buffer.allocUnsafe(initialBytes);
  }

  /** Appends `s` as it is (the caller escapes). */
  write(s: string): void {
    this.pending += s;
    if (this.pending.length >= FLUSH_AT) this.flush();
  }

  /** The bytes written so far; the writer must not be used afterwards. */
  bytes(): Buffer {
    this.flush();
    return this.buf.subarray(0, this.length);
  }

  private flush(): void {
    const s = this.pending;
    if (s === "") return;
    this.pending = "";
    // A UTF-16 unit never takes more than 3 bytes (a surrogate pair, two units, takes 4).
    const room = this.length + s.length * 3;
    if (room > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, room));
      this.buf.copy(grown, 0, 0, this.length);
      this.buf = grown;
    }
    this.length += this.buf.write(s, this.length, "utf8");
  }
}

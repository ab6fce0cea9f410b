/** Sends a log's events from `from` (exclusive) up to `to` (inclusive) to one socket, a page at a time. */
export async function replayInPages<E extends { seq: number }>(
  readPage: (after: number) => Promise<E[]>,
  send: (e: E) => void,
  from: number,
  to: number,
): Promise<void> {
  for (let after = from; after < to; ) {
    const page = await readPage(after);
    if (page.length === 0) return;
    for (const e of page) if (e.seq <= to) send(e);
    after = page[page.length - 1]!.seq;
  }
}

/**
 * Merges of the SQLite search index (the FTS5 table `SearchText`) at quiet moments instead of
 * inside the commits that write to it.
 *
 * FTS5 writes what a transaction indexes as a new segment of its own (when the transaction's next
 * statement starts, or at COMMIT), so every create, edit or reply adds one small segment. By
 * default (`automerge` 4) some of those transactions also merge segments: after every 64 leaf
 * pages written, up to 64 pages per level of merge work, inside that transaction, on the event
 * loop. In one run of 1,500 annotation creates at 20/s through the app, 115 create transactions
 * merged segments so; over 3,000 creates of the same rows against 20,000 indexed paragraphs, the
 * creates that wrote most to the log (one in a thousand: 55 pages or more, up to 196, against 22
 * on average) came from those merges: with them moved out, none wrote more than 34. Migration
 * 0008 sets `automerge` to 0, so a transaction only writes its own segment; `crisismerge` stays
 * at its default (16), so no level ever holds more than 16 segments even if writes never pause.
 *
 * The merging happens here instead, on the app's own connection, when it has been idle for
 * `quietMs`: one `'merge'` command of at most `pages` pages (FTS5's incremental merge: it merges
 * a level holding `usermerge`, 4, segments or more, or carries on a merge already begun), then
 * another after the next quiet interval, until a step finds nothing to merge; the next write
 * starts it again. It runs on the app's connection because SQLite has one writer: a merge on a
 * connection of its own would hold the write lock, and the app's transactions (which read before
 * they write) would then fail with SQLITE_BUSY instead of waiting. Being synchronous, a step never
 * interleaves with a statement of the app; it runs only with no statement or transaction open,
 * and with no busy timeout (if another process holds the lock, the step is tried later).
 *
 * Search is as complete and immediate as before: each commit's rows are in the index when it
 * commits; merging only rewrites segments into fewer, larger ones.
 */
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import { sqliteConnectionOf } from "./sqlite-statement-cache.ts";

export interface SearchMergeOptions {
  /** How long the connection must have been idle before a step runs (ms). */
  quietMs?: number;
  /** Pages of merge work per step (FTS5's `'merge'` argument). */
  pages?: number;
}

interface Statement {
  get(...args: unknown[]): unknown;
  run(...args: unknown[]): unknown;
}

interface Connection {
  prepare(sql: string): Statement;
  readonly inTransaction: boolean;
  readonly open: boolean;
}

/** The FTS5 structure record (its segments and levels): a step that changed nothing leaves it as it was. */
const STRUCTURE = `SELECT "block" FROM "SearchText_data" WHERE "id" = 10`;
const CHANGES = `SELECT total_changes() AS "n"`;

const same = (a: unknown, b: unknown) => (Buffer.isBuffer(a) && Buffer.isBuffer(b) ? a.equals(b) : a === b);

/** What the merger runs on: the connection, and whether the app is using it. */
export interface SearchMerger {
  /** Called when the app starts a statement or transaction. */
  enter(): void;
  /** Called when it is done with one. */
  leave(): void;
  /** Stops merging (the connection is closing). */
  stop(): void;
}

/** Background merges of the search index on `connection` (a better-sqlite3 connection). */
export function searchMerger(connection: unknown, { quietMs = 20, pages = 16 }: SearchMergeOptions = {}): SearchMerger {
  const db = connection as Connection;
  // The connection's own prepare, as it is now (the statement cache replaces it later with one whose statements only run).
  const prepare = db.prepare.bind(db);
  let busy = 0;
  let lastUse = performance.now();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  /** total_changes() after the last step that found nothing to merge: the same value means nothing was written since. */
  let settledAt: unknown = undefined;
  let statements: { structure: Statement; changes: Statement; merge: Statement; noWait: Statement; wait: Statement } | null = null;

  /** Prepared on first use (the index exists once the migrations have run); null without a search index. */
  const prepared = () => {
    if (!statements) {
      const { timeout } = prepare("PRAGMA busy_timeout").get() as { timeout: number | bigint };
      statements = {
        structure: prepare(STRUCTURE),
        changes: prepare(CHANGES),
        merge: prepare(`INSERT INTO "SearchText"("SearchText", "rank") VALUES ('merge', ${Math.max(1, Math.floor(pages))})`),
        noWait: prepare("PRAGMA busy_timeout = 0"),
        wait: prepare(`PRAGMA busy_timeout = ${Number(timeout)}`),
      };
    }
    return statements;
  };

  /** One step; true when it merged something (so another may follow). */
  const step = (s: NonNullable<typeof statements>): boolean => {
    const before = s.structure.get() as { block: unknown } | undefined;
    s.noWait.run();
    try {
      s.merge.run();
    } finally {
      s.wait.run();
    }
    const after = s.structure.get() as { block: unknown } | undefined;
    return !same(before?.block, after?.block);
  };

  const schedule = (ms: number) => {
    if (stopped || timer) return;
    timer = setTimeout(run, ms);
    timer.unref();
  };

  function run() {
    timer = null;
    if (stopped || !db.open || busy > 0) return; // leave() schedules it again
    const idle = performance.now() - lastUse;
    if (idle < quietMs) {
      schedule(quietMs - idle);
      return;
    }
    if (db.inTransaction) return;
    let changes: unknown;
    try {
      const s = prepared();
      changes = (s.changes.get() as { n: unknown }).n;
      if (changes === settledAt) return;
      if (step(s)) {
        lastUse = performance.now();
        schedule(quietMs);
      } else {
        // Read after the step (the 'merge' command itself counts as a change).
        settledAt = (s.changes.get() as { n: unknown }).n;
      }
    } catch (e) {
      if (/no such table/.test(String((e as Error)?.message))) {
        // No search index (yet): looked for again after the next write.
        settledAt = changes;
        return;
      }
      // Busy (another process writing) or closing: tried again after the next quiet interval.
      lastUse = performance.now();
      schedule(quietMs);
    }
  }

  return {
    enter() {
      busy++;
    },
    leave() {
      busy = Math.max(0, busy - 1);
      lastUse = performance.now();
      if (busy === 0) schedule(quietMs);
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

function tracked<T>(merger: SearchMerger, run: () => Promise<T>): Promise<T> {
  merger.enter();
  let p: Promise<T>;
  try {
    p = run();
  } catch (e) {
    merger.leave();
    throw e;
  }
  return p.finally(() => merger.leave());
}

/**
 * Background search-index merges for the connections of `inner` (a better-sqlite3 adapter
 * factory): each adapter it connects tells a merger when its statements and transactions start
 * and end (the adapter is the same object, so its connection stays reachable), and disposing it
 * stops the merger.
 */
export function searchMergedFactory(inner: SqlDriverAdapterFactory, options: SearchMergeOptions = {}): SqlDriverAdapterFactory {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => {
      const adapter: SqlDriverAdapter = await inner.connect();
      const connection = sqliteConnectionOf(adapter);
      if (!connection) return adapter;
      const merger = searchMerger(connection, options);
      const queryRaw = adapter.queryRaw.bind(adapter);
      const executeRaw = adapter.executeRaw.bind(adapter);
      const executeScript = adapter.executeScript.bind(adapter);
      const startTransaction = adapter.startTransaction.bind(adapter);
      const dispose = adapter.dispose.bind(adapter);
      adapter.queryRaw = (q) => tracked(merger, () => queryRaw(q));
      adapter.executeRaw = (q) => tracked(merger, () => executeRaw(q));
      adapter.executeScript = (s) => tracked(merger, () => executeScript(s));
      adapter.startTransaction = async (level) => {
        merger.enter();
        let tx: Transaction;
        try {
          tx = await startTransaction(level);
        } catch (e) {
          merger.leave();
          throw e;
        }
        // Open until it commits or rolls back.
        const commit = tx.commit.bind(tx);
        const rollback = tx.rollback.bind(tx);
        let open = true;
        const close = () => {
          if (open) merger.leave();
          open = false;
        };
        tx.commit = () => commit().finally(close);
        tx.rollback = () => rollback().finally(close);
        return tx;
      };
      adapter.dispose = async () => {
        merger.stop();
        return dispose();
      };
      return adapter;
    },
  };
}

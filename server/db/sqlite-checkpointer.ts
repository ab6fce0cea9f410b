/**
 * WAL checkpoints on a thread of their own. SQLite's automatic checkpoint runs inside the COMMIT
 * that crosses 1,000 pages of log: that commit copies the log into the database and syncs both
 * files, on the event loop, and on a busy disk it took 10-70 ms while a plain commit takes
 * about 0.1 ms. So the app's connection does not checkpoint (`wal_autocheckpoint = 0`, set by
 * openDb) and a worker thread with its own connection runs a PASSIVE checkpoint every
 * `everyMs`: it never waits for readers or writers and they never wait for it, and a run with
 * nothing new in the log does nothing. Durability is what it was (synchronous = NORMAL: the
 * checkpoint syncs the log before copying it, and the database after). The app's connection,
 * closed last, still checkpoints and removes the log when the client disconnects.
 *
 * A PASSIVE checkpoint copies what the log held when it began; the log starts over from its
 * beginning only when a write finds all of it copied. Writes that never pause (a bulk import)
 * would so keep it growing: once it holds `largeAt` pages the worker says so (`onLarge(true)`)
 * and the app's connection checkpoints in its own commits again, as SQLite does by default,
 * until the log has started over (`onLarge(false)`). (A RESTART checkpoint from the worker
 * would bound it too, but it takes the write lock, and a transaction that has read before it
 * writes then fails with SQLITE_BUSY at once instead of waiting.)
 *
 * Starting the log over costs the write that does it a sync of the log's header (synchronous =
 * NORMAL syncs nothing else in a commit), and that write is the app's, on the event loop: a sync
 * took 3-8 ms on this machine's disk, and up to 30. A write starts the log over whenever it finds
 * all of it copied, which after every checkpoint run would be one write in every few. So the
 * worker holds a read snapshot open on a second connection of its own: a checkpoint copies the
 * log only up to the snapshot (the frames after it are never all copied, and a write appends to
 * the log instead of starting it over), and each run then moves the snapshot to the log's end
 * for the next one. Once the log holds `restartAt` pages, a run lets go of the snapshot and
 * copies all of it: the next write starts the log over, one sync per `restartAt` pages written
 * (a write after a pause of two runs, which finds it all copied, starts it over too).
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { sqliteConnectionOf } from "./sqlite-statement-cache.ts";

const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
// Holds the read snapshot the checkpoints stop at (a read transaction, between runs).
const snapshot = new Database(workerData.file, { fileMustExist: true });
const read = snapshot.prepare("SELECT 1 FROM sqlite_schema LIMIT 1");
let large = false;
const release = () => {
  if (snapshot.inTransaction) snapshot.exec("COMMIT");
};
const hold = () => {
  snapshot.exec("BEGIN");
  read.get();
};
const checkpoint = () => {
  try {
    if (!large && !snapshot.inTransaction) {
      // None held (the first run, or the last one copied all of the log): copying now would copy
      // all of it again, and the next write start it over again. This run only takes the snapshot.
      hold();
      return;
    }
    // Copies the log up to the snapshot held since the last run (all of it when none is held).
    const [r] = db.pragma("wal_checkpoint(PASSIVE)");
    release();
    const now = Boolean(r && r.log >= workerData.largeAt);
    if (now !== large) parentPort.postMessage({ large: now });
    large = now;
    if (large || (r && r.log >= workerData.restartAt)) {
      // All of it, so that the next write starts the log over (or, while the log is large, the
      // app's connection's own checkpoints can); no snapshot held until the next run.
      db.pragma("wal_checkpoint(PASSIVE)");
      return;
    }
    // The end of the log as it is now: where the next run stops.
    hold();
  } catch {
    // Busy or closing: the next run tries again.
    try {
      release();
    } catch {
      // Closing.
    }
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on("message", (m) => {
  if (m !== "stop") return;
  clearInterval(timer);
  release();
  snapshot.close();
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Starts the worker (once the database is in WAL mode). */
  start(): void;
  /** Stops it and closes its connection. */
  stop(): Promise<void>;
}

export interface CheckpointerOptions {
  everyMs?: number;
  /** Pages of log after which a run copies all of it, so that the next write starts it over (a sync on the writer's thread). */
  restartAt?: number;
  /** Pages of log from which the writer's own connection is asked to checkpoint too. */
  largeAt?: number;
  /** Told when the log grows past `largeAt` (true) and when it is small again (false). */
  onLarge?: (large: boolean) => void;
}

/** A background checkpointer for the SQLite database at `file`. */
export function checkpointer(file: string, { everyMs = 200, restartAt = 4000, largeAt = 8000, onLarge }: CheckpointerOptions = {}): Checkpointer {
  let worker: Worker | null = null;
  let exited: Promise<void> = Promise.resolve();
  return {
    start() {
      if (worker) return;
      const driver = createRequire(import.meta.url).resolve("better-sqlite3");
      worker = new Worker(WORKER, { eval: true, workerData: { driver, file, everyMs, restartAt, largeAt } });
      // It must not keep the process alive, and a failure (the file gone, say) only stops it.
      worker.unref();
      worker.on("error", () => {});
      worker.on("message", (m: { large?: unknown }) => onLarge?.(m.large === true));
      const w = worker;
      exited = new Promise<void>((resolve) => w.once("exit", () => resolve()));
    },
    async stop() {
      const w = worker;
      worker = null;
      if (!w) return;
      // Held open until it has closed its connection.
      w.ref();
      w.postMessage("stop");
      await exited;
    },
  };
}

/** What SQLite checkpoints at by default (pages of log). */
export const DEFAULT_AUTOCHECKPOINT = 1000;

interface Pragmas {
  pragma(source: string): unknown;
}

/** Sets the connection's automatic checkpoint: off while the worker keeps up, SQLite's default while the log is large. */
export function autocheckpoint(connection: unknown, on: boolean): void {
  if (connection && typeof (connection as Pragmas).pragma === "function") (connection as Pragmas).pragma(`wal_autocheckpoint = ${on ? DEFAULT_AUTOCHECKPOINT : 0}`);
}

/**
 * Background checkpoints for the connections of `inner` (a better-sqlite3 adapter factory) to
 * the database at `file`: each connection it makes does not checkpoint by itself (unless the
 * log is large), `start` starts the worker (once the database is in WAL mode), and disposing a
 * connection stops the worker first.
 */
export function checkpointedFactory(inner: SqlDriverAdapterFactory, file: string, options: Omit<CheckpointerOptions, "onLarge"> = {}): { factory: SqlDriverAdapterFactory; start(): void } {
  let connection: unknown = null;
  const checkpoints = checkpointer(file, { ...options, onLarge: (large) => autocheckpoint(connection, large) });
  const factory: SqlDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => {
      const adapter = await inner.connect();
      connection = sqliteConnectionOf(adapter);
      autocheckpoint(connection, false);
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await checkpoints.stop();
        return dispose();
      };
      return adapter;
    },
  };
  return { factory, start: () => checkpoints.start() };
}

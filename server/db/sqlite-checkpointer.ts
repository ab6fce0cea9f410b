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
 * would so keep it growing: once it holds `restartAt` pages, the worker runs a RESTART
 * checkpoint instead, which holds the writer off while it copies the rest (the stall the
 * automatic checkpoint had on every 1,000 pages, now once per `restartAt` pages of such writing).
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";

const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
const checkpoint = () => {
  try {
    const [r] = db.pragma("wal_checkpoint(PASSIVE)");
    // Under writes that never pause the log never starts over and grows: then a checkpoint that
    // waits for the writer, copies everything and has the next write start the log again.
    if (r && r.log >= workerData.restartAt) db.pragma("wal_checkpoint(RESTART)");
  } catch {
    // Busy or closing: the next run tries again.
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on("message", (m) => {
  if (m !== "stop") return;
  clearInterval(timer);
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

/** A background checkpointer for the SQLite database at `file`. */
export function checkpointer(file: string, everyMs = 200, restartAt = 4000): Checkpointer {
  let worker: Worker | null = null;
  let exited: Promise<void> = Promise.resolve();
  return {
    start() {
      if (worker) return;
      const driver = createRequire(import.meta.url).resolve("better-sqlite3");
      worker = new Worker(WORKER, { eval: true, workerData: { driver, file, everyMs, restartAt } });
      // It must not keep the process alive, and a failure (the file gone, say) only stops it.
      worker.unref();
      worker.on("error", () => {});
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

/** Wraps an adapter factory so that disposing an adapter it connected stops `checkpoints` first. */
export function stopsCheckpointer(inner: SqlDriverAdapterFactory, checkpoints: Checkpointer): SqlDriverAdapterFactory {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => {
      const adapter = await inner.connect();
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await checkpoints.stop();
        return dispose();
      };
      return adapter;
    },
  };
}

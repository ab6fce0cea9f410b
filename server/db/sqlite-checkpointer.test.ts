import { afterEach, describe, expect, it } from "vitest";
import { closeSync, existsSync, mkdtempSync, openSync, readSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { openDb } from "./client.ts";
import { autocheckpoint, checkpointer } from "./sqlite-checkpointer.ts";

const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), "scholia-ckpt-"));
  dirs.push(dir);
  return join(dir, "db.sqlite");
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function until(check: () => boolean, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}

/** `n` rows of about 1 KB in one transaction that reads before it writes, as the app's do. */
function writeRows(db: Database.Database, n: number, from = 0) {
  db.exec("BEGIN");
  try {
    db.prepare(`SELECT COUNT(*) FROM t`).get();
    const insert = db.prepare(`INSERT INTO t (id, body) VALUES (?, ?)`);
    for (let i = from; i < from + n; i++) insert.run(i, "x".repeat(1000));
    db.exec("COMMIT");
  } catch (e) {
    db.exec("ROLLBACK");
    throw e;
  }
}

/**
 * The log's salt (the WAL header's first salt, file format 4.3): a write that starts the log over
 * writes a new one, so each distinct salt seen is one start.
 */
function walSalt(file: string): number {
  const fd = openSync(`${file}-wal`, "r");
  try {
    const header = Buffer.alloc(32);
    readSync(fd, header, 0, 32, 0);
    return header.readUInt32BE(16);
  } finally {
    closeSync(fd);
  }
}

/** Writes `writes` small transactions `everyMs` apart; returns how many times the log started over meanwhile. */
async function startsOver(db: Database.Database, file: string, writes: number, everyMs: number): Promise<number> {
  const salts = new Set<number>();
  writeRows(db, 1, 1_000_000);
  const first = walSalt(file);
  for (let i = 0; i < writes; i++) {
    writeRows(db, 1, i);
    salts.add(walSalt(file));
    await new Promise((r) => setTimeout(r, everyMs));
  }
  salts.delete(first);
  return salts.size;
}

function steadyDb(file: string): Database.Database {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  autocheckpoint(db, false);
  db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`);
  return db;
}

describe("WAL checkpoints on a worker thread", () => {
  it("the app's connection does not checkpoint, and committed pages reach the database file anyway", async () => {
    const file = tempFile();
    const db = await openDb(`file:${file}`);
    try {
      const [setting] = await db.$queryRawUnsafe<Array<{ wal_autocheckpoint: number | bigint }>>("PRAGMA wal_autocheckpoint");
      expect(Number(setting!.wal_autocheckpoint)).toBe(0);
      await db.$executeRawUnsafe(`CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`);
      const before = statSync(file).size;
      // About 200 pages: far below the automatic checkpoint's 1,000, so only the worker copies them.
      for (let i = 0; i < 100; i++) await db.$executeRawUnsafe(`INSERT INTO t (id, body) VALUES (?, ?), (?, ?), (?, ?), (?, ?), (?, ?), (?, ?), (?, ?), (?, ?)`, ...Array.from({ length: 8 }, (_, j) => [i * 8 + j, "x".repeat(1000)]).flat());
      expect(await until(() => statSync(file).size > before + 500_000)).toBe(true);
    } finally {
      await db.$disconnect();
    }
    // The app's connection closed last: it removed the log.
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it("keeps the log bounded under writes that never pause, and never makes them fail", async () => {
    const file = tempFile();
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    autocheckpoint(db, false);
    db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`);
    const ckpt = checkpointer(file, { everyMs: 20, largeAt: 500, onLarge: (large) => autocheckpoint(db, large) });
    ckpt.start();
    try {
      // Writes with no pause longer than a few milliseconds, for about a second and a half.
      const end = Date.now() + 1500;
      let n = 0;
      while (Date.now() < end) {
        writeRows(db, 20, n);
        n += 20;
        await new Promise((r) => setImmediate(r));
      }
      const [r] = db.pragma("wal_checkpoint(PASSIVE)") as Array<{ log: number }>;
      // ~4 KB pages: without the RESTART checkpoint the log held every page written (thousands).
      expect(n).toBeGreaterThan(2000);
      expect(r!.log).toBeLessThan(2000);
    } finally {
      await ckpt.stop();
      db.close();
    }
  });

  it("writes at a steady pace append to the log instead of starting it over after every run (each start syncs on the writer's thread)", async () => {
    const file = tempFile();
    const db = steadyDb(file);
    const ckpt = checkpointer(file, { everyMs: 20 });
    ckpt.start();
    try {
      // About 60 runs of the checkpointer, each with new pages; a run that copied all of them had the next write start the log over.
      const starts = await startsOver(db, file, 200, 6);
      expect(starts).toBeLessThanOrEqual(2);
      // ...and the pages still reach the database file, up to the last run.
      const before = statSync(file).size;
      writeRows(db, 200, 10_000);
      expect(await until(() => statSync(file).size > before + 150_000)).toBe(true);
    } finally {
      await ckpt.stop();
      db.close();
    }
  });

  it("starts the log over once it holds restartAt pages", async () => {
    const file = tempFile();
    const db = steadyDb(file);
    const ckpt = checkpointer(file, { everyMs: 20, restartAt: 40 });
    ckpt.start();
    try {
      // 200 writes of a 1 KB row (a page or two each): several times restartAt.
      const starts = await startsOver(db, file, 200, 6);
      expect(starts).toBeGreaterThanOrEqual(2);
      expect(statSync(`${file}-wal`).size).toBeLessThan(200 * 4096);
    } finally {
      await ckpt.stop();
      db.close();
    }
  });
});

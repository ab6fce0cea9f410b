import { afterEach, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
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
});

import { afterEach, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { openDb } from "./client.ts";
import { checkpointer } from "./sqlite-checkpointer.ts";

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

/** Rows of about 1 KB, `n` of them, each in its own transaction. */
function writeRows(db: Database.Database, n: number, from = 0) {
  const insert = db.prepare(`INSERT INTO t (id, body) VALUES (?, ?)`);
  for (let i = from; i < from + n; i++) insert.run(i, "x".repeat(1000));
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

  it("keeps the log bounded under writes that never pause", async () => {
    const file = tempFile();
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.pragma("wal_autocheckpoint = 0");
    db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`);
    const ckpt = checkpointer(file, 20, 500);
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

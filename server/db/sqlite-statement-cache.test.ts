import { describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { keepStatements } from "./sqlite-statement-cache.ts";

/** Uses the connection the way Prisma's adapter does: prepare(sql).bind(args), then run or raw().all(). */
function adapterRead(db: Database.Database, sql: string, args: unknown[]) {
  const stmt = db.prepare(sql).bind(args);
  return stmt.raw().all();
}
function adapterRun(db: Database.Database, sql: string, args: unknown[]) {
  return db.prepare(sql).bind(args).run();
}

describe("kept SQLite statements", () => {
  it("reuses one compiled statement with new arguments each call", () => {
    const db = new Database(":memory:");
    db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)`);
    const compiled: string[] = [];
    const original = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      compiled.push(sql);
      return original(sql);
    }) as typeof db.prepare;
    expect(keepStatements(db)).toBe(true);
    for (const name of ["a", "b", "c"]) adapterRun(db, `INSERT INTO t (name) VALUES (?)`, [name]);
    expect(adapterRead(db, `SELECT name FROM t WHERE id >= ? ORDER BY id`, [2])).toEqual([["b"], ["c"]]);
    expect(adapterRead(db, `SELECT name FROM t WHERE id >= ? ORDER BY id`, [3])).toEqual([["c"]]);
    expect(compiled.filter((s) => s.startsWith("INSERT"))).toHaveLength(1);
    expect(compiled.filter((s) => s.startsWith("SELECT"))).toHaveLength(1);
    // A failing run leaves the kept statement usable.
    expect(() => adapterRun(db, `INSERT INTO t (name) VALUES (?)`, ["a"])).toThrow(/UNIQUE/);
    expect(adapterRun(db, `INSERT INTO t (name) VALUES (?)`, ["d"])).toMatchObject({ changes: 1 });
    // Statements without arguments (BEGIN, COMMIT) still run directly.
    db.prepare("BEGIN").run();
    adapterRun(db, `DELETE FROM t WHERE name = ?`, ["d"]);
    db.prepare("ROLLBACK").run();
    expect(adapterRead(db, `SELECT count(*) FROM t`, [])).toEqual([[4]]);
    db.close();
  });

  it("keeps at most its capacity and does not keep long texts", () => {
    const db = new Database(":memory:");
    db.exec(`CREATE TABLE t (v INTEGER)`);
    let compiles = 0;
    const original = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      compiles++;
      return original(sql);
    }) as typeof db.prepare;
    keepStatements(db, 2);
    for (const n of [1, 2, 3, 1]) adapterRead(db, `SELECT ${n}`, []);
    expect(compiles).toBe(4); // "SELECT 1" was dropped when "SELECT 3" came in
    const long = `SELECT 1 WHERE 1 IN (${Array.from({ length: 2_000 }, () => "1").join(",")})`;
    adapterRead(db, long, []);
    adapterRead(db, long, []);
    expect(compiles).toBe(6);
    db.close();
  });

  it("leaves other objects alone", () => {
    expect(keepStatements(undefined)).toBe(false);
    expect(keepStatements({})).toBe(false);
  });
});

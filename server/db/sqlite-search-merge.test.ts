import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { openDb } from "./client.ts";
import { migrate } from "./migrator.ts";
import { eventually } from "../../tests/helpers/eventually.ts";

const dirs: string[] = [];
async function migratedFile(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "scholia-search-merge-"));
  dirs.push(dir);
  const file = join(dir, "db.sqlite");
  await migrate(`file:${file}`);
  return file;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Segments in the search index (each has its first leaf in SearchText_idx). */
const segments = (db: Database.Database) => (db.prepare(`SELECT count(DISTINCT "segid") AS "n" FROM "SearchText_idx"`).get() as { n: number }).n;
const matches = (db: Database.Database, q: string) => (db.prepare(`SELECT count(*) AS "n" FROM "SearchText" WHERE "SearchText" MATCH ?`).get(q) as { n: number }).n;

/** A word of its own for row `i` (letters only, so the tokenizer keeps it whole). */
const wordOf = (i: number, salt = "") => `w${salt}${i.toString(26).replace(/[0-9]/g, (d) => "qrstuvwxyz"[Number(d)]!)}x`;

describe("search index merges", () => {
  it("commits never merge segments: each write adds its own, even when FTS5's automatic merge would have run", async () => {
    const file = await migratedFile();
    const db = new Database(file);
    try {
      expect(db.prepare(`SELECT "v" FROM "SearchText_config" WHERE "k" = 'automerge'`).get()).toEqual({ v: 0 });
      db.prepare(`INSERT INTO "Workspace" ("id", "name", "updatedAt") VALUES ('w', 'W', 0)`).run();
      const tag = db.prepare(`INSERT INTO "Tag" ("id", "workspaceId", "name", "color", "description", "updatedAt") VALUES (?, 'w', ?, '', ?, 0)`);
      // Fifteen writes of 2,000 words each: over 64 leaf pages in all, where FTS5's automatic
      // merge (automerge 4) would merge level 0's segments inside one of these commits.
      for (let i = 0; i < 15; i++) {
        tag.run(`t${i}`, wordOf(i), Array.from({ length: 2000 }, (_, j) => wordOf(i * 2000 + j, "d")).join(" "));
      }
      expect(segments(db)).toBe(15);
      for (let i = 0; i < 15; i++) expect(matches(db, wordOf(i))).toBe(1);
    } finally {
      db.close();
    }
  });

  it("merges the app's writes into few segments once it is quiet, and search finds each write at once and after", async () => {
    const file = await migratedFile();
    const db = await openDb(`file:${file}`);
    const reader = new Database(file, { readonly: true });
    try {
      await db.$executeRawUnsafe(`INSERT INTO "Workspace" ("id", "name", "updatedAt") VALUES ('w', 'W', 0)`);
      const n = 40;
      for (let i = 0; i < n; i++) {
        await db.$executeRawUnsafe(`INSERT INTO "Tag" ("id", "workspaceId", "name", "color", "updatedAt") VALUES (?, 'w', ?, '', 0)`, `t${i}`, `${wordOf(i)} common`);
        // Found by the very next query, before any merge.
        const [hit] = await db.$queryRawUnsafe<Array<{ n: number | bigint }>>(`SELECT count(*) AS "n" FROM "SearchText" WHERE "SearchText" MATCH ?`, wordOf(i));
        expect(Number(hit!.n)).toBe(1);
      }
      // Read on a connection of its own (the app's must stay idle for the merges to run). Without
      // them, 40 writes would be 40 segments (10 with FTS5's emergency merge, at 16 on a level).
      await eventually(() => expect(segments(reader)).toBeLessThanOrEqual(3), 10_000);
      expect(matches(reader, "common")).toBe(n);
      for (let i = 0; i < n; i++) expect(matches(reader, wordOf(i))).toBe(1);
      // The index still matches its content table exactly.
      await db.$executeRawUnsafe(`INSERT INTO "SearchText"("SearchText", "rank") VALUES ('integrity-check', 1)`);

      // Later writes are merged too.
      for (let i = n; i < n + 10; i++) await db.$executeRawUnsafe(`INSERT INTO "Tag" ("id", "workspaceId", "name", "color", "updatedAt") VALUES (?, 'w', ?, '', 0)`, `t${i}`, `${wordOf(i)} common`);
      expect(matches(reader, "common")).toBe(n + 10);
      await eventually(() => expect(segments(reader)).toBeLessThanOrEqual(3), 10_000);
      expect(matches(reader, "common")).toBe(n + 10);
    } finally {
      reader.close();
      await db.$disconnect();
    }
  });
});

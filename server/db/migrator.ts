/**
 * Applies the SQL migrations in prisma/migrations/<provider>/ at start-up. Each migration
 * runs in its own transaction and is recorded with a checksum; an applied migration whose
 * file changed stops the start. On PostgreSQL an advisory lock makes nodes that start
 * together apply each migration exactly once; on SQLite an exclusive transaction does.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import { providerOf, sqlitePath, type Provider } from "./client.ts";

const MIGRATIONS_ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../prisma/migrations");
const ADVISORY_LOCK_KEY = 7_420_931_118; // arbitrary, fixed: "scholia migrations"

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

/** The migrations for a provider, in order. */
export function listMigrations(provider: Provider, root = MIGRATIONS_ROOT): Migration[] {
  const dir = join(root, provider);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((d) => /^\d{4}_[a-z0-9_]+$/.test(d))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

function checkRecorded(m: Migration, recorded: string | undefined): boolean {
  if (recorded === undefined) return false;
  if (recorded !== m.checksum) {
    throw new Error(`Migration ${m.name} was changed after it was applied (checksum mismatch); restore the original file`);
  }
  return true;
}

function migrateSqlite(url: string, migrations: Migration[]): MigrationResult {
  mkdirSync(dirname(sqlitePath(url)), { recursive: true });
  const db = new Database(sqlitePath(url), { timeout: 15_000 });
  try {
    db.pragma("journal_mode = WAL");
    db.exec(`CREATE TABLE IF NOT EXISTS "_scholia_migrations" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const applied: string[] = [];
    let already = 0;
    for (const m of migrations) {
      // IMMEDIATE takes the write lock before reading, so two processes cannot both apply m.
      const run = db.transaction(() => {
        const row = db.prepare(`SELECT checksum FROM "_scholia_migrations" WHERE name = ?`).get(m.name) as { checksum: string } | undefined;
        if (checkRecorded(m, row?.checksum)) return false;
        db.exec(m.sql);
        db.prepare(`INSERT INTO "_scholia_migrations" (name, checksum, applied_at) VALUES (?, ?, ?)`).run(m.name, m.checksum, new Date().toISOString());
        return true;
      });
      if (run.immediate()) applied.push(m.name);
      else already++;
    }
    return { applied, alreadyApplied: already };
  } finally {
    db.close();
  }
}

async function migratePostgres(url: string, migrations: Migration[]): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_scholia_migrations" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM "_scholia_migrations"`);
    const recorded = new Map(rows.map((r) => [r.name, r.checksum]));
    const applied: string[] = [];
    let already = 0;
    for (const m of migrations) {
      if (checkRecorded(m, recorded.get(m.name))) {
        already++;
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(`INSERT INTO "_scholia_migrations" (name, checksum) VALUES ($1, $2)`, [m.name, m.checksum]);
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${m.name} failed: ${(e as Error).message}`);
      }
      applied.push(m.name);
    }
    return { applied, alreadyApplied: already };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

/** Brings the database at `url` up to the newest migration. */
export async function migrate(url: string, root = MIGRATIONS_ROOT): Promise<MigrationResult> {
  const provider = providerOf(url);
  const migrations = listMigrations(provider, root);
  return provider === "sqlite" ? migrateSqlite(url, migrations) : migratePostgres(url, migrations);
}

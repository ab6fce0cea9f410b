/**
 * Online backup of the embedded SQLite database: `npm run backup -- [--out <file>]`.
 * Uses SQLite's backup API, so the app can keep running and writing while it copies.
 * (PostgreSQL: use pg_dump; see docs/operations.md.)
 */
import { parseArgs } from "node:util";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { loadConfig } from "../config.ts";
import { sqlitePath } from "../db/client.ts";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { out: { type: "string", short: "o" } } });
  const config = loadConfig();
  if (config.databaseProvider !== "sqlite") {
    console.error("DATABASE_URL is PostgreSQL: back it up with pg_dump (see docs/operations.md)");
    return 2;
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const out = resolve(values.out ?? `data/backups/scholia-${stamp}.db`);
  mkdirSync(dirname(out), { recursive: true });
  const db = new Database(sqlitePath(config.databaseUrl), { readonly: true, fileMustExist: true });
  try {
    const started = Date.now();
    await db.backup(out);
    console.log(JSON.stringify({ backup: out, ms: Date.now() - started }));
  } finally {
    db.close();
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);

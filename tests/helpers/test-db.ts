/**
 * A fresh, empty database per test file: a temporary SQLite file by default, or a new
 * PostgreSQL database (created on the server named by TEST_DATABASE_URL, dropped after).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";

export interface TestDatabase {
  url: string;
  provider: "sqlite" | "postgresql";
  drop(): Promise<void>;
}

/** `base` names the PostgreSQL server to use; TEST_DATABASE_URL by default, SQLite when empty. */
export async function createTestDatabase(base = process.env.TEST_DATABASE_URL): Promise<TestDatabase> {
  if (!base) {
    const dir = mkdtempSync(join(tmpdir(), "scholia-test-"));
    return {
      url: `file:${join(dir, "test.db")}`,
      provider: "sqlite",
      async drop() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `scholia_t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect().catch((e: Error) => {
    throw new Error(`PostgreSQL at ${base} is required for this run but cannot be reached: ${e.message}`);
  });
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    provider: "postgresql",
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

// Authors a migration for both providers: the SQL that takes the schema as it was at the last
// migration (prisma/migrations/schema.snapshot.prisma) to prisma/schema.prisma, via
// `prisma migrate diff` (no shadow database, no engine download). PostgreSQL's diff needs a
// reachable server: MIGRATE_PG_URL (default postgresql://root@127.0.0.1:5432/test).
// Usage: node scripts/new-migration.mjs <name>
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: node scripts/new-migration.mjs <name made of a-z 0-9 _>");
  process.exit(2);
}
const prisma = join(root, "node_modules/.bin/prisma");
const snapshot = join(root, "prisma/migrations/schema.snapshot.prisma");
const pgUrl = process.env.MIGRATE_PG_URL ?? "postgresql://root@127.0.0.1:5432/test";
mkdirSync(join(root, "data"), { recursive: true });
const tmp = mkdtempSync(join(tmpdir(), "scholia-migrate-"));

function toPg(text) {
  return text.replace('provider = "sqlite"', 'provider = "postgresql"').replace('url      = "file:./dev.db"', 'url      = env("DATABASE_URL")');
}

function diff(provider, fromFile, toFile) {
  const env = { ...process.env, DATABASE_URL: provider === "sqlite" ? "file:./data/migrate.db" : pgUrl };
  const from = fromFile ? ["--from-schema-datamodel", fromFile] : ["--from-empty"];
  return execFileSync(prisma, ["migrate", "diff", ...from, "--to-schema-datamodel", toFile, "--script"], { cwd: root, env, encoding: "utf8" });
}

const current = readFileSync(join(root, "prisma/schema.prisma"), "utf8");
const previous = existsSync(snapshot) ? readFileSync(snapshot, "utf8") : null;
for (const provider of ["sqlite", "postgresql"]) {
  const dir = join(root, "prisma/migrations", provider);
  mkdirSync(dir, { recursive: true });
  const n = readdirSync(dir).filter((d) => /^\d{4}_/.test(d)).length + 1;
  const conv = provider === "sqlite" ? (t) => t : toPg;
  const toFile = join(tmp, `${provider}-to.prisma`);
  writeFileSync(toFile, conv(current));
  let fromFile = null;
  if (previous) {
    fromFile = join(tmp, `${provider}-from.prisma`);
    writeFileSync(fromFile, conv(previous));
  }
  const sql = diff(provider, fromFile, toFile);
  if (!sql.trim() || /This is an empty migration/.test(sql)) {
    console.log(`${provider}: no changes`);
    continue;
  }
  const folder = join(dir, `${String(n).padStart(4, "0")}_${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "migration.sql"), sql);
  console.log(`${provider}: wrote ${folder}/migration.sql`);
}
writeFileSync(snapshot, current);

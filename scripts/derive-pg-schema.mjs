// Derives prisma/postgresql/schema.prisma from the one source schema: same models,
// PostgreSQL provider, url from the environment, its own client output folder.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = readFileSync(join(root, "prisma/schema.prisma"), "utf8");

export function derivePgSchema(text) {
  const out = text
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('url      = "file:./dev.db"', 'url      = env("DATABASE_URL")')
    .replace('output     = "../server/db/generated/sqlite"', 'output     = "../../server/db/generated/postgresql"')
    .replace(/^\/\/ The one source schema[^\n]*\n\/\/[^\n]*\n/, "// GENERATED from prisma/schema.prisma by scripts/derive-pg-schema.mjs: do not edit.\n");
  for (const needle of ['provider = "postgresql"', 'env("DATABASE_URL")', "generated/postgresql"]) {
    if (!out.includes(needle)) throw new Error(`derive-pg-schema: could not rewrite ${needle}`);
  }
  return out;
}

mkdirSync(join(root, "prisma/postgresql"), { recursive: true });
writeFileSync(join(root, "prisma/postgresql/schema.prisma"), derivePgSchema(source));

// Prisma CLI configuration: the WebAssembly schema engine and driver adapters, so the CLI
// never downloads a native engine. DATABASE_URL picks the schema (SQLite or PostgreSQL).
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

const url = process.env.DATABASE_URL ?? "file:./data/dev.db";
const pg = url.startsWith("postgres");

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => (pg ? new PrismaPg({ connectionString: url }) : new PrismaBetterSQLite3({ url })),
  schema: pg ? "prisma/postgresql/schema.prisma" : "prisma/schema.prisma",
});

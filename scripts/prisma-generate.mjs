// Generates both Prisma clients (SQLite and PostgreSQL) without any engine download:
// prisma.config.ts selects the WebAssembly schema engine and the driver adapters.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const prisma = join(root, "node_modules/.bin/prisma");
execFileSync(process.execPath, [join(root, "scripts/derive-pg-schema.mjs")], { stdio: "inherit" });
const base = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
execFileSync(prisma, ["generate"], { cwd: root, stdio: "inherit", env: { ...base, DATABASE_URL: "file:./data/dev.db" } });
execFileSync(prisma, ["generate"], { cwd: root, stdio: "inherit", env: { ...base, DATABASE_URL: "postgresql://generate@127.0.0.1:5432/generate" } });

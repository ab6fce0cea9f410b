/**
 * Demo data for a fresh embedded install: one user, one workspace, the demo article.
 * Runs only when the database has no users at all, so it never touches real data.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "../db/client.ts";
import { registerUser } from "../modules/auth/auth.service.ts";
import { offlineRunner } from "../modules/mutations/services.ts";
import { parseImport } from "../modules/documents/import/index.ts";

export const DEMO_EMAIL = "demo@scholia.local";
export const DEMO_PASSWORD = "scholia-demo-2026";
export const DEMO_WORKSPACE = "Demo workspace";

const ARTICLE = join(dirname(fileURLToPath(import.meta.url)), "article.txt");

export interface DemoSeedResult {
  created: boolean;
  email: string;
  password: string;
}

export async function seedDemo(db: Db): Promise<DemoSeedResult> {
  if ((await db.user.count()) > 0) return { created: false, email: DEMO_EMAIL, password: DEMO_PASSWORD };
  const user = await registerUser(db, { email: DEMO_EMAIL, password: DEMO_PASSWORD, displayName: "Demo Analyst" });
  // Through the same mutation path as everyone else, so the demo's history reads like any other.
  const runner = offlineRunner(db, { databaseProvider: "sqlite", inviteTtlMs: 0, publicOrigin: "" });
  const actor = { userId: user.id, displayName: user.displayName };
  const { result: workspace } = await runner.run("workspace:create", actor, { name: DEMO_WORKSPACE });
  const parsed = await parseImport("txt", readFileSync(ARTICLE));
  await runner.run("document:import", actor, { workspaceId: workspace.id, format: "txt", sourceName: "article.txt", parsed });
  return { created: true, email: DEMO_EMAIL, password: DEMO_PASSWORD };
}

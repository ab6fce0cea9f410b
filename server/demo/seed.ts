/**
 * Demo data for a fresh embedded install: one user, one workspace, the demo article.
 * Runs only when the database has no users at all, so it never touches real data.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "../db/client.ts";
import { registerUser } from "../modules/auth/auth.service.ts";
import { createWorkspace } from "../modules/workspaces/workspaces.service.ts";
import { importDocument } from "../modules/documents/documents.service.ts";

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
  const workspace = await createWorkspace(db, user.id, DEMO_WORKSPACE);
  await importDocument(db, "sqlite", user.id, workspace.id, { format: "txt", content: readFileSync(ARTICLE), sourceName: "article.txt" });
  return { created: true, email: DEMO_EMAIL, password: DEMO_PASSWORD };
}

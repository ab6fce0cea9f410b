/** A Scholia node process on its own temporary SQLite database, for tests that attack a real server. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startNode, type NodeProcess } from "./processes.ts";

export interface SqliteNode extends NodeProcess {
  stop(): Promise<void>;
}

export async function startSqliteNode(env: Record<string, string> = {}): Promise<SqliteNode> {
  const dir = mkdtempSync(join(tmpdir(), "scholia-node-"));
  const node = await startNode({ DATABASE_URL: `file:${join(dir, "scholia.db")}`, ...env });
  return {
    ...node,
    async stop() {
      node.kill("SIGKILL");
      await node.exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

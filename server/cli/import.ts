/**
 * Batch import: `npm run import -- <file> [<file>...] --workspace <name> [--as <email>]`.
 * Imports each file through the same mutation as the API (acting as --as, default the
 * workspace's first owner) and prints one JSON summary per file.
 */
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../config.ts";
import { openDb } from "../db/client.ts";
import { migrate } from "../db/migrator.ts";
import { offlineRunner } from "../modules/mutations/services.ts";
import { detectFormat, parseImport } from "../modules/documents/import/index.ts";
import { ImportError } from "../modules/documents/import/types.ts";
import { HttpError } from "../http/errors.ts";

const USAGE = "usage: npm run import -- <file> [<file>...] --workspace <name> [--as <email>]";

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { workspace: { type: "string", short: "w" }, as: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help || positionals.length === 0 || !values.workspace) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  await migrate(config.databaseUrl);
  const db = await openDb(config.databaseUrl);
  try {
    const workspaces = await db.workspace.findMany({ where: { name: values.workspace } });
    if (workspaces.length === 0) {
      console.error(`No workspace named "${values.workspace}"`);
      return 1;
    }
    if (workspaces.length > 1) {
      console.error(`${workspaces.length} workspaces are named "${values.workspace}"; rename one first`);
      return 1;
    }
    const workspace = workspaces[0]!;
    const actor = values.as
      ? await db.membership.findFirst({ where: { workspaceId: workspace.id, user: { email: values.as.toLowerCase() } } })
      : await db.membership.findFirst({ where: { workspaceId: workspace.id, role: "owner" }, orderBy: { createdAt: "asc" } });
    if (!actor) {
      console.error(values.as ? `${values.as} is not a member of "${values.workspace}"` : `"${values.workspace}" has no owner`);
      return 1;
    }
    const runner = offlineRunner(db, config);
    const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { displayName: true } });
    const who = { userId: actor.userId, displayName: user.displayName };
    let failures = 0;
    for (const file of positionals) {
      try {
        if (!statSync(file).isFile()) throw new Error("not a file");
        const format = detectFormat(file, undefined);
        const parsed = await parseImport(format, readFileSync(file));
        const { result } = await runner.run("document:import", who, { workspaceId: workspace.id, format, sourceName: basename(file), parsed });
        const { document, summary } = result;
        console.log(JSON.stringify({ file, documentId: document.id, summary }, null, 2));
      } catch (e) {
        failures++;
        const message = e instanceof ImportError || e instanceof HttpError || e instanceof Error ? e.message : String(e);
        console.error(JSON.stringify({ file, error: message }));
      }
    }
    return failures ? 1 : 0;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);

/**
 * Export from the command line: `npm run export -- <documentId> --format <f> --out <file>
 * [--as <email>] [--kinds claim,comment] [--tags <tagId,...>] [--statuses false,misleading]
 * [--no-replies] [--page-size N] [--rows claims|all] [--version N]`. Runs the same service as the REST route, reading as --as
 * (default: the workspace's first owner), so the file matches what that member would download.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadConfig } from "../config.ts";
import { openDb } from "../db/client.ts";
import { migrate } from "../db/migrator.ts";
import { HttpError } from "../http/errors.ts";
import { parseInput } from "../http/validate.ts";
import { ExportQuerySchema, EXPORT_FORMATS } from "../../common/review.ts";
import { exportDocument } from "../modules/exports/export.service.ts";

const USAGE = `usage: npm run export -- <documentId> --format <${EXPORT_FORMATS.join("|")}> --out <file> [--as <email>] [--kinds k,...] [--tags id,...] [--statuses s,...] [--no-replies] [--page-size N] [--rows claims|all (csv)] [--version N]`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      format: { type: "string", short: "f" },
      out: { type: "string", short: "o" },
      as: { type: "string" },
      kinds: { type: "string" },
      tags: { type: "string" },
      statuses: { type: "string" },
      "no-replies": { type: "boolean" },
      "page-size": { type: "string" },
      rows: { type: "string" },
      version: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const documentId = positionals[0];
  if (values.help || !documentId || !values.format || !values.out) {
    console.error(USAGE);
    return 2;
  }
  const query = parseInput(
    ExportQuerySchema,
    { format: values.format, kinds: values.kinds, tags: values.tags, statuses: values.statuses, replies: values["no-replies"] ? "false" : "true", pageSize: values["page-size"], rows: values.rows, version: values.version },
    "arguments",
  );
  const config = loadConfig();
  await migrate(config.databaseUrl);
  const db = await openDb(config.databaseUrl);
  try {
    const document = await db.document.findUnique({ where: { id: documentId }, select: { workspaceId: true } });
    if (!document) {
      console.error(`No document ${documentId}`);
      return 1;
    }
    const reader = values.as
      ? await db.membership.findFirst({ where: { workspaceId: document.workspaceId, user: { email: values.as.toLowerCase() } } })
      : await db.membership.findFirst({ where: { workspaceId: document.workspaceId, role: "owner" }, orderBy: { createdAt: "asc" } });
    if (!reader) {
      console.error(values.as ? `${values.as} is not a member of this document's workspace` : "The document's workspace has no owner");
      return 1;
    }
    const file = await exportDocument(db, reader.userId, documentId, query, { provider: config.databaseProvider, origin: config.publicOrigin });
    writeFileSync(values.out, file.body);
    console.log(JSON.stringify({ out: values.out, format: query.format, bytes: file.body.length, documentId, version: file.version, seq: file.seq, exportedAt: file.madeAt.toISOString() }));
    return 0;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof HttpError || e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);

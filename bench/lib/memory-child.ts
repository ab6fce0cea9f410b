/**
 * A server for the memory benchmark, in its own process so its RSS is its own: `bare` (a plain
 * Socket.IO server whose sockets join a room on request) or `ours` (the app on a fresh SQLite
 * database). Tells the parent its URL, then answers each "measure" message with its memory
 * after a full garbage collection (run with --expose-gc).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Server } from "socket.io";
import { loadConfig } from "../../server/config.ts";
import { createLogger } from "../../server/lib/logger.ts";
import { startServer } from "../../server/server.ts";
import { ORIGIN } from "./load.ts";

const mode = process.argv[2];

async function startBare(): Promise<{ url: string; close(): Promise<void> }> {
  const http = createServer();
  const io = new Server(http);
  io.on("connection", (s) => {
    s.on("document:join", (p: { documentId: string }, ack: (r: unknown) => void) => {
      void s.join(`doc:${p.documentId}`);
      ack({ ok: true });
    });
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, close: () => new Promise((r) => io.close(() => r())) };
}

async function startOurs(): Promise<{ url: string; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "scholia-memory-"));
  const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: `file:${join(dir, "m.db")}`, PORT: "0", HOST: "127.0.0.1", PUBLIC_ORIGIN: ORIGIN });
  const server = await startServer(config, createLogger("silent"), { realtime: { burst: 100_000, perSecond: 100_000, maxSocketsPerUser: 100_000, maxSocketsPerDocument: 100_000 } });
  return {
    url: server.url,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function measure() {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i++) gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heapTotal: m.heapTotal, heapUsed: m.heapUsed, external: m.external };
}

const server = mode === "bare" ? await startBare() : await startOurs();
process.on("message", (m: string) => {
  if (m === "measure") process.send!({ memory: measure() });
  if (m === "close") void server.close().then(() => process.exit(0));
});
process.send!({ url: server.url });

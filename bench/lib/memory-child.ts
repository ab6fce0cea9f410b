/**
 * A server for the memory benchmark, in its own process so its RSS is its own: `bare` (a plain
 * Socket.IO server whose sockets join a room on request) or `ours` (the app on a fresh SQLite
 * database, or on the database file given as the second argument, which is then left in place).
 * Tells the parent its URL, then answers each "measure" message with its memory after a full
 * garbage collection (run with --expose-gc): process.memoryUsage(), V8's heap spaces, resident
 * memory by kind of mapping (/proc/self/smaps) and the number of threads.
 */
import { createServer } from "node:http";
import { getHeapSpaceStatistics } from "node:v8";
import type { AddressInfo } from "node:net";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
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

async function startOurs(file?: string): Promise<{ url: string; close(): Promise<void> }> {
  const dir = file ? null : mkdtempSync(join(tmpdir(), "scholia-memory-"));
  // A fixed secret: a session made on one child signs in on the next one over the same file.
  const secret = "memory-bench-session-secret-not-for-use-elsewhere";
  const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: `file:${file ?? join(dir!, "m.db")}`, PORT: "0", HOST: "127.0.0.1", PUBLIC_ORIGIN: ORIGIN, SESSION_SECRET: secret });
  const server = await startServer(config, createLogger("silent"), { realtime: { burst: 100_000, perSecond: 100_000, maxSocketsPerUser: 100_000, maxSocketsPerDocument: 100_000 } });
  return {
    url: server.url,
    async close() {
      await server.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resident memory by kind of mapping (/proc/self/smaps, Linux only), in bytes; anonymous mappings also one by one. */
function mappings() {
  const kinds: Record<string, number> = {};
  const anon: Record<string, [number, number]> = {};
  let text = "";
  try {
    text = readFileSync("/proc/self/smaps", "utf8");
  } catch {
    return { kinds, anon };
  }
  let kind = "";
  let start = "";
  let size = 0;
  for (const line of text.split("\n")) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      const name = head[3]!;
      start = head[1]!;
      size = parseInt(head[2]!, 16) - parseInt(head[1]!, 16);
      kind = name === "" ? "anon" : name === "[heap]" ? "brk" : name.startsWith("/") ? "file" : "other";
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) {
      const b = Number(rss[1]) * 1024;
      kinds[kind] = (kinds[kind] ?? 0) + b;
      if (kind === "anon" || kind === "brk") anon[start] = [size, b];
    }
  }
  return { kinds, anon };
}

function threads(): number {
  try {
    return readdirSync("/proc/self/task").length;
  } catch {
    return 0;
  }
}

function measure() {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i++) gc?.();
  const m = process.memoryUsage();
  const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, { size: s.space_size, used: s.space_used_size, physical: s.physical_space_size }]));
  return { rss: m.rss, heapTotal: m.heapTotal, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, spaces, threads: threads(), ...mappings() };
}

const server = mode === "bare" ? await startBare() : await startOurs(process.argv[3]);
process.on("message", (m: string) => {
  if (m === "measure") process.send!({ memory: measure() });
  if (m === "close") void server.close().then(() => process.exit(0));
});
process.send!({ url: server.url });

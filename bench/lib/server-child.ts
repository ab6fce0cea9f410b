/**
 * The parent's side of bench/lib/memory-child.ts: a server (`bare` Socket.IO or `ours`) in its
 * own process, so its memory is its own and the clients in this process do not count. `measure`
 * answers the child's memory after a full garbage collection.
 */
import { fork, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface Memory {
  rss: number;
  /** The heap V8 holds (used or not), beside what is in use. */
  heapTotal: number;
  heapUsed: number;
  external: number;
  /** Of `external`: ArrayBuffers and Buffers (also WebAssembly memories). */
  arrayBuffers: number;
  /** V8's heap spaces: reserved (`size`), in use, and resident (`physical`). */
  spaces: Record<string, { size: number; used: number; physical: number }>;
  /** Resident bytes by kind of mapping (Linux): anon (mmap), brk (malloc's main heap), file, other. */
  kinds: Record<string, number>;
  /** Anonymous and brk mappings by start address: [size, resident]. */
  anon: Record<string, [number, number]>;
  /** Threads of the process (worker threads come and go). */
  threads: number;
}

export interface ServerChild {
  child: ChildProcess;
  url: string;
  measure(): Promise<Memory>;
}

const here = dirname(fileURLToPath(import.meta.url));

export interface ChildOptions {
  /** Ours: the SQLite file to serve, kept when the child stops (a fresh one otherwise). */
  databaseFile?: string;
  /** More Node/V8 flags for the child. */
  nodeFlags?: string[];
}

export function startChild(mode: "bare" | "ours", opts: ChildOptions = {}): Promise<ServerChild> {
  const args = opts.databaseFile ? [mode, opts.databaseFile] : [mode];
  const child = fork(join(here, "memory-child.ts"), args, { execArgv: ["--import", "tsx", "--expose-gc", ...(opts.nodeFlags ?? [])], env: { ...process.env, NODE_ENV: "test" } });
  const measure = () =>
    new Promise<Memory>((resolve) => {
      const on = (m: { memory?: Memory }) => {
        if (!m.memory) return;
        child.off("message", on);
        resolve(m.memory);
      };
      child.on("message", on);
      child.send("measure");
    });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`${mode} server exited with ${code}`)));
    child.on("message", (m: { url?: string }) => {
      if (m.url) resolve({ child, url: m.url, measure });
    });
  });
}

export async function stopChild(child: ChildProcess): Promise<void> {
  child.removeAllListeners("exit");
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  child.send("close");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

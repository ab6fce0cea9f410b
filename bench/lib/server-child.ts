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
}

export interface ServerChild {
  child: ChildProcess;
  url: string;
  measure(): Promise<Memory>;
}

const here = dirname(fileURLToPath(import.meta.url));

export function startChild(mode: "bare" | "ours"): Promise<ServerChild> {
  const child = fork(join(here, "memory-child.ts"), [mode], { execArgv: ["--import", "tsx", "--expose-gc"], env: { ...process.env, NODE_ENV: "test" } });
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

/**
 * Real processes on loopback for multi-node tests: Scholia nodes (server/main.ts) and a
 * private redis-server that a test may stop and restart. Every process is killed in teardown.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { eventually } from "./eventually.ts";
import { TEST_ORIGIN } from "./origin.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * A port that was free a moment ago. Only for redis-server: it cannot listen on port 0 and say
 * which port it got, so its port is chosen here and the probe socket closed before it starts,
 * leaving a short window in which something else could take the port. Scholia nodes and test
 * servers never need this: they listen on port 0 and report the port they got.
 */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it answers true; `what` names the wait in the timeout's message. */
async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  await eventually(
    async () => {
      if (!(await check().catch(() => false))) throw new Error(`timed out waiting for ${what}`);
    },
    timeoutMs,
    100,
  );
}

export interface NodeProcess {
  port: number;
  url: string;
  proc: ChildProcess;
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  kill(signal?: NodeJS.Signals): void;
}

const LISTENING = /listening on port (\d+)/;

/**
 * Starts `server/main.ts` on a port the system chooses (PORT=0, read back from its output, so
 * no two tests can race for one port) and, unless told otherwise, waits until /readyz answers.
 */
export async function startNode(env: Record<string, string>, opts: { waitReady?: boolean } = {}): Promise<NodeProcess> {
  const output: string[] = [];
  const proc = spawn(process.execPath, ["--import", "tsx", join(ROOT, "server/main.ts")], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "test", LOG_LEVEL: "warn", DEMO_DATA: "false", HOST: "127.0.0.1", PORT: "0", PUBLIC_ORIGIN: TEST_ORIGIN, SESSION_SECRET: "multinode-test-secret-0123456789abcdef", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    proc.once("exit", (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const port = await new Promise<number>((resolve, reject) => {
    proc.stdout!.on("data", (d: Buffer) => {
      output.push(d.toString());
      const m = LISTENING.exec(output.join(""));
      if (m) resolve(Number(m[1]));
    });
    proc.stderr!.on("data", (d: Buffer) => output.push(d.toString()));
    void exited.then((e) => reject(new Error(`node exited before listening (${e.code ?? e.signal}): ${output.join("")}`)));
    setTimeout(() => reject(new Error(`node did not start listening within 60 s: ${output.join("")}`)), 60_000).unref();
  });
  const node: NodeProcess = { port, url: `http://127.0.0.1:${port}`, proc, output, exited, kill: (signal = "SIGKILL") => void proc.kill(signal) };
  if (opts.waitReady !== false) {
    await Promise.race([
      waitFor(async () => (await fetch(`${node.url}/readyz`)).status === 200, 60_000, `node on ${port}`),
      exited.then((e) => {
        throw new Error(`node exited early (${e.code ?? e.signal}): ${output.join("")}`);
      }),
    ]);
  }
  return node;
}

export interface RedisProcess {
  port: number;
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** A private redis-server (no persistence) on a free port. */
export async function startRedis(): Promise<RedisProcess> {
  const port = await freePort();
  let proc: ChildProcess | null = null;
  const ping = async () => {
    const { createClient } = await import("redis");
    const c = createClient({ url: `redis://127.0.0.1:${port}`, socket: { reconnectStrategy: false, connectTimeout: 500 } });
    c.on("error", () => {});
    try {
      await c.connect();
      return (await c.ping()) === "PONG";
    } finally {
      await c.disconnect().catch(() => {});
    }
  };
  const r: RedisProcess = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      proc = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
      await waitFor(ping, 10_000, `redis on ${port}`);
    },
    async stop() {
      if (!proc) return;
      const p = proc;
      proc = null;
      const gone = new Promise((res) => p.once("exit", res));
      p.kill("SIGKILL");
      await gone;
    },
  };
  await r.start();
  return r;
}

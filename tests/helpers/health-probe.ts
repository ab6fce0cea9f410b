/**
 * Watches a node's /healthz from a separate process while a test attacks the node, then says
 * how long the slowest answer took: the event loop's responsiveness as a client sees it.
 */
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PROBER = join(dirname(fileURLToPath(import.meta.url)), "health-prober.mjs");

export interface HealthStats {
  count: number;
  failures: number;
  max: number;
  p50: number;
  p99: number;
}

export interface HealthProbe {
  stop(): Promise<HealthStats>;
}

/**
 * Starts probing `${baseUrl}/healthz` every `everyMs`; resolves once the first answer came back,
 * so the probe is watching before the test starts its attack.
 */
export async function probeHealth(baseUrl: string, everyMs = 20): Promise<HealthProbe> {
  const child = spawn(process.execPath, [PROBER, `${baseUrl}/healthz`, String(everyMs)], { stdio: ["pipe", "pipe", "inherit"] });
  let out = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.startsWith("ready\n")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`health prober exited (${code}) before its first answer: ${out}`)));
  });
  return {
    stop() {
      return new Promise((resolve, reject) => {
        child.once("exit", () => {
          try {
            resolve(JSON.parse(out.slice("ready\n".length).trim()) as HealthStats);
          } catch (e) {
            reject(new Error(`health prober said: ${out}`, { cause: e }));
          }
        });
        child.stdin.end("stop\n");
      });
    },
  };
}

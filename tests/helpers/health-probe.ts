/**
 * Watches a node's /healthz from a separate process while a test attacks the node, then says
 * how long the slowest answer took: the event loop's responsiveness as a client sees it.
 */
import { spawn } from "node:child_process";
import { expect } from "vitest";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PROBER = join(dirname(fileURLToPath(import.meta.url)), "health-prober.mjs");

export interface HealthStats {
  count: number;
  failures: number;
  max: number;
  p50: number;
  p90: number;
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

/**
 * What "the node kept answering" means in the abuse tests: no probe failed, the typical answer
 * (p90) stayed under 50 ms and the slowest under a second. The slowest single answer is noisy on
 * a two-core machine shared by the node, the test and the prober: it was 85-118 ms even while a
 * DOCX bomb was refused in a few milliseconds, 322 ms once in a presence flood whose p90 was 6 ms,
 * and the largest legitimate import ends in one synchronous SQLite COMMIT of about 10 MB of rows
 * and search index (60-170 ms measured). The p90 carries the responsiveness; the bound on the
 * slowest catches a node an attack has stalled, which misses it by seconds.
 */
export const RESPONSIVE = { p90Ms: 50, maxMs: 1_000 } as const;

export function expectResponsive(stats: HealthStats, what: string): void {
  expect(stats.failures, `${what}: failed health probes`).toBe(0);
  expect(stats.p90, `${what}: p90 of /healthz`).toBeLessThan(RESPONSIVE.p90Ms);
  expect(stats.max, `${what}: slowest /healthz`).toBeLessThan(RESPONSIVE.maxMs);
}

// A separate process that asks GET /healthz every few milliseconds, prints "ready" once the
// first answer is back and, when its stdin closes or receives a line (and at least MIN_SAMPLES
// answers are in), prints the latencies it saw as one JSON line. Being its own process, its timings are not disturbed by whatever the test
// process is busy with.
/* global performance, fetch, AbortSignal */
import { createInterface } from "node:readline";

const [url, everyMs = "20"] = process.argv.slice(2);
// A p90 means something only over enough answers: with a handful, it is the slowest one. An attack
// refused in a few hundred milliseconds is watched on until this many answers are in.
const MIN_SAMPLES = 20;
const samples = [];
let failures = 0;
let running = true;

async function loop() {
  while (running || samples.length + failures < MIN_SAMPLES) {
    const started = performance.now();
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      if (!res.ok) failures++;
      else samples.push(performance.now() - started);
    } catch {
      failures++;
      samples.push(performance.now() - started);
    }
    if (samples.length + failures === 1) process.stdout.write("ready\n");
    // The probing interval: how often the node is asked is what this process measures by.
    await new Promise((r) => setTimeout(r, Number(everyMs)));
  }
}

const done = loop();
const finish = async () => {
  running = false;
  await done;
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  process.stdout.write(JSON.stringify({ count: samples.length, failures, max: sorted[sorted.length - 1] ?? 0, p50: at(0.5), p90: at(0.9), p99: at(0.99) }) + "\n");
  process.exit(0);
};
createInterface({ input: process.stdin }).once("line", finish).once("close", finish);

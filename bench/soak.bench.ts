/**
 * Soak: the realtime benchmark's load held for SOAK_MINUTES (default 30). SOAK_CLIENTS (default
 * 100) clients joined to one document receive every event of one writer creating annotations at
 * SOAK_RATE per second (default 20; the realtime benchmark's load generator, bench/lib/load.ts).
 * The server runs in its own process (bench/lib/memory-child.ts, as for the memory benchmark), so
 * its memory is its own; every SOAK_SAMPLE_SECONDS (default 15) its RSS and JS heap in use are
 * read after a full garbage collection.
 * Figures: the least-squares slope of each over the second half of the run, in MB per minute
 * (the first half is warm-up: caches fill, the import worker retires). Targets: heap used
 * <= 0.1 MB/min (flat), RSS <= 0.5 MB/min (no steady growth). The baseline printed beside each
 * is the same slope over the first half.
 * Prints `<figure> value=<x> baseline=<y> ratio=<r> target<=<t> MET|MISSED`.
 */
import { fmt, measureDocumentFanout, prepareDocument, stats } from "./lib/load.ts";
import { report } from "./lib/figure.ts";
import { startChild, stopChild, type Memory } from "./lib/server-child.ts";

const MINUTES = Number(process.env.SOAK_MINUTES ?? 30);
const CLIENTS = Number(process.env.SOAK_CLIENTS ?? 100);
const RATE = Number(process.env.SOAK_RATE ?? 20);
const SAMPLE_MS = Number(process.env.SOAK_SAMPLE_SECONDS ?? 15) * 1000;
const HEAP_TARGET = 0.1;
const RSS_TARGET = 0.5;
const MB = 1024 * 1024;

interface Sample {
  /** Minutes since the load started. */
  t: number;
  rss: number;
  heapUsed: number;
}

/** Least-squares slope of y over t (per minute); NaN with fewer than 3 points. */
function slope(points: Array<{ t: number; y: number }>): number {
  const n = points.length;
  if (n < 3) return NaN;
  const mt = points.reduce((a, p) => a + p.t, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.t - mt) * (p.y - my);
    den += (p.t - mt) ** 2;
  }
  return den === 0 ? NaN : num / den;
}

async function main() {
  console.log(`soak: ${CLIENTS} clients in one document, writer ${RATE}/s for ${MINUTES} min, server memory read every ${SAMPLE_MS / 1000}s after a full GC`);
  const { child, url, measure } = await startChild("ours");
  try {
    const load = await prepareDocument(url);
    const samples: Sample[] = [];
    const t0 = performance.now();
    let running = true;
    const sampler = (async () => {
      while (running) {
        const m: Memory = await measure();
        const s = { t: (performance.now() - t0) / 60_000, rss: m.rss / MB, heapUsed: m.heapUsed / MB };
        samples.push(s);
        console.log(`t=${s.t.toFixed(2)}min rss=${fmt(s.rss)}MB heapUsed=${fmt(s.heapUsed)}MB heapTotal=${fmt(m.heapTotal / MB)}MB external=${fmt(m.external / MB)}MB`);
        const next = performance.now() + SAMPLE_MS;
        while (running && performance.now() < next) await new Promise((r) => setTimeout(r, 250));
      }
    })();
    const fanout = await measureDocumentFanout(url, [url], CLIENTS, load, RATE, MINUTES * 60);
    running = false;
    await sampler;

    const l = stats(fanout.latencies);
    console.log(`deliveries ${l.n} of ${fanout.expected} sent; latency p50=${fmt(l.p50)}ms p99=${fmt(l.p99)}ms max=${fmt(l.max)}ms`);
    const end = samples[samples.length - 1]?.t ?? 0;
    const first = samples.filter((s) => s.t < end / 2);
    const second = samples.filter((s) => s.t >= end / 2);
    const unusable = second.length < 3 ? `only ${second.length} samples in the second half: run longer or sample more often` : undefined;
    const figure = (name: string, key: "heapUsed" | "rss", target: number) => {
      const a = second[0]?.[key] ?? NaN;
      const b = second[second.length - 1]?.[key] ?? NaN;
      report({
        name: `soak: ${name} slope over the second half (${second.length} samples)`,
        value: slope(second.map((s) => ({ t: s.t, y: s[key] }))),
        baseline: slope(first.map((s) => ({ t: s.t, y: s[key] }))),
        unit: "MB/min",
        target,
        targetOn: "value",
        note: `${fmt(a)} -> ${fmt(b)} MB; baseline: first half`,
        ...(unusable ? { unusable } : {}),
      });
    };
    figure("JS heap used", "heapUsed", HEAP_TARGET);
    figure("RSS", "rss", RSS_TARGET);
  } finally {
    await stopChild(child);
  }
  process.exit(0);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

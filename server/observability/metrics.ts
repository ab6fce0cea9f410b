/**
 * Prometheus metrics for /metrics. One registry per process (several apps in one test process
 * share it); gauges that depend on a running Socket.IO server read it when scraped.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<"method" | "route" | "status">;
  dbDuration: Histogram<"kind">;
  /** Counts document events this node published (total and per-second window). */
  recordPublished(n: number): void;
  /** Registers what the socket gauges read at scrape time. */
  watchSockets(source: { connectedSockets(): number; openDocuments(): number }): void;
}

let instance: Metrics | null = null;

/** Events per second over the last `windowMs`, for the events-published-per-second gauge. */
class RateWindow {
  private stamps: number[] = [];
  constructor(private readonly windowMs = 10_000) {}
  add(n: number): void {
    const now = Date.now();
    for (let i = 0; i < n; i++) this.stamps.push(now);
    this.trim(now);
  }
  perSecond(): number {
    this.trim(Date.now());
    return this.stamps.length / (this.windowMs / 1000);
  }
  private trim(now: number): void {
    const cutoff = now - this.windowMs;
    let i = 0;
    while (i < this.stamps.length && this.stamps[i]! < cutoff) i++;
    if (i) this.stamps.splice(0, i);
  }
}

export function metrics(): Metrics {
  if (instance) return instance;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const sources: Array<{ connectedSockets(): number; openDocuments(): number }> = [];
  const rate = new RateWindow();
  new Gauge({
    name: "scholia_connected_sockets",
    help: "Socket.IO connections open on this node",
    registers: [registry],
    collect() {
      this.set(sources.reduce((n, s) => n + s.connectedSockets(), 0));
    },
  });
  new Gauge({
    name: "scholia_documents_open",
    help: "Documents with at least one socket joined on this node",
    registers: [registry],
    collect() {
      this.set(sources.reduce((n, s) => n + s.openDocuments(), 0));
    },
  });
  new Gauge({
    name: "scholia_events_published_per_second",
    help: "Document events published by this node, per second over the last 10 s",
    registers: [registry],
    collect() {
      this.set(rate.perSecond());
    },
  });
  const eventsPublished = new Counter({ name: "scholia_events_published_total", help: "Document events published by this node", registers: [registry] });
  instance = {
    registry,
    httpDuration: new Histogram({
      name: "scholia_http_request_duration_seconds",
      help: "HTTP request latency",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    dbDuration: new Histogram({
      name: "scholia_db_query_duration_seconds",
      help: "Database statement latency (as seen by the driver adapter)",
      labelNames: ["kind"],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
      registers: [registry],
    }),
    recordPublished(n) {
      rate.add(n);
      eventsPublished.inc(n);
    },
    watchSockets(source) {
      sources.push(source);
    },
  };
  return instance;
}

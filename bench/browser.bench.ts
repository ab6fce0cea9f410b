/**
 * The browser app under load, in headless Chromium. Prints one line per figure:
 * `<figure> value=<x> baseline=<y> ratio=<r> target<=<t> MET|MISSED`.
 *
 * - bundle: the gzip size of the JavaScript index.html loads before a document is opened (its
 *   script and modulepreload tags in client/dist, each file gzipped), beside the whole app's JS.
 * - A document of 1,000 paragraphs, 5,000 annotations (overlapping, some across paragraphs,
 *   tagged, a third of them claims) and 20,000 replies, written straight into a temporary SQLite
 *   database: "interactive" is when the sidebar list is drawn, a highlight is painted AND the
 *   article text answers a selection (a DOM selection is made, by a script in the page as soon as
 *   the first two hold, and the annotate toolbar shows).
 *   Its baseline is the same paragraphs as a static HTML page (the app's stylesheet, no script)
 *   from the same origin, timed to its load event and the next painted frame, in the same run.
 *   The longest main-thread task ("longtask" entries) up to interactive + 1 s.
 * - The largest document: 10,000 paragraphs, 20,000 annotations: interactive, then the article
 *   pane scrolled from top to bottom by script, every frame's time taken with
 *   requestAnimationFrame; and the tab's JS heap (CDP Performance.getMetrics JSHeapUsedSize), as
 *   found and after a forced garbage collection.
 *
 * BENCH_RUNS=n (default 3) loads each document n times and takes the median.
 * BENCH_PROFILE=<dir> builds the app unminified and writes CPU profiles of the first load of
 * each document and of the scrolling there, printing the functions with the most self time.
 * BENCH_PROFILE_RUN=n profiles the n-th load instead (0-based; a later one runs with the
 * browser's caches warm, as a person opening the document again does).
 * BENCH_VERBOSE=1 prints every long task and API call.
 * BENCH_ALLOCATIONS=<file> samples what the page allocates while the 10,000-paragraph document
 * scrolls, writes the profile there and prints the functions that allocated the most.
 * BENCH_HEAP=<file> writes a heap snapshot of the 10,000-paragraph tab after its scroll (and a
 * garbage collection) and prints the kinds of object that take the most room.
 * BENCH_TRACE=<dir> records a Chrome trace of every document load and of the scrolling (open it
 * in DevTools' Performance panel) and prints the load's main-thread CPU up to the first highlight and its
 * longest tasks by CPU time: task CPU, unlike wall time, barely moves with the machine's load, so
 * two builds can be compared on a busy machine. BENCH_TRACE_CATEGORIES replaces the trace's
 * categories (add disabled-by-default-v8.compile to see parsing and compiling). A trace makes V8
 * collect source positions for the functions it records, which adds tens of ms to the first
 * script's evaluation: compare traces with traces, not with the untraced figures.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "vite";
import { chromium, type CDPSession, type Page } from "playwright-core";
import { loadConfig } from "../server/config.ts";
import { createLogger } from "../server/lib/logger.ts";
import { migrate } from "../server/db/migrator.ts";
import { openDb, type Db } from "../server/db/client.ts";
import { startServer } from "../server/server.ts";
import { registerUser } from "../server/modules/auth/auth.service.ts";
import { offlineRunner } from "../server/modules/mutations/services.ts";
import { openForwarder } from "../tests/helpers/forwarder.ts";
import { inSections } from "../client/src/editor/article-sections.ts";

const AUTHORS = 12;
const CHUNK = 400;
const PASSWORD = "bench-password-2026";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const PROFILE_DIR = process.env.BENCH_PROFILE;
/** Which load of each document is profiled (0: the first, with the browser's caches cold). */
const PROFILE_RUN = Number(process.env.BENCH_PROFILE_RUN ?? 0);
const DIST = "client/dist";
const MAX_SCROLL_MS = 60_000;
/** BENCH_DOCS=large (or medium) measures only that document (and the bundle); large also scrolls. */
const ONLY = process.env.BENCH_DOCS;

const WORDS = "the treaty regional agreement analysts expect verification measures notification regime missile deterrence hedging middle powers alignment strategy security governments choose sides durable change calculate interests".split(" ");

interface DocSpec {
  id: string;
  paragraphs: number;
  annotations: number;
  replies: number;
  seed: number;
}
const MEDIUM: DocSpec = { id: "d_bench", paragraphs: 1000, annotations: 5000, replies: 20_000, seed: 42 };
const LARGE: DocSpec = { id: "d_bench_large", paragraphs: 10_000, annotations: 20_000, replies: 0, seed: 7 };

/** A deterministic pseudo-random source, so every run measures the same document. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function chunked<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

interface Setting {
  workspaceId: string;
  authors: string[];
  tags: Array<{ id: string }>;
}

async function workspace(db: Db): Promise<{ email: string } & Setting> {
  const owner = await registerUser(db, { email: "bench@scholia.local", password: PASSWORD, displayName: "Bench Owner" });
  const { result: ws } = await offlineRunner(db, { databaseProvider: "sqlite", inviteTtlMs: 0, publicOrigin: "" }).run(
    "workspace:create",
    { userId: owner.id, displayName: owner.displayName },
    { name: "Bench desk" },
  );
  const users = Array.from({ length: AUTHORS - 1 }, (_, i) => ({ id: `u_bench_${i}`, email: `author${i}@bench.local`, displayName: `Author ${i + 1}`, passwordHash: "x" }));
  await db.user.createMany({ data: users });
  await db.membership.createMany({ data: users.map((u, i) => ({ id: `m_bench_${i}`, workspaceId: ws.id, userId: u.id, role: "analyst" })) });
  const tags = Array.from({ length: 12 }, (_, i) => ({ id: `t_bench_${i}`, workspaceId: ws.id, parentId: i >= 4 ? `t_bench_${i % 4}` : null, name: `Tag ${i}`, color: `#${((i * 2654435761) >>> 8).toString(16).padStart(6, "0").slice(0, 6)}` }));
  await db.tag.createMany({ data: tags });
  return { email: owner.email, workspaceId: ws.id, authors: [owner.id, ...users.map((u) => u.id)], tags };
}

/** Writes one document; returns its paragraphs (kind and text) for the static baseline page. */
async function generate(db: Db, set: Setting, spec: DocSpec): Promise<StaticParagraph[]> {
  const rand = rng(spec.seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const { id: documentId } = spec;
  const p = (i: number) => `${documentId}_p${i}`;
  await db.document.create({ data: { id: documentId, workspaceId: set.workspaceId, title: `A very long briefing (${spec.paragraphs})`, format: "txt", metadata: "{}", createdById: set.authors[0]! } });
  const texts: string[] = [];
  const paragraphs = Array.from({ length: spec.paragraphs }, (_, i) => {
    const kind = i === 0 ? "heading" : i % 25 === 0 ? "heading" : i % 17 === 0 ? "quote" : "paragraph";
    const n = kind === "heading" ? 6 : 50 + Math.floor(rand() * 60);
    const text = Array.from({ length: n }, () => pick(WORDS)).join(" ").replace(/^./, (c) => c.toUpperCase()) + (kind === "heading" ? "" : ".");
    texts.push(text);
    return { id: p(i), documentId, position: i, kind, text, level: kind === "heading" ? (i === 0 ? 1 : 2) : null, role: i === 0 ? "title" : null };
  });
  await chunked(paragraphs, (data) => db.paragraph.createMany({ data }));

  const kinds = ["comment", "highlight", "claim"];
  const annotations = Array.from({ length: spec.annotations }, (_, i) => {
    const at = Math.floor(rand() * spec.paragraphs);
    const text = texts[at]!;
    const start = Math.floor(rand() * Math.max(1, text.length - 40));
    const across = rand() < 0.05 && at + 1 < spec.paragraphs;
    const endAt = across ? at + 1 : at;
    const end = across ? Math.min(texts[endAt]!.length, 20) : Math.min(text.length, start + 10 + Math.floor(rand() * 80));
    const quote = across ? `${text.slice(start)}\n${texts[endAt]!.slice(0, end)}` : text.slice(start, end);
    return {
      id: `${documentId}_a${i}`,
      documentId,
      authorId: pick(set.authors),
      kind: kinds[i % 3]!,
      body: JSON.stringify({ format: "text", text: `Note ${i}: ${pick(WORDS)} ${pick(WORDS)}` }),
      startPid: p(at),
      startOffset: start,
      endPid: p(endAt),
      endOffset: end,
      quote,
      prefix: text.slice(Math.max(0, start - 32), start),
      suffix: texts[endAt]!.slice(end, end + 32),
      docVersion: 1,
    };
  });
  await chunked(annotations, (data) => db.annotation.createMany({ data }));
  await chunked(
    annotations.filter((a) => a.kind === "claim").map((a) => ({ annotationId: a.id })),
    (data) => db.claimReview.createMany({ data }),
  );
  await chunked(
    annotations.filter((_, i) => i % 2 === 0).map((a, i) => ({ annotationId: a.id, tagId: set.tags[i % set.tags.length]!.id })),
    (data) => db.annotationTag.createMany({ data }),
  );
  const stances = ["supports", "disputes", "questions", "none"];
  const replies = Array.from({ length: spec.replies }, (_, i) => ({
    id: `${documentId}_r${i}`,
    annotationId: `${documentId}_a${Math.floor(rand() * spec.annotations)}`,
    authorId: pick(set.authors),
    body: JSON.stringify({ format: "text", text: `Reply ${i}: ${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)}` }),
    stance: pick(stances),
    createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000),
  }));
  await chunked(replies, (data) => db.reply.createMany({ data }));
  return paragraphs.map((x) => ({ id: x.id, kind: x.kind, level: x.level, role: x.role, text: x.text }));
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

interface StaticParagraph {
  id: string;
  kind: string;
  level: number | null;
  role: string | null;
  text: string;
}

/**
 * The same paragraphs as plain HTML with the app's stylesheet and no script, in the app's shape:
 * the title as front matter, the body in the same sections (client/src/editor/article-sections.ts).
 */
function staticPage(paragraphs: StaticParagraph[], css: string[]): string {
  const block = (x: StaticParagraph) => {
    const t = escapeHtml(x.text);
    if (x.kind === "heading") return `<h${x.level ?? 2}>${t}</h${x.level ?? 2}>`;
    if (x.kind === "quote") return `<blockquote>${t}</blockquote>`;
    return `<p>${t}</p>`;
  };
  const front = paragraphs.filter((x) => x.role === "title");
  const sections = [...inSections(paragraphs.filter((x) => x.role !== "title"), (x) => x.id)];
  const body = `${front.length ? `<header class="front-matter">${front.map(block).join("")}</header>` : ""}${sections.map((s) => `<div class="article-section">${s.map(block).join("\n")}</div>`).join("\n")}`;
  const links = css.map((href) => `<link rel="stylesheet" href="${href}">`).join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Static</title>${links}</head><body><main><article class="article-text">${body}</article></main></body></html>`;
}

/** The JS index.html loads before any screen asks for more: its script and modulepreload tags. */
function bundleFigures(): { initial: number; all: number; files: string[]; css: string[] } {
  const html = readFileSync(join(DIST, "index.html"), "utf8");
  const files = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="([^"]+\.js)"/g)].map((m) => m[1]!);
  const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*\bhref="([^"]+\.css)"/g)].map((m) => m[1]!);
  const gz = (f: string) => gzipSync(readFileSync(f)).length;
  const initial = files.reduce((n, f) => n + gz(join(DIST, f)), 0);
  const all = readdirSync(join(DIST, "assets"))
    .filter((f) => f.endsWith(".js"))
    .reduce((n, f) => n + gz(join(DIST, "assets", f)), 0);
  return { initial, all, files, css };
}

function figure(name: string, value: number, baseline: number, target: number, unit: string, met = value <= target, extra = ""): void {
  const ratio = baseline > 0 ? (value / baseline).toFixed(2) : "-";
  const f = (x: number) => (unit === "KB" ? (x / 1024).toFixed(1) : unit === "x" ? x.toFixed(2) : x.toFixed(0));
  console.log(`${name} value=${f(value)}${unit} baseline=${f(baseline)}${unit === "x" ? "" : unit} ratio=${ratio} target<=${f(target)}${unit} ${met ? "MET" : "MISSED"}${extra}`);
}

/** Makes a DOM selection in the text (as a mouse would) and notes when the toolbar answers. */
const SELECT_SCRIPT = `new Promise((resolve) => {
  const editor = document.querySelector(".article-text");
  const p = editor.querySelectorAll("p[data-pid]")[2];
  const text = p.firstChild.nodeType === 3 ? p.firstChild : p.querySelector("span").firstChild;
  editor.focus();
  document.getSelection().setBaseAndExtent(text, 0, text, Math.min(12, text.length));
  const started = performance.now();
  (function check() {
    if (document.querySelector(".selection-toolbar")) resolve({ started, answered: performance.now() });
    else requestAnimationFrame(check);
  })();
})`;

/** Runs in every page before its own scripts: long tasks, and when the document screen is usable. */
const INIT_SCRIPT = `
  window.__longtasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration }); })
    .observe({ type: "longtask", buffered: true });
  addEventListener("load", () => requestAnimationFrame(() => setTimeout(() => { window.__painted = performance.now(); }, 0)));
  (function watch() {
    if (document.querySelector(".annotation-list li button.summary-open") && document.querySelector(".article-text .anno")) {
      window.__ready = performance.now();
      // At once, in the page (a round trip to the test driver is not the app's time).
      ${SELECT_SCRIPT}.then((s) => { window.__selection = s; });
      return;
    }
    requestAnimationFrame(watch);
  })();
`;

/**
 * Scrolls the article's scrolling box from top to bottom, three quarters of a screen per frame
 * (like holding Page Down), noting every frame's time; stops after MAX_SCROLL_MS.
 */
const SCROLL_SCRIPT = `new Promise((resolve) => {
  let box = document.querySelector(".article-text");
  while (box && !(box.scrollHeight > box.clientHeight + 10 && /(auto|scroll)/.test(getComputedStyle(box).overflowY))) box = box.parentElement;
  box = box || document.scrollingElement;
  const height = box.scrollHeight - box.clientHeight;
  const step = Math.max(1, Math.round(box.clientHeight * 0.75));
  const times = [];
  box.scrollTop = 0;
  const started = performance.now();
  let last = started;
  requestAnimationFrame(function frame(now) {
    times.push(now - last);
    last = now;
    if (box.scrollTop >= height - 1 || now - started > ${MAX_SCROLL_MS}) return resolve({ times: times.slice(1), height, reached: box.scrollTop, box: box.className || box.tagName });
    box.scrollTop = Math.min(height, box.scrollTop + step);
    requestAnimationFrame(frame);
  });
})`;

/** `work`, or an error naming `what` when it has not settled a minute after the longest scroll should end. */
async function bounded<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${(MAX_SCROLL_MS + 60_000) / 1000} s`)), MAX_SCROLL_MS + 60_000);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** Writes the tab's heap snapshot (open it in DevTools' Memory panel) and prints what holds the most. */
async function writeHeapSnapshot(cdp: CDPSession, file: string): Promise<void> {
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => void chunks.push(e.chunk);
  cdp.on("HeapProfiler.addHeapSnapshotChunk", onChunk);
  await cdp.send("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
  cdp.off("HeapProfiler.addHeapSnapshotChunk", onChunk);
  const text = chunks.join("");
  writeFileSync(file, text);
  const snapshot = JSON.parse(text) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[]; strings: string[] };
  const fields = snapshot.snapshot.meta.node_fields;
  const [type, name, size] = ["type", "name", "self_size"].map((f) => fields.indexOf(f)) as [number, number, number];
  const types = snapshot.snapshot.meta.node_types[0];
  const bySize = new Map<string, { size: number; count: number }>();
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const kind = types[snapshot.nodes[i + type]!]!;
    const key = kind === "object" || kind === "closure" ? `${kind} ${snapshot.strings[snapshot.nodes[i + name]!]}` : kind;
    const entry = bySize.get(key) ?? { size: 0, count: 0 };
    entry.size += snapshot.nodes[i + size]!;
    entry.count++;
    bySize.set(key, entry);
  }
  console.log(`  heap snapshot written to ${file}; most self size:`);
  for (const [key, v] of [...bySize].sort((a, b) => b[1].size - a[1].size).slice(0, 25)) console.log(`  ${(v.size / 2 ** 20).toFixed(2).padStart(7)} MB ${String(v.count).padStart(8)}  ${key}`);
}

interface AllocationNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: AllocationNode[];
}

/**
 * With BENCH_ALLOCATIONS=<file>, samples the page's allocations (every 32 KB on average) while
 * it scrolls, writes the profile there (DevTools opens it) and prints the functions that
 * allocated the most, garbage included: what scrolling asks of the garbage collector.
 */
async function allocationSampler(cdp: CDPSession): Promise<() => Promise<void>> {
  const file = process.env.BENCH_ALLOCATIONS;
  if (!file) return async () => {};
  await cdp.send("HeapProfiler.enable");
  await cdp.send("HeapProfiler.startSampling", { samplingInterval: 32 * 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  return async () => {
    const { profile } = (await cdp.send("HeapProfiler.stopSampling")) as { profile: { head: AllocationNode } };
    writeFileSync(file, JSON.stringify(profile));
    const bySite = new Map<string, number>();
    let total = 0;
    const walk = (n: AllocationNode) => {
      const key = `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber + 1}`;
      bySite.set(key, (bySite.get(key) ?? 0) + n.selfSize);
      total += n.selfSize;
      for (const c of n.children) walk(c);
    };
    walk(profile.head);
    console.log(`  allocation profile written to ${file}; allocated while scrolling (sampled): ${(total / 2 ** 20).toFixed(1)} MB; most by:`);
    for (const [key, size] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${(size / 2 ** 20).toFixed(2).padStart(7)} MB  ${key}`);
  };
}

interface Load {
  highlight: number;
  ready: number;
  interactive: number;
  longest: number;
  tasks: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Top self-time functions of a CPU profile. */
function summarize(profile: { nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }>; samples: number[]; timeDeltas: number[] }): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const n = byId.get(id)!;
    const key = `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 20)
    .map(([k, ms]) => `${ms.toFixed(0).padStart(6)} ms  ${k}`);
}

/** Starts a CPU profile of the page when profiling; the returned function stops and reports it. */
async function profiler(page: Page, name: string, on: boolean): Promise<() => Promise<void>> {
  if (!on) return async () => {};
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  return async () => {
    const { profile: p } = (await cdp.send("Profiler.stop")) as { profile: Parameters<typeof summarize>[0] };
    mkdirSync(PROFILE_DIR!, { recursive: true });
    const file = join(PROFILE_DIR!, `${name}.cpuprofile`);
    writeFileSync(file, JSON.stringify(p));
    console.log(`  profile written to ${file}; most self time:`);
    for (const line of summarize(p)) console.log(`  ${line}`);
    await cdp.detach();
  };
}

const TRACE_DIR = process.env.BENCH_TRACE;
let traces = 0;

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/** Starts a Chrome trace of the page when asked to; the returned function writes and sums it up. */
async function tracer(page: Page, name: string): Promise<() => Promise<void>> {
  if (!TRACE_DIR) return async () => {};
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on("Tracing.dataCollected", (e: { value: unknown[] }) => void events.push(...(e.value as TraceEvent[])));
  const complete = new Promise<void>((resolve) => cdp.once("Tracing.tracingComplete", () => resolve()));
  await cdp.send("Tracing.start", { categories: process.env.BENCH_TRACE_CATEGORIES ?? "devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink.user_timing,loading,toplevel", transferMode: "ReportEvents" });
  return async () => {
    await cdp.send("Tracing.end");
    await complete;
    await cdp.detach();
    mkdirSync(TRACE_DIR, { recursive: true });
    const file = join(TRACE_DIR, `${name}-${traces++}.json`);
    writeFileSync(file, JSON.stringify({ traceEvents: events }));
    // The page's main thread: the renderer thread with the most events.
    const mains = new Set(events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`));
    const counts = new Map<string, number>();
    for (const e of events) if (mains.has(`${e.pid}:${e.tid}`)) counts.set(`${e.pid}:${e.tid}`, (counts.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
    const main = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
    const painted = events.find((e) => e.name === "scholia:highlights-painted")?.ts;
    const starts = events.filter((e) => e.name === "navigationStart" && (painted === undefined || e.ts < painted)).map((e) => e.ts);
    if (!main || painted === undefined || !starts.length) return void console.log(`  trace written to ${file}`);
    const t0 = Math.max(...starts);
    const tasks = events.filter((e) => e.name === "RunTask" && e.ph === "X" && `${e.pid}:${e.tid}` === main && e.ts >= t0 && e.ts <= painted);
    const cpu = tasks.reduce((n, e) => n + (e.tdur ?? 0), 0) / 1000;
    const longest = [...tasks].sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0)).slice(0, 5);
    console.log(
      `  trace written to ${file}: main-thread CPU to the first highlight ${cpu.toFixed(0)} ms; longest tasks by CPU ${longest.map((e) => `${((e.tdur ?? 0) / 1000).toFixed(0)} ms (wall ${((e.dur ?? 0) / 1000).toFixed(0)}) at ${((e.ts - t0) / 1000).toFixed(0)}`).join(", ")}`,
    );
  };
}

async function loadDocument(page: Page, origin: string, spec: DocSpec, profile: boolean): Promise<Load> {
  const stopProfile = await profiler(page, spec.id, profile);
  const stopTrace = await tracer(page, spec.id);
  await page.goto(`${origin}/d/${spec.id}`);
  // Polled from here (the app's CSP forbids the string predicates waitForFunction evaluates); the
  // times are taken in the page, so the polling does not enter them.
  let sel: { started: number; answered: number } | undefined;
  for (const until = Date.now() + 120_000; !sel; await page.waitForTimeout(25)) {
    if (Date.now() > until) throw new Error(`${spec.id}: not interactive within 120 s`);
    sel = (await page.evaluate("window.__selection")) as typeof sel;
  }
  await page.waitForTimeout(1000);
  await stopProfile();
  await stopTrace();
  const m = (await page.evaluate(`({
    highlight: (performance.getEntriesByName("scholia:highlights-painted")[0] || { startTime: NaN }).startTime,
    ready: window.__ready,
    tasks: window.__longtasks,
    api: performance.getEntriesByType("resource").filter((r) => r.name.includes("/api/") || r.name.endsWith(".js")).map((r) => ({ path: new URL(r.name).pathname, start: r.startTime, end: r.responseEnd, bytes: r.encodedBodySize })),
  })`)) as { highlight: number; ready: number; tasks: Array<{ start: number; duration: number }>; api: Array<{ path: string; start: number; end: number; bytes: number }> };
  const interactive = Math.max(sel.answered, m.ready);
  const inWindow = m.tasks.filter((t) => t.start <= interactive + 1000);
  if (process.env.BENCH_VERBOSE) {
    for (const r of m.api) console.log(`  ${r.path}: ${r.start.toFixed(0)}-${r.end.toFixed(0)} ms, ${(r.bytes / 1024).toFixed(0)} KiB`);
    console.log("  long tasks:", m.tasks.map((t) => `${t.start.toFixed(0)}+${t.duration.toFixed(0)}`).join(" "));
  }
  const longest = Math.max(0, ...inWindow.map((t) => t.duration));
  const read = m.api.find((r) => r.path.endsWith(`/documents/${spec.id}/annotations`));
  if (process.env.BENCH_VERBOSE) console.log(`  marks: ${JSON.stringify(await page.evaluate(`performance.getEntriesByType("mark").map((e) => e.name + "@" + Math.round(e.startTime))`))}`);
  console.log(
    `  ${spec.paragraphs} paragraphs: annotations read answered at ${read ? read.end.toFixed(0) : "?"} ms, first highlight ${m.highlight.toFixed(0)} ms, sidebar+highlights ${m.ready.toFixed(0)} ms, interactive ${interactive.toFixed(0)} ms (selection answered in ${(sel.answered - sel.started).toFixed(0)} ms), longest task ${longest.toFixed(0)} ms over ${inWindow.length} long tasks`,
  );
  return { highlight: m.highlight, ready: m.ready, interactive, longest, tasks: inWindow.length };
}

async function loadStatic(page: Page, url: string): Promise<{ painted: number; longest: number }> {
  await page.goto(url);
  await page.waitForFunction("window.__painted !== undefined", undefined, { timeout: 60_000 });
  await page.waitForTimeout(300);
  return (await page.evaluate(`({ painted: window.__painted, longest: Math.max(0, ...window.__longtasks.map((t) => t.duration)) })`)) as { painted: number; longest: number };
}

async function main() {
  if (!existsSync(CHROMIUM)) {
    const msg = `browser bench: Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`;
    if (process.env.CI) throw new Error(msg);
    console.log(`${msg}; skipped`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "scholia-browser-bench-"));
  const url = `file:${join(dir, "bench.db")}`;
  try {
    // Profiling reads better with the functions' own names.
    await build({ configFile: "client/vite.config.ts", mode: "production", logLevel: "warn", build: { sourcemap: false, minify: !PROFILE_DIR } });
    const bundle = bundleFigures();
    console.log(`  initial JS: ${bundle.files.join(", ")}`);
    const t0 = Date.now();
    await migrate(url);
    const db = await openDb(url);
    const set = await workspace(db);
    const texts = { [MEDIUM.id]: await generate(db, set, MEDIUM), [LARGE.id]: await generate(db, set, LARGE) };
    await db.$disconnect();
    console.log(`generated ${MEDIUM.paragraphs}/${MEDIUM.annotations}/${MEDIUM.replies} and ${LARGE.paragraphs}/${LARGE.annotations}/${LARGE.replies} paragraphs/annotations/replies in ${Date.now() - t0} ms`);

    // The server listens on port 0; the browser reaches it through a port bound beforehand, whose
    // origin the server is configured with (tests/helpers/forwarder.ts says why).
    const front = await openForwarder();
    const origin = front.origin;
    const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: url, PORT: "0", HOST: "127.0.0.1", PUBLIC_ORIGIN: origin, LOG_LEVEL: "silent" });
    const server = await startServer(config, createLogger("silent"));
    front.forwardTo(server.port);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--enable-precise-memory-info"],
    });
    try {
      const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
      const page = await context.newPage();
      page.on("crash", () => console.log("  the page crashed"));
      page.on("pageerror", (e) => console.log(`  page error: ${e.message}`));
      // The static baseline pages come from the app's own origin (answered by the browser's request
      // interception, so no server route exists for them).
      for (const spec of [MEDIUM, LARGE]) {
        const html = staticPage(texts[spec.id]!, bundle.css);
        await page.route(`${origin}/bench-static/${spec.id}.html`, (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }));
      }
      await page.goto(`${origin}/signin`);
      await page.getByLabel("E-mail").fill(set.email);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { name: "Your workspaces" }).waitFor();
      // What the workspace list made the browser fetch, for the record.
      const listJs = (await page.evaluate(`performance.getEntriesByType("resource").map((r) => new URL(r.name).pathname).filter((p) => p.endsWith(".js"))`)) as string[];
      const listGz = listJs.filter((p) => existsSync(join(DIST, p))).reduce((n, p) => n + gzipSync(readFileSync(join(DIST, p))).length, 0);
      console.log(`  sign-in + workspace list loaded ${listJs.length} JS files, ${(listGz / 1024).toFixed(1)} KB gzip`);
      await context.addInitScript(INIT_SCRIPT);

      const results = new Map<string, { loads: Load[]; statics: Array<{ painted: number; longest: number }> }>();
      for (const spec of [MEDIUM, LARGE]) {
        if (ONLY && ONLY !== (spec === LARGE ? "large" : "medium")) continue;
        const loads: Load[] = [];
        const statics: Array<{ painted: number; longest: number }> = [];
        for (let run = 0; run < RUNS; run++) {
          statics.push(await loadStatic(page, `${origin}/bench-static/${spec.id}.html`));
          console.log(`  ${spec.paragraphs} paragraphs as static HTML: painted ${statics.at(-1)!.painted.toFixed(0)} ms`);
          loads.push(await loadDocument(page, origin, spec, !!PROFILE_DIR && run === PROFILE_RUN));
        }
        results.set(spec.id, { loads, statics });
      }

      let large: { frames: number[]; staticFrames: number[]; heap: number; staticHeap: number; collected: number } | undefined;
      if (ONLY !== "medium") {
        // Scrolling the largest document, then its heap.
        await loadDocument(page, origin, LARGE, false);
        const cdp = await context.newCDPSession(page);
        await cdp.send("Performance.enable");
        const stopProfile = await profiler(page, `${LARGE.id}-scroll`, !!PROFILE_DIR);
        const stopTrace = await tracer(page, `${LARGE.id}-scroll`);
        const stopSampling = await allocationSampler(cdp);
        const scroll = (await bounded(page.evaluate(SCROLL_SCRIPT), "the app's scroll")) as { times: number[]; height: number; reached: number; box: string };
        await stopSampling();
        await stopTrace();
        await stopProfile();
        const frames = [...scroll.times].sort((a, b) => a - b);
        await page.waitForTimeout(500);
        const { metrics } = (await cdp.send("Performance.getMetrics")) as { metrics: Array<{ name: string; value: number }> };
        const heap = metrics.find((x) => x.name === "JSHeapUsedSize")?.value ?? NaN;
        // What the tab holds once its garbage is collected (the figure above varies run to run
        // with when the collector last ran: tens of MB here).
        if (process.env.BENCH_VERBOSE) console.log("  scrolled; collecting the tab's garbage");
        await cdp.send("HeapProfiler.collectGarbage");
        const collected = ((await cdp.send("Performance.getMetrics")) as { metrics: Array<{ name: string; value: number }> }).metrics.find((x) => x.name === "JSHeapUsedSize")?.value ?? NaN;
        if (process.env.BENCH_HEAP) await writeHeapSnapshot(cdp, process.env.BENCH_HEAP);
        // The same scrolling over the static page: what the browser itself needs per frame here.
        await page.goto(`${origin}/bench-static/${LARGE.id}.html`);
        await page.waitForFunction("window.__painted !== undefined", undefined, { timeout: 60_000 });
        await page.waitForTimeout(300);
        const after = (await cdp.send("Performance.getMetrics")) as { metrics: Array<{ name: string; value: number }> };
        const staticHeap = after.metrics.find((x) => x.name === "JSHeapUsedSize")?.value ?? NaN;
        if (process.env.BENCH_VERBOSE) console.log("  scrolling the static page");
        const staticScroll = (await bounded(page.evaluate(SCROLL_SCRIPT), "the static page's scroll")) as { times: number[]; height: number; reached: number; box: string };
        const staticFrames = [...staticScroll.times].sort((x, y) => x - y);
        await cdp.detach();
        const describe = (what: string, sc: { times: number[]; height: number; reached: number; box: string }, fr: number[]) =>
          console.log(
            `  ${what}: scrolled ${sc.box} to ${sc.reached} of ${sc.height} px in ${sc.times.length} frames: median ${median(fr).toFixed(1)} ms, p95 ${fr[Math.floor(fr.length * 0.95)]!.toFixed(1)} ms, max ${fr.at(-1)!.toFixed(1)} ms, ${fr.filter((t) => t > 32).length} frames over 32 ms`,
          );
        describe("the app", scroll, frames);
        describe("the static page", staticScroll, staticFrames);
        large = { frames, staticFrames, heap, staticHeap, collected };
      }

      const med = (id: string, f: (l: Load) => number) => median(results.get(id)!.loads.map(f));
      const medStatic = (id: string) => median(results.get(id)!.statics.map((x) => x.painted));
      console.log("");
      figure(`bundle initial-js-gzip (baseline: all of the app's JS${PROFILE_DIR ? "; unminified for profiling" : ""})`, bundle.initial, bundle.all, 100 * 1024, "KB");
      if (results.has(MEDIUM.id)) {
        const mInteractive = med(MEDIUM.id, (l) => l.interactive);
        const mStatic = medStatic(MEDIUM.id);
        figure("doc-1k interactive (baseline: static page painted)", mInteractive, mStatic, 1000, "ms");
        figure("doc-1k interactive-vs-static", mInteractive / mStatic, 1, 2, "x");
        figure("doc-1k longest-task (baseline: static page's)", med(MEDIUM.id, (l) => l.longest), median(results.get(MEDIUM.id)!.statics.map((x) => x.longest)), 50, "ms");
      }
      if (large) {
        const { frames, staticFrames, heap, staticHeap, collected } = large;
        figure("doc-10k interactive (baseline: static page painted)", med(LARGE.id, (l) => l.interactive), medStatic(LARGE.id), 3000, "ms");
        figure("doc-10k scroll-longest-frame (baseline: static page's)", frames.at(-1)!, staticFrames.at(-1)!, 32, "ms");
        console.log(`doc-10k js-heap value=${(heap / 2 ** 20).toFixed(1)}MB baseline=${(staticHeap / 2 ** 20).toFixed(1)}MB ratio=${(heap / staticHeap).toFixed(2)} (baseline: the static page; reported, no target); after a garbage collection ${(collected / 2 ** 20).toFixed(1)}MB`);
      }
    } finally {
      await browser.close();
      await front.close();
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

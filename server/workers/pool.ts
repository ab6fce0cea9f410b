/**
 * A pool of worker threads for CPU-heavy work (parsing imports, placing quotes), so the event
 * loop keeps answering while a big file is read. Every job has a time budget (over it, the
 * worker is terminated and the caller gets a clear 413), a memory ceiling, and the queue and
 * each user's share of it are bounded.
 */
import { Piscina } from "piscina";
import { ImportError } from "../modules/documents/import/types.ts";
import { HttpError, TooManyRequestsError } from "../http/errors.ts";
import type { JobInput, JobName, JobOutput } from "./jobs.ts";
import type { JobEnvelope, WorkerSetup } from "./worker.ts";

export interface WorkerPoolOptions {
  /** Threads at most; they start on demand and stop when idle. */
  threads: number;
  /** Default time budget of a job. */
  budgetMs: number;
  /** Jobs waiting for a thread, beyond which new ones get 503. */
  maxQueue: number;
  /** Jobs one key (a user) may have queued or running at once. */
  perKey: number;
  /** Heap ceiling of a worker; a job that needs more is refused, the process lives on. */
  memoryMb: number;
  /**
   * Threads started with the pool and never stopped for being idle (default 0). A thread takes
   * about a second of CPU to start (it loads the server's modules through the TypeScript loader)
   * and its first large jobs run slower while its code warms up, so without one the first large
   * job after a quiet spell waits for that; each kept thread costs its idle memory (about 40 MB,
   * more while the heap a large job grew is kept).
   */
  keepThreads?: number;
  /** A thread beyond the kept ones stops after this long without a job (default 30 s). */
  idleMs?: number;
  /**
   * Whether the kept threads, once their modules are loaded, run the export code on a small
   * made-up document before they take a job (exports/warm-up.ts): about half a second of CPU
   * while they start with the pool, so that the first large exports on them run at the speed of
   * later ones. Threads started on demand do not: a job is waiting for them, and their start
   * already takes a second or more of CPU on the cores that job needs (a replacement for a kept
   * thread that was stopped is started on demand too). Default: true.
   */
  warmUp?: boolean;
  /**
   * Told of what the threads' library reports outside any job: an answer arriving for a job
   * already stopped (its time ran out, or the other half of a pair failed, just as it finished),
   * or a thread failing with no job. Nothing waits on these; with no listener they would end the
   * process. Default: written to stderr.
   */
  onStrayError?: (e: Error) => void;
}

export interface RunOptions {
  /** Who the job is for: bounds one user's share of the pool. */
  key?: string;
  budgetMs?: number;
  /** What the job does, for error messages ("Reading this file"). */
  what?: string;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

export class WorkerPool {
  private readonly piscina: Piscina;
  private readonly perKey = new Map<string, number>();

  constructor(private readonly opts: WorkerPoolOptions) {
    this.piscina = new Piscina({
      filename: new URL("./worker.ts", import.meta.url).href,
      // The worker files are TypeScript, whichever way the parent process was started.
      execArgv: ["--import", "tsx"],
      minThreads: Math.min(opts.keepThreads ?? 0, opts.threads),
      maxThreads: opts.threads,
      idleTimeout: opts.idleMs ?? 30_000,
      maxQueue: opts.maxQueue,
      resourceLimits: { maxOldGenerationSizeMb: opts.memoryMb, maxYoungGenerationSizeMb: 64 },
      workerData: { warmUpFirst: (opts.warmUp ?? true) ? Math.min(opts.keepThreads ?? 0, opts.threads) : 0, started: new Int32Array(new SharedArrayBuffer(4)) } satisfies WorkerSetup,
    });
    this.piscina.on("error", opts.onStrayError ?? ((e: Error) => console.error("worker pool:", e.message)));
  }

  /** Runs `job` on a worker thread; throws HttpError/ImportError for refusals. */
  async run<K extends JobName>(job: K, input: JobInput<K>, options: RunOptions = {}): Promise<JobOutput<K>> {
    const budgetMs = options.budgetMs ?? this.opts.budgetMs;
    return this.counted(options.key, () => this.exec(job, input, budgetMs, options.what ?? "This request", AbortSignal.timeout(budgetMs)));
  }

  /**
   * Runs two jobs side by side, each on a thread of its own when two are free: one piece of work
   * split in two, so it counts as one job of `key` and each half has the whole time budget. When
   * one half fails the other is stopped. `b` may be given as the function that makes it: it is
   * called once `a` is handed to a thread, which starts on it meanwhile (when making it fails,
   * that failure is the answer once `a` is done).
   */
  async runPair<A extends JobName, B extends JobName>(a: [A, JobInput<A>], b: [B, JobInput<B>] | (() => [B, JobInput<B>]), options: RunOptions = {}): Promise<[JobOutput<A>, JobOutput<B>]> {
    const budgetMs = options.budgetMs ?? this.opts.budgetMs;
    const what = options.what ?? "This request";
    return this.counted(options.key, async () => {
      const timeout = AbortSignal.timeout(budgetMs);
      const failed = new AbortController();
      const signal = AbortSignal.any([timeout, failed.signal]);
      const stopOnFailure = <T>(p: Promise<T>) =>
        p.catch((e: unknown) => {
          failed.abort();
          throw e;
        });
      // The first failure is the answer, not the other half's being stopped.
      const first = stopOnFailure(this.exec(a[0], a[1], budgetMs, what, signal, timeout));
      let second: Promise<JobOutput<B>>;
      try {
        const [job, input] = typeof b === "function" ? b() : b;
        second = stopOnFailure(this.exec(job, input, budgetMs, what, signal, timeout));
      } catch (e) {
        // The first job is let finish (within its budget) and its result dropped, rather than
        // stopped while its answer may be on its way.
        await first.catch(() => undefined);
        throw e;
      }
      return Promise.all([first, second]);
    });
  }

  /** Runs `work` as one of `key`'s jobs: refused when the key already has its share. */
  private async counted<T>(key: string | undefined, work: () => Promise<T>): Promise<T> {
    if (key !== undefined) {
      const mine = this.perKey.get(key) ?? 0;
      if (mine >= this.opts.perKey) throw TooManyRequestsError(`You already have ${mine} large jobs running; wait for them to finish`, 5);
      this.perKey.set(key, mine + 1);
    }
    try {
      return await work();
    } finally {
      if (key !== undefined) {
        const left = (this.perKey.get(key) ?? 1) - 1;
        if (left > 0) this.perKey.set(key, left);
        else this.perKey.delete(key);
      }
    }
  }

  /** One job on a thread, stopped by `signal`; `timeout` says whether it was stopped for time. */
  private async exec<K extends JobName>(job: K, input: JobInput<K>, budgetMs: number, what: string, signal: AbortSignal, timeout = signal): Promise<JobOutput<K>> {
    try {
      const envelope = (await this.piscina.run({ job, input }, { signal })) as JobEnvelope;
      if (envelope.ok) return envelope.value as JobOutput<K>;
      const e = envelope.error;
      if (e.kind === "import") throw new ImportError(e.code, e.status, e.message);
      throw new HttpError(e.status, e.code, e.message, e.field);
    } catch (e) {
      throw this.refusal(e, what, budgetMs, timeout);
    }
  }

  private refusal(e: unknown, what: string, budgetMs: number, signal: AbortSignal): unknown {
    if (e instanceof HttpError || e instanceof ImportError) return e;
    if (signal.aborted) return new HttpError(413, "processing_limit", `${what} took longer than ${seconds(budgetMs)}, the limit, and was stopped`);
    const code = (e as { code?: string } | null)?.code;
    if (code === "ERR_WORKER_OUT_OF_MEMORY") return new HttpError(413, "processing_limit", `${what} needs more than ${this.opts.memoryMb} MB of memory, the limit, and was stopped`);
    if (e instanceof Error && /queue is at limit/i.test(e.message)) {
      return new HttpError(503, "busy", "The server is busy with other large jobs; try again in a few seconds");
    }
    return e;
  }

  /** Threads started (or starting) now. */
  get threads(): number {
    return this.piscina.threads.length;
  }

  async close(): Promise<void> {
    await this.piscina.destroy();
  }
}

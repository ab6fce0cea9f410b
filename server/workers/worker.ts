/**
 * Worker-thread entry: runs one job and answers with an envelope, so that refusals the job
 * meant (an ImportError, an HttpError) cross the thread boundary with their status and code.
 * Anything else is a bug and is rethrown as it is.
 *
 * The bytes of a job's answer (an export's file, the parts of a Word export's half) are moved to
 * the main thread, not copied: a JSON-LD export is over 20 MB, and copying it there took 5 ms on
 * a quiet machine and 120-290 ms on a busy one (a fresh allocation of that size on the main
 * thread, page by page); a round trip of 21 MB between two threads took about 200 ms less moved
 * than copied on the busy two-core machine.
 */
import { ImportError } from "../modules/documents/import/types.ts";
import { HttpError } from "../http/errors.ts";
import { JOBS, type JobName } from "./jobs.ts";
import { workerData } from "node:worker_threads";
import { Piscina } from "piscina";
import { warmUpExports } from "../modules/exports/warm-up.ts";

/** What the pool tells each of its threads (pool.ts). */
export interface WorkerSetup {
  /** The threads started first (the kept ones, started with the pool) that warm their export code up (warm-up.ts). */
  warmUpFirst: number;
  /** Threads started so far, counted by each as it starts (shared by the pool's threads). */
  started: Int32Array;
}

const setup = workerData as WorkerSetup | undefined;
// The thread reports ready (and takes jobs) once this module is loaded: after the warm-up.
if (setup?.started && Atomics.add(setup.started, 0, 1) < setup.warmUpFirst) warmUpExports();

export type JobError =
  | { kind: "import"; code: ImportError["code"]; status: ImportError["status"]; message: string }
  | { kind: "http"; status: number; code: string; message: string; field?: string };

export type JobEnvelope = { ok: true; value: unknown } | { ok: false; error: JobError };

/**
 * The memory a byte array owns alone (its whole ArrayBuffer, not a slice of a shared one such as
 * Node's pool of small Buffers), which can be moved to another thread without harm here.
 */
function ownBuffer(v: unknown): ArrayBuffer | null {
  if (!(v instanceof Uint8Array)) return null;
  const b = v.buffer;
  return b instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === b.byteLength && b.byteLength > 0 ? b : null;
}

/**
 * The buffers to move with a job's value: the value's own when it is a byte array, or those of
 * its fields' `packed` bytes (a Word export's half: zip.ts PackedPart).
 */
export function movableBuffers(value: unknown): ArrayBuffer[] {
  const own = ownBuffer(value);
  if (own) return [own];
  if (value === null || typeof value !== "object") return [];
  const out = new Set<ArrayBuffer>();
  for (const field of Object.values(value)) {
    const b = field !== null && typeof field === "object" && "packed" in field ? ownBuffer(field.packed) : null;
    if (b) out.add(b);
  }
  return [...out];
}

/**
 * The envelope as piscina sends it: with its buffers moved (their arrays here are left empty),
 * wrapped as piscina's Transferable (the value to send, and what to move with it).
 */
function answer(envelope: JobEnvelope & { ok: true }): JobEnvelope | ReturnType<typeof Piscina.move> {
  const buffers = movableBuffers(envelope.value);
  if (buffers.length === 0) return envelope;
  return Piscina.move({ [Piscina.transferableSymbol]: buffers, [Piscina.valueSymbol]: envelope } as never);
}

/** Answers a JobEnvelope (the pool reads it as one: pool.ts). */
export default async function runJob(task: { job: JobName; input: never }): Promise<JobEnvelope | ReturnType<typeof Piscina.move>> {
  const job = JOBS[task.job] as (input: never) => unknown;
  try {
    return answer({ ok: true, value: await job(task.input) });
  } catch (e) {
    if (e instanceof ImportError) return { ok: false, error: { kind: "import", code: e.code, status: e.status, message: e.message } };
    if (e instanceof HttpError) {
      return { ok: false, error: { kind: "http", status: e.status, code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) } };
    }
    throw e;
  }
}

/**
 * Worker-thread entry: runs one job and answers with an envelope, so that refusals the job
 * meant (an ImportError, an HttpError) cross the thread boundary with their status and code.
 * Anything else is a bug and is rethrown as it is.
 */
import { ImportError } from "../modules/documents/import/types.ts";
import { HttpError } from "../http/errors.ts";
import { JOBS, type JobName } from "./jobs.ts";
import { workerData } from "node:worker_threads";
import { warmUpExports } from "../modules/exports/warm-up.ts";

/** What the pool tells each of its threads (pool.ts). */
export interface WorkerSetup {
  /** Run the export code once on a made-up document before the first job (warm-up.ts). */
  warmUp: boolean;
}

// The thread reports ready (and takes jobs) once this module is loaded: after the warm-up.
if ((workerData as WorkerSetup | undefined)?.warmUp) warmUpExports();

export type JobError =
  | { kind: "import"; code: ImportError["code"]; status: ImportError["status"]; message: string }
  | { kind: "http"; status: number; code: string; message: string; field?: string };

export type JobEnvelope = { ok: true; value: unknown } | { ok: false; error: JobError };

export default async function runJob(task: { job: JobName; input: never }): Promise<JobEnvelope> {
  const job = JOBS[task.job] as (input: never) => unknown;
  try {
    return { ok: true, value: await job(task.input) };
  } catch (e) {
    if (e instanceof ImportError) return { ok: false, error: { kind: "import", code: e.code, status: e.status, message: e.message } };
    if (e instanceof HttpError) {
      return { ok: false, error: { kind: "http", status: e.status, code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) } };
    }
    throw e;
  }
}

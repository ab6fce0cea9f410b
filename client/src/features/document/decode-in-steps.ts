/**
 * Decodes a compact annotation list (common/compact-list.ts) a slice of rows at a time, each
 * slice in a task of its own, so a document with thousands of annotations does not hold the
 * page still while its list is read. The result is the same as `decodeAnnotationList`'s.
 */
import { annotationRowDecoder, type AnnotationList, type CompactAnnotationList } from "../../../../common/compact-list.ts";
import type { AnnotationDto } from "../../../../common/annotations.ts";
import { nextTask } from "../../app/next-task.ts";

/** Time one slice may take (ms); the clock is read every CHECK_EVERY rows. */
const SLICE_MS = 8;
const CHECK_EVERY = 64;

export interface StepOptions {
  /** Time one slice may take, in ms. */
  sliceMs?: number;
  /** Waits for the next task (a test counts the slices through it). */
  next?: () => Promise<void>;
}

export async function decodeAnnotationListInSteps(c: CompactAnnotationList, { sliceMs = SLICE_MS, next = nextTask }: StepOptions = {}): Promise<AnnotationList> {
  const decode = annotationRowDecoder(c);
  const rows = c.annotations;
  const out: AnnotationDto[] = new Array<AnnotationDto>(rows.length);
  let i = 0;
  while (i < rows.length) {
    const until = performance.now() + sliceMs;
    do {
      out[i] = decode(rows[i]!);
      i++;
    } while (i < rows.length && (i % CHECK_EVERY !== 0 || performance.now() < until));
    if (i < rows.length) await next();
  }
  return { annotations: out, seq: c.seq };
}

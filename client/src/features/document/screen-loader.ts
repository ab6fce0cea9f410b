/**
 * The document screen's code, run in steps. Its chunk and the chunks it imports arrive together
 * (the page a link opens names them all, server/http/page-hints.ts), and running a module graph
 * is one task: the payload schemas, the editor's libraries and the screen itself would make one
 * long task that holds the page still. Each step here imports one part, and the next waits for
 * a task of its own; a part already run is not run again, so the screen's own import then runs
 * only what is left.
 */
import { nextTask } from "../../app/next-task.ts";
import type * as DocumentPageModule from "./DocumentPage.tsx";

type Step = () => Promise<unknown>;

const STEPS: Step[] = [
  // The payload schemas (zod) the screen validates with.
  () => import("../../../../common/annotations.ts"),
  () => import("../../../../common/review.ts"),
  // The editor's libraries.
  () => import("./editor-libraries.ts"),
];

let loading: Promise<typeof DocumentPageModule> | null = null;

/** The document screen's module, its parts run one task at a time (once; later calls share it). */
export function loadDocumentScreen(): Promise<typeof DocumentPageModule> {
  loading ??= (async () => {
    for (const step of STEPS) {
      // A step that fails (a chunk not fetched) is left to the screen's own import to report.
      await step().catch(() => undefined);
      await nextTask();
    }
    return import("./DocumentPage.tsx");
  })();
  const current = loading;
  // A failed load may be tried again (the next visit to a document).
  current.catch(() => {
    if (loading === current) loading = null;
  });
  return current;
}

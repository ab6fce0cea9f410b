/** Puts the document's annotations snapshot into the store once it arrives. */
import { useEffect, useState } from "react";
import type { AnnotationStore } from "../annotations/annotation-store.ts";
import type { DocumentData } from "./loaders.ts";
import { nextTask } from "../../app/next-task.ts";

export interface SnapshotState {
  /** The log position the snapshot reflects; null until it is in. */
  seq: number | null;
  loadError?: string;
}

/** Loads `data.annotations` into `store`; the page shows the article meanwhile. */
export function useAnnotationsSnapshot(data: DocumentData, store: AnnotationStore): SnapshotState {
  const [state, setState] = useState<SnapshotState>({ seq: null });
  useEffect(() => {
    let cancelled = false;
    data.annotations.then(
      async (r) => {
        // Loaded in a task of its own: the list arrives while the article is being drawn, and
        // its drawing (the list, the highlights) should not lengthen that task.
        await nextTask();
        if (cancelled) return;
        performance.mark("scholia:annotations-decoded");
        store.load(r.annotations);
        setState({ seq: r.seq });
      },
      (e: Error) => !cancelled && setState({ seq: null, loadError: e.message }),
    );
    return () => {
      cancelled = true;
    };
  }, [data, store]);
  return state;
}

/**
 * Arriving with ?a=<annotation id> (from the claims dashboard, the review queue, a shared
 * link): opens that thread once the annotations and the article are in, or says it is gone.
 */
import { useEffect, useRef } from "react";
import type { BlockIndex } from "../../editor/anchors.ts";
import type { AnnotationsSnapshot } from "../annotations/annotation-store.ts";

interface Deps {
  index: BlockIndex | null;
  seq: number | null;
  snapshot: AnnotationsSnapshot;
  openThread(id: string, opts?: { focus?: boolean }): void;
  notify(message: string): void;
}

export function useOpenFromLink(openAnnotationId: string | undefined, { index, seq, snapshot, openThread, notify }: Deps): void {
  const wantOpen = useRef(openAnnotationId ?? null);
  useEffect(() => {
    wantOpen.current = openAnnotationId ?? null;
  }, [openAnnotationId]);
  useEffect(() => {
    const id = wantOpen.current;
    if (!id || !index || seq === null) return;
    wantOpen.current = null;
    if (snapshot.byId.has(id)) openThread(id, { focus: true });
    else notify("That annotation is no longer in this document.");
  }, [index, seq, snapshot, openThread, notify, openAnnotationId]);
}

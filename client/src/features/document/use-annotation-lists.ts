/** The annotations in document order (with pending ones), and those passing the filters. */
import { useMemo } from "react";
import type { PersonDto, TagDto } from "../../../../common/annotations.ts";
import type { BlockIndex } from "../../editor/anchors.ts";
import type { OutboxEntry } from "../../realtime/outbox.ts";
import type { AnnotationsSnapshot, AnnotationStore } from "../annotations/annotation-store.ts";
import { annotationMatcher, inDocumentOrder, tagSubtrees, type AnnotationFilters } from "../annotations/ordering.ts";
import { pendingAnnotations, type AnnotationView } from "./pending.ts";

export interface AnnotationLists {
  all: AnnotationView[];
  visible: AnnotationView[];
}

export function useAnnotationLists(i: { index: BlockIndex | null; snapshot: AnnotationsSnapshot; outboxEntries: OutboxEntry[]; me: PersonDto; store: AnnotationStore; tagsById: Map<string, TagDto>; filters: AnnotationFilters }): AnnotationLists {
  const { index, snapshot, outboxEntries, me, store, tagsById, filters } = i;
  const all = useMemo<AnnotationView[]>(() => {
    const pending = pendingAnnotations(outboxEntries, me, (cmid) => store.createdBy(cmid));
    return index ? inDocumentOrder(index, [...snapshot.byId.values(), ...pending]) : [];
  }, [index, snapshot, outboxEntries, me, store]);
  const subtrees = useMemo(() => tagSubtrees([...tagsById.values()]), [tagsById]);
  const visible = useMemo(() => all.filter(annotationMatcher(filters, subtrees)), [all, filters, subtrees]);
  return { all, visible };
}

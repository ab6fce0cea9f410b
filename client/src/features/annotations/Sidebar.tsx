/** The right-hand panel: the annotation list (with filters), one thread, or a new annotation. */
import { useMemo } from "react";
import type { AnchorInput, AnnotationKind } from "../../../../common/annotations.ts";
import type { PosRange } from "../../editor/anchors.ts";
import type { OutboxEntry } from "../../realtime/outbox.ts";
import { useDocument } from "../document/document-context.ts";
import { pendingAnnotations, type AnnotationView } from "../document/pending.ts";
import { ThreadView } from "../threads/ThreadView.tsx";
import type { AnnotationsSnapshot } from "./annotation-store.ts";
import { AnnotationList } from "./AnnotationList.tsx";
import { ComposeForm } from "./ComposeForm.tsx";
import { Filters } from "./Filters.tsx";
import { annotationMatcher, inDocumentOrder, tagSubtrees, type AnnotationFilters } from "./ordering.ts";

export interface Draft {
  kind: AnnotationKind;
  anchor: AnchorInput & { quote: string };
  range: PosRange;
}

export type SidebarMode = { view: "list"; focusId?: string } | { view: "thread"; id: string; focus: boolean } | { view: "compose"; draft: Draft };

export function Sidebar(props: {
  loading: boolean;
  mode: SidebarMode;
  setMode(m: SidebarMode): void;
  filters: AnnotationFilters;
  setFilters(f: AnnotationFilters): void;
  snapshot: AnnotationsSnapshot;
  outboxEntries: OutboxEntry[];
}) {
  const { mode, setMode, filters, setFilters, snapshot, outboxEntries } = props;
  const { index, me, tagsById, store } = useDocument();

  const all = useMemo<AnnotationView[]>(() => {
    const pending = pendingAnnotations(outboxEntries, me, (cmid) => store.createdBy(cmid));
    return index ? inDocumentOrder(index, [...snapshot.byId.values(), ...pending]) : [];
  }, [index, snapshot, outboxEntries, me, store]);
  const subtrees = useMemo(() => tagSubtrees([...tagsById.values()]), [tagsById]);
  const visible = useMemo(() => all.filter(annotationMatcher(filters, subtrees)), [all, filters, subtrees]);

  return (
    <aside className="sidebar" aria-label="Annotations and threads">
      {mode.view === "compose" && <ComposeForm draft={mode.draft} onDone={(id) => setMode(id ? { view: "thread", id, focus: true } : { view: "list" })} />}
      {mode.view === "thread" && <ThreadView id={mode.id} focusHeading={mode.focus} annotations={all} />}
      {mode.view === "list" && props.loading && <p className="loading">Loading annotations…</p>}
      {mode.view === "list" && !props.loading && (
        <>
          <Filters filters={filters} setFilters={setFilters} annotations={all} shown={visible.length} />
          <AnnotationList items={visible} focusId={mode.focusId} />
        </>
      )}
    </aside>
  );
}

/**
 * The panel beside the article (a bottom sheet on phones): two tabs, the annotations (list with
 * filters, one thread, or a new annotation) and the document's activity.
 */
import { useRef, useState, type KeyboardEvent } from "react";
import type { AnchorInput, AnnotationKind } from "../../../../common/annotations.ts";
import type { PosRange } from "../../editor/anchors.ts";
import { ActivityPanel } from "../document/ActivityPanel.tsx";
import type { AnnotationView } from "../document/pending.ts";
import type { BottomSheet } from "../document/use-bottom-sheet.ts";
import type { SidebarTab } from "../document/use-sidebar-mode.ts";
import { ThreadView } from "../threads/ThreadView.tsx";
import { AnnotationList } from "./AnnotationList.tsx";
import { ComposeForm } from "./ComposeForm.tsx";
import { OrphanList } from "../editing/OrphanList.tsx";
import { Filters } from "./Filters.tsx";
import type { AnnotationFilters } from "./ordering.ts";
import "./annotations.css";

export interface Draft {
  kind: AnnotationKind;
  anchor: AnchorInput & { quote: string };
  range: PosRange;
  /** The selected words were cut out of the text meanwhile: the note waits for new words. */
  lost?: boolean;
}

export type SidebarMode = { view: "list"; focusId?: string } | { view: "thread"; id: string; focus: boolean } | { view: "compose"; draft: Draft };

const TABS: Array<{ id: SidebarTab; label: string }> = [
  { id: "annotations", label: "Annotations" },
  { id: "activity", label: "Activity" },
];

function SidebarTabs({ tab, onChange, count }: { tab: SidebarTab; onChange(t: SidebarTab): void; count: number }) {
  const list = useRef<HTMLDivElement>(null);
  function handleKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
    e.preventDefault();
    const next = TABS[(TABS.findIndex((t) => t.id === tab) + (e.key === "ArrowRight" ? 1 : TABS.length - 1)) % TABS.length]!.id;
    onChange(next);
    requestAnimationFrame(() => list.current?.querySelector<HTMLElement>(`#tab-${next}`)?.focus());
  }
  return (
    <div className="sidebar-tabs" role="tablist" aria-label="Sidebar" ref={list} onKeyDown={handleKeyDown}>
      {TABS.map((t) => (
        <button key={t.id} id={`tab-${t.id}`} type="button" role="tab" aria-selected={tab === t.id} aria-controls={`panel-${t.id}`} tabIndex={tab === t.id ? 0 : -1} onClick={() => onChange(t.id)}>
          {t.label}
          {t.id === "annotations" && <span className="tab-count"> ({count.toLocaleString()})</span>}
        </button>
      ))}
    </div>
  );
}

/** The sheet's own bar on phones: raise, lower, or make it taller. Hidden on wide screens. */
function SheetBar({ sheet, count }: { sheet: BottomSheet; count: number }) {
  const lowered = sheet.size === "peek";
  return (
    <div className="sheet-bar">
      <button type="button" className="sheet-toggle" aria-expanded={!lowered} aria-controls="sidebar-body" onClick={() => sheet.setSize(lowered ? "half" : "peek")}>
        <span className="sheet-grip" aria-hidden="true" />
        {lowered ? `Show annotations (${count.toLocaleString()})` : "Lower this panel"}
      </button>
      {!lowered && (
        <button type="button" className="sheet-size" onClick={() => sheet.setSize(sheet.size === "full" ? "half" : "full")}>
          {sheet.size === "full" ? "Smaller" : "Taller"}
        </button>
      )}
    </div>
  );
}

export function Sidebar(props: {
  loading: boolean;
  tab: SidebarTab;
  setTab(t: SidebarTab): void;
  mode: SidebarMode;
  setMode(m: SidebarMode): void;
  filters: AnnotationFilters;
  setFilters(f: AnnotationFilters): void;
  all: AnnotationView[];
  visible: AnnotationView[];
  sheet: BottomSheet;
  /** The reading position the list follows on wide screens (null: do not follow). */
  readingPos: number | null;
}) {
  const { mode, setMode, filters, setFilters, all, visible, tab, sheet } = props;
  const [activitySeen, setActivitySeen] = useState(tab === "activity");
  const [follow, setFollow] = useState(true);
  if (tab === "activity" && !activitySeen) setActivitySeen(true);
  const changeTab = (t: SidebarTab) => {
    props.setTab(t);
    if (sheet.size === "peek") sheet.setSize("half");
  };

  return (
    <aside className="sidebar" aria-label="Annotations and activity" data-sheet={sheet.size}>
      <SheetBar sheet={sheet} count={visible.length} />
      <div id="sidebar-body" className="sidebar-body">
        <SidebarTabs tab={tab} onChange={changeTab} count={all.length} />
        <div id="panel-annotations" role="tabpanel" aria-labelledby="tab-annotations" className="sidebar-panel" hidden={tab !== "annotations"}>
          {mode.view === "compose" && <ComposeForm draft={mode.draft} onDone={(id) => setMode(id ? { view: "thread", id, focus: true } : { view: "list" })} />}
          {mode.view === "thread" && <ThreadView id={mode.id} focusHeading={mode.focus} annotations={all} sequence={visible} />}
          {mode.view === "list" && props.loading && <p className="loading">Loading annotations…</p>}
          {mode.view === "list" && !props.loading && (
            <>
              <OrphanList annotations={all} />
              <Filters filters={filters} setFilters={setFilters} annotations={all} shown={visible.length} follow={follow} setFollow={setFollow} />
              <AnnotationList items={visible} focusId={mode.focusId} followPos={follow ? props.readingPos : null} />
            </>
          )}
        </div>
        <div id="panel-activity" role="tabpanel" aria-labelledby="tab-activity" className="sidebar-panel" hidden={tab !== "activity"}>
          {/* Fetched once first shown, then kept (with its filters and pages) while hidden. */}
          {activitySeen && <ActivityPanel />}
        </div>
      </div>
    </aside>
  );
}

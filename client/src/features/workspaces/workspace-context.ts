/** The open workspace, shared by its pages: who I am in it, and its live log. */
import { createContext, useContext, useEffect, useRef } from "react";
import type { WorkspaceEventDto } from "../../../../common/events.ts";
import type { WorkspaceWithAbilities } from "./types.ts";
import type { FollowedLog } from "./use-follow-workspace.ts";

export interface WorkspaceContextValue {
  workspace: WorkspaceWithAbilities;
  log: FollowedLog;
  /** Reads the workspace again (my role may have changed). */
  reload(): void;
}

export const WorkspaceContext = createContext<WorkspaceContextValue | null>(null);

/** The open workspace (only inside a workspace page). */
export function useWorkspace(): WorkspaceContextValue {
  const ctx = useContext(WorkspaceContext);
  if (!ctx) throw new Error("useWorkspace outside a workspace page");
  return ctx;
}

const DEBOUNCE_MS = 250;

/**
 * Calls `refresh` (debounced) when the log brings an event `matches` accepts, and after a
 * rejoin (what was missed while away is not all in this log).
 */
export function useRefreshOnLog(refresh: () => void, matches: (e: WorkspaceEventDto) => boolean = () => true): void {
  const { subscribe } = useWorkspace().log;
  const latest = useRef({ refresh, matches });
  latest.current = { refresh, matches };
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const soon = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => latest.current.refresh(), DEBOUNCE_MS);
    };
    const unsubscribe = subscribe((change) => {
      if (change.kind === "rejoined" || (change.kind === "event" && latest.current.matches(change.event))) soon();
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [subscribe]);
}

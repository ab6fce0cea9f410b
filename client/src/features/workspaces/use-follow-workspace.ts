/**
 * Follows the workspace's log while a workspace page is open: one socket, one WorkspaceLog,
 * and a fan-out to the page's parts (activity, members, invites, audit), which each refresh
 * what they show when something they show changes.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { WorkspaceEventDto } from "../../../../common/events.ts";
import { openSocket } from "../../realtime/socket.ts";
import { socketLink, WorkspaceLog, type LogState } from "../../realtime/workspace-log.ts";

/** What a part of the page hears: an event, or "joined again" (anything may have changed meanwhile). */
export type LogChange = { kind: "event"; event: WorkspaceEventDto } | { kind: "rejoined" } | { kind: "revoked" };

export interface FollowedLog {
  state: LogState;
  subscribe(listener: (change: LogChange) => void): () => void;
}

export function useFollowWorkspace(workspaceId: string): FollowedLog {
  const listeners = useRef(new Set<(change: LogChange) => void>());
  const [state, setState] = useState<LogState>("connecting");

  useEffect(() => {
    const emit = (change: LogChange) => {
      for (const l of [...listeners.current]) l(change);
    };
    const socket = openSocket();
    const log = new WorkspaceLog(socketLink(socket, workspaceId), workspaceId, {
      onEvent: (event) => emit({ kind: "event", event }),
      onRejoin: () => emit({ kind: "rejoined" }),
      onRevoked: () => emit({ kind: "revoked" }),
    });
    const unsubscribe = log.subscribe(() => setState(log.getState()));
    setState(log.getState());
    log.start();
    return () => {
      unsubscribe();
      log.stop();
    };
  }, [workspaceId]);

  const subscribe = useCallback((listener: (change: LogChange) => void) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);

  return useMemo(() => ({ state, subscribe }), [state, subscribe]);
}

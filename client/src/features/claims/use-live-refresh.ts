/**
 * Keeps a claims view fresh. For one document: the socket joins the document's room and any
 * change that can touch a claim (claim.*, annotation.*, reply.*, tags.merged) refreshes the
 * page, debounced. For a workspace (events come per document): refresh when the tab regains
 * focus or becomes visible, and every 30 s while visible.
 */
import { useEffect, useRef } from "react";
import { openSocket } from "../../realtime/socket.ts";

const DEBOUNCE_MS = 250;
const WORKSPACE_POLL_MS = 30_000;

export function isClaimRelevant(type: string): boolean {
  return type.startsWith("claim.") || type.startsWith("annotation.") || type.startsWith("reply.") || type === "tags.merged";
}

export function useLiveRefresh(scope: { kind: "document" | "workspace"; id: string }, lastSeq: number | null, refresh: () => void): void {
  const latest = useRef(refresh);
  latest.current = refresh;

  useEffect(() => {
    if (scope.kind !== "document" || lastSeq === null) return;
    const socket = openSocket();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const soon = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => latest.current(), DEBOUNCE_MS);
    };
    let joinedOnce = false;
    let seq = lastSeq;
    const join = () =>
      socket.emit("document:join", { documentId: scope.id, lastSeq: seq }, (res) => {
        // After a reconnect, changes may have been missed: refresh once.
        if (res.ok && joinedOnce) soon();
        joinedOnce = true;
      });
    socket.on("connect", join);
    socket.on("document:event", (e) => {
      if (e.documentId !== scope.id) return;
      seq = Math.max(seq, e.seq);
      if (isClaimRelevant(e.type)) soon();
    });
    socket.connect();
    return () => {
      if (timer) clearTimeout(timer);
      socket.disconnect();
    };
  }, [scope.kind, scope.id, lastSeq]);

  useEffect(() => {
    if (scope.kind !== "workspace") return;
    const onVisible = () => {
      if (document.visibilityState === "visible") latest.current();
    };
    const onFocus = () => latest.current();
    window.addEventListener("focus", onFocus);
    document.addEventListener("visibilitychange", onVisible);
    const poll = setInterval(() => {
      if (document.visibilityState === "visible") latest.current();
    }, WORKSPACE_POLL_MS);
    return () => {
      window.removeEventListener("focus", onFocus);
      document.removeEventListener("visibilitychange", onVisible);
      clearInterval(poll);
    };
  }, [scope.kind, scope.id]);
}

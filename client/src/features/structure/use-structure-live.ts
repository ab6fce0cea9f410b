/**
 * Follows a document while its structure view is open: joins the document's room and calls
 * `refresh` (debounced) when someone else's edit lands, or after a reconnect (edits may have been
 * missed). This screen's own edits are recognised by their clientMutationIds and not refetched:
 * their answers are applied directly.
 */
import { useEffect, useRef } from "react";
import { openSocket } from "../../realtime/socket.ts";

const DEBOUNCE_MS = 200;

export function useStructureLive(documentId: string, lastSeq: number | null, mine: Set<string>, refresh: () => void): void {
  const latest = useRef(refresh);
  latest.current = refresh;

  useEffect(() => {
    if (lastSeq === null) return;
    const socket = openSocket();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const soon = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => latest.current(), DEBOUNCE_MS);
    };
    let seq = lastSeq;
    let joinedOnce = false;
    socket.on("connect", () =>
      socket.emit("document:join", { documentId, lastSeq: seq }, (res) => {
        if (res.ok && joinedOnce) soon();
        joinedOnce = true;
      }),
    );
    socket.on("document:event", (e) => {
      if (e.documentId !== documentId) return;
      seq = Math.max(seq, e.seq);
      if (e.type !== "document.edited" && e.type !== "document.imported") return;
      if (e.clientMutationId && mine.has(e.clientMutationId)) return;
      soon();
    });
    socket.connect();
    return () => {
      if (timer) clearTimeout(timer);
      socket.disconnect();
    };
  }, [documentId, lastSeq, mine]);
}

/** Tells the others "I am typing a reply here" while keys come, and "stopped" after a pause. */
import { useCallback, useEffect, useRef } from "react";
import type { DocumentSession } from "../../realtime/document-session.ts";

const RESEND_MS = 2500;
const IDLE_MS = 3000;

export function useTyping(session: DocumentSession | null, annotationId: string) {
  const lastSent = useRef(0);
  const idle = useRef<ReturnType<typeof setTimeout> | null>(null);

  const stop = useCallback(() => {
    if (idle.current) clearTimeout(idle.current);
    idle.current = null;
    if (lastSent.current) session?.setTyping(annotationId, false);
    lastSent.current = 0;
  }, [session, annotationId]);

  const typing = useCallback(() => {
    const now = Date.now();
    if (now - lastSent.current > RESEND_MS) {
      session?.setTyping(annotationId, true);
      lastSent.current = now;
    }
    if (idle.current) clearTimeout(idle.current);
    idle.current = setTimeout(stop, IDLE_MS);
  }, [session, annotationId, stop]);

  useEffect(() => stop, [stop]);
  return { typing, stop };
}

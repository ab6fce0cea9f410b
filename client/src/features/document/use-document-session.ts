/** Opens the socket and the DocumentSession for the screen's lifetime; routes results into the store. */
import { useEffect, useRef, useState } from "react";
import type { AnnotationDto, ReplyDto } from "../../../../common/annotations.ts";
import type { ErrorBody } from "../../../../common/realtime.ts";
import type { ClaimUpdateDto } from "../../../../common/review.ts";
import { DocumentSession } from "../../realtime/document-session.ts";
import type { Outbox, OutboxEntry } from "../../realtime/outbox.ts";
import { openSocket } from "../../realtime/socket.ts";
import type { AnnotationStore } from "../annotations/annotation-store.ts";

export function useDocumentSession(
  documentId: string,
  /** null until the annotations snapshot is in: the session joins from its seq. */
  initialSeq: number | null,
  outbox: Outbox,
  store: AnnotationStore,
  onRejected: (entry: OutboxEntry, error: ErrorBody) => void,
): DocumentSession | null {
  const [session, setSession] = useState<DocumentSession | null>(null);
  // Survives a remount (React's StrictMode runs effects twice): start where the store already is.
  const seq = useRef(initialSeq ?? 0);
  const rejected = useRef(onRejected);
  rejected.current = onRejected;

  const ready = initialSeq !== null;
  useEffect(() => {
    if (!ready) return;
    if (seq.current === 0 && initialSeq) seq.current = initialSeq;
    const socket = openSocket();
    const s = new DocumentSession(socket, documentId, seq.current, outbox, {
      onEvent: (e) => {
        seq.current = e.seq;
        store.apply(e);
      },
      onResult: (entry, result) => {
        if (entry.name.startsWith("annotation:")) store.upsertAnnotation(result as AnnotationDto, entry.name === "annotation:delete", entry.id);
        else if (entry.name.startsWith("reply:")) store.upsertReply(result as ReplyDto, entry.name === "reply:create" ? entry.id : undefined);
        else if (entry.name === "claim:review" || entry.name === "claim:assign") {
          const update = result as ClaimUpdateDto;
          store.setClaim(update.annotationId, update.claim);
        }
      },
      onRejected: (entry, error) => rejected.current(entry, error),
    });
    s.start();
    setSession(s);
    return () => {
      s.stop();
      socket.disconnect();
      setSession(null);
    };
    // initialSeq is read once, when the snapshot arrives (ready flips); later seqs come from events.
  }, [documentId, outbox, store, ready]);

  return session;
}

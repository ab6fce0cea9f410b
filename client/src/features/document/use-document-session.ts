/** Opens the socket and the DocumentSession for the screen's lifetime; routes results into the store. */
import { useEffect, useRef, useState } from "react";
import type { ErrorBody } from "../../../../common/realtime.ts";
import { DocumentSession, type MutationOutcome } from "../../realtime/document-session.ts";
import type { Outbox, OutboxEntry } from "../../realtime/outbox.ts";
import { openSocket } from "../../realtime/socket.ts";
import type { AnnotationStore } from "../annotations/annotation-store.ts";
import type { DocumentEvents } from "./document-events.ts";
import type { MutationResults } from "./mutation-results.ts";

/** Puts what an accepted mutation returned into the store (its event may come later). */
function applyOutcome(store: AnnotationStore, outcome: MutationOutcome): void {
  switch (outcome.name) {
    case "annotation:create":
    case "annotation:update":
      return store.upsertAnnotation(outcome.result, false, outcome.entry.id);
    case "annotation:delete":
      return store.upsertAnnotation(outcome.result, true, outcome.entry.id);
    case "reply:create":
      return store.upsertReply(outcome.result, outcome.entry.id);
    case "reply:update":
    case "reply:delete":
      return store.upsertReply(outcome.result);
    case "claim:review":
    case "claim:assign":
      return store.setClaim(outcome.result.annotationId, outcome.result.claim);
    case "annotation:reattach":
    case "annotation:dismiss":
    case "suggestion:accept":
    case "suggestion:reject":
      return store.upsertAnnotation(outcome.result, false);
    case "paragraph:update":
    case "document:edit":
      return store.moveAnchors(outcome.result.anchors);
  }
}

export function useDocumentSession(
  documentId: string,
  /** null until the annotations snapshot is in: the session joins from its seq. */
  initialSeq: number | null,
  outbox: Outbox,
  store: AnnotationStore,
  events: DocumentEvents,
  onRejected: (entry: OutboxEntry, error: ErrorBody) => void,
  results?: MutationResults,
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
        events.emit(e);
      },
      onResult: (outcome) => {
        applyOutcome(store, outcome);
        results?.accepted(outcome);
      },
      onRejected: (entry, error) => {
        rejected.current(entry, error);
        results?.refused(entry, error);
      },
    });
    s.start();
    setSession(s);
    return () => {
      s.stop();
      socket.disconnect();
      setSession(null);
    };
    // initialSeq is read once, when the snapshot arrives (ready flips); later seqs come from events.
  }, [documentId, outbox, store, events, results, ready]);

  return session;
}

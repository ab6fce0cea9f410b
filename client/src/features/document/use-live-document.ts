/**
 * The document's live state: the annotation store fed by the snapshot and the event log, the
 * outbox of changes waiting to be sent, the socket session, and the notices that say when a
 * change was refused.
 */
import { useCallback, useMemo, useSyncExternalStore } from "react";
import type { MutationMap, MutationName } from "../../../../common/realtime.ts";
import type { ErrorBody } from "../../../../common/realtime.ts";
import { Outbox, newClientMutationId, type OutboxEntry } from "../../realtime/outbox.ts";
import type { DocumentSession } from "../../realtime/document-session.ts";
import { AnnotationStore, type AnnotationsSnapshot } from "../annotations/annotation-store.ts";
import { currentClaimOf } from "../review/conflicts.ts";
import { currentAnnotationOf, currentReplyOf } from "./conflicts.ts";
import { DocumentEvents } from "./document-events.ts";
import { MutationResults } from "./mutation-results.ts";
import { loadThread, type DocumentData } from "./loaders.ts";
import { useNotices, type Notice } from "./Notices.tsx";
import { useAnnotationsSnapshot } from "./use-annotations-snapshot.ts";
import { useDocumentSession } from "./use-document-session.ts";

export type Mutate = <N extends MutationName>(name: N, input: Omit<MutationMap[N]["input"], "clientMutationId">) => string;

export interface LiveDocument {
  store: AnnotationStore;
  outbox: Outbox;
  session: DocumentSession | null;
  /** Every document event the session applies, for parts that follow the log (activity). */
  events: DocumentEvents;
  /** What became of this person's own queued changes. */
  results: MutationResults;
  snapshot: AnnotationsSnapshot;
  outboxEntries: OutboxEntry[];
  /** null until the annotations snapshot is in. */
  seq: number | null;
  loadError?: string;
  mutate: Mutate;
  notices: Notice[];
  notify(message: string): void;
  dismiss(id: number): void;
}

/** Says why a queued change was refused; a conflict (409) also shows the thing as it is now. */
function useRejectionNotices(store: AnnotationStore, notify: (message: string) => void) {
  return useCallback(
    (entry: OutboxEntry, error: ErrorBody) => {
      if (error.status === 409 && (entry.name === "claim:review" || entry.name === "claim:assign")) {
        // Someone changed the claim first: show it as it is now, and say so.
        const current = currentClaimOf(error.details);
        if (current) store.setClaim(current.annotationId, current.claim);
        return notify("Someone else changed this claim just before you. It now shows the current review; check it and try again.");
      }
      if (error.status === 409 && (entry.name === "annotation:update" || entry.name === "annotation:delete")) {
        const current = currentAnnotationOf(error.details);
        if (current) store.upsertAnnotation(current);
        return notify("Someone else edited this annotation just before you. It now shows their version; your change was not saved.");
      }
      if (error.status === 409 && (entry.name === "suggestion:accept" || entry.name === "suggestion:reject" || entry.name === "annotation:reattach" || entry.name === "annotation:dismiss")) {
        const current = currentAnnotationOf(error.details);
        if (current) store.upsertAnnotation(current);
        return notify("Someone else changed this annotation just before you. It now shows how it stands; check it and try again.");
      }
            if (error.status === 409 && (entry.name === "reply:update" || entry.name === "reply:delete")) {
        const current = currentReplyOf(error.details);
        if (current) store.upsertReply(current);
        return notify("Someone else changed this reply just before you. It now shows their version; your change was not saved.");
      }
      // The text editor shows a conflict on the paragraph itself, with both texts.
      if (error.status === 409 && (entry.name === "paragraph:update" || entry.name === "document:edit")) return;
      notify(`Not saved (${entry.name.replace(":", " ")}): ${error.message}`);
    },
    [notify, store],
  );
}

/** Queues a mutation: through the session when there is one, else straight into the outbox. */
function useMutate(session: DocumentSession | null, outbox: Outbox, documentId: string): Mutate {
  return useCallback(
    <N extends MutationName>(name: N, input: Omit<MutationMap[N]["input"], "clientMutationId">): string => {
      if (session) return session.mutate(name, input);
      const id = newClientMutationId();
      outbox.add({ id, name, documentId, input: { ...input, clientMutationId: id }, createdAt: Date.now() } as OutboxEntry);
      return id;
    },
    [session, outbox, documentId],
  );
}

/** Opens the document live for `userId`: store, outbox, session and notices. */
export function useLiveDocument(data: DocumentData, userId: string): LiveDocument {
  const store = useMemo(() => new AnnotationStore({ loadThread }), []);
  const { seq, loadError } = useAnnotationsSnapshot(data, store);
  const outbox = useMemo(() => new Outbox(window.localStorage, `scholia.outbox.v1.${userId}`), [userId]);
  const { notices, notify, dismiss } = useNotices();
  const onRejected = useRejectionNotices(store, notify);
  const events = useMemo(() => new DocumentEvents(), []);
  const results = useMemo(() => new MutationResults(), []);
  const session = useDocumentSession(data.document.id, seq, outbox, store, events, onRejected, results);
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const outboxEntries = useSyncExternalStore(outbox.subscribe, () => outbox.list());
  const mutate = useMutate(session, outbox, data.document.id);
  return { store, outbox, session, events, results, snapshot, outboxEntries, seq, loadError, mutate, notices, notify, dismiss };
}

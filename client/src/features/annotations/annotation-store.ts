/**
 * The document's annotations in memory, changed only by applying the server's events (and
 * mutation results, which carry the same entities). Newer versions win; a snapshot object is
 * replaced on every change so React can subscribe to it.
 *
 * Threads are lazy: the list arrives without replies, each annotation carrying
 * `thread: {replyCount, tally}`. A thread's replies are fetched when it is opened (ensureThread)
 * and then kept up to date by `reply.*` events, which also recompute its count and tally. A reply
 * event for a thread that is not loaded cannot update the tally by itself (the tally counts each
 * person's latest stance, and the earlier replies are not here), so it fetches that thread.
 */
import type { AnchorDto, AnnotationDto, ClaimStateDto, ReplyDto } from "../../../../common/annotations.ts";
import type { DocumentEventDto } from "../../../../common/events.ts";
import { threadSummary, type ThreadSummary } from "./ordering.ts";

/** An annotation as the store keeps it: `thread` always set, `replies` only once loaded. */
export type StoredAnnotation = AnnotationDto & { thread: ThreadSummary };

export type ThreadState = "idle" | "loading" | "loaded" | "error";

export interface AnnotationsSnapshot {
  byId: ReadonlyMap<string, StoredAnnotation>;
  revision: number;
}

export interface StoreOptions {
  /** Fetches one thread (GET /api/annotations/:id/replies). Without it, threads are never fetched. */
  loadThread?: (annotationId: string) => Promise<ReplyDto[]>;
}

const EMPTY_THREAD: ThreadSummary = { replyCount: 0, tally: { supports: 0, disputes: 0, questions: 0 } };

function sortReplies(replies: ReplyDto[]): ReplyDto[] {
  return replies.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Union by id, the newer version of each reply winning. */
function mergeReplies(...lists: Array<Iterable<ReplyDto> | undefined>): ReplyDto[] {
  const byId = new Map<string, ReplyDto>();
  for (const list of lists)
    for (const r of list ?? []) {
      const seen = byId.get(r.id);
      if (!seen || seen.version <= r.version) byId.set(r.id, r);
    }
  return sortReplies([...byId.values()]);
}

export class AnnotationStore {
  private byId = new Map<string, StoredAnnotation>();
  private snapshot: AnnotationsSnapshot = { byId: this.byId, revision: 0 };
  private listeners = new Set<() => void>();
  /** clientMutationId -> the annotation or reply it created. */
  private created = new Map<string, string>();
  private threadStates = new Map<string, ThreadState>();
  /** Replies seen in events for threads not loaded yet, merged in when they load. */
  private early = new Map<string, Map<string, ReplyDto>>();

  constructor(private readonly options: StoreOptions = {}) {}

  getSnapshot = (): AnnotationsSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The first snapshot: with replies (threads loaded) or with `thread` summaries (lazy). */
  load(annotations: AnnotationDto[]): void {
    this.byId = new Map();
    this.threadStates.clear();
    this.early.clear();
    for (const a of annotations) {
      if (a.deleted) continue;
      if (a.replies) {
        const replies = sortReplies([...a.replies]);
        this.byId.set(a.id, { ...a, replies, thread: threadSummary(replies) });
        this.threadStates.set(a.id, "loaded");
      } else {
        this.byId.set(a.id, { ...a, replies: undefined, thread: a.thread ?? EMPTY_THREAD });
      }
    }
    this.commit();
  }

  /** The annotation or reply a queued create became, once the server answered. */
  createdBy(clientMutationId: string): string | undefined {
    return this.created.get(clientMutationId);
  }

  threadState(annotationId: string): ThreadState {
    return this.threadStates.get(annotationId) ?? "idle";
  }

  /** Fetches a thread unless it is loaded or on its way (an earlier failure is retried). */
  ensureThread(annotationId: string): void {
    const state = this.threadState(annotationId);
    if (state === "loaded" || state === "loading" || !this.options.loadThread || !this.byId.has(annotationId)) return;
    this.threadStates.set(annotationId, "loading");
    this.commit();
    this.options.loadThread(annotationId).then(
      (replies) => this.setThread(annotationId, replies),
      () => {
        if (this.threadStates.get(annotationId) !== "loading") return;
        this.threadStates.set(annotationId, "error");
        this.commit();
      },
    );
  }

  /** A fetched thread, merged with what events brought meanwhile. */
  setThread(annotationId: string, replies: ReplyDto[]): void {
    const a = this.byId.get(annotationId);
    const early = this.early.get(annotationId);
    this.early.delete(annotationId);
    this.threadStates.set(annotationId, "loaded");
    if (!a) return this.commit();
    const merged = mergeReplies(replies, a.replies, early?.values());
    this.byId = new Map(this.byId);
    this.byId.set(annotationId, { ...a, replies: merged, thread: threadSummary(merged) });
    this.commit();
  }

  /** Applies one event of the document's log; types that change no annotation are ignored. */
  apply(e: DocumentEventDto): void {
    switch (e.type) {
      case "annotation.created":
        if (e.clientMutationId) this.created.set(e.clientMutationId, e.payload.annotation.id);
        return this.upsertAnnotation(e.payload.annotation, false);
      case "annotation.updated":
        return this.upsertAnnotation(e.payload.annotation, false);
      case "annotation.deleted":
        return this.upsertAnnotation(e.payload.annotation, true);
      case "reply.created":
        return this.upsertReply(e.payload.reply, e.clientMutationId ?? undefined);
      case "reply.updated":
      case "reply.deleted":
        return this.upsertReply(e.payload.reply);
      case "tags.merged":
        return this.mergeTags(e.payload.tagId, e.payload.intoTagId);
      case "claim.reviewed":
      case "claim.assigned":
        return this.setClaim(e.payload.annotationId, e.payload.claim);
      case "document.edited":
        return this.moveAnchors(e.payload.anchors);
    }
  }

  /** Anchors an edit of the text moved, changed or orphaned (nothing else of those annotations changed). */
  moveAnchors(anchors: ReadonlyArray<{ annotationId: string; anchor: AnchorDto }>): void {
    let next: Map<string, StoredAnnotation> | null = null;
    for (const { annotationId, anchor } of anchors) {
      const a = (next ?? this.byId).get(annotationId);
      if (!a || JSON.stringify(a.anchor) === JSON.stringify(anchor)) continue;
      next ??= new Map(this.byId);
      next.set(annotationId, { ...a, anchor });
    }
    if (!next) return;
    this.byId = next;
    this.commit();
  }

  /** An annotation from an event or a mutation result (which carry neither replies nor thread). */
  upsertAnnotation(a: AnnotationDto, deleted = a.deleted, clientMutationId?: string): void {
    if (clientMutationId) this.created.set(clientMutationId, a.id);
    const existing = this.byId.get(a.id);
    if (deleted || a.deleted) {
      if (!existing) return;
      this.byId = new Map(this.byId);
      this.byId.delete(a.id);
      return this.commit();
    }
    if (existing && existing.version > a.version) return;
    const replies = a.replies ?? existing?.replies ?? (existing ? undefined : []);
    // A new annotation has no replies yet: its (empty) thread counts as loaded.
    if (!existing && !a.replies) this.threadStates.set(a.id, "loaded");
    this.byId = new Map(this.byId);
    this.byId.set(a.id, { ...a, replies, thread: replies ? threadSummary(replies) : (existing?.thread ?? a.thread ?? EMPTY_THREAD) });
    this.commit();
  }

  upsertReply(r: ReplyDto, clientMutationId?: string): void {
    if (clientMutationId) this.created.set(clientMutationId, r.id);
    const a = this.byId.get(r.annotationId);
    if (!a) return;
    if (!a.replies) {
      // Not loaded: keep it for when the thread arrives, and fetch the thread for its count and tally.
      const early = this.early.get(a.id) ?? new Map<string, ReplyDto>();
      const seen = early.get(r.id);
      if (!seen || seen.version <= r.version) early.set(r.id, r);
      this.early.set(a.id, early);
      if (this.threadState(a.id) === "error") this.threadStates.set(a.id, "idle");
      this.ensureThread(a.id);
      return;
    }
    const i = a.replies.findIndex((x) => x.id === r.id);
    if (i >= 0 && a.replies[i]!.version > r.version) return;
    const next = i >= 0 ? a.replies.map((x, j) => (j === i ? r : x)) : sortReplies([...a.replies, r]);
    this.byId = new Map(this.byId);
    this.byId.set(a.id, { ...a, replies: next, thread: threadSummary(next) });
    this.commit();
  }

  /** A claim's review state (events, mutation results, a conflict's current state); older versions are ignored. */
  setClaim(annotationId: string, claim: ClaimStateDto): void {
    const a = this.byId.get(annotationId);
    if (!a || (a.claim && a.claim.version > claim.version)) return;
    if (a.claim && a.claim.version === claim.version && JSON.stringify(a.claim) === JSON.stringify(claim)) return;
    this.byId = new Map(this.byId);
    this.byId.set(annotationId, { ...a, claim });
    this.commit();
  }

  private mergeTags(tagId: string, intoTagId: string) {
    let changed = false;
    const next = new Map(this.byId);
    for (const a of this.byId.values()) {
      if (!a.tagIds.includes(tagId)) continue;
      const tagIds = [...new Set(a.tagIds.map((t) => (t === tagId ? intoTagId : t)))];
      next.set(a.id, { ...a, tagIds });
      changed = true;
    }
    if (!changed) return;
    this.byId = next;
    this.commit();
  }

  private commit() {
    this.snapshot = { byId: this.byId, revision: this.snapshot.revision + 1 };
    for (const l of this.listeners) l();
  }
}

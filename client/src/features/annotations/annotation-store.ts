/**
 * The document's annotations in memory, changed only by applying the server's events (and
 * mutation results, which carry the same entities). Newer versions win; a snapshot object is
 * replaced on every change so React can subscribe to it.
 */
import type { AnnotationDto, ClaimStateDto, ReplyDto } from "../../../../common/annotations.ts";
import type { DocumentEventDto } from "../../../../common/events.ts";

export interface AnnotationsSnapshot {
  byId: ReadonlyMap<string, AnnotationDto>;
  revision: number;
}

type Payload = Record<string, unknown>;

function isObject(v: unknown): v is Payload {
  return typeof v === "object" && v !== null;
}

export class AnnotationStore {
  private byId = new Map<string, AnnotationDto>();
  private snapshot: AnnotationsSnapshot = { byId: this.byId, revision: 0 };
  private listeners = new Set<() => void>();
  /** clientMutationId -> the annotation or reply it created. */
  private created = new Map<string, string>();

  getSnapshot = (): AnnotationsSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  load(annotations: AnnotationDto[]): void {
    this.byId = new Map(annotations.filter((a) => !a.deleted).map((a) => [a.id, { ...a, replies: a.replies ?? [] }]));
    this.commit();
  }

  /** The annotation or reply a queued create became, once the server answered. */
  createdBy(clientMutationId: string): string | undefined {
    return this.created.get(clientMutationId);
  }

  /** Applies one event of the document's log; unknown types are ignored. */
  apply(e: DocumentEventDto): void {
    const p = isObject(e.payload) ? e.payload : {};
    if (e.type.startsWith("annotation.") && isObject(p.annotation)) {
      const a = p.annotation as unknown as AnnotationDto;
      if (e.type === "annotation.created" && e.clientMutationId) this.created.set(e.clientMutationId, a.id);
      this.upsertAnnotation(a, e.type === "annotation.deleted");
    } else if (e.type.startsWith("reply.") && isObject(p.reply)) {
      this.upsertReply(p.reply as unknown as ReplyDto, e.type === "reply.created" ? (e.clientMutationId ?? undefined) : undefined);
    } else if (e.type === "tags.merged" && typeof p.tagId === "string" && typeof p.intoTagId === "string") {
      this.mergeTags(p.tagId, p.intoTagId);
    } else if (typeof p.annotationId === "string" && isObject(p.claim)) {
      this.setClaim(p.annotationId, p.claim as unknown as ClaimStateDto);
    }
  }

  /** An annotation from an event or a mutation result (which carries no replies). */
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
    this.byId = new Map(this.byId);
    this.byId.set(a.id, { ...a, replies: a.replies ?? existing?.replies ?? [] });
    this.commit();
  }

  upsertReply(r: ReplyDto, clientMutationId?: string): void {
    if (clientMutationId) this.created.set(clientMutationId, r.id);
    const a = this.byId.get(r.annotationId);
    if (!a) return;
    const replies = a.replies ?? [];
    const i = replies.findIndex((x) => x.id === r.id);
    if (i >= 0 && replies[i]!.version > r.version) return;
    const next = i >= 0 ? replies.map((x, j) => (j === i ? r : x)) : [...replies, r];
    this.byId = new Map(this.byId);
    this.byId.set(a.id, { ...a, replies: next });
    this.commit();
  }

  private setClaim(annotationId: string, claim: ClaimStateDto) {
    const a = this.byId.get(annotationId);
    if (!a || (a.claim && a.claim.version > claim.version)) return;
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

/**
 * Pure helpers for the sidebar: annotations in document order, the tag tree (a parent tag
 * matches its descendants), the filters, and a thread's size and stance tally.
 */
import type { AnnotationDto, AnnotationKind, ReplyDto, Stance, TagDto } from "../../../../common/annotations.ts";
import type { BlockIndex } from "../../editor/anchors.ts";
import { claimStatusOf } from "../review/claim-of.ts";

/** A sort key: start paragraph, start offset, then end; unplaceable anchors sort last. */
export function documentOrderKey(index: BlockIndex, a: Pick<AnnotationDto, "anchor" | "createdAt">): [number, number, number, number] {
  const s = index.byPid.get(a.anchor.start.paragraphId);
  const e = index.byPid.get(a.anchor.end.paragraphId);
  if (!s || !e) return [Number.MAX_SAFE_INTEGER, 0, 0, 0];
  return [s.order, a.anchor.start.offset, e.order, a.anchor.end.offset];
}

/** Sorted by `documentOrderKey`, then by creation time and id. */
export function inDocumentOrder<T extends Pick<AnnotationDto, "id" | "anchor" | "createdAt">>(index: BlockIndex, list: Iterable<T>): T[] {
  const keyed = [...list].map((a) => ({ a, k: documentOrderKey(index, a) }));
  keyed.sort((x, y) => x.k[0] - y.k[0] || x.k[1] - y.k[1] || x.k[2] - y.k[2] || x.k[3] - y.k[3] || (x.a.createdAt < y.a.createdAt ? -1 : x.a.createdAt > y.a.createdAt ? 1 : x.a.id < y.a.id ? -1 : 1));
  return keyed.map((x) => x.a);
}

/** tag id -> the ids of it and all its descendants. */
export function tagSubtrees(tags: TagDto[]): Map<string, Set<string>> {
  const children = new Map<string, string[]>();
  for (const t of tags) if (t.parentId) children.set(t.parentId, [...(children.get(t.parentId) ?? []), t.id]);
  const out = new Map<string, Set<string>>();
  for (const t of tags) {
    const seen = new Set<string>();
    const stack = [t.id];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(children.get(id) ?? []));
    }
    out.set(t.id, seen);
  }
  return out;
}

export interface AnnotationFilters {
  kind: AnnotationKind | "";
  tagId: string;
  authorId: string;
  claimStatus: string;
}

export const NO_FILTERS: AnnotationFilters = { kind: "", tagId: "", authorId: "", claimStatus: "" };

export function isFiltering(f: AnnotationFilters): boolean {
  return !!(f.kind || f.tagId || f.authorId || f.claimStatus);
}

/** A predicate for the filters (a tag filter matches the tag and every tag under it). */
export function annotationMatcher(f: AnnotationFilters, subtrees: Map<string, Set<string>>): (a: Pick<AnnotationDto, "kind" | "tagIds" | "author" | "claim">) => boolean {
  const tagSet = f.tagId ? (subtrees.get(f.tagId) ?? new Set([f.tagId])) : null;
  return (a) =>
    (!f.kind || a.kind === f.kind) &&
    (!f.authorId || a.author.id === f.authorId) &&
    (!f.claimStatus || claimStatusOf(a) === f.claimStatus) &&
    (!tagSet || a.tagIds.some((t) => tagSet.has(t)));
}

export type Tally = Record<Exclude<Stance, "none">, number>;

export interface ThreadSummary {
  replyCount: number;
  tally: Tally;
}

/**
 * A thread's size (live replies) and stance tally as the server counts it: each person once,
 * with the stance of their latest reply that takes one; a later "no stance" reply changes
 * nothing, deleted replies count for nothing.
 */
export function threadSummary(replies: Iterable<Pick<ReplyDto, "id" | "author" | "stance" | "createdAt" | "deleted">>): ThreadSummary {
  const latest = new Map<string, { stance: Exclude<Stance, "none">; createdAt: string; id: string }>();
  let replyCount = 0;
  for (const r of replies) {
    if (r.deleted) continue;
    replyCount++;
    if (r.stance === "none") continue;
    const seen = latest.get(r.author.id);
    if (!seen || r.createdAt > seen.createdAt || (r.createdAt === seen.createdAt && r.id > seen.id)) latest.set(r.author.id, { stance: r.stance, createdAt: r.createdAt, id: r.id });
  }
  const tally: Tally = { supports: 0, disputes: 0, questions: 0 };
  for (const x of latest.values()) tally[x.stance]++;
  return { replyCount, tally };
}

/**
 * The workspace's controlled vocabulary: hierarchical tags with colour and description.
 * Editors and owners create, rename, move, merge and archive; analysts apply them.
 */
import type { z } from "zod";
import type { Db, Tx } from "../../db/client.ts";
import type { TagCreateSchema, TagDto, TagMergeSchema, TagUpdateSchema } from "../../../common/annotations.ts";
import type { DocumentEventDto } from "../../../common/events.ts";
import { newId } from "../../lib/ids.ts";
import { ConflictError, NotFoundError, ValidationError } from "../../http/errors.ts";
import { authorize, loadWorkspaceAccess } from "../workspaces/membership.ts";
import { appendEvent, appendWorkspaceEvent } from "../events/event-log.ts";
import type { Actor } from "../mutations/mutation.ts";
import { presentTag, type TagRow } from "./tag.presenter.ts";
import { withDescendants } from "../../../common/tag-tree.ts";

type CreateInput = z.output<typeof TagCreateSchema>;
type UpdateInput = z.output<typeof TagUpdateSchema>;
type MergeInput = z.output<typeof TagMergeSchema>;

async function tagMap(db: Db | Tx, workspaceId: string): Promise<Map<string, TagRow>> {
  const rows = await db.tag.findMany({ where: { workspaceId } });
  return new Map(rows.map((r) => [r.id, r]));
}

export async function listTags(db: Db, userId: string, workspaceId: string): Promise<TagDto[]> {
  await loadWorkspaceAccess(db, userId, workspaceId);
  const byId = await tagMap(db, workspaceId);
  return [...byId.values()].map((t) => presentTag(t, byId)).sort((a, b) => a.path.localeCompare(b.path));
}

/** Every id must be a live tag of this workspace; otherwise 400 naming tagIds. */
export async function assertUsableTags(tx: Tx, workspaceId: string, tagIds: string[]): Promise<void> {
  if (tagIds.length === 0) return;
  const found = await tx.tag.count({ where: { id: { in: tagIds }, workspaceId, archivedAt: null } });
  if (found !== tagIds.length) throw ValidationError("tagIds: unknown or archived tag for this workspace", "tagIds");
}

function assertUniqueSibling(byId: Map<string, TagRow>, parentId: string | null, name: string, selfId?: string) {
  const clash = [...byId.values()].find(
    (t) => t.id !== selfId && t.parentId === parentId && t.archivedAt === null && t.name.toLowerCase() === name.toLowerCase(),
  );
  if (clash) throw ConflictError(`A tag named "${name}" already exists here`);
}

function assertParent(byId: Map<string, TagRow>, parentId: string | null | undefined) {
  if (!parentId) return;
  const parent = byId.get(parentId);
  if (!parent || parent.archivedAt) throw ValidationError("parentId: unknown or archived tag for this workspace", "parentId");
}

/**
 * A tag the actor may manage, with its workspace's tags by id. 404 when there is no such tag or
 * the actor is not a member of its workspace (a stranger learns nothing of it); 403 for a member
 * who may not manage tags.
 */
async function manageableTag(tx: Tx, actor: Actor, tagId: string) {
  const tag = await tx.tag.findUnique({ where: { id: tagId } });
  if (!tag) throw NotFoundError("Tag");
  const { role } = await loadWorkspaceAccess(tx, actor.userId, tag.workspaceId).catch(() => {
    throw NotFoundError("Tag");
  });
  authorize(role, "tag.manage");
  return { tag, byId: await tagMap(tx, tag.workspaceId) };
}

export async function createTag(tx: Tx, actor: Actor, input: CreateInput) {
  const { role } = await loadWorkspaceAccess(tx, actor.userId, input.workspaceId);
  authorize(role, "tag.manage");
  const byId = await tagMap(tx, input.workspaceId);
  assertParent(byId, input.parentId);
  assertUniqueSibling(byId, input.parentId ?? null, input.name);
  const row = await tx.tag.create({
    data: { id: newId("t"), workspaceId: input.workspaceId, parentId: input.parentId ?? null, name: input.name, color: input.color, description: input.description },
  });
  byId.set(row.id, row);
  const tag = presentTag(row, byId);
  const event = await appendWorkspaceEvent(tx, { workspaceId: input.workspaceId, type: "tag.created", payload: { tag }, actorId: actor.userId, clientMutationId: input.clientMutationId });
  return { result: tag, workspaceEvents: [event] };
}

export async function updateTag(tx: Tx, actor: Actor, input: UpdateInput) {
  const { tag: existing, byId } = await manageableTag(tx, actor, input.tagId);
  const parentId = input.parentId === undefined ? existing.parentId : input.parentId;
  if (input.parentId !== undefined && input.parentId !== null) {
    assertParent(byId, input.parentId);
    if (withDescendants(byId.values(), [existing.id]).has(input.parentId)) throw ValidationError("parentId: a tag cannot move under itself or its descendants", "parentId");
  }
  if (input.name !== undefined || input.parentId !== undefined || input.archived === false) {
    assertUniqueSibling(byId, parentId, input.name ?? existing.name, existing.id);
  }
  const data: Record<string, unknown> = { version: { increment: 1 } };
  if (input.name !== undefined) data.name = input.name;
  if (input.parentId !== undefined) data.parentId = input.parentId;
  if (input.color !== undefined) data.color = input.color;
  if (input.description !== undefined) data.description = input.description;
  if (input.archived !== undefined) data.archivedAt = input.archived ? new Date() : null;
  const { count } = await tx.tag.updateMany({ where: { id: existing.id, version: input.version }, data });
  if (count === 0) {
    throw ConflictError(`Tag was changed by someone else (now version ${existing.version})`, { current: presentTag(existing, byId) });
  }
  const before = presentTag(existing, byId);
  const row = await tx.tag.findUniqueOrThrow({ where: { id: existing.id } });
  byId.set(row.id, row);
  const tag = presentTag(row, byId);
  const event = await appendWorkspaceEvent(tx, { workspaceId: existing.workspaceId, type: "tag.updated", payload: { tag, before }, actorId: actor.userId, clientMutationId: input.clientMutationId });
  return { result: tag, workspaceEvents: [event] };
}

/** Links written per statement by a merge (each row is a few parameters; SQLite takes at most 999 by default in some builds). */
const MERGE_ROWS_PER_STATEMENT = 200;

const sameName = (a: TagRow, b: TagRow) => a.name.toLowerCase() === b.name.toLowerCase();

/**
 * What a merge of `source` into `target` merges, in order, parents before children: the pair
 * itself, then each live child of a merged tag that has a live namesake (case aside) among the
 * children of the tag it merges into, paired with that namesake, at every depth. Children without
 * a namesake just move; so no tag ends up with two live children of one name.
 */
function mergePairs(tags: Iterable<TagRow>, source: TagRow, target: TagRow): Array<[from: TagRow, into: TagRow]> {
  const all = [...tags];
  const liveChildren = (t: TagRow) => all.filter((c) => c.parentId === t.id && c.archivedAt === null);
  const pairs: Array<[TagRow, TagRow]> = [];
  const away = new Set<string>();
  const visit = (from: TagRow, into: TagRow) => {
    pairs.push([from, into]);
    away.add(from.id);
    const theirs = liveChildren(into);
    for (const child of liveChildren(from)) {
      const namesake = theirs.find((t) => !away.has(t.id) && sameName(t, child));
      if (namesake) visit(child, namesake);
    }
  };
  visit(source, target);
  return pairs;
}

/** Moves `fromId`'s annotations to `intoId` (an annotation already carrying both keeps one); returns the links moved. */
async function moveLinks(tx: Tx, fromId: string, intoId: string): Promise<Array<{ annotationId: string; documentId: string }>> {
  const links = await tx.annotationTag.findMany({ where: { tagId: fromId }, include: { annotation: { select: { documentId: true } } } });
  // The target's own links, read whole: a list of the source's annotations as query parameters
  // would pass SQLite's limit on parameters once the tag is on a thousand annotations.
  const already = new Set((await tx.annotationTag.findMany({ where: { tagId: intoId }, select: { annotationId: true } })).map((l) => l.annotationId));
  await tx.annotationTag.deleteMany({ where: { tagId: fromId } });
  const toAdd = links.filter((l) => !already.has(l.annotationId)).map((l) => ({ annotationId: l.annotationId, tagId: intoId }));
  for (let i = 0; i < toAdd.length; i += MERGE_ROWS_PER_STATEMENT) await tx.annotationTag.createMany({ data: toAdd.slice(i, i + MERGE_ROWS_PER_STATEMENT) });
  return links.map((l) => ({ annotationId: l.annotationId, documentId: l.annotation.documentId }));
}

/**
 * Merges a tag into another: its annotations and children move to the target, and it is
 * archived. A child whose name one of the target's children has already (case aside) is merged
 * into that child the same way instead of moving, at every depth (mergePairs), so the vocabulary
 * never holds two live siblings of one name. Each document whose annotations changed gets a
 * `tags.merged` event in its log per merged pair, parents first.
 */
export async function mergeTag(tx: Tx, actor: Actor, input: MergeInput) {
  const { tag: source, byId } = await manageableTag(tx, actor, input.tagId);
  const target = byId.get(input.intoTagId);
  if (!target || target.archivedAt) throw ValidationError("intoTagId: unknown or archived tag for this workspace", "intoTagId");
  if (withDescendants(byId.values(), [source.id]).has(target.id)) throw ValidationError("intoTagId: cannot merge a tag into itself or its descendants", "intoTagId");
  if (source.archivedAt) throw ConflictError("This tag is archived already");

  const pairs = mergePairs(byId.values(), source, target);
  const away = pairs.map(([from]) => from.id);
  const events: DocumentEventDto[] = [];
  for (const [from, into] of pairs) {
    const links = await moveLinks(tx, from.id, into.id);
    // The children merged into a namesake stay under their archived parent, as they were.
    await tx.tag.updateMany({ where: { parentId: from.id, id: { notIn: away } }, data: { parentId: into.id, version: { increment: 1 } } });
    await tx.tag.update({ where: { id: from.id }, data: { archivedAt: new Date(), version: { increment: 1 } } });
    const byDocument = new Map<string, string[]>();
    for (const l of links) byDocument.set(l.documentId, [...(byDocument.get(l.documentId) ?? []), l.annotationId]);
    for (const [documentId, annotationIds] of byDocument) {
      events.push(
        await appendEvent(tx, { documentId, type: "tags.merged", payload: { tagId: from.id, intoTagId: into.id, annotationIds }, actorId: actor.userId, clientMutationId: input.clientMutationId }),
      );
    }
  }
  const fresh = await tagMap(tx, source.workspaceId);
  const merged = presentTag(fresh.get(target.id)!, fresh);
  const event = await appendWorkspaceEvent(tx, {
    workspaceId: source.workspaceId,
    type: "tag.merged",
    payload: { tagId: source.id, intoTagId: target.id, tags: [...fresh.values()].map((t) => presentTag(t, fresh)) },
    actorId: actor.userId,
    clientMutationId: input.clientMutationId,
  });
  return { result: merged, events, workspaceEvents: [event] };
}

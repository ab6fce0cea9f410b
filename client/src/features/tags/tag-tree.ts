/** The tag vocabulary as a tree shown by paths: order, depth, and which tags may be a parent or merge target. */
import type { TagDto } from "../../../../common/annotations.ts";
import { withDescendants } from "../../../../common/tag-tree.ts";

/** Path order ("Region" < "Region > ASEAN" < "Topic"), case-insensitively. */
export function byPath(tags: TagDto[]): TagDto[] {
  return [...tags].sort((a, b) => a.path.localeCompare(b.path, undefined, { sensitivity: "base" }));
}

export function depthOf(tag: Pick<TagDto, "path">): number {
  return tag.path.split(" > ").length - 1;
}

/** The tag's id and every tag under it. */
export function subtreeOf(tags: TagDto[], id: string): Set<string> {
  return withDescendants(tags, [id]);
}

/** Tags `id` may move under (or be merged into): live ones outside its own subtree. */
export function targetsFor(tags: TagDto[], id: string | null): TagDto[] {
  const excluded = id ? subtreeOf(tags, id) : new Set<string>();
  return byPath(tags.filter((t) => !t.archived && !excluded.has(t.id)));
}

/** What a tag edit sends: only the fields that changed (null parent = top level). */
export function tagChanges(
  tag: Pick<TagDto, "name" | "parentId" | "color" | "description">,
  next: { name: string; parentId: string | null; color: string; description: string },
): Partial<{ name: string; parentId: string | null; color: string; description: string }> {
  const out: Partial<{ name: string; parentId: string | null; color: string; description: string }> = {};
  if (next.name.trim() !== tag.name) out.name = next.name.trim();
  if (next.parentId !== tag.parentId) out.parentId = next.parentId;
  if (next.color.toLowerCase() !== tag.color.toLowerCase()) out.color = next.color;
  if (next.description !== tag.description) out.description = next.description;
  return out;
}

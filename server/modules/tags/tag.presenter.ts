/** A tag as the API shows it: with its full path ("Region > Baltic"), computed from the workspace's tags. */
import type { TagDto } from "../../../common/annotations.ts";

export interface TagRow {
  id: string;
  workspaceId: string;
  parentId: string | null;
  name: string;
  color: string;
  description: string;
  archivedAt: Date | null;
  version: number;
}

/** Presents a tag with its full path, computed from all the workspace's tags. */
export function presentTag(t: TagRow, byId: Map<string, TagRow>): TagDto {
  const names: string[] = [];
  const seen = new Set<string>();
  for (let cur: TagRow | undefined = t; cur && !seen.has(cur.id); cur = cur.parentId ? byId.get(cur.parentId) : undefined) {
    seen.add(cur.id);
    names.unshift(cur.name);
  }
  return {
    id: t.id,
    workspaceId: t.workspaceId,
    parentId: t.parentId,
    name: t.name,
    path: names.join(" > "),
    color: t.color,
    description: t.description,
    archived: t.archivedAt !== null,
    version: t.version,
  };
}

/**
 * Tag filters match a tag and all its descendants ("Europe" finds claims tagged
 * "Europe > Baltic"). Shared by the claims dashboard and the exports.
 */
import type { Db, Tx } from "../../db/client.ts";
import { presentTag, type TagRow } from "./tag.presenter.ts";
import type { ClaimTagDto } from "../../../common/review.ts";
export { withDescendants } from "../../../common/tag-tree.ts";

/** The workspaces' tags by id, presented with their full paths. */
export async function tagIndex(db: Db | Tx, workspaceIds: string[]): Promise<{ rows: TagRow[]; byId: Map<string, ClaimTagDto> }> {
  const rows = await db.tag.findMany({ where: { workspaceId: { in: workspaceIds } } });
  const raw = new Map(rows.map((r) => [r.id, r]));
  const byId = new Map<string, ClaimTagDto>();
  for (const r of rows) {
    const t = presentTag(r, raw);
    byId.set(r.id, { id: t.id, path: t.path, color: t.color });
  }
  return { rows, byId };
}

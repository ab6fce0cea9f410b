/** Loading a caller's membership, and refusing what their role does not allow. */
import type { Db, Tx } from "../../db/client.ts";
import type { Role } from "../../../common/workspaces.ts";
import type { Body } from "../../../common/bodies.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "../../http/errors.ts";
import { can, type WorkspaceAction } from "../../../common/policy.ts";

export interface WorkspaceAccess {
  workspace: { id: string; name: string; createdAt: Date };
  role: Role;
}

/** The caller's role in a workspace; 404 (not 403) when not a member, so existence does not leak. */
export async function loadWorkspaceAccess(db: Db | Tx, userId: string, workspaceId: string): Promise<WorkspaceAccess> {
  const m = await db.membership.findUnique({
    where: { workspaceId_userId: { workspaceId, userId } },
    include: { workspace: { select: { id: true, name: true, createdAt: true } } },
  });
  if (!m) throw NotFoundError("Workspace");
  return { workspace: m.workspace, role: m.role as Role };
}

/** Throws 403 when `role` may not perform `action`. */
export function authorize(role: Role, action: WorkspaceAction, message?: string): void {
  if (!can(role, action)) throw ForbiddenError(message ?? `Your role (${role}) does not allow ${action}`);
}

/** Which of `userIds` are members of the workspace, with their names (one query). */
export async function membersAmong(db: Db | Tx, workspaceId: string, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.membership.findMany({ where: { workspaceId, userId: { in: [...new Set(userIds)] } }, select: { userId: true, user: { select: { displayName: true } } } });
  return new Map(rows.map((r) => [r.userId, r.user.displayName]));
}

/** The error for a body that @mentions someone outside the workspace (or no one at all). */
const MentionError = (field = "body") => ValidationError(`${field}: a mention names someone who is not a member of this workspace`, field);

/** Each mention of a rich body as written: whom it notifies, and the name readers see. */
function mentionsIn(node: unknown, out: Array<{ id: unknown; label: unknown }> = []): Array<{ id: unknown; label: unknown }> {
  if (!node || typeof node !== "object") return out;
  const n = node as { type?: unknown; attrs?: { id?: unknown; label?: unknown }; content?: unknown };
  if (n.type === "mention") out.push({ id: n.attrs?.id, label: n.attrs?.label });
  if (Array.isArray(n.content)) for (const child of n.content) mentionsIn(child, out);
  return out;
}

/**
 * Throws 400 on `field` unless every mention in `body` names a member (of `members`, from
 * membersAmong) under that member's own name: readers see the name, the notice goes to the id.
 */
export function checkMentions(body: Body, members: ReadonlyMap<string, string>, field = "body"): void {
  if (body.format !== "rich") return;
  if (body.mentions.some((id) => !members.has(id))) throw MentionError(field);
  for (const { id, label } of mentionsIn(body.doc)) {
    const name = members.get(id as string);
    if (label !== null && label !== undefined && label !== name) {
      throw ValidationError(`${field}: a mention shows ${JSON.stringify(label)}, but that member's name is ${JSON.stringify(name)}`, field);
    }
  }
}

/** Mentions must name members of the workspace, as they are called; anything else is a 400 on `field`. */
export async function assertMentionsAreMembers(db: Db | Tx, workspaceId: string, body: Body, field = "body"): Promise<void> {
  if (body.format !== "rich") return;
  checkMentions(body, await membersAmong(db, workspaceId, body.mentions), field);
}

/** Loading a caller's membership, and refusing what their role does not allow. */
import type { Db, Tx } from "../../db/client.ts";
import type { Role } from "../../../common/workspaces.ts";
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

/** Which of `userIds` are members of the workspace (one query). */
export async function membersAmong(db: Db | Tx, workspaceId: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db.membership.findMany({ where: { workspaceId, userId: { in: [...new Set(userIds)] } }, select: { userId: true } });
  return new Set(rows.map((r) => r.userId));
}

/** The error for a body that @mentions someone outside the workspace (or no one at all). */
export const MentionError = (field = "body") => ValidationError(`${field}: a mention names someone who is not a member of this workspace`, field);

/** Mentions must name members of the workspace; unknown ids and strangers are a 400 on `field`. */
export async function assertMentionsAreMembers(db: Db | Tx, workspaceId: string, userIds: string[], field = "body"): Promise<void> {
  const members = await membersAmong(db, workspaceId, userIds);
  if (userIds.some((id) => !members.has(id))) throw MentionError(field);
}

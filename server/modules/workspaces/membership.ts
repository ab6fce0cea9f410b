/** Loading a caller's membership, and refusing what their role does not allow. */
import type { Db, Tx } from "../../db/client.ts";
import type { Role } from "../../../common/workspaces.ts";
import { ForbiddenError, NotFoundError } from "../../http/errors.ts";
import { can, type WorkspaceAction } from "./workspace.policy.ts";

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

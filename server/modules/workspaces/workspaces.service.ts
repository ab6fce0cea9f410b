/** Workspaces, memberships and invites. */
import { createHash } from "node:crypto";
import type { Db } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/client.ts";
import type { Role } from "../../../common/workspaces.ts";
import { newId, newToken } from "../../lib/ids.ts";
import { ConflictError, ForbiddenError, GoneError, NotFoundError } from "../../http/errors.ts";
import { authorize, loadWorkspaceAccess } from "./membership.ts";
import { canInviteAs } from "./workspace.policy.ts";

/** Invite tokens are stored hashed: a database leak does not hand out working links. */
export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function createWorkspace(db: Db, userId: string, name: string) {
  const id = newId("w");
  return db.$transaction(async (tx) => {
    const workspace = await tx.workspace.create({ data: { id, name } });
    await tx.membership.create({ data: { id: newId("m"), workspaceId: id, userId, role: "owner" } });
    return workspace;
  });
}

export async function listWorkspaces(db: Db, userId: string) {
  const rows = await db.membership.findMany({
    where: { userId },
    include: { workspace: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((m) => ({ workspace: m.workspace, role: m.role as Role }));
}

export async function renameWorkspace(db: Db, userId: string, workspaceId: string, name: string) {
  const access = await loadWorkspaceAccess(db, userId, workspaceId);
  authorize(access.role, "workspace.rename");
  return db.workspace.update({ where: { id: workspaceId }, data: { name } });
}

export async function listMembers(db: Db, userId: string, workspaceId: string) {
  const access = await loadWorkspaceAccess(db, userId, workspaceId);
  authorize(access.role, "member.list");
  return db.membership.findMany({
    where: { workspaceId },
    include: { user: { select: { id: true, displayName: true, email: true } } },
    orderBy: { createdAt: "asc" },
  });
}

/** Refuses a change that would leave the workspace without an owner. */
async function assertOwnerRemains(db: Db, workspaceId: string, targetUserId: string) {
  const owners = await db.membership.count({ where: { workspaceId, role: "owner", userId: { not: targetUserId } } });
  if (owners === 0) throw ConflictError("A workspace must keep at least one owner");
}

export async function changeMemberRole(db: Db, userId: string, workspaceId: string, targetUserId: string, role: Role) {
  const access = await loadWorkspaceAccess(db, userId, workspaceId);
  authorize(access.role, "member.changeRole");
  const target = await db.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId: targetUserId } } });
  if (!target) throw NotFoundError("Member");
  if (target.role === "owner" && role !== "owner") await assertOwnerRemains(db, workspaceId, targetUserId);
  return db.membership.update({
    where: { id: target.id },
    data: { role, version: { increment: 1 } },
    include: { user: { select: { id: true, displayName: true, email: true } } },
  });
}

/** Owners remove anyone; every member may remove themselves (leave). */
export async function removeMember(db: Db, userId: string, workspaceId: string, targetUserId: string) {
  const access = await loadWorkspaceAccess(db, userId, workspaceId);
  if (targetUserId !== userId) authorize(access.role, "member.remove");
  const target = await db.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId: targetUserId } } });
  if (!target) throw NotFoundError("Member");
  if (target.role === "owner") await assertOwnerRemains(db, workspaceId, targetUserId);
  await db.membership.delete({ where: { id: target.id } });
}

export async function createInvite(db: Db, userId: string, workspaceId: string, role: Role, ttlMs: number) {
  const access = await loadWorkspaceAccess(db, userId, workspaceId);
  authorize(access.role, "invite.create");
  if (!canInviteAs(access.role, role)) throw ForbiddenError(`Your role (${access.role}) cannot invite a ${role}`);
  const token = newToken();
  const invite = await db.invite.create({
    data: {
      id: newId("inv"),
      workspaceId,
      tokenHash: hashInviteToken(token),
      role,
      createdById: userId,
      expiresAt: new Date(Date.now() + ttlMs),
    },
  });
  return { invite, token };
}

export async function listInvites(db: Db, userId: string, workspaceId: string) {
  const access = await loadWorkspaceAccess(db, userId, workspaceId);
  authorize(access.role, "invite.list");
  return db.invite.findMany({
    where: { workspaceId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
  });
}

export async function revokeInvite(db: Db, userId: string, workspaceId: string, inviteId: string) {
  const access = await loadWorkspaceAccess(db, userId, workspaceId);
  authorize(access.role, "invite.revoke");
  const { count } = await db.invite.updateMany({
    where: { id: inviteId, workspaceId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw NotFoundError("Invite");
}

/** Looks an invite up by token for a preview; unknown -> 404, used/revoked/expired -> 410. */
export async function findUsableInvite(db: Db, token: string) {
  const invite = await db.invite.findUnique({ where: { tokenHash: hashInviteToken(token) }, include: { workspace: true } });
  if (!invite) throw NotFoundError("Invite");
  if (invite.acceptedAt) throw GoneError("This invite has already been used");
  if (invite.revokedAt) throw GoneError("This invite was revoked");
  if (invite.expiresAt.getTime() <= Date.now()) throw GoneError("This invite has expired");
  return invite;
}

/**
 * Accepts an invite exactly once: the token is consumed by a conditional update inside the
 * same transaction that creates the membership, so two simultaneous accepts cannot both win.
 */
export async function acceptInvite(db: Db, userId: string, token: string) {
  const invite = await findUsableInvite(db, token);
  const existing = await db.membership.findUnique({ where: { workspaceId_userId: { workspaceId: invite.workspaceId, userId } } });
  if (existing) throw ConflictError("You are already a member of this workspace", { role: existing.role });
  try {
    return await db.$transaction(async (tx) => {
      const { count } = await tx.invite.updateMany({
        where: { id: invite.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
        data: { acceptedAt: new Date(), acceptedById: userId },
      });
      if (count === 0) throw GoneError("This invite has already been used");
      await tx.membership.create({ data: { id: newId("m"), workspaceId: invite.workspaceId, userId, role: invite.role } });
      return { workspace: invite.workspace, role: invite.role as Role };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw ConflictError("You are already a member of this workspace");
    throw e;
  }
}

/**
 * Workspaces, memberships and invites. Every change is a mutation definition (registry.ts) that
 * writes its entry in the workspace's event log in the same transaction; membership changes take
 * the workspace's row lock first, so the rule "a workspace keeps at least one owner" is checked
 * against what is committed, even when two owners change roles at once on two nodes.
 */
import { createHash } from "node:crypto";
import type { z } from "zod";
import type { Db, Tx } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/client.ts";
import type {
  InviteAcceptSchema,
  InviteCreateSchema,
  InviteRevokeSchema,
  MemberRemoveSchema,
  MemberRoleSchema,
  Role,
  WorkspaceCreateSchema,
  WorkspaceRenameSchema,
} from "../../../common/workspaces.ts";
import { newId, newToken } from "../../lib/ids.ts";
import { ConflictError, ForbiddenError, GoneError, NotFoundError } from "../../http/errors.ts";
import { canInviteAs } from "../../../common/policy.ts";
import { appendWorkspaceEvent } from "../events/event-log.ts";
import type { Actor, MutationServices, Written } from "../mutations/mutation.ts";
import { authorize, loadWorkspaceAccess } from "./membership.ts";
import { presentInvite, presentMember, presentWorkspace } from "./workspace.presenter.ts";

/** Invite tokens are stored hashed: a database leak does not hand out working links. */
export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

const MEMBER_INCLUDE = { user: { select: { id: true, displayName: true, email: true } } } as const;

/**
 * Takes the workspace's row lock (PostgreSQL; on SQLite the write lock) before membership rules
 * are checked, so concurrent membership changes in one workspace run one after the other.
 */
async function lockWorkspace(tx: Tx, workspaceId: string): Promise<void> {
  await tx.workspace.update({ where: { id: workspaceId }, data: { lastSeq: { increment: 0 } }, select: { id: true } });
}

export async function createWorkspace(tx: Tx, actor: Actor, input: z.output<typeof WorkspaceCreateSchema>) {
  const id = newId("w");
  const workspace = await tx.workspace.create({ data: { id, name: input.name } });
  await tx.membership.create({ data: { id: newId("m"), workspaceId: id, userId: actor.userId, role: "owner" } });
  const created = await appendWorkspaceEvent(tx, { workspaceId: id, type: "workspace.created", payload: { name: input.name }, actorId: actor.userId, clientMutationId: input.clientMutationId });
  return { result: presentWorkspace(workspace, "owner"), workspaceEvents: [created] };
}

export async function renameWorkspace(tx: Tx, actor: Actor, input: z.output<typeof WorkspaceRenameSchema>) {
  const { workspace: before, role } = await loadWorkspaceAccess(tx, actor.userId, input.workspaceId);
  authorize(role, "workspace.rename");
  const workspace = await tx.workspace.update({ where: { id: input.workspaceId }, data: { name: input.name } });
  const event = await appendWorkspaceEvent(tx, {
    workspaceId: workspace.id,
    type: "workspace.renamed",
    payload: { from: before.name, to: workspace.name },
    actorId: actor.userId,
    clientMutationId: input.clientMutationId,
  });
  return { result: presentWorkspace(workspace, role), workspaceEvents: [event] };
}

export async function listWorkspaces(db: Db, userId: string) {
  const rows = await db.membership.findMany({ where: { userId }, include: { workspace: true }, orderBy: { createdAt: "asc" } });
  return rows.map((m) => ({ workspace: m.workspace, role: m.role as Role }));
}

export async function listMembers(db: Db, userId: string, workspaceId: string) {
  const access = await loadWorkspaceAccess(db, userId, workspaceId);
  authorize(access.role, "member.list");
  return db.membership.findMany({ where: { workspaceId }, include: MEMBER_INCLUDE, orderBy: { createdAt: "asc" } });
}

/** Refuses a change that would leave the workspace without an owner (run under lockWorkspace). */
async function assertOwnerRemains(tx: Tx, workspaceId: string, targetUserId: string) {
  const owners = await tx.membership.count({ where: { workspaceId, role: "owner", userId: { not: targetUserId } } });
  if (owners === 0) throw ConflictError("A workspace must keep at least one owner");
}

export async function changeMemberRole(tx: Tx, actor: Actor, input: z.output<typeof MemberRoleSchema>): Promise<Written<ReturnType<typeof presentMember>>> {
  const { workspaceId, userId, role } = input;
  const access = await loadWorkspaceAccess(tx, actor.userId, workspaceId);
  authorize(access.role, "member.changeRole");
  await lockWorkspace(tx, workspaceId);
  const target = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId } }, include: MEMBER_INCLUDE });
  if (!target) throw NotFoundError("Member");
  const from = target.role as Role;
  if (from === role) return { result: presentMember(target) };
  if (from === "owner") await assertOwnerRemains(tx, workspaceId, userId);
  const member = await tx.membership.update({ where: { id: target.id }, data: { role, version: { increment: 1 } }, include: MEMBER_INCLUDE });
  const event = await appendWorkspaceEvent(tx, {
    workspaceId,
    type: "member.role_changed",
    payload: { userId, displayName: target.user.displayName, from, to: role },
    actorId: actor.userId,
    clientMutationId: input.clientMutationId,
  });
  // Their sockets move to the rooms of the new role (the workspace events it reads), on every node.
  return { result: presentMember(member), workspaceEvents: [event], afterCommit: ({ publisher }) => publisher.changeRole(workspaceId, userId, role) };
}

/** Owners remove anyone; every member may remove themselves (leave). Their sockets leave the workspace's rooms after commit. */
export async function removeMember(tx: Tx, actor: Actor, input: z.output<typeof MemberRemoveSchema>): Promise<Written<{ userId: string }>> {
  const { workspaceId, userId } = input;
  const access = await loadWorkspaceAccess(tx, actor.userId, workspaceId);
  const leaving = userId === actor.userId;
  if (!leaving) authorize(access.role, "member.remove");
  await lockWorkspace(tx, workspaceId);
  const target = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId } }, include: MEMBER_INCLUDE });
  if (!target) throw NotFoundError("Member");
  if (target.role === "owner") await assertOwnerRemains(tx, workspaceId, userId);
  await tx.membership.delete({ where: { id: target.id } });
  const event = await appendWorkspaceEvent(tx, {
    workspaceId,
    type: "member.removed",
    payload: { userId, displayName: target.user.displayName, role: target.role as Role, left: leaving },
    actorId: actor.userId,
    clientMutationId: input.clientMutationId,
  });
  return { result: { userId }, workspaceEvents: [event], afterCommit: ({ publisher }) => publisher.revokeAccess(workspaceId, userId) };
}

export async function createInvite(tx: Tx, actor: Actor, input: z.output<typeof InviteCreateSchema>, services: MutationServices) {
  const { workspaceId, role } = input;
  const access = await loadWorkspaceAccess(tx, actor.userId, workspaceId);
  authorize(access.role, "invite.create");
  if (!canInviteAs(access.role, role)) throw ForbiddenError(`Your role (${access.role}) cannot invite a ${role}`);
  const token = newToken();
  const invite = await tx.invite.create({
    data: { id: newId("inv"), workspaceId, tokenHash: hashInviteToken(token), role, createdById: actor.userId, expiresAt: new Date(Date.now() + services.inviteTtlMs) },
  });
  const event = await appendWorkspaceEvent(tx, {
    workspaceId,
    type: "invite.created",
    payload: { inviteId: invite.id, role, expiresAt: invite.expiresAt.toISOString() },
    actorId: actor.userId,
  });
  return { result: { token, url: `${services.publicOrigin}/invite/${token}`, invite: presentInvite(invite) }, workspaceEvents: [event] };
}

export async function listInvites(db: Db, userId: string, workspaceId: string) {
  const access = await loadWorkspaceAccess(db, userId, workspaceId);
  authorize(access.role, "invite.list");
  const invites = await db.invite.findMany({ where: { workspaceId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } }, orderBy: { createdAt: "desc" } });
  // Pending means usable: an invite whose maker has left, or may no longer invite to its role,
  // lets nobody in (findUsableInvite), so it is not listed.
  const makers = await db.membership.findMany({ where: { workspaceId, userId: { in: [...new Set(invites.map((i) => i.createdById))] } }, select: { userId: true, role: true } });
  const roles = new Map(makers.map((m) => [m.userId, m.role as Role]));
  return invites.filter((i) => {
    const maker = roles.get(i.createdById);
    return maker !== undefined && canInviteAs(maker, i.role as Role);
  });
}

export async function revokeInvite(tx: Tx, actor: Actor, input: z.output<typeof InviteRevokeSchema>) {
  const { workspaceId, inviteId } = input;
  const access = await loadWorkspaceAccess(tx, actor.userId, workspaceId);
  authorize(access.role, "invite.revoke");
  const invite = await tx.invite.findFirst({ where: { id: inviteId, workspaceId, acceptedAt: null, revokedAt: null } });
  if (!invite) throw NotFoundError("Invite");
  await tx.invite.update({ where: { id: invite.id }, data: { revokedAt: new Date() } });
  const event = await appendWorkspaceEvent(tx, {
    workspaceId,
    type: "invite.revoked",
    payload: { inviteId, role: invite.role as Role },
    actorId: actor.userId,
    clientMutationId: input.clientMutationId,
  });
  return { result: { inviteId }, workspaceEvents: [event] };
}

/** Looks an invite up by token for a preview; unknown -> 404, used/revoked/expired, or its maker can no longer make it -> 410. */
export async function findUsableInvite(db: Db | Tx, token: string) {
  const invite = await db.invite.findUnique({ where: { tokenHash: hashInviteToken(token) }, include: { workspace: true } });
  if (!invite) throw NotFoundError("Invite");
  if (invite.acceptedAt) throw GoneError("This invite has already been used");
  if (invite.revokedAt) throw GoneError("This invite was revoked");
  if (invite.expiresAt.getTime() <= Date.now()) throw GoneError("This invite has expired");
  // An invite carries its maker's authority: once they are removed, or may no longer invite to
  // its role, it lets nobody in (a removed member would otherwise come back through their own).
  const maker = await db.membership.findUnique({ where: { workspaceId_userId: { workspaceId: invite.workspaceId, userId: invite.createdById } }, select: { role: true } });
  if (!maker || !canInviteAs(maker.role as Role, invite.role as Role)) throw GoneError("This invite no longer holds: whoever made it can no longer invite to this role");
  return invite;
}

/**
 * Accepts an invite exactly once: the token is consumed by a conditional update inside the
 * transaction that creates the membership, so two simultaneous accepts cannot both win.
 */
export async function acceptInvite(tx: Tx, actor: Actor, input: z.output<typeof InviteAcceptSchema>) {
  const invite = await findUsableInvite(tx, input.token);
  const existing = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId: invite.workspaceId, userId: actor.userId } } });
  if (existing) throw ConflictError("You are already a member of this workspace", { role: existing.role });
  const { count } = await tx.invite.updateMany({
    where: { id: invite.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    data: { acceptedAt: new Date(), acceptedById: actor.userId },
  });
  if (count === 0) throw GoneError("This invite has already been used");
  try {
    await tx.membership.create({ data: { id: newId("m"), workspaceId: invite.workspaceId, userId: actor.userId, role: invite.role } });
  } catch (e) {
    if (isUniqueViolation(e)) throw ConflictError("You are already a member of this workspace");
    throw e;
  }
  const role = invite.role as Role;
  const person = { userId: actor.userId, displayName: actor.displayName };
  const accepted = await appendWorkspaceEvent(tx, { workspaceId: invite.workspaceId, type: "invite.accepted", payload: { ...person, inviteId: invite.id, role }, actorId: actor.userId });
  const joined = await appendWorkspaceEvent(tx, { workspaceId: invite.workspaceId, type: "member.joined", payload: { ...person, role, inviteId: invite.id }, actorId: actor.userId });
  return { result: presentWorkspace(invite.workspace, role), workspaceEvents: [accepted, joined] };
}

import type { InviteDto, MemberDto, Role, WorkspaceDto } from "../../../common/workspaces.ts";
import { abilitiesOf } from "../../../common/policy.ts";

export function presentWorkspace(w: { id: string; name: string; createdAt: Date }, role: Role): WorkspaceDto & { abilities: ReturnType<typeof abilitiesOf> } {
  return { id: w.id, name: w.name, role, createdAt: w.createdAt.toISOString(), abilities: abilitiesOf(role) };
}

export function presentMember(m: { role: string; createdAt: Date; user: { id: string; displayName: string; email: string } }): MemberDto {
  return { userId: m.user.id, displayName: m.user.displayName, email: m.user.email, role: m.role as Role, joinedAt: m.createdAt.toISOString() };
}

export function presentInvite(i: { id: string; role: string; createdAt: Date; expiresAt: Date; createdById: string }): InviteDto {
  return { id: i.id, role: i.role as Role, createdAt: i.createdAt.toISOString(), expiresAt: i.expiresAt.toISOString(), createdBy: i.createdById };
}

/**
 * Who may do what in a workspace, in one place. Roles rank owner > editor > analyst > viewer;
 * each action names the lowest role allowed. Non-members are answered 404 by the loaders,
 * never by these rules, so that a workspace's existence does not leak.
 */
import type { Role } from "../../../common/workspaces.ts";

const RANK: Record<Role, number> = { viewer: 0, analyst: 1, editor: 2, owner: 3 };

const LOWEST_ROLE = {
  "workspace.read": "viewer",
  "workspace.rename": "owner",
  "member.list": "viewer",
  "member.changeRole": "owner",
  "member.remove": "owner",
  "invite.list": "editor",
  "invite.create": "editor",
  "invite.revoke": "editor",
  "document.read": "viewer",
  "document.import": "editor",
  "document.delete": "editor",
  "annotation.create": "analyst",
  "annotation.moderate": "editor",
  "tag.manage": "editor",
  "tag.apply": "analyst",
  /** Move one's own claim between open and in_review (propose it for review, withdraw it). */
  "claim.propose": "analyst",
  /** Decide, amend and reopen verdicts; move anyone's claim. */
  "claim.decide": "editor",
  "claim.assign": "editor",
} as const satisfies Record<string, Role>;

export type WorkspaceAction = keyof typeof LOWEST_ROLE;

export function atLeast(role: Role, min: Role): boolean {
  return RANK[role] >= RANK[min];
}

/** True when `role` may perform `action`. */
export function can(role: Role, action: WorkspaceAction): boolean {
  return atLeast(role, LOWEST_ROLE[action]);
}

/** An inviter can hand out at most their own role (editors cannot mint owners). */
export function canInviteAs(inviter: Role, invited: Role): boolean {
  return can(inviter, "invite.create") && atLeast(inviter, invited);
}

/** The abilities a member has, sent with responses so the client never re-derives them. */
export function abilitiesOf(role: Role): Record<WorkspaceAction, boolean> {
  const out = {} as Record<WorkspaceAction, boolean>;
  for (const action of Object.keys(LOWEST_ROLE) as WorkspaceAction[]) out[action] = can(role, action);
  return out;
}
